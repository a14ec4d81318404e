// `make size`: the wasm modules and their JS glue, raw and gzip -9. The budget (200 KB gzip) is for
// what a page downloads to analyze: the analysis module, in either of its builds (with WebAssembly
// SIMD, or without for older engines: the page fetches one). The docx reader and the exports
// (Markdown, CSV, comparison) load on first use and are reported beside it.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET_GZIP = 200_000;
const modules = ["report_analyzer", "report_analyzer_docx", "report_analyzer_exports", "report_analyzer_similar"];
// Modules loaded on first use, each within its own budget (gzip).
const ON_USE_BUDGET_GZIP = { report_analyzer_similar: 150_000 };
const files = [...modules.flatMap((m) => [`pkg/${m}_bg.wasm`, `pkg/${m}.js`]), "pkg/report_analyzer_simd_bg.wasm"];
const gzip = {};
for (const f of files) {
  const raw = readFileSync(f);
  gzip[f] = gzipSync(raw, { level: 9 }).length;
  console.log(`${f.padEnd(40)} ${String(raw.length).padStart(9)} bytes  ${String(gzip[f]).padStart(8)} gzip`);
}
let over = false;
for (const [build, f] of [["baseline", "pkg/report_analyzer_bg.wasm"], ["SIMD", "pkg/report_analyzer_simd_bg.wasm"]]) {
  const verdict = gzip[f] <= BUDGET_GZIP ? "within" : "OVER";
  over ||= gzip[f] > BUDGET_GZIP;
  console.log(`analysis wasm (${build}) gzip ${(gzip[f] / 1000).toFixed(1)} KB: ${verdict} the ${BUDGET_GZIP / 1000} KB budget`);
}
for (const [m, budget] of Object.entries(ON_USE_BUDGET_GZIP)) {
  const g = gzip[`pkg/${m}_bg.wasm`];
  over ||= g > budget;
  console.log(`${m} wasm gzip ${(g / 1000).toFixed(1)} KB: ${g <= budget ? "within" : "OVER"} the ${budget / 1000} KB budget`);
}
const all = modules.reduce((n, m) => n + gzip[`pkg/${m}_bg.wasm`], 0);
console.log(`the ${modules.length} modules a page may load (baseline analysis): ${(all / 1000).toFixed(1)} KB gzip`);
if (over) process.exitCode = 1;
