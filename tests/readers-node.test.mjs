// The readers module in Node (`make test-readers-node`, after `make build`): on every reader fixture,
// readDocument's text is the CLI's `report-analyzer text`, and analyzeDocument of it (the analysis
// module) gives the CLI's `analyze` (UTF-16 offsets aside); listArchive names what the CLI names.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import * as readers from "../pkg/report_analyzer_readers.js";
import * as analysis from "../pkg/report_analyzer.js";

const root = new URL("../", import.meta.url);
const FIXTURES = new URL("tests/fixtures/readers/", root);
const CLI = new URL("target/release/report-analyzer", root).pathname;
await readers.default({ module_or_path: await readFile(new URL("pkg/report_analyzer_readers_bg.wasm", root)) });
await analysis.default({ module_or_path: await readFile(new URL("pkg/report_analyzer_bg.wasm", root)) });

const strip16 = (v) => JSON.parse(JSON.stringify(v, (k, x) => (k === "start16" || k === "end16" ? undefined : x)));

for (const name of (await readdir(FIXTURES)).filter((n) => /\.(pdf|ofd|doc)$/.test(n)).sort()) {
  test(`${name}: the wasm text and analysis are the CLI's`, async () => {
    const path = new URL(name, FIXTURES).pathname;
    const bytes = new Uint8Array(await readFile(path));
    let cliText = null;
    let cliError = null;
    try {
      cliText = execFileSync(CLI, ["text", path], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 28 });
    } catch (e) {
      cliError = e.stderr.toString();
    }
    if (cliError !== null) {
      assert.throws(() => readers.readDocument(bytes, path), (e) => cliError.includes(e.message));
      return;
    }
    const doc = readers.readDocument(bytes, path);
    assert.equal(doc.text, cliText);
    assert.equal(readers.detectFormat(bytes, name), doc.format);
    assert.equal(analysis.detectFormat(bytes, name), doc.format);
    const { text, analysis: a } = analysis.analyzeDocument(doc, { source: path });
    assert.equal(text, cliText);
    const cli = JSON.parse(execFileSync(CLI, ["analyze", path], { encoding: "utf8", maxBuffer: 1 << 28 }));
    assert.deepEqual(strip16(a), cli);
  });
}

test("listArchive: a .zip's reports with their names; readDocument refuses the archive", async () => {
  const { execFileSync: run } = await import("node:child_process");
  const dir = execFileSync("mktemp", ["-d"], { encoding: "utf8" }).trim();
  run("cp", [new URL("seed-003.doc", FIXTURES).pathname, new URL("helloworld.ofd", FIXTURES).pathname, dir]);
  run("python3", ["-c", `import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]+'/b.zip','w',zipfile.ZIP_DEFLATED); [z.write(sys.argv[1]+'/'+n, 'd/'+n) for n in ['seed-003.doc','helloworld.ofd']]; z.close()`, dir]);
  const bytes = new Uint8Array(await readFile(`${dir}/b.zip`));
  assert.equal(readers.detectFormat(bytes, "b.zip"), "zip");
  assert.throws(() => readers.readDocument(bytes, "b.zip"), /archive/);
  const members = readers.listArchive(bytes, "b.zip");
  assert.deepEqual(members.map((m) => m.name), ["b.zip/d/seed-003.doc", "b.zip/d/helloworld.ofd"]);
  const cli = execFileSync(CLI, ["text", `${dir}/b.zip`], { encoding: "utf8" });
  for (const m of members) {
    assert.ok(cli.includes(readers.readDocument(m.bytes, m.name).text));
  }
});

// What fuzzing found (tests/fixtures/readers/fuzz/, see tests/readers.rs): in the wasm module too, each
// file gives its text or a clear Error — never a panic (a RuntimeError) that would take the module down.
test("fuzz findings: a text or a clear error in the wasm module", async () => {
  const dir = new URL("fuzz/", FIXTURES);
  for (const name of (await readdir(dir)).sort()) {
    const bytes = new Uint8Array(await readFile(new URL(name, dir)));
    try {
      if (name.startsWith("read_zip")) readers.listArchive(bytes, name);
      else readers.readDocument(bytes, name);
    } catch (e) {
      assert.ok(!(e instanceof WebAssembly.RuntimeError), `${name}: ${e}`);
      assert.equal(readers.lastPanic(), undefined, `${name}: panicked`);
    }
  }
});
