// Browser tests of the page (www/): node:test + playwright-core driving Debian's Chromium.
//   make build-wasm && node --test --test-concurrency=1 tests/e2e/
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { env, openPage, SEED_002, SEED_003, SEEDS, SHOTS, FIXTURES, trapping, useBrowser, waitForAnalysis } from "./harness.mjs";

const EXAMPLE_CHECKLIST = new URL("../../data/checklists/example-custom.json", import.meta.url);

useBrowser();

/** Put `text` into the text area the way a paste does (fires `input`), then wait for the results. */
async function paste(page, text) {
  await page.locator('[data-testid="input-text"]').fill(text);
}

describe("report-analyzer page", () => {
  test("pasting seed 002 shows its outline, checklist, score and figures", async () => {
    const text = await readFile(SEED_002, "utf8");
    const { page, context, errors } = await openPage();
    try {
      // The idle warm-up (a sample analyzed to build the tables) leaves no trace on the page.
      await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => setTimeout(resolve, 50))));
      assert.ok(await page.locator('[data-testid="results"]').isHidden(), "no results before the user's report");
      assert.equal(await page.locator('[data-testid="input-text"]').inputValue(), "");
      await paste(page, text);
      await waitForAnalysis(page);

      const outline = page.locator('[data-testid="outline"]');
      const outlineText = await outline.textContent();
      assert.match(outlineText, /存在的问题和不足/);
      const r2 = outline.locator(".part", { hasText: "R2" });
      assert.ok((await r2.count()) >= 1, "a top-level section labelled R2");
      const r2Title = await outline.locator(".ol-node", { has: page.locator(".part", { hasText: "R2" }) }).first().textContent();
      assert.match(r2Title, /存在的问题和不足/);

      const checklist = page.locator('[data-testid="checklist"]');
      const items = checklist.locator('[data-testid="checklist-item"]');
      assert.ok((await items.count()) >= 10, "checklist items listed");
      for (const group of ["必备内容", "纲要领域"]) assert.match(await checklist.textContent(), new RegExp(group));
      assert.equal(await checklist.locator('[data-item="R1"]').getAttribute("data-status"), "covered");
      assert.match(await checklist.locator('[data-item="R1"] .cl-icon').textContent(), /✓/);
      assert.match(await page.locator('[data-testid="checklist-count-parts"]').textContent(), /已覆盖 \d+ \/ \d+/);

      const score = page.locator('[data-testid="score"]');
      assert.match(await score.locator('[data-testid="score-total"]').textContent(), /^\s*\d+(\.\d)?\s*\/\s*100\s*分/);
      assert.equal(await score.locator('[data-testid="dimension"]').count(), 6);
      assert.equal(await score.locator('[role="meter"]').count(), 6);

      const meta = page.locator('[data-testid="meta"]');
      assert.match(await meta.textContent(), /榆树市人民政府关于2022年度法治政府建设情况的报告/);
      assert.match(await meta.textContent(), /2022/);

      // Page furniture (breadcrumb etc.) is dimmed in the text view.
      assert.ok((await page.locator('[data-testid="text-view"] .mk-furniture').count()) >= 1);

      // The figure extractor lands in parallel: this assertion is expected to pass once it does.
      const rows = page.locator('[data-testid="figures"] tbody tr[data-figure]');
      assert.ok((await rows.count()) > 0, "the figures table has rows");

      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("figures table sorts by header and filters by kind", async () => {
    const { page, context } = await openPage();
    try {
      await paste(page, await readFile(SEED_002, "utf8"));
      await waitForAnalysis(page);
      await page.locator('[data-testid="view-figures"]').click();
      const rows = page.locator('[data-testid="figures"] tbody tr[data-figure]');
      const n = await rows.count();
      assert.ok(n >= 2, "seed 002 has figures");
      const valueHeader = page.locator('[data-testid="figures"] th[data-key="value"]');
      await valueHeader.locator("button").click();
      const sorted = await valueHeader.getAttribute("aria-sort");
      assert.ok(sorted === "ascending" || sorted === "descending");
      const values = await page.$$eval('[data-testid="figures"] tbody tr[data-figure]', (trs) =>
        trs.map((tr) => Number(tr.dataset.value)));
      const expected = [...values].sort((a, b) => (sorted === "ascending" ? a - b : b - a));
      assert.deepEqual(values, expected);
      await valueHeader.locator("button").click();
      assert.notEqual(await valueHeader.getAttribute("aria-sort"), sorted);

      const kinds = await page.$$eval('[data-testid="figure-kind"] option', (os) => os.map((o) => o.value));
      const kind = kinds.find((k) => k !== "all");
      await page.selectOption('[data-testid="figure-kind"]', kind);
      const shownKinds = await page.$$eval('[data-testid="figures"] tbody tr[data-figure]', (trs) => trs.map((tr) => tr.dataset.kind));
      assert.ok(shownKinds.length > 0 && shownKinds.every((k) => k === kind));

      // A figure row is keyboard reachable and scrolls the text to the figure.
      const row = page.locator('[data-testid="figures"] tbody tr[data-figure]').first();
      await row.focus();
      await page.keyboard.press("Enter");
      const focusedText = await page.locator('[data-testid="text-view"] .is-focused').textContent();
      assert.equal(focusedText, await row.locator("td").first().textContent());
    } finally {
      await context.close();
    }
  });

  test("picking a seed through the file input shows its title in the meta", async () => {
    const { page, context, errors } = await openPage();
    try {
      await page.locator('[data-testid="file-input"]').setInputFiles(fileURLToPath(SEED_003));
      await waitForAnalysis(page);
      await page.waitForFunction(() => /海南区人民政府2021年法治政府建设年度报告/.test(document.querySelector('[data-testid="meta"]').textContent));
      assert.match(await page.locator('[data-testid="meta-source"]').textContent(), /003_722f5c68c1af48ec\.txt/);
      // The decoded text is placed in the text area and shown in the text view.
      assert.match(await page.locator('[data-testid="input-text"]').inputValue(), /海南区/);
      assert.match(await page.locator('[data-testid="text-view"]').textContent(), /海南区人民政府/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  for (const [file, title, encoding] of [
    ["seed-002.gbk.txt", "榆树市人民政府关于2022年度法治政府建设情况的报告", "GB18030"],
    ["seed-001.utf16.txt", "关于太霞乡2022年度法治政府建设工作的报告", "UTF-16LE"],
    ["seed-003.gbk.html", "海南区人民政府2021年法治政府建设年度报告", "GB18030"],
    ["seed-004.docx", "阜城县关于2022年度法治政府建设情况报告", "UTF-8"],
  ]) {
    test(`a ${file} file is decoded and analyzed like the UTF-8 seed`, async () => {
      const { page, context, errors, requests } = await openPage();
      try {
        // The .docx reader is a module of its own, fetched for the first .docx only.
        const docxWasm = () => requests.filter((u) => u.endsWith("/pkg/report_analyzer_docx_bg.wasm")).length;
        assert.equal(docxWasm(), 0);
        await page.locator('[data-testid="file-input"]').setInputFiles(fileURLToPath(new URL(file, FIXTURES)));
        await waitForAnalysis(page);
        assert.equal(docxWasm(), file.endsWith(".docx") ? 1 : 0, "the docx module is fetched for a .docx only");
        await page.waitForFunction((t) => document.querySelector('[data-testid="meta"]').textContent.includes(t), title);
        assert.match(await page.locator('[data-testid="meta-source"]').textContent(), new RegExp(encoding));
        assert.ok((await page.locator('[data-testid="figures"] tbody tr[data-figure]').count()) > 10);
        // Nothing of the page around an HTML report becomes report text.
        assert.doesNotMatch(await page.locator('[data-testid="text-view"]').textContent(), /不是标题|text-indent/);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }

  test("a custom checklist is applied, a malformed one explained, and the built-in one restored", async () => {
    const { page, context, errors } = await openPage();
    try {
      await paste(page, await readFile(SEED_002, "utf8"));
      await waitForAnalysis(page);
      const ids = () =>
        page.$$eval('[data-testid="checklist"] [data-testid="checklist-item"]', (lis) =>
          lis.filter((li) => !li.closest(".cl-subs")).map((li) => li.dataset.item));
      assert.ok((await ids()).includes("A10"));
      // The 2021 areas carry their named sub-items, folded under each area.
      assert.equal(await page.locator('[data-testid="checklist-subitems"]').count(), 9, "A2–A10 have sub-items");
      assert.match(await page.locator('[data-testid="checklist-note"]').textContent(), /2021-2025/);

      await page.locator('[data-testid="checklist-input"]').setInputFiles(fileURLToPath(EXAMPLE_CHECKLIST));
      await page.waitForFunction(() => document.querySelector('[data-testid="checklist"] [data-item="K3"]'));
      assert.deepEqual(await ids(), ["K1", "K2", "K3", "K4", "K5", "K6", "K7", "K8"]);
      assert.equal(await page.locator('[data-testid="checklist"] [data-item="K3"]').getAttribute("data-status"), "covered");

      await page.locator('[data-testid="checklist-input"]').setInputFiles({
        name: "broken.json",
        mimeType: "application/json",
        buffer: Buffer.from('{"id": "x", "name": "x", "items": [{"id": "K1", "name": "a", "cues": ["re:(("]}]}'),
      });
      await page.waitForSelector('[data-testid="error"]:not([hidden])');
      const message = await page.locator('[data-testid="error"]').textContent();
      assert.match(message, /broken\.json/);
      assert.match(message, /K1/);
      assert.match(message, /cues/);
      // The checklist in force is still the user's good one.
      assert.ok((await ids()).includes("K3"));

      await page.locator('[data-testid="checklist-reset"]').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="checklist"] [data-item="A10"]'));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("numbering defects are listed and flagged in the outline", async () => {
    const { page, context } = await openPage();
    try {
      // Seed 004 skips 二、 (its sections go 一、 三、 四、 …).
      await paste(page, await readFile(new URL("004_d6a789275ca0e1f4.txt", SEEDS), "utf8"));
      await waitForAnalysis(page);
      // The 问题 tab counts them; its view lists them.
      assert.match(await page.locator('[data-testid="view-problems"] .tab-badge').textContent(), /^[1-9]\d*$/);
      await page.locator('[data-testid="view-problems"]').click();
      const links = page.locator('[data-testid="defects"] .defect-link');
      assert.ok((await links.count()) >= 1, "at least one defect listed");
      assert.match(await page.locator('[data-testid="defects"]').textContent(), /跳号|缺少/);
      assert.ok((await page.locator('[data-testid="outline"] .ol-node.has-defect').count()) >= 1);
      await links.first().click();
      assert.ok((await page.locator('[data-testid="text-view"] .is-focused').count()) + (await page.evaluate(() => CSS.highlights.has("ra-focus") ? 1 : 0)) >= 1);
    } finally {
      await context.close();
    }
  });

  test("clicking an outline node scrolls the text there and highlights the heading", async () => {
    const { page, context } = await openPage();
    try {
      await paste(page, await readFile(SEED_002, "utf8"));
      await waitForAnalysis(page);
      const node = page.locator('[data-testid="outline"] .ol-node', { hasText: "存在的问题和不足" }).first();
      const marker = (await node.locator(".ol-marker").textContent()).trim();
      const title = (await node.locator(".ol-title").textContent()).trim();
      await node.click();

      const focused = page.locator('[data-testid="text-view"] .is-focused');
      assert.equal(await focused.count(), 1);
      const text = await focused.textContent();
      assert.ok(text.startsWith(marker + title.slice(0, 4)), `highlighted "${text}" starts with "${marker}${title}"`);
      assert.ok(text.includes(title));
      // Scrolled into view: inside the text view's visible box and inside the window.
      await page.waitForFunction(() => {
        const el = document.querySelector('[data-testid="text-view"] .is-focused');
        const box = document.querySelector('[data-testid="text-view"]').getBoundingClientRect();
        const r = el.getBoundingClientRect();
        return r.top >= box.top && r.bottom <= box.bottom && r.top >= 0 && r.bottom <= window.innerHeight;
      }, null, { timeout: 3000 });
      assert.ok(await node.evaluate((b) => b.classList.contains("is-current")));

      // Keyboard: Tab to another outline node and press Enter.
      const other = page.locator('[data-testid="outline"] .ol-node.depth-1').first();
      await other.focus();
      await page.keyboard.press("Enter");
      const t2 = await page.locator('[data-testid="text-view"] .is-focused').textContent();
      assert.ok(t2.startsWith((await other.locator(".ol-marker").textContent()).trim()));

      // Checklist evidence also locates text.
      await page.locator('[data-testid="view-checklist"]').click();
      await page.locator('[data-testid="checklist"] [data-item="R2"] .evidence').first().click();
      assert.match(await page.locator('[data-testid="text-view"] .is-focused').textContent(), /存在的问题和不足/);
    } finally {
      await context.close();
    }
  });

  test("pasted markup is shown as text, never executed", async () => {
    const { page, context } = await openPage();
    try {
      const evil = '<img src=x onerror="window.__pwned=1">一、总体情况\n<script>window.__pwned=2</script>\n二、存在的问题';
      await paste(page, evil);
      await page.waitForSelector('[data-testid="results"]:not([hidden])', { timeout: 10_000 });
      await page.waitForTimeout(300);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.equal(await page.locator('[data-testid="results"] img').count(), 0);
      assert.equal(await page.locator('[data-testid="text-view"] img, [data-testid="text-view"] script').count(), 0);
      assert.match(await page.locator('[data-testid="text-view"]').textContent(), /<img src=x onerror=/);
    } finally {
      await context.close();
    }
  });

  test("empty input shows an error and the page keeps working", async () => {
    const { page, context, errors } = await openPage();
    try {
      const alert = page.locator('[role="alert"]');
      await page.locator('[data-testid="analyze-button"]').click();
      await alert.waitFor({ state: "visible" });
      assert.match(await alert.textContent(), /输入为空/);

      // An undecodable file: a clear message too.
      await page.locator('[data-testid="file-input"]').setInputFiles({
        name: "broken.txt",
        mimeType: "text/plain",
        buffer: Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x41, 0x00, 0xc3]),
      });
      await page.waitForFunction(() => /broken\.txt/.test(document.querySelector('[role="alert"]').textContent));
      assert.ok(await alert.isVisible());

      // Still works: a real report clears the error.
      await paste(page, await readFile(SEED_002, "utf8"));
      await waitForAnalysis(page);
      await alert.waitFor({ state: "hidden" });
      assert.match(await page.locator('[data-testid="outline"]').textContent(), /存在的问题和不足/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("a document that is not a report is not scored", async () => {
    const { page, context } = await openPage();
    try {
      await paste(page, "今天天气很好。\n我们去公园散步，看见很多人在放风筝。\n晚上回家吃饭。");
      await page.waitForSelector('[data-testid="not-report"]', { timeout: 10_000 });
      assert.match(await page.locator('[data-testid="score"]').textContent(), /不是法治政府建设年度报告，不予评分/);
    } finally {
      await context.close();
    }
  });

  test("a panic in the module is reported and the module is reloaded", async () => {
    // Serve a pkg/report_analyzer.js whose analyze() traps on a magic word, the way a Rust panic does.
    const route = trapping("export function analyze(input, options) {", "input.includes('__PANIC__')");
    const { page, context, requests } = await openPage({ route });
    try {
      await paste(page, "一、总体情况 __PANIC__");
      const alert = page.locator('[role="alert"]');
      await alert.waitFor({ state: "visible" });
      assert.match(await alert.textContent(), /内部错误/);
      assert.match(await alert.textContent(), /重新加载/);
      assert.ok(requests.some((u) => /report_analyzer\.js\?r=1$/.test(u)), "the module was re-imported");
      await paste(page, await readFile(SEED_002, "utf8"));
      await waitForAnalysis(page);
      await alert.waitFor({ state: "hidden" });
    } finally {
      await context.close();
    }
  });

  test("no request leaves 127.0.0.1", async () => {
    const { page, context, requests } = await openPage();
    try {
      await paste(page, await readFile(SEED_002, "utf8"));
      await waitForAnalysis(page);
      await page.locator('[data-testid="file-input"]').setInputFiles(fileURLToPath(SEED_003));
      await page.waitForFunction(() => /海南区/.test(document.querySelector('[data-testid="meta"]').textContent));
      assert.ok(requests.length >= 3);
      const outside = requests.filter((u) => !u.startsWith(`${env.server.url}/`) && !u.startsWith("data:"));
      assert.deepEqual(outside, []);
      // The CSP forbids inline scripts.
      const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
      assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.match(await page.textContent("body"), /所有分析都在本机浏览器中完成，文本不会上传/);
    } finally {
      await context.close();
    }
  });

  test("screenshots at 1280×800 and 420×900", async () => {
    const text = await readFile(SEED_002, "utf8");
    for (const [name, viewport] of [["wide-1280x800", { width: 1280, height: 800 }], ["narrow-420x900", { width: 420, height: 900 }]]) {
      const { page, context, errors } = await openPage({ viewport });
      try {
        await page.screenshot({ path: fileURLToPath(new URL(`${name}-empty.png`, SHOTS)) });
        await paste(page, text);
        await waitForAnalysis(page);
        // No horizontal overflow of the page.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${name}: page is ${overflow}px wider than the window`);
        await page.screenshot({ path: fileURLToPath(new URL(`${name}.png`, SHOTS)) });
        await page.screenshot({ path: fileURLToPath(new URL(`${name}-full.png`, SHOTS)), fullPage: true });
        await page.locator('[data-testid="outline"] .ol-node', { hasText: "存在的问题和不足" }).first().click();
        await page.waitForTimeout(200);
        await page.screenshot({ path: fileURLToPath(new URL(`${name}-outline-click.png`, SHOTS)) });
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
    const files = await readdir(SHOTS);
    assert.ok(files.includes("wide-1280x800.png") && files.includes("narrow-420x900.png"));
  });
});
