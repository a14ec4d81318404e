// `make size`: the wasm modules and their JS glue, raw and gzip -9, against their budgets
// (DEVELOPERS.md): the analysis module the page loads first ≤ 220 KB gzip, in either of its builds (with
// WebAssembly SIMD, or without for older engines: the page fetches one); every module loaded on first
// use (readers, exports, …) ≤ 150 KB gzip. A new module is one line of MODULES.
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const FIRST_LOAD = 220_000;
const ON_FIRST_USE = 150_000;
/** [module, budget of its wasm in gzip bytes, what it is]. */
const MODULES = [
  ["report_analyzer", FIRST_LOAD, "analysis (loaded with the page)"],
  ["report_analyzer_docx", ON_FIRST_USE, ".docx reader (first .docx)"],
  ["report_analyzer_readers", ON_FIRST_USE, "PDF, OFD, .doc/.wps, .docx, .zip readers (first such file)"],
  ["report_analyzer_exports", ON_FIRST_USE, "exports and comparison (first export or batch)"],
  ["report_analyzer_similar", ON_FIRST_USE, "雷同检测 (a batch compared)"],
  ["report_analyzer_memo", ON_FIRST_USE, "审核意见 and 通报 (first memo)"],
];

const gz = (f) => gzipSync(readFileSync(f), { level: 9 }).length;
let over = false;
const check = (file, budget, what) => {
  const size = gz(file);
  const verdict = size <= budget ? "within" : "OVER";
  over ||= size > budget;
  console.log(`${file.padEnd(42)} ${String(readFileSync(file).length).padStart(9)} bytes ${(size / 1000).toFixed(1).padStart(7)} KB gzip  ${verdict} ${budget / 1000} KB  ${what}`);
  return size;
};
let all = 0;
for (const [name, budget, what] of MODULES) {
  all += check(`pkg/${name}_bg.wasm`, budget, what);
  const glue = `pkg/${name}.js`;
  console.log(`${glue.padEnd(42)} ${String(readFileSync(glue).length).padStart(9)} bytes ${(gz(glue) / 1000).toFixed(1).padStart(7)} KB gzip  (JS glue)`);
}
const simd = "pkg/report_analyzer_simd_bg.wasm";
if (existsSync(simd)) check(simd, FIRST_LOAD, "analysis, SIMD build (where the engine has SIMD)");
console.log(`all modules a page may load (baseline analysis): ${(all / 1000).toFixed(1)} KB gzip`);
if (over) process.exitCode = 1;
