// Exports of the report shown: its analysis as JSON, its figures as CSV, a Markdown summary (the last
// two by the exports module, fetched on first use), and the print view.
import { $ } from "../lib/dom.js";
import { BOM, baseName, download, exporting } from "../lib/download.js";
import { callExports } from "../lib/wasm.js";
import { currentReport } from "./workspace.js";

const saving = (fn) => () => exporting(async () => {
  const report = currentReport();
  if (report) await fn(report.analysis, baseName(report.source, report.analysis));
});

$("export-json").addEventListener("click", saving((analysis, name) =>
  download(`${name}.analysis.json`, `${JSON.stringify(analysis, null, 2)}\n`, "application/json")));
$("export-csv").addEventListener("click", saving(async (analysis, name) =>
  download(`${name}.figures.csv`, BOM + (await callExports((a) => a.figuresCsv([analysis]))), "text/csv;charset=utf-8")));
$("export-md").addEventListener("click", saving(async (analysis, name) =>
  download(`${name}.summary.md`, await callExports((a) => a.toMarkdown(analysis)), "text/markdown;charset=utf-8")));
$("print-button").addEventListener("click", () => window.print());

// Print every folded part (sub-items, further evidence) and restore afterwards.
let openedForPrint = [];
window.addEventListener("beforeprint", () => {
  openedForPrint = [...document.querySelectorAll("#results details:not([open]), #batch details:not([open])")];
  for (const d of openedForPrint) d.open = true;
});
window.addEventListener("afterprint", () => {
  for (const d of openedForPrint) d.open = false;
  openedForPrint = [];
});
