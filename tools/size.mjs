// `make size`: the wasm modules and their JS glue, raw and gzip -9. The budget (200 KB gzip) is for
// what a page downloads to analyze: the analysis module. The exports module (Markdown, CSV,
// comparison) loads on first use and is reported beside it.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET_GZIP = 200 * 1024;
const files = ["pkg/report_analyzer_bg.wasm", "pkg/report_analyzer.js", "pkg/report_analyzer_exports_bg.wasm", "pkg/report_analyzer_exports.js"];
const gzip = {};
for (const f of files) {
  const raw = readFileSync(f);
  gzip[f] = gzipSync(raw, { level: 9 }).length;
  console.log(`${f.padEnd(40)} ${String(raw.length).padStart(9)} bytes  ${String(gzip[f]).padStart(8)} gzip`);
}
const analysis = gzip["pkg/report_analyzer_bg.wasm"];
const both = analysis + gzip["pkg/report_analyzer_exports_bg.wasm"];
const verdict = analysis <= BUDGET_GZIP ? "within" : "OVER";
console.log(`analysis wasm gzip ${(analysis / 1024).toFixed(1)} KiB: ${verdict} the ${BUDGET_GZIP / 1024} KiB budget (with the exports module: ${(both / 1024).toFixed(1)} KiB)`);
