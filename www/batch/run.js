// A batch: many files analyzed by the worker pool, each report's row added to the comparison as it is
// ready, with progress (count, time left), cancel and resume; a file that fails is named and the others
// go on. What the page keeps of a report is its row (a few hundred bytes); its text is read again from
// its File when it is opened. The page never asks a File for its size: in Chromium the first `size` of
// a file on disk is a synchronous stat on the main thread (0.3 ms each: a second for 3,000 files); the
// workers check and read the files.
import { $, el, fmtNumber, fmtSeconds, frameThrottle, intervalThrottle } from "../lib/dom.js";
import { callExports, analysisModule, exportsModule } from "../lib/wasm.js";
import { describeError, setStatus, showError } from "../lib/messages.js";
import { makeColumns } from "./columns.js";
import { Filters } from "./filters.js";
import { runPool } from "./pool.js";
import { Summary } from "./summary.js";
import { CompareTable } from "./table.js";
import { offerSimilar, resetSimilar, setSimilarColumns, similarColumns } from "./similar.js";

/** The largest file analyzed (the workers refuse larger ones with this in the message). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

const ui = {
  batch: $("batch"),
  cancel: $("batch-cancel"),
  resume: $("batch-resume"),
  progress: $("batch-progress"),
  fill: $("batch-progress-fill"),
  status: $("batch-status"),
  failures: $("batch-failures"),
  wrap: $("compare-wrap"),
  exports: ["export-compare-csv", "export-compare-md", "export-batch-json"].map($),
};
const enableExports = (on) => {
  for (const b of ui.exports) b.disabled = !on;
};

/** { entries, columns, meta, startTime, pool, running, elapsed, t0, finished, answered, left } */
let batch = null;
let openEntry = () => {};
let optionsFor = () => ({});

const table = new CompareTable({ table: $("compare"), wrap: ui.wrap, groups: $("column-groups"), onOpen: (i) => openEntry(i) });
const filters = new Filters($("batch-filters"), (accept) => {
  table.setFilter(accept);
  showCount();
});
const summary = new Summary($("batch-summary"), (values) => filters.apply(values));
const showCount = frameThrottle(() => filters.showCount(table.view.length, batch?.finished ?? 0));

/** `open(index)` opens an entry in the workspace; `options(name)` gives each file's analysis options. */
export function configureBatch({ open, options }) {
  openEntry = open;
  optionsFor = options;
}

export const batchEntry = (i) => batch?.entries[i] ?? null;
export const hasBatch = () => batch != null;
export const batchTable = table;
/** The analyzed entries in the order the table shows them (filtered and sorted as the reader left it). */
export const shownEntries = () => (batch ? table.view.map((i) => batch.entries[i]) : []);

/** Analyze `files` as a new batch: File objects, or `{name, error}` for what could not be read (an
 * archive's damaged member: named among the failures). */
export async function runBatch(files) {
  const startTime = performance.mark("ra-batch-start").startTime;
  cancelBatch();
  const api = await analysisModule.load();
  const { columns: ids, names } = api.compareColumns();
  const columns = makeColumns({ columns: ids, names });
  const entries = files.map((file, index) => ({ index, name: file.name, file, status: file instanceof Blob ? "pending" : "unreadable" }));
  batch = { entries, columns, meta: { columns: ids, names }, startTime, pool: null, running: false, elapsed: 0, finished: 0, answered: 0 };
  table.reset(entries, columns);
  resetSimilar(entries, () => table.addColumns(similarColumns(1000)));
  setSimilarColumns(columns);
  filters.reset(columns);
  summary.reset(columns);
  summary.setFiles(entries.length);
  ui.failures.replaceChildren();
  enableExports(false);
  ui.batch.hidden = false;
  document.body.classList.add("has-batch");
  // The year-over-year columns come from the exports module once the batch is complete: fetch it now.
  exportsModule.load().catch(() => {});
  // The view is drawn once before the workers start: its first layout (the first time its text is
  // shaped) then has a core of its own.
  setProgress(0, entries.length, `正在分析：0 / ${entries.length} 份`);
  for (const e of entries) {
    if (e.status !== "unreadable") continue;
    const [message, detail] = describeError(new Error(e.file.error), e.name);
    fail(batch, e, message, detail);
  }
  table.draw();
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  if (batch?.entries !== entries) return;
  await analyze(entries.filter((e) => e.status === "pending"));
}

