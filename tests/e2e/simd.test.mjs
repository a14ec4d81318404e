// The analysis module's two builds: with WebAssembly SIMD (pkg/report_analyzer_simd_bg.wasm) and the
// baseline for engines without it (pkg/report_analyzer_bg.wasm). They must give the same analyses, and
// the page must pick the right one and work with either.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir } from "node:fs/promises";
import { openPage, FIXTURES, SEED_002, SEEDS, TITLE_002, WORK_REPORTS, useBrowser, waitForAnalysis } from "./harness.mjs";

const PKG = new URL("../../pkg/", import.meta.url);

/** The glue with one build's wasm: a query makes each import a module instance of its own. */
async function build(wasm) {
  const mod = await import(new URL(`report_analyzer.js?${wasm}`, PKG).href);
  mod.initSync({ module: await readFile(new URL(wasm, PKG)) });
  return mod;
}

describe("the SIMD and baseline builds of the analysis module", () => {
  test("give the same analysis of every corpus report and text or page fixture", async () => {
    const simd = await build("report_analyzer_simd_bg.wasm");
    const base = await build("report_analyzer_bg.wasm");
    assert.notEqual(simd.analyzeJson, base.analyzeJson, "two module instances");
    let compared = 0;
    for (const dir of [SEEDS, WORK_REPORTS, FIXTURES]) {
      for (const name of (await readdir(dir)).filter((f) => /\.(txt|html)$/.test(f)).sort()) {
        const bytes = await readFile(new URL(name, dir));
        const a = simd.analyzeBytes(bytes, name, { source: name });
        const b = base.analyzeBytes(bytes, name, { source: name });
        assert.ok(a.analysis.figures.length > 0, name);
        assert.deepEqual(a, b, name);
        compared += 1;
      }
    }
    assert.ok(compared >= 13, `${compared} files compared`);
    // A text with Traditional characters, full-width forms, a pinyin gloss and a character beyond the BMP.
    const mixed = "某市人民政府2023年法治政府建設年度報告\n一、領(lǐng)導重視：完成１２３件，增長１５．５％，𠀀字。\n";
    assert.deepEqual(simd.analyze(mixed), base.analyze(mixed));
  });
});

describe("the page picks the build", () => {
  useBrowser();

  async function analyzeSeed(options) {
    const { page, context, requests, errors } = await openPage(options);
    try {
      await page.locator('[data-testid="input-text"]').fill(await readFile(SEED_002, "utf8"));
      await waitForAnalysis(page);
      const meta = await page.locator('[data-testid="meta"]').textContent();
      const figures = await page.locator('[data-testid="figures"] tbody tr[data-figure]').count();
      const score = await page.locator('[data-testid="score-total"]').textContent();
      return { requests, errors, meta, figures, score };
    } finally {
      await context.close();
    }
  }

  test("the SIMD build where the engine validates SIMD code, the baseline elsewhere, with the same results", async () => {
    const wasm = (requests) => requests.filter((u) => /\/pkg\/report_analyzer(_simd)?_bg\.wasm$/.test(u)).map((u) => u.split("/").pop());
    const simd = await analyzeSeed();
    assert.deepEqual([...new Set(wasm(simd.requests))], ["report_analyzer_simd_bg.wasm"]);
    // An engine without SIMD: WebAssembly.validate refuses the probe (and the SIMD module would fail).
    const route = (context) =>
      context.addInitScript(() => {
        WebAssembly.validate = () => false;
      });
    const base = await analyzeSeed({ route });
    assert.deepEqual([...new Set(wasm(base.requests))], ["report_analyzer_bg.wasm"]);
    assert.match(base.meta, new RegExp(TITLE_002));
    assert.ok(base.figures > 0);
    assert.deepEqual([base.meta, base.figures, base.score], [simd.meta, simd.figures, simd.score]);
    assert.deepEqual(simd.errors, []);
    assert.deepEqual(base.errors, []);
  });

  test("a SIMD build that does not compile falls back to the baseline: the page, its worker, the element", async () => {
    // A broken file where the SIMD build should be (a truncated upload, a proxy's error page).
    const broken = (context) =>
      context.route(/\/pkg\/report_analyzer_simd_bg\.wasm$/, (r) =>
        r.fulfill({ status: 200, contentType: "application/wasm", body: Buffer.from([0, 97, 115, 109, 1, 0, 0, 0, 255]) }),
      );
    const page = await analyzeSeed({ route: broken });
    const fetched = page.requests.map((u) => u.split("/").pop());
    assert.ok(fetched.includes("report_analyzer_simd_bg.wasm"), "the SIMD build was tried first");
    assert.ok(fetched.includes("report_analyzer_bg.wasm"), "then the baseline");
    assert.match(page.meta, new RegExp(TITLE_002));
    assert.ok(page.figures > 0);

    // The batch worker started on its own (no module from the page) falls back the same way.
    const { page: host, context: hostContext, requests: hostRequests } = await openPage({ route: broken });
    try {
      const bytes = [...(await readFile(SEED_002))];
      const answer = await host.evaluate(
        (data) =>
          new Promise((resolve) => {
            const w = new Worker("/www/worker.js", { type: "module" });
            w.onmessage = (e) => {
              if (e.data.type === "result" || e.data.type === "error") resolve(e.data);
            };
            w.postMessage({ type: "analyze", id: 1, name: "002.txt", file: new Blob([new Uint8Array(data)]), options: {}, mode: "json" });
          }),
        bytes,
      );
      assert.equal(answer.type, "result", answer.message);
      assert.equal(JSON.parse(answer.json).meta.title, TITLE_002);
      const fetched = hostRequests.filter((u) => /\/pkg\/report_analyzer(_simd)?_bg\.wasm$/.test(u)).length;
      assert.ok(fetched >= 4, "page and worker each tried the SIMD build, then fetched the baseline");
    } finally {
      await hostContext.close();
    }

    const { page: embed, context, requests } = await openPage({ path: "/www/embed.html", ready: false, route: broken });
    try {
      await embed.waitForFunction(() => document.querySelectorAll('[data-testid="event-log"] li').length >= 2, null, { timeout: 15_000 });
      const log = await embed.locator('[data-testid="event-log"]').textContent();
      assert.match(log, new RegExp(`#demo-src：analyzed —— ${TITLE_002}`));
      assert.match(await embed.locator("#demo-src").locator(".score").textContent(), /^\d+(\.\d)?\/ 100 分$/);
      assert.ok(requests.some((u) => u.endsWith("/pkg/report_analyzer_simd_bg.wasm")), "the SIMD build was tried first");
      assert.ok(requests.some((u) => u.endsWith("/pkg/report_analyzer_bg.wasm")), "then the baseline");
    } finally {
      await context.close();
    }
  });
});
