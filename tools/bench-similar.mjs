// `make bench-similar` (wasm part): 雷同检测 in the shipped similar module (pkg/report_analyzer_similar.js)
// in V8 (Node), over the first 100 (and 250) reports `cargo bench --bench similar` wrote to
// target/bench-similar/: adding them (addReport), comparing them (compareReports), and one pair's
// passages with spans (pairPassages); then the module's memory.
import { readFileSync, readdirSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const mod = await import(new URL("../pkg/report_analyzer_similar.js", import.meta.url));
const wasm = mod.initSync({ module: readFileSync(`${root}/pkg/report_analyzer_similar_bg.wasm`) });
const dir = `${root}/target/bench-similar/`;
const files = readdirSync(dir).sort();
const all = files.map((f) => readFileSync(dir + f, "utf8"));

function run(texts) {
  mod.clearReports();
  const t0 = performance.now();
  texts.forEach((t, i) => mod.addReport(t, { source: files[i] }));
  const t1 = performance.now();
  const result = mod.compareReports({ min_share: 0.05 });
  const t2 = performance.now();
  const top = result.pairs[0];
  const detail = mod.pairPassages(top.left, top.right, texts[top.left], texts[top.right]);
  const t3 = performance.now();
  return { add: t1 - t0, compare: t2 - t1, pair: t3 - t2, pairs: result.pairs.length, passages: detail.passages.length };
}

for (const n of [100, 250]) {
  const texts = all.slice(0, n);
  const kb = texts.reduce((s, t) => s + Buffer.byteLength(t), 0) / 1e3;
  // The first pass compiles and tiers up; the best of the next five is reported.
  let first = run(texts);
  let best = { add: Infinity, compare: Infinity, pair: Infinity };
  for (let r = 0; r < 5; r++) {
    const m = run(texts);
    for (const k of Object.keys(best)) best[k] = Math.min(best[k], m[k]);
  }
  const total = best.add + best.compare;
  console.log(
    `wasm similar (Node ${process.version}) ${n} reports, ${kb.toFixed(0)} KB: addReport ×${n} ${best.add.toFixed(0)} ms + ` +
      `compareReports ${best.compare.toFixed(0)} ms = ${total.toFixed(0)} ms (first pass ${(first.add + first.compare).toFixed(0)} ms); ` +
      `${first.pairs} pairs ≥ 5%; pairPassages ${best.pair.toFixed(1)} ms (${first.passages} passages); ` +
      `wasm memory ${(wasm.memory.buffer.byteLength / 1e6).toFixed(1)} MB`,
  );
}
mod.clearReports();
