// 雷同检测 in the page: a batch with a report copied from another unit (its unit and years changed) and a
// real report with its Traditional + pinyin mirror: the pairs list, the matrix, the pair side by side
// scrolling in step, a pair set aside, the table's 复制比 column and the report's 雷同 view.
//   make build-wasm && node --test --test-concurrency=1 tests/e2e/similar.test.mjs
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { openPage, SEEDS, shot, useBrowser, waitForAnalysis } from "./harness.mjs";

useBrowser();

const EXCERPTS = new URL("../../../shared/reference/real-excerpts/pages/", import.meta.url);
const SEED_NAMES = ["000_d97aec136836092d.txt", "001_257872858a488183.txt", "002_13e699f1154613c7.txt", "003_722f5c68c1af48ec.txt", "004_d6a789275ca0e1f4.txt"];

describe("雷同检测", () => {
  test("pairs, matrix, side by side, set aside, the 复制比 column and the report's 雷同 view", async () => {
    const { page, context, errors } = await openPage({ viewport: { width: 1440, height: 900 } });
    try {
      const files = [];
      for (const n of SEED_NAMES) files.push({ name: n, mimeType: "text/plain", buffer: await readFile(new URL(n, SEEDS)) });
      // Seed 002 filled in by another unit: its name and every year changed.
      const copied = (await readFile(new URL(SEED_NAMES[2], SEEDS), "utf8")).replaceAll("榆树市", "舒兰市").replace(/20(2\d)/g, (_, y) => `20${Number(y) + 1}`);
      files.push({ name: "舒兰市.txt", mimeType: "text/plain", buffer: Buffer.from(copied) });
      for (const n of ["013.txt", "014.txt"]) files.push({ name: n, mimeType: "text/plain", buffer: await readFile(new URL(n, EXCERPTS)) });
      await page.locator('[data-testid="file-input"]').setInputFiles(files);
      await page.waitForSelector('[data-testid="batch"][data-done="1"]', { timeout: 60_000 });
      const section = page.locator('[data-testid="similar"]');
      assert.ok(await section.isVisible());
      await page.locator('[data-testid="similar-run"]').click();
      await page.waitForSelector('[data-testid="similar"][data-done="1"]', { timeout: 60_000 });

      // The copy: another unit, most of the text; the mirror: the same unit.
      const pairs = page.locator('[data-testid="similar-pair"]');
      const copy = pairs.filter({ hasText: "舒兰市" });
      assert.equal(await copy.count(), 1);
      assert.match(await copy.textContent(), /他单位/);
      const shares = (await copy.locator("td.num").allTextContents()).slice(0, 2).map((t) => parseFloat(t));
      assert.ok(Math.min(...shares) > 50, `the copy shares ${shares}`);
      const mirror = pairs.filter({ hasText: "同一单位" });
      assert.ok((await mirror.count()) >= 1, "the mirror is found as the same unit");
      // Reports that share only formulas are not paired: no pair among the other seeds above 5%.
      const seedPairs = await pairs.evaluateAll((trs) => trs.map((tr) => tr.textContent).filter((t) => !/舒兰|同一单位/.test(t)));
      assert.deepEqual(seedPairs, []);
      assert.ok(await page.locator('[data-testid="similar-matrix"]').isVisible());
      // The comparison table gained the 复制比 column.
      await page.waitForSelector('[data-testid="compare"] th[data-key="copied_share"]');
      await page.screenshot({ path: shot("similar-batch-1440") });

      // Side by side: both texts marked, the passages navigable, the panes in step.
      await copy.locator("button.linklike").first().click();
      const view = page.locator('[data-testid="pair-view"]');
      await view.waitFor({ state: "visible" });
      assert.ok((await page.locator('[data-testid="pair-left"] mark.cp-other').count()) >= 1);
      assert.ok((await page.locator('[data-testid="pair-right"] mark.cp-other').count()) >= 1);
      assert.match(await page.locator('[data-testid="pair-position"]').textContent(), /第 \d+ \/ \d+ 处/);
      await page.locator('[data-testid="pair-next"]').click();
      await page.locator('[data-testid="pair-next"]').click();
      const twin = await page.evaluate(() => {
        const current = (id) => document.querySelector(`[data-testid="${id}"] mark.is-current`)?.dataset.ks.split(" ") ?? [];
        const right = current("pair-right");
        return current("pair-left").some((k) => right.includes(k));
      });
      assert.ok(twin, "the same passage is current on both sides");
      // Scrolling the left text brings the right one along.
      const gap = await page.evaluate(async () => {
        const [l, r] = ["pair-left", "pair-right"].map((id) => document.getElementById(id));
        const marks = [...l.querySelectorAll("mark[data-k]")];
        const m = marks[Math.floor(marks.length / 2)];
        l.scrollTop = m.offsetTop - l.offsetTop - 40;
        await new Promise((res) => setTimeout(res, 200));
        const t = r.querySelector(`mark[data-ks~="${m.dataset.k}"]`);
        return Math.abs((m.getBoundingClientRect().top - l.getBoundingClientRect().top) - (t.getBoundingClientRect().top - r.getBoundingClientRect().top));
      });
      assert.ok(gap < 30, `the twin passage is ${gap}px off`);
      await page.screenshot({ path: shot("similar-pair-1440") });
      await page.keyboard.press("Escape");
      await view.waitFor({ state: "hidden" });

      // The copy's 雷同 view in the workspace.
      await page.locator('[data-testid="compare-row"]', { hasText: "舒兰市" }).locator(".open-report").click();
      await waitForAnalysis(page);
      assert.match(await page.locator('[data-testid="view-similar"] .tab-badge').textContent(), /^\d+(\.\d)?%$/);
      await page.locator('[data-testid="view-similar"]').click();
      await page.waitForSelector('[data-testid="similar-passages"] .sim-jump');
      assert.match(await page.locator('[data-testid="similar-view"]').textContent(), /榆树市人民政府关于2022年度法治政府建设情况的报告/);
      await page.locator('[data-testid="similar-passages"] .sim-jump').first().click();
      assert.ok(await page.evaluate(() => CSS.highlights.has("ra-copied-other")));
      assert.match(await page.evaluate(() => location.hash), /^#copy-0$/);
      await page.screenshot({ path: shot("similar-view-1440") });
      // Its 审核意见 names the copying: an item of kind `copied`, its place a copied passage, and the share
      // in 总体评价.
      await page.locator('[data-testid="view-memo"]').click();
      const copiedItem = page.locator('[data-testid="memo-item"][data-kind="copied"]');
      await copiedItem.waitFor({ timeout: 30_000 });
      // One item: the copied report (99%); sources sharing one 13-character sentence are no item.
      assert.equal(await copiedItem.count(), 1);
      assert.match(await copiedItem.locator('[data-field="problem"]').inputValue(), /榆树市|其他单位|雷同|复制/);
      assert.match(await page.locator('[data-field="summary"]').inputValue(), /\d+(\.\d)?%/);
      await copiedItem.locator('[data-testid="memo-place"]').first().click();
      assert.ok(await page.evaluate(() => CSS.highlights.size > 0));

      // Set aside: the pair no longer counts.
      await page.locator('[data-testid="back-to-batch"]').click();
      await copy.locator('[data-testid="similar-dismiss"]').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="similar-pair"].is-dismissed'));
      assert.match(await page.locator('[data-testid="similar-summary"]').textContent(), /已不计入 1 对/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
