// `make bench-readers`: PDF text extraction, natively against poppler's `pdftotext` on the same files in
// the same run, and the readers wasm module (pkg/report_analyzer_readers.js) in V8 (Node). Prints a table.
//
// Native: each file read by its own process, `report-analyzer text FILE` and `pdftotext -enc UTF-8 FILE -`
// (process start included: what a user runs), the two taking turns file by file, round after round
// (this machine's speed drifts between minutes; taking turns, both share the drift); the best of
// ROUNDS rounds per file. Wasm: readDocument on the same bytes, after warm-up passes, best of ROUNDS,
// in Node and in headless Chromium (the page's own module, served by tools/serve.mjs).
// Pages: the form feeds of our text + 1 (pdftotext puts one form feed after each page).
import { readFileSync, readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "./serve.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const CLI = `${root}/target/release/report-analyzer`;
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const dir = `${root}/tests/fixtures/readers/`;

const readers = await import(new URL("../pkg/report_analyzer_readers.js", import.meta.url));
readers.initSync({ module: readFileSync(`${root}/pkg/report_analyzer_readers_bg.wasm`) });

const run = (cmd, args) => {
  const t = performance.now();
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = performance.now() - t;
  return { ms, ok: r.status === 0, out: r.stdout };
};

// The PDFs with a text layer (the ones our reader refuses, with a message, are left out).
const files = [];
for (const name of readdirSync(dir).filter((n) => n.endsWith(".pdf")).sort()) {
  const path = dir + name;
  const ours = run(CLI, ["text", path]);
  const poppler = run("pdftotext", ["-enc", "UTF-8", path, "-"]);
  if (!ours.ok || !poppler.ok) continue;
  const pages = ours.out.split("\f").length;
  files.push({ name, path, bytes: readFileSync(path), pages, ours: Infinity, poppler: Infinity, wasm: Infinity });
}

for (let r = 0; r < ROUNDS; r++) {
  for (const f of files) {
    const [first, second] = r % 2 ? ["poppler", "ours"] : ["ours", "poppler"];
    for (const who of [first, second]) {
      const { ms } = who === "ours" ? run(CLI, ["text", f.path]) : run("pdftotext", ["-enc", "UTF-8", f.path, "-"]);
      f[who] = Math.min(f[who], ms);
    }
  }
}

// The wasm module: warm up (V8 tiers hot functions up), then the best of ROUNDS per file.
for (let r = 0; r < 5; r++) for (const f of files) readers.readDocument(f.bytes, f.name);
for (let r = 0; r < ROUNDS; r++) {
  for (const f of files) {
    const t = performance.now();
    readers.readDocument(f.bytes, f.name);
    f.wasm = Math.min(f.wasm, performance.now() - t);
  }
}

// The same in Chromium: the module as the page fetches it, each file's bytes handed in once.
const server = await startServer({ port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/www/`);
  const best = await page.evaluate(async ({ list, rounds }) => {
    const readers = await import("/pkg/report_analyzer_readers.js");
    await readers.default();
    const docs = list.map(([name, b64]) => [name, Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))]);
    for (let r = 0; r < 5; r++) for (const [name, bytes] of docs) readers.readDocument(bytes, name);
    const out = docs.map(() => Infinity);
    for (let r = 0; r < rounds; r++) {
      docs.forEach(([name, bytes], i) => {
        const t = performance.now();
        readers.readDocument(bytes, name);
        out[i] = Math.min(out[i], performance.now() - t);
      });
    }
    return out;
  }, { list: files.map((f) => [f.name, f.bytes.toString("base64")]), rounds: ROUNDS });
  files.forEach((f, i) => {
    f.chromium = best[i];
  });
} finally {
  await browser.close();
  await server.close();
}

const pad = (s, n) => String(s).padStart(n);
const head = `${"file".padEnd(30)} ${pad("KB", 6)} ${pad("pages", 5)} ${pad("pdftotext ms", 12)} ${pad("ours ms", 8)} ${pad("ours/pdftotext", 14)} ${pad("wasm ms", 8)} ${pad("wasm pages/s", 12)} ${pad("chromium ms", 11)} ${pad("pages/s", 7)}`;
console.log(head);
console.log("-".repeat(head.length));
const total = { kb: 0, pages: 0, ours: 0, poppler: 0, wasm: 0, chromium: 0 };
for (const f of files) {
  const kb = f.bytes.length / 1000;
  console.log(
    `${f.name.padEnd(30)} ${pad(kb.toFixed(0), 6)} ${pad(f.pages, 5)} ${pad(f.poppler.toFixed(1), 12)} ${pad(f.ours.toFixed(1), 8)} ${pad((f.ours / f.poppler).toFixed(2), 14)} ${pad(f.wasm.toFixed(1), 8)} ${pad(((f.pages * 1000) / f.wasm).toFixed(0), 12)} ${pad(f.chromium.toFixed(1), 11)} ${pad(((f.pages * 1000) / f.chromium).toFixed(0), 7)}`,
  );
  total.kb += kb;
  total.pages += f.pages;
  total.ours += f.ours;
  total.poppler += f.poppler;
  total.wasm += f.wasm;
  total.chromium += f.chromium;
}
console.log("-".repeat(head.length));
console.log(
  `${`all ${files.length} files`.padEnd(30)} ${pad(total.kb.toFixed(0), 6)} ${pad(total.pages, 5)} ${pad(total.poppler.toFixed(1), 12)} ${pad(total.ours.toFixed(1), 8)} ${pad((total.ours / total.poppler).toFixed(2), 14)} ${pad(total.wasm.toFixed(1), 8)} ${pad(((total.pages * 1000) / total.wasm).toFixed(0), 12)} ${pad(total.chromium.toFixed(1), 11)} ${pad(((total.pages * 1000) / total.chromium).toFixed(0), 7)}`,
);
console.log(`native: one process per file, process start included, best of ${ROUNDS} rounds taking turns; goal: ours/pdftotext <= 2`);
console.log(`wasm: readDocument in Node ${process.version} (V8) and in headless Chromium, best of ${ROUNDS} after 5 warm-up passes`);
if (total.ours > 2 * total.poppler) {
  console.log("OVER the goal: our reader is more than twice as slow as pdftotext on these files");
}
