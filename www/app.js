// report-analyzer page: plain ES modules, no framework, no bundler. This file wires the input (paste,
// pick or drop files, a custom checklist) to the two views: the workspace for one report
// (report/workspace.js) and the batch comparison (batch/run.js).
import { $, fmtNumber, scrollBehavior } from "./lib/dom.js";
import { analysisApi, analysisModule, analyzeFileHere, ArchiveError, callAnalysis } from "./lib/wasm.js";
import { clearError, describeError, setStatus, showError, statusText } from "./lib/messages.js";
import { currentReport, hideReport, onReportShown, showReport } from "./report/workspace.js";
import "./report/exports.js";
import { batchEntry, batchTable, clearBatch, configureBatch, hasBatch, hideBatchView, MAX_FILE_BYTES, runBatch, showBatchView } from "./batch/run.js";
import "./batch/exports.js";
import "./batch/memos.js";
import { expandArchives, isArchive } from "./batch/archives.js";

const DEBOUNCE_MS = 300;
const ui = {
  input: $("input-text"),
  analyze: $("analyze-button"),
  clear: $("clear-button"),
  file: $("file-input"),
  checklistFile: $("checklist-input"),
  checklistReset: $("checklist-reset"),
  drop: $("drop-zone"),
  results: $("results"),
  back: $("back-to-batch"),
  version: $("version"),
};

let debounceTimer = 0;
/** A checklist the user loaded (the object `parseChecklist` returned), or null for the built-in one. */
let customChecklist = null;

/** Options of every analysis: the source name and the user's checklist, if any. */
function options(source) {
  const o = {};
  if (source) o.source = source;
  if (customChecklist) o.checklist = customChecklist;
  return o;
}

/** Show a report in the workspace. A report opened from the batch takes the batch view's place (the
 * way back restores it); any other report shows below it. */
function present(report) {
  if (report.batchIndex != null) hideBatchView();
  setStatus(showReport(report));
}
onReportShown((report) => {
  ui.back.hidden = !hasBatch();
  batchTable.markCurrent(report.batchIndex ?? null);
});

async function analyzeText({ auto = false } = {}) {
  clearTimeout(debounceTimer);
  if (!analysisApi()) return;
  const text = ui.input.value;
  if (auto && text.trim() === "") {
    clearError();
    return;
  }
  const t0 = performance.now();
  try {
    const analysis = await callAnalysis((a) => a.analyze(text, options(null)));
    clearError();
    present({ text, analysis, source: null, ms: performance.now() - t0 });
  } catch (e) {
    const [message, detail] = describeError(e, null);
    showError(message, detail);
    setStatus("分析未完成。");
  }
}

async function analyzeFile(file, batchIndex = null) {
  if (!analysisApi()) return;
  clearTimeout(debounceTimer);
  if (file.size > MAX_FILE_BYTES) {
    showError(`文件“${file.name}”太大（${fmtNumber(Math.round(file.size / 1048576))} MB），上限为 50 MB。`);
    return;
  }
  setStatus(`正在读取“${file.name}”……`);
  const t0 = performance.now();
  try {
    const { text, analysis } = await analyzeFileHere(file, options(file.name));
    clearError();
    ui.input.value = text;
    present({ text, analysis, source: file.name, ms: performance.now() - t0, batchIndex });
    if (batchIndex != null) {
      ui.results.scrollIntoView({ block: "start", behavior: scrollBehavior() });
      ui.results.focus({ preventScroll: true });
    }
  } catch (e) {
    // A .zip by its content, whatever its name: a batch of its reports.
    if (e instanceof ArchiveError && batchIndex == null) return startBatch(await expandArchives([file], () => true));
    const [message, detail] = describeError(e, file.name);
    showError(message, detail);
    setStatus("分析未完成。");
  }
}

/** Several files, or an archive of reports: a batch. */
async function analyzeFiles(files) {
  if (files.length === 1 && !isArchive(files[0])) return analyzeFile(files[0]);
  if (!files.length) return;
  if (files.some(isArchive)) {
    setStatus("正在读取压缩包中的报告……");
    files = await expandArchives(files);
  }
  return startBatch(files);
}

function startBatch(files) {
  clearError();
  hideReport();
  ui.back.hidden = true;
  $("batch").scrollIntoView({ block: "nearest", behavior: scrollBehavior() });
  return runBatch(files);
}

configureBatch({
  // A row of the comparison opens its report: its text is read again from its file.
  open: (i) => {
    const entry = batchEntry(i);
    if (entry?.status === "done") analyzeFile(entry.file, i);
  },
  options,
});

ui.back.addEventListener("click", () => {
  const index = currentReport()?.batchIndex;
  hideReport();
  showBatchView();
  $("batch").scrollIntoView({ block: "start", behavior: scrollBehavior() });
  if (index != null) batchTable.reveal(index);
  ($("compare").querySelector("tr.is-current .open-report") ?? $("compare").querySelector(".open-report"))?.focus({ preventScroll: true });
});

