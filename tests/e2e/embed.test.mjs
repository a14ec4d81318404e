// The embedding story: the <report-analyzer> custom element on www/embed.html, and pkg/ as an npm package.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile, stat } from "node:fs/promises";
import { SEED_003, TITLE_002, TITLE_003, foreign, openPage, read, shot, useBrowser } from "./harness.mjs";

useBrowser();
const PKG = new URL("../../pkg/", import.meta.url);

describe("<report-analyzer> custom element", () => {
  test("embed.html: the element renders a card and fires `analyzed` with the analysis", async () => {
    const { page, context, errors, requests } = await openPage({ path: "/www/embed.html", ready: false });
    try {
      // Both demo elements (a GBK file by src, and inline text) report through the event log.
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="event-log"] li').length >= 2, null, { timeout: 15_000 });
      const log = await page.locator('[data-testid="event-log"]').textContent();
      assert.match(log, new RegExp(`#demo-src：analyzed —— ${TITLE_002}`));
      assert.match(log, /#demo-inline：analyzed —— 示例县人民政府关于2023年度法治政府建设情况的报告/);

      // The card (in the open shadow root): title, score, parts, areas.
      const card = page.locator("#demo-src");
      assert.equal(await card.locator("h3").textContent(), TITLE_002);
      assert.match(await card.locator(".score").textContent(), /^\d+(\.\d)?\/ 100 分$/);
      assert.equal(await card.locator('[part="parts"] li').count(), 4);
      assert.match(await card.locator('[part="parts"]').textContent(), /R1 举措成效/);
      assert.ok((await card.locator('[part="areas"] li').count()) >= 5);
      // Shadow styles apply under the page's CSP (no 'unsafe-inline').
      assert.equal(await card.locator(".card").evaluate((e) => getComputedStyle(e).borderTopStyle), "solid");
      // The `analysis` property.
      assert.equal(await page.evaluate(() => document.querySelector("#demo-src").analysis.meta.title), TITLE_002);
      assert.equal(await page.evaluate(() => document.querySelector("#demo-inline").analysis.meta.year), 2023);

      // A portal creates one from script: the `text` property, the event's detail.
      const text = await read(SEED_003);
      const detail = await page.evaluate((t) => new Promise((resolve) => {
        const el = document.createElement("report-analyzer");
        el.addEventListener("analyzed", (e) => resolve({ title: e.detail.meta.title, scored: e.detail.score != null, same: e.detail === el.analysis }));
        el.text = t;
        document.querySelector("main").append(el);
      }), text);
      assert.deepEqual(detail, { title: TITLE_003, scored: true, same: true });

      // Not a report: labelled, no score. Markup in the text stays text.
      const other = await page.evaluate(() => new Promise((resolve) => {
        const el = document.createElement("report-analyzer");
        el.id = "demo-other";
        el.addEventListener("analyzed", () => resolve(el.shadowRoot.textContent));
        el.text = '<img src=x onerror="window.__pwned=1">今天天气很好。\n我们去公园散步。';
        document.querySelector("main").append(el);
      }));
      assert.match(other, /不是法治政府建设报告/);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.equal(await page.locator("#demo-other img").count(), 0);

      // A foreign src is refused (nothing is fetched from it).
      const refused = await page.evaluate(() => new Promise((resolve) => {
        const el = document.createElement("report-analyzer");
        el.addEventListener("analysis-error", (e) => resolve(e.detail.message));
        el.setAttribute("src", "https://example.org/report.txt");
        document.querySelector("main").append(el);
      }));
      assert.match(refused, /只能读取本站的文件/);

      // A .docx src: the element fetches the docx module too.
      const docxTitle = await page.evaluate(() => new Promise((resolve) => {
        const el = document.createElement("report-analyzer");
        el.addEventListener("analyzed", (e) => resolve(e.detail.meta.title));
        el.addEventListener("analysis-error", (e) => resolve(`error: ${e.detail.message}`));
        el.setAttribute("src", "../tests/fixtures/seed-004.docx");
        document.querySelector("main").append(el);
      }));
      assert.equal(docxTitle, "阜城县关于2022年度法治政府建设情况报告");
      assert.ok(requests.some((u) => u.endsWith("/pkg/report_analyzer_docx_bg.wasm")));
      // Chromium has WebAssembly SIMD: the element fetched the analysis module's SIMD build only.
      assert.ok(requests.some((u) => u.endsWith("/pkg/report_analyzer_simd_bg.wasm")));
      assert.ok(!requests.some((u) => u.endsWith("/pkg/report_analyzer_bg.wasm")));

      await page.locator("#demo-src").scrollIntoViewIfNeeded();
      await page.screenshot({ path: shot("embed"), fullPage: true });
      assert.deepEqual(foreign(requests), []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

describe("pkg/ as an npm package", () => {
  test("package.json lists the generated files and exports the module and its types", async () => {
    const pkg = JSON.parse(await readFile(new URL("package.json", PKG), "utf8"));
    assert.equal(pkg.name, "report-analyzer");
    assert.equal(pkg.type, "module");
    const built = ["", "_docx", "_exports"].flatMap((m) => [`report_analyzer${m}.js`, `report_analyzer${m}_bg.wasm`, `report_analyzer${m}.d.ts`, `report_analyzer${m}_bg.wasm.d.ts`]);
    for (const f of built) {
      assert.ok(pkg.files.includes(f), `files lists ${f}`);
      assert.ok((await stat(new URL(f, PKG))).size > 0, `${f} is built`);
    }
    assert.equal(pkg.main, "report_analyzer.js");
    assert.equal(pkg.types, "report_analyzer.d.ts");
    const root = pkg.exports["."];
    assert.equal(root.types, "./report_analyzer.d.ts");
    assert.equal(root.default ?? root.import, "./report_analyzer.js");
    assert.equal(Object.keys(root)[0], "types", "types first, as TypeScript requires");
    assert.equal(pkg.exports["./report_analyzer_bg.wasm"], "./report_analyzer_bg.wasm");
    // The analysis module's SIMD build (www/simd.js picks it where the engine has WebAssembly SIMD).
    assert.equal(pkg.exports["./report_analyzer_simd_bg.wasm"], "./report_analyzer_simd_bg.wasm");
    assert.ok(pkg.files.includes("report_analyzer_simd_bg.wasm"));
    assert.deepEqual(pkg.exports["./exports"], { types: "./report_analyzer_exports.d.ts", default: "./report_analyzer_exports.js" });
    assert.deepEqual(pkg.exports["./docx"], { types: "./report_analyzer_docx.d.ts", default: "./report_analyzer_docx.js" });
    for (const target of Object.values(pkg.exports).flatMap((v) => (typeof v === "string" ? [v] : Object.values(v)))) {
      await stat(new URL(target, PKG));
    }

    const modules = {
      "report_analyzer.d.ts": ["analyze", "analyzeJson", "analyzeBytes", "analyzeDocx", "isDocx", "defaultChecklist", "parseChecklist", "version", "lastPanic"],
      "report_analyzer_docx.d.ts": ["readDocx", "version", "lastPanic"],
      "report_analyzer_exports.d.ts": ["toMarkdown", "figuresCsv", "compareTable", "compareCsv", "compareMarkdown", "version", "lastPanic"],
    };
    for (const [file, names] of Object.entries(modules)) {
      const dts = await readFile(new URL(file, PKG), "utf8");
      for (const name of names) assert.match(dts, new RegExp(`export function ${name}\\(`), `${file} declares ${name}`);
      assert.match(dts, /export interface (Analysis|DocxText) \{/);
      assert.match(dts, /export default function __wbg_init/);
    }
    // Each module has only its own functions: the analysis module carries no reader of analyses.
    const analysisDts = await readFile(new URL("report_analyzer.d.ts", PKG), "utf8");
    assert.doesNotMatch(analysisDts, /export function (toMarkdown|compareTable)\(/);
    assert.doesNotMatch(await readFile(new URL("report_analyzer_exports.d.ts", PKG), "utf8"), /export function analyze\(/);
  });

  test("the modules work the way the README shows (init, analyze returning the JSON, exports)", async () => {
    const mod = await import(new URL("report_analyzer.js", PKG).href);
    mod.initSync({ module: await readFile(new URL("report_analyzer_bg.wasm", PKG)) });
    const exp = await import(new URL("report_analyzer_exports.js", PKG).href);
    exp.initSync({ module: await readFile(new URL("report_analyzer_exports_bg.wasm", PKG)) });
    const analysis = mod.analyze(await read(SEED_003), { source: "003.txt" });
    assert.equal(analysis.meta.title, TITLE_003);
    assert.ok(analysis.schema_version >= 1);
    assert.equal(JSON.parse(JSON.stringify(analysis)).meta.title, TITLE_003, "plain JSON");
    assert.throws(() => mod.analyze("x", { nonsense: 1 }), /nonsense|unknown/);
    assert.match(exp.toMarkdown(analysis), new RegExp(`^# ${TITLE_003}`));
    assert.equal(exp.compareTable([analysis, analysis]).rows.length, 2);
    assert.match(exp.figuresCsv([analysis]).split("\n")[0], /value/);
  });

  test("a .docx goes through the docx module: readDocx, then analyzeDocx of the analysis module", async () => {
    const mod = await import(new URL("report_analyzer.js", PKG).href);
    mod.initSync({ module: await readFile(new URL("report_analyzer_bg.wasm", PKG)) });
    const docxMod = await import(new URL("report_analyzer_docx.js", PKG).href);
    docxMod.initSync({ module: await readFile(new URL("report_analyzer_docx_bg.wasm", PKG)) });
    const bytes = new Uint8Array(await readFile(new URL("../fixtures/seed-004.docx", import.meta.url)));
    // The analysis module has no .docx reader, tells .docx bytes apart and says where the reader is.
    assert.equal(mod.isDocx(bytes.subarray(0, 4)), true);
    assert.equal(mod.isDocx(new TextEncoder().encode("一、总体")), false);
    assert.throws(() => mod.analyzeBytes(bytes, "004.docx"), /readDocx/);
    const docx = docxMod.readDocx(bytes);
    assert.ok(docx.text.includes("法治政府建设") && Array.isArray(docx.headings), "text and Word heading styles");
    const { text, analysis } = mod.analyzeDocx(docx, { source: "004.docx" });
    assert.equal(text, docx.text);
    assert.equal(analysis.input.format, "docx");
    assert.equal(analysis.source, "004.docx");
    assert.equal(analysis.meta.title, "阜城县关于2022年度法治政府建设情况报告");
    for (const s of analysis.sections) assert.equal(text.slice(s.title_span.start16, s.title_span.end16), s.title);
    // Hints that are not this text's are refused, not trusted.
    assert.throws(() => mod.analyzeDocx({ text: "一、总体", headings: [{ start: 1, level: 1 }] }), /heading #1/);
    assert.throws(() => mod.analyzeDocx({ text: 3, headings: [] }), /text/);
    assert.throws(() => mod.analyzeDocx({ text: "一、总体", headings: 3 }), /heading/);
    // Without heading hints (a reader that has none) the text alone is analyzed.
    assert.equal(mod.analyzeDocx({ text: "一、总体情况\n全年办理案件12件。" }).analysis.figures.length, 1);
    assert.throws(() => docxMod.readDocx(new TextEncoder().encode("not a zip")), /zip|docx/i);
  });
});
