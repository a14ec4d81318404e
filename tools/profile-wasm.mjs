// `make profile-wasm`: where the wasm analysis spends its time in V8. The module is built with its
// function names kept (target/profile-pkg); this runs the full analysis over ../shared/corpus until V8
// has tiered it up, then samples 100 more passes with the inspector's CPU profiler and prints the
// functions with the most self time. Costs that are specific to wasm (a helper left un-inlined, a
// standard search without SIMD) show up here and not in `make profile`, which counts native instructions.
// `FN=analyzeJson make profile-wasm` (or `FN=analyze`, what the page calls) profiles a call with the
// hand-off to JavaScript instead: JSON text, UTF-16 offsets and the string decoding included.
import { readFileSync, readdirSync } from "node:fs";
import { Session } from "node:inspector/promises";

const root = new URL("..", import.meta.url).pathname;
const mod = await import(new URL("../target/profile-pkg/report_analyzer_profile.js", import.meta.url));
mod.initSync({ module: readFileSync(`${root}/target/profile-pkg/report_analyzer_profile_bg.wasm`) });
const corpus = ["seeds", "work-reports"].flatMap((d) => {
  const dir = `${root}/../shared/corpus/${d}/`;
  return readdirSync(dir).sort().map((f) => readFileSync(dir + f, "utf8"));
});
const passes = Number(process.env.PASSES ?? 100);
const fn = mod[process.env.FN ?? "benchAnalyze"];
if (typeof fn !== "function") throw new Error(`no export ${process.env.FN}`);
for (let r = 0; r < 40; r++) corpus.forEach((t) => fn(t));

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 100 });
await session.post("Profiler.start");
const start = performance.now();
for (let r = 0; r < passes; r++) corpus.forEach((t) => fn(t));
const ms = (performance.now() - start) / passes;
const { profile } = await session.post("Profiler.stop");

const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
profile.samples.forEach((id, k) => {
  const name = byId.get(id).callFrame.functionName || "(anonymous)";
  self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[k] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`${ms.toFixed(2)} ms per pass over the corpus (sampled); self time by function:`);
[...self.entries()]
  .sort((a, b) => b[1] - a[1])
  .slice(0, Number(process.env.TOP ?? 30))
  .forEach(([name, t]) => {
    const short = name.replace(/::h[0-9a-f]{16}$/, "").slice(0, 110);
    console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${short}`);
  });

// `CALLERS=regex`: for the functions whose name matches, their self time by calling function (inlined
// callers are not frames: the caller shown is the nearest one that was not inlined).
if (process.env.CALLERS) {
  const match = new RegExp(process.env.CALLERS);
  const parent = new Map();
  profile.nodes.forEach((n) => (n.children ?? []).forEach((c) => parent.set(c, n)));
  const by = new Map();
  profile.samples.forEach((id, k) => {
    const node = byId.get(id);
    if (!match.test(node.callFrame.functionName)) return;
    const key = `${node.callFrame.functionName.replace(/::h[0-9a-f]{16}$/, "").slice(0, 60)}  <-  ${(parent.get(id)?.callFrame.functionName ?? "?").replace(/::h[0-9a-f]{16}$/, "").slice(0, 70)}`;
    by.set(key, (by.get(key) ?? 0) + (profile.timeDeltas[k] ?? 0));
  });
  console.log(`\ncallers of /${process.env.CALLERS}/ (share of all self time):`);
  [...by.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .forEach(([key, t]) => console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${key}`));
}
