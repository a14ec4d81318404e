// The 审核意见 of a batch (the reports the table shows, in its order): one memo per report as a .docx,
// all in one .zip — each file read and analyzed again here, since the page keeps rows, not texts; a
// report whose memo was opened in the workspace goes in as the reviewer edited it — and
// the 通报 of the batch from the comparison rows the table keeps (.docx, or its Markdown copied). Options
// (审核单位, 修改期限, date) are those of the 审核意见 tab.
import { $ } from "../lib/dom.js";
import { baseName, download, exporting } from "../lib/download.js";
import { analyzeFileHere, callMemo } from "../lib/wasm.js";
import { describeError, setStatus } from "../lib/messages.js";
import { activeEdit, exportMemo, keyOf, moduleOptions, rebuild, similarityFor, stateOf } from "../report/memo-model.js";
import { shownEntries } from "./run.js";

const buttons = ["export-memos", "export-bulletin", "copy-bulletin"].map($);
const MIME_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const analyzed = () => shownEntries().filter((e) => e.status === "done");

// Usable when the other batch exports are (as soon as one report is analyzed).
const csv = $("export-compare-csv");
const follow = () => {
  for (const b of buttons) if (!b.dataset.busy) b.disabled = csv.disabled;
};
new MutationObserver(follow).observe(csv, { attributes: true, attributeFilter: ["disabled"] });
follow();

/** Run `fn` with `button` disabled (one run at a time). */
const busy = (button, fn) => () => exporting(async () => {
  if (button.dataset.busy) return;
  button.dataset.busy = "1";
  button.disabled = true;
  try {
    await fn();
  } finally {
    delete button.dataset.busy;
    follow();
  }
});

/** A name not yet in `taken` (a second 报告.docx becomes 报告（2）.docx). */
function unique(name, taken) {
  let n = name;
  for (let k = 2; taken.has(n); k += 1) n = name.replace(/(\.[^.]+)$/, `（${k}）$1`);
  taken.add(n);
  return n;
}

$("export-memos").addEventListener("click", busy($("export-memos"), async () => {
  const entries = analyzed();
  const files = [];
  const failed = [];
  const taken = new Set();
  for (const [k, e] of entries.entries()) {
    setStatus(`正在生成审核意见：${k + 1} / ${entries.length} 份……`);
    try {
      const { text, analysis } = await analyzeFileHere(e.file, { ...(e.options ?? {}), source: e.name });
      // A report whose memo the reviewer opened (and maybe edited) in the workspace: that memo.
      const state = stateOf(keyOf(e.name, text));
      let memo;
      if (state) {
        await rebuild(state); // the options as they are now, the edits kept
        memo = exportMemo(activeEdit(state));
      } else {
        const similarity = await similarityFor(e.index, text).catch(() => null);
        memo = await callMemo((m) => m.memoItems(analysis, text, moduleOptions(similarity)))
          .catch((err) => (similarity ? callMemo((m) => m.memoItems(analysis, text, moduleOptions())) : Promise.reject(err)));
      }
      const bytes = await callMemo((m) => m.memoDocx(memo));
      files.push({ name: unique(`${baseName(e.name, analysis)}.审核意见.docx`, taken), bytes });
    } catch (err) {
      failed.push(`${e.name}（${describeError(err, e.name)[0]}）`);
    }
    await new Promise((resolve) => setTimeout(resolve, 0)); // let the page draw between reports
  }
  if (!files.length) throw new Error(`没有可生成审核意见的报告${failed.length ? `：${failed.join("；")}` : ""}`);
  const zip = await callMemo((m) => m.zipFiles(files));
  download(`审核意见-${files.length}份.zip`, zip, "application/zip");
  if (failed.length) setStatus(`已导出 ${files.length} 份审核意见；${failed.length} 份未能生成：${failed.slice(0, 5).join("、")}${failed.length > 5 ? "……" : ""}`);
}));

const rows = () => analyzed().map((e) => e.row);

$("export-bulletin").addEventListener("click", busy($("export-bulletin"), async () => {
  const r = rows();
  const bytes = await callMemo((m) => m.bulletinDocx(r, moduleOptions()));
  download(`审核情况通报-${r.length}份.docx`, bytes, MIME_DOCX);
}));

$("copy-bulletin").addEventListener("click", busy($("copy-bulletin"), async () => {
  const text = await callMemo((m) => m.bulletinMarkdown(rows(), moduleOptions()));
  await navigator.clipboard.writeText(text);
  setStatus(`已复制通报（Markdown，${text.length} 字）。`);
}));