// ---- input wiring

ui.input.addEventListener("input", () => {
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(() => analyzeText({ auto: true }), DEBOUNCE_MS);
});
ui.analyze.addEventListener("click", () => analyzeText());
ui.input.addEventListener("keydown", (ev) => {
  if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
    ev.preventDefault();
    analyzeText();
  }
});
ui.file.addEventListener("change", () => {
  const files = [...(ui.file.files ?? [])];
  ui.file.value = ""; // choosing the same file(s) again analyzes them again
  analyzeFiles(files);
});

ui.checklistFile.addEventListener("change", async () => {
  const file = ui.checklistFile.files?.[0];
  ui.checklistFile.value = "";
  if (!file || !analysisApi()) return;
  try {
    const parsed = await callAnalysis(async (a) => a.parseChecklist(await file.text()));
    customChecklist = parsed;
    ui.checklistReset.hidden = false;
    clearError();
    setStatus(`已载入检查清单“${parsed.name}”（${parsed.items.length} 项）。`);
    await reanalyze();
  } catch (e) {
    const [message, detail] = describeError(e, file.name);
    showError(`检查清单“${file.name}”无法使用：${message}`, detail);
  }
});
ui.checklistReset.addEventListener("click", async () => {
  customChecklist = null;
  ui.checklistReset.hidden = true;
  setStatus("已恢复内置检查清单。");
  await reanalyze();
});

/** Analyze the shown report again (after the checklist changed). */
async function reanalyze() {
  const report = currentReport();
  if (!report) return;
  const analysis = await callAnalysis((a) => a.analyze(report.text, options(report.source)));
  present({ ...report, analysis, ms: 0 });
}

ui.clear.addEventListener("click", () => {
  clearTimeout(debounceTimer);
  ui.input.value = "";
  ui.file.value = "";
  clearBatch();
  hideReport();
  clearError();
  setStatus(analysisApi() ? "已清空。" : statusText());
  ui.input.focus();
});

// Dropping files anywhere on the page analyzes them (instead of the browser opening them):
// one file → the workspace, several → a batch and the comparison table.
const hasFiles = (ev) => [...(ev.dataTransfer?.types ?? [])].includes("Files");
let dragDepth = 0;
const setDragging = (on) => {
  ui.drop.classList.toggle("dragging", on);
  document.body.classList.toggle("dragging", on);
};
window.addEventListener("dragenter", (ev) => {
  if (!hasFiles(ev)) return;
  ev.preventDefault();
  dragDepth += 1;
  setDragging(true);
});
window.addEventListener("dragover", (ev) => {
  if (!hasFiles(ev)) return;
  ev.preventDefault();
  ev.dataTransfer.dropEffect = "copy";
  setDragging(true);
});
window.addEventListener("dragleave", (ev) => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0 || ev.relatedTarget == null) setDragging(false);
});
window.addEventListener("drop", (ev) => {
  if (!hasFiles(ev)) return;
  ev.preventDefault();
  dragDepth = 0;
  setDragging(false);
  if (ev.target.closest?.("[data-drop-own]")) return; // a drop zone of its own (the memo's 上一稿)
  if (!analysisApi()) {
    showError("分析模块尚未加载完成，请稍候再拖入文件。");
    return;
  }
  analyzeFiles([...(ev.dataTransfer.files ?? [])]);
});

// ---- start

async function start() {
  try {
    await analysisModule.load();
  } catch (e) {
    document.body.dataset.ready = "error";
    showError("分析模块加载失败，页面无法分析。请先运行 make build-wasm，并通过 HTTP（make serve）打开本页。", String(e?.message ?? e));
    setStatus("分析模块未加载。");
    return;
  }
  try {
    ui.version.textContent = `v${analysisApi().version().version}`;
  } catch {
    /* version is cosmetic */
  }
  ui.analyze.disabled = false;
  document.body.dataset.ready = "1";
  setStatus("就绪：粘贴报告或选择文件。");
  if (ui.input.value.trim()) analyzeText({ auto: true });
  else (window.requestIdleCallback ?? setTimeout)(warmUp);
}

// The first analysis in a fresh module builds the tables (characters, units, cues, checklists) and has
// V8 compile the code it runs: about 30 ms here, against ~2 ms for a 30 KB report afterwards. A short
// sample analyzed while the page is idle spares the user's first report that wait (`make bench`).
const WARM_UP = "某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n（一）深入学习贯彻习近平法治思想。全年办理行政复议案件12件，同比增长5.2%。\n二、存在的不足和原因\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n四、2024年工作安排";
function warmUp() {
  if (currentReport() || !analysisApi()) return;
  try {
    analysisApi().analyze(WARM_UP);
  } catch {
    /* a real analysis reports any problem */
  }
}

start();