/** Run the pool over `todo` (entries), then finish the batch unless it was stopped or replaced. */
async function analyze(todo) {
  const b = batch;
  const n = b.entries.length;
  b.running = true;
  b.t0 = performance.now();
  b.left = todo.length;
  b.answeredBefore = b.answered;
  ui.batch.dataset.done = "0";
  ui.cancel.hidden = false;
  ui.resume.hidden = true;
  table.setPending(true);
  setStatus(`正在后台分析 ${n} 份文件，页面可以照常使用。`);
  const tasks = todo.map((e) => {
    e.status = "running";
    e.options = optionsFor(e.name);
    return { id: e.index, name: e.name, file: e.file, options: e.options, mode: "summary" };
  });
  progress();
  b.pool = runPool(tasks, { module: analysisModule.compiled, onAnswer: (task, m) => answered(b, task, m) });
  await b.pool.done;
  if (batch !== b || !b.running) return;
  b.running = false;
  b.elapsed += performance.now() - b.t0;
  await finish(b);
}

function answered(b, task, m) {
  if (batch !== b) return;
  const e = b.entries[task.id];
  if (m.type === "result") {
    Object.assign(e, { status: "done", row: m.summary.row, input: m.summary.input, ms: m.ms });
    b.finished += 1;
    if (b.finished === 1) {
      enableExports(true);
      warmYearOverYear(e.row);
    }
    table.add(e);
    filters.add(e);
    summary.add(e);
    showCount();
  } else if (m.tooBig) {
    fail(b, e, `文件太大（${fmtNumber(Math.round(m.tooBig / 1048576))} MB），上限为 50 MB。`, null);
  } else if (m.panic) {
    fail(b, e, `分析器内部错误：${m.message}。已重启后台分析，其余文件继续分析。`, null);
  } else {
    const [message, detail] = describeError(new Error(m.message), e.name);
    fail(b, e, message, detail);
  }
  b.answered += 1;
  progress();
}

function fail(b, e, message, detail) {
  Object.assign(e, { status: "error", error: message, detail });
  summary.addFailure();
  if (!ui.failures.firstChild) ui.failures.append(el("h3"), el("ul", { class: "failures" }));
  ui.failures.querySelector("ul").append(el("li", { data: { testid: "batch-failure" } },
    el("strong", { text: e.name }), "：", message,
    detail && detail !== message ? el("span", { class: "error-detail", text: `（${detail}）` }) : null));
  ui.failures.querySelector("h3").textContent = `未能分析的文件（${ui.failures.querySelectorAll("li").length}）`;
}

const counted = (b) => b.entries.filter((e) => e.status === "done" || e.status === "error").length;

/** The bar and the line under it: how many, how long so far, about how long still (at most once a frame). */
const progress = intervalThrottle(() => {
  const b = batch;
  if (!b?.running) return;
  const n = b.entries.length;
  const done = counted(b);
  const spent = (b.elapsed + performance.now() - b.t0) / 1000;
  // Time left from this run's pace: seconds per file so far × files left.
  const here = b.answered - b.answeredBefore;
  const perFile = here > 0 ? (performance.now() - b.t0) / 1000 / here : 0;
  const left = here >= 3 ? ` · 约剩 ${fmtSeconds(perFile * (b.left - here))}` : "";
  setProgress(done, n, `正在分析：${done} / ${n} 份 · 已用 ${fmtSeconds(spent)}${left}`);
}, 200);

function setProgress(done, total, text) {
  ui.progress.setAttribute("aria-valuemax", String(total));
  ui.progress.setAttribute("aria-valuenow", String(done));
  ui.progress.setAttribute("aria-valuetext", `${done} / ${total}`);
  // A transform, not a width: the bar moves without laying the page out again.
  ui.fill.style.transform = `scaleX(${total ? (done / total).toFixed(4) : 0})`;
  if (text) ui.status.textContent = text;
}

