// `make size`: the wasm and JS glue sizes, raw and gzip -9, against the budget (200 KB gzip).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET_GZIP = 200 * 1024;
const files = ["pkg/report_analyzer_bg.wasm", "pkg/report_analyzer.js"];
let wasmGzip = 0;
for (const f of files) {
  const raw = readFileSync(f);
  const gz = gzipSync(raw, { level: 9 }).length;
  if (f.endsWith(".wasm")) wasmGzip = gz;
  console.log(`${f.padEnd(32)} ${String(raw.length).padStart(9)} bytes  ${String(gz).padStart(8)} gzip`);
}
const verdict = wasmGzip <= BUDGET_GZIP ? "within" : "OVER";
console.log(`wasm gzip ${(wasmGzip / 1024).toFixed(1)} KiB: ${verdict} the ${BUDGET_GZIP / 1024} KiB budget`);
