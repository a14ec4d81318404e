// Exports of a batch, as the table shows it (filtered and sorted as the reader left it): the comparison
// as CSV or Markdown (the exports module, from the rows the page keeps), and every analysis as JSON —
// the files analyzed again by the worker pool, since the page keeps rows, not analyses.
import { $ } from "../lib/dom.js";
import { BOM, download, exporting } from "../lib/download.js";
import { analysisModule, callExports } from "../lib/wasm.js";
import { setStatus } from "../lib/messages.js";
import { runPool } from "./pool.js";
import { shownEntries } from "./run.js";

const fileName = (n, ext) => `法治政府建设报告对比-${n}份.${ext}`;

$("export-compare-csv").addEventListener("click", () => exporting(async () => {
  const entries = shownEntries();
  const csv = await callExports((a) => a.rowsCsv(entries.map((e) => e.row)));
  download(fileName(entries.length, "csv"), BOM + csv, "text/csv;charset=utf-8");
}));
$("export-compare-md").addEventListener("click", () => exporting(async () => {
  const entries = shownEntries();
  const md = await callExports((a) => a.rowsMarkdown(entries.map((e) => e.row)));
  download(fileName(entries.length, "md"), md, "text/markdown;charset=utf-8");
}));

let exportingJson = false;
$("export-batch-json").addEventListener("click", () => exporting(async () => {
  if (exportingJson) return;
  const entries = shownEntries();
  exportingJson = true;
  const button = $("export-batch-json");
  button.disabled = true;
  try {
    const parts = new Array(entries.length);
    let done = 0;
    const tasks = entries.map((e, k) => ({ id: k, name: e.name, file: e.file, options: e.options, mode: "json" }));
    const failed = [];
    await runPool(tasks, {
      module: analysisModule.compiled,
      onAnswer(task, m) {
        if (m.type === "result") parts[task.id] = m.json;
        else failed.push(task.name);
        done += 1;
        setStatus(`正在导出 JSON：${done} / ${entries.length} 份……`);
      },
    }).done;
    const body = parts.filter((p) => p != null);
    const blob = new Blob(["[\n", ...body.flatMap((p, k) => (k ? [",\n", p] : [p])), "\n]\n"], { type: "application/json" });
    download(fileName(body.length, "json"), blob, "application/json");
    if (failed.length) setStatus(`已导出 ${body.length} 份；${failed.length} 份未能导出：${failed.slice(0, 5).join("、")}${failed.length > 5 ? "……" : ""}`);
  } finally {
    exportingJson = false;
    button.disabled = false;
  }
}));
