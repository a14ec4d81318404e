// `make size`: the wasm modules and their JS glue, raw and gzip -9. The budget (200 KB gzip) is for
// what a page downloads to analyze: the analysis module. The docx reader and the exports (Markdown,
// CSV, comparison) load on first use and are reported beside it.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET_GZIP = 200_000;
const modules = ["report_analyzer", "report_analyzer_docx", "report_analyzer_exports"];
const files = modules.flatMap((m) => [`pkg/${m}_bg.wasm`, `pkg/${m}.js`]);
const gzip = {};
for (const f of files) {
  const raw = readFileSync(f);
  gzip[f] = gzipSync(raw, { level: 9 }).length;
  console.log(`${f.padEnd(40)} ${String(raw.length).padStart(9)} bytes  ${String(gzip[f]).padStart(8)} gzip`);
}
const analysis = gzip["pkg/report_analyzer_bg.wasm"];
const all = modules.reduce((n, m) => n + gzip[`pkg/${m}_bg.wasm`], 0);
const verdict = analysis <= BUDGET_GZIP ? "within" : "OVER";
console.log(`analysis wasm gzip ${(analysis / 1000).toFixed(1)} KB: ${verdict} the ${BUDGET_GZIP / 1000} KB budget (all three modules: ${(all / 1000).toFixed(1)} KB)`);