/** The first call of a wasm function compiles it (tens of milliseconds): the year-over-year code is
 * compiled while the batch runs, on a one-row table, not in the task that ends the batch. */
function warmYearOverYear(row) {
  exportsModule.load().then((a) => a.yearOverYear([row]), () => {});
}

/** Let the browser draw and take input before the next step of the work. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The batch is complete: the year-over-year columns, the summary line, `data-done` — in separate tasks,
 * so that none of them holds the page up. */
async function finish(b) {
  const n = b.entries.length;
  const ok = b.entries.filter((e) => e.status === "done");
  try {
    const yoy = await callExports((a) => a.yearOverYear(ok.map((e) => e.row)));
    if (batch !== b) return;
    ok.forEach((e, k) => {
      e.yoy = yoy.rows[k];
    });
    await nextTask();
    if (batch !== b) return;
    table.addColumns(makeColumns({ columns: yoy.columns, names: yoy.columns }, b.columns.length, true, b.meta));
  } catch (err) {
    if (batch !== b) return;
    showError("较上年变化无法计算（导出模块加载失败）。", String(err?.message ?? err));
  }
  await nextTask();
  if (batch !== b) return;
  const notReports = ok.filter((e) => e.row[b.columns.find((c) => c.id === "score").at] == null).length;
  const failed = n - ok.length;
  const text = `已完成：${ok.length} / ${n} 份已分析${notReports ? `，其中 ${notReports} 份不是法治政府建设报告（不评分）` : ""}${failed ? `，${failed} 份未能分析` : ""}，用时 ${fmtNumber(Math.round(b.elapsed / 100) / 10)} 秒。`;
  table.setPending(false);
  ui.cancel.hidden = true;
  setProgress(n, n, text);
  // The line under the input points to the result rather than repeating the batch's own status.
  setStatus(`批量分析完成（${ok.length} / ${n} 份），结果见下方“多份报告对比”。`);
  // From the files' arrival to the complete comparison (`make bench-page` reads it).
  const wall = performance.measure("ra-batch", { start: b.startTime, end: performance.now() });
  ui.batch.dataset.ms = String(Math.round(wall.duration));
  await nextTask();
  if (batch !== b) return;
  filters.options();
  table.draw();
  offerSimilar();
  ui.batch.dataset.done = "1";
}

/** Stop the batch: the reports analyzed so far stay; the rest can be resumed. */
export function cancelBatch() {
  const b = batch;
  if (!b?.running) return;
  b.running = false;
  b.pool?.cancel();
  b.elapsed += performance.now() - b.t0;
  let left = 0;
  for (const e of b.entries) {
    if (e.status === "pending" || e.status === "running") {
      e.status = "cancelled";
      left += 1;
    }
  }
  table.setPending(false);
  filters.options();
  ui.cancel.hidden = true;
  ui.resume.hidden = left === 0;
  ui.resume.textContent = `继续分析其余 ${left} 份`;
  const done = counted(b);
  setProgress(done, b.entries.length, `已停止：分析了 ${done} / ${b.entries.length} 份，其余 ${left} 份未分析。`);
  setStatus("批量分析已停止。");
}

/** Forget the batch (the page's 清空). */
export function clearBatch() {
  cancelBatch();
  batch = null;
  ui.batch.hidden = true;
  document.body.classList.remove("has-batch");
}

ui.cancel.addEventListener("click", cancelBatch);
ui.resume.addEventListener("click", () => {
  if (!batch || batch.running) return;
  const todo = batch.entries.filter((e) => e.status === "cancelled");
  for (const e of todo) e.status = "pending";
  analyze(todo);
});

/** Show the batch view again, where the reader left it. */
export function showBatchView() {
  ui.batch.hidden = false;
  if (batch?.scroll != null) ui.wrap.scrollTop = batch.scroll;
  table.schedule();
}
/** Hide the batch view (a report is opened), keeping where the table was scrolled. */
export function hideBatchView() {
  if (batch) batch.scroll = ui.wrap.scrollTop;
  ui.batch.hidden = true;
}
