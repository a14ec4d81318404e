// The workspace for one report: outline | text | inspector, each inspector view, deep links, keyboard
// movement, and the figures table's fit at 1440 and 1024 px.
//   make build-wasm && node --test --test-concurrency=1 tests/e2e/workspace.test.mjs
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { openPage, read, SEED_002, SEEDS, shot, useBrowser, waitForAnalysis } from "./harness.mjs";

useBrowser();

const SEED_004 = new URL("004_d6a789275ca0e1f4.txt", SEEDS);
const focusedText = (page) => page.locator('[data-testid="text-view"] .is-focused').textContent();
/** The text the text view highlights, by element or by CSS highlight range. */
const highlighted = (page) =>
  page.evaluate(() => {
    const el = document.querySelector('[data-testid="text-view"] .is-focused');
    if (el) return el.textContent;
    const h = CSS.highlights.get("ra-focus");
    return h ? [...h][0].toString() : null;
  });

async function openSeed(page, url = SEED_002) {
  await page.locator('[data-testid="input-text"]').fill(await read(url));
  await waitForAnalysis(page);
}

describe("the workspace", () => {
  test("each inspector view opens from its tab (and ←/→), with its count, and only one shows at a time", async () => {
    const { page, context, errors } = await openPage({ viewport: { width: 1440, height: 900 } });
    try {
      await openSeed(page, SEED_004);
      const tabs = page.locator('[role="tab"]');
      assert.deepEqual(await tabs.evaluateAll((ts) => ts.map((t) => t.dataset.testid)), ["view-score", "view-checklist", "view-figures", "view-problems", "view-similar", "view-memo"]);
      const expect = {
        "view-score": '[data-testid="score-total"]',
        "view-checklist": '[data-testid="checklist-item"]',
        "view-figures": '[data-testid="figures"] tr[data-figure]',
        "view-problems": '[data-testid="defects"] .defect-link',
      };
      for (const [tab, inside] of Object.entries(expect)) {
        await page.locator(`[data-testid="${tab}"]`).click();
        assert.equal(await page.locator(`[data-testid="${tab}"]`).getAttribute("aria-selected"), "true");
        assert.ok(await page.locator(inside).first().isVisible(), `${tab} shows ${inside}`);
        assert.equal(await page.locator('[role="tabpanel"]:not([hidden])').count(), 1);
        await page.screenshot({ path: shot(`workspace-${tab}-1440`) });
      }
      // The badges: the score, items covered, figures, problems.
      const badge = (tab) => page.locator(`[data-testid="${tab}"] .tab-badge`).textContent();
      assert.match(await badge("view-score"), /^\d+(\.\d)?$/);
      assert.match(await badge("view-checklist"), /^\d+\/\d+$/);
      assert.equal(Number(await badge("view-figures")), await page.locator('[data-testid="figures"] tr[data-figure]').count());
      assert.ok(Number(await badge("view-problems")) >= 1);
      // ←/→ move between the tabs.
      await page.locator('[data-testid="view-problems"]').focus();
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "view-score");
      assert.equal(await page.locator('[data-testid="view-score"]').getAttribute("aria-selected"), "true");
      await page.keyboard.press("ArrowLeft");
      assert.equal(await page.locator('[data-testid="view-memo"]').getAttribute("aria-selected"), "true");
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("deep links: #figure-N, #item-ID, #section-N, #defect-N open the view and scroll the text", async () => {
    const { page, context, errors } = await openPage({ viewport: { width: 1440, height: 900 } });
    try {
      await openSeed(page, SEED_004);
      // #figure-12: the 数据 view, row 12 marked and the figure highlighted in the text.
      await page.evaluate(() => { location.hash = "#figure-12"; });
      await page.waitForFunction(() => document.querySelector('[data-testid="view-figures"]').getAttribute("aria-selected") === "true");
      const row = page.locator('[data-testid="figures"] tr[data-figure="12"]');
      assert.ok(await row.evaluate((tr) => tr.classList.contains("is-current")));
      assert.equal(await focusedText(page), await row.locator("td").first().textContent());
      // #item-R2: the checklist, the item marked, its first evidence highlighted.
      await page.evaluate(() => { location.hash = "#item-R2"; });
      await page.waitForFunction(() => document.querySelector('[data-testid="view-checklist"]').getAttribute("aria-selected") === "true");
      assert.ok(await page.locator('[data-testid="checklist"] [data-item="R2"]').evaluate((li) => li.classList.contains("is-current")));
      assert.match(await highlighted(page), /问题|不足/);
      // #section-0: the outline node marked and the heading highlighted.
      await page.evaluate(() => { location.hash = "#section-0"; });
      await page.waitForFunction(() => document.querySelector('.ol-node[data-section="0"]').classList.contains("is-current"));
      const node = page.locator('.ol-node[data-section="0"]');
      assert.ok((await focusedText(page)).includes((await node.locator(".ol-title").textContent()).trim().slice(0, 6)));
      // #defect-0: the 问题 view.
      await page.evaluate(() => { location.hash = "#defect-0"; });
      await page.waitForFunction(() => document.querySelector('[data-testid="view-problems"]').getAttribute("aria-selected") === "true");
      assert.ok(await page.locator('[data-testid="defects"] li[data-defect="0"]').evaluate((li) => li.classList.contains("is-current")));
      // Clicking sets the hash, so that the place can be shared.
      await page.locator('[data-testid="view-figures"]').click();
      await page.locator('[data-testid="figures"] tr[data-figure="3"]').click();
      assert.equal(await page.evaluate(() => location.hash), "#figure-3");

      // A page opened with a deep link applies it to the first report.
      const url = page.url().replace(/#.*$/, "") + "#item-R4";
      const second = await context.newPage();
      await second.goto(url);
      await second.waitForSelector('body[data-ready="1"]');
      await second.locator('[data-testid="input-text"]').fill(await read(SEED_004));
      await waitForAnalysis(second);
      await second.waitForFunction(() => document.querySelector('[data-testid="view-checklist"]').getAttribute("aria-selected") === "true");
      assert.ok(await second.locator('[data-testid="checklist"] [data-item="R4"]').evaluate((li) => li.classList.contains("is-current")));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("keyboard: ↑/↓ move between items of the outline, the figures, the checklist and the problems; Enter jumps to the text", async () => {
    const { page, context, errors } = await openPage({ viewport: { width: 1440, height: 900 } });
    try {
      await openSeed(page, SEED_004);
      const active = () => page.evaluate(() => {
        const a = document.activeElement;
        return a.dataset.section ?? a.dataset.figure ?? a.closest("[data-item]")?.dataset.item ?? a.closest("[data-defect]")?.dataset.defect;
      });
      // Outline.
      await page.locator('.ol-node[data-section="0"]').focus();
      await page.keyboard.press("ArrowDown");
      assert.equal(await active(), "1");
      await page.keyboard.press("ArrowDown");
      assert.equal(await active(), "2");
      await page.keyboard.press("ArrowUp");
      assert.equal(await active(), "1");
      await page.keyboard.press("Enter");
      const title1 = (await page.locator('.ol-node[data-section="1"] .ol-title').textContent()).trim();
      assert.ok((await focusedText(page)).includes(title1.slice(0, 6)));
      await page.keyboard.press("End");
      const sections = await page.locator(".ol-node").count();
      assert.equal(await active(), String(sections - 1));

      // Figures (in the table's order).
      await page.locator('[data-testid="view-figures"]').click();
      const ids = await page.$$eval('[data-testid="figures"] tr[data-figure]', (trs) => trs.map((tr) => tr.dataset.figure));
      await page.locator(`[data-testid="figures"] tr[data-figure="${ids[0]}"]`).focus();
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      assert.equal(await active(), ids[2]);
      await page.keyboard.press("Enter");
      assert.equal(await focusedText(page), await page.locator(`[data-testid="figures"] tr[data-figure="${ids[2]}"] td`).first().textContent());

      // Checklist.
      await page.locator('[data-testid="view-checklist"]').click();
      await page.locator('[data-testid="checklist"] [data-item="R1"] .cl-jump').focus();
      await page.keyboard.press("ArrowDown");
      assert.equal(await active(), "R2");
      await page.keyboard.press("Enter");
      assert.match(await highlighted(page), /问题|不足/);

      // Problems.
      await page.locator('[data-testid="view-problems"]').click();
      await page.locator('[data-testid="defects"] .defect-link').first().focus();
      await page.keyboard.press("Enter");
      assert.ok(await highlighted(page));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  for (const [width, height] of [[1440, 900], [1024, 768]]) {
    test(`at ${width}×${height}: three panes side by side or stacked, the figures table without horizontal scrolling`, async () => {
      const { page, context, errors } = await openPage({ viewport: { width, height } });
      try {
        await openSeed(page);
        await page.locator('[data-testid="view-figures"]').click();
        await page.locator('[data-testid="results"]').evaluate((e) => e.scrollIntoView());
        // Every column visible in the inspector: the table is no wider than its box, and no cell overflows.
        const fit = await page.evaluate(() => {
          const table = document.getElementById("figures");
          const box = table.closest(".tab-panels");
          const cells = [...table.querySelectorAll("th, td")].filter((c) => c.scrollWidth > c.clientWidth + 1).length;
          return { table: table.getBoundingClientRect().width, box: box.clientWidth, scroll: box.scrollWidth, cells, page: document.documentElement.scrollWidth - window.innerWidth };
        });
        assert.ok(fit.table <= fit.box + 0.5, `table ${fit.table}px in a ${fit.box}px box`);
        assert.ok(fit.scroll <= fit.box, "no horizontal scrolling in the inspector");
        assert.equal(fit.cells, 0, "no cell cut off");
        assert.ok(fit.page <= 0, "the page does not scroll sideways");
        const headers = await page.$$eval('[data-testid="figures"] thead th', (ths) => ths.map((th) => th.textContent.trim()));
        assert.deepEqual(headers, ["原文", "数值", "单位", "类型", "指标类别", "指标"]);
        // Panes: at 1440 three columns; at 1024 the text beside the outline and inspector.
        const boxes = await page.evaluate(() => ["outline-pane", "text-pane", "inspector"].map((c) => document.querySelector(`.${c}`).getBoundingClientRect().toJSON()));
        const [outline, text, inspector] = boxes;
        if (width >= 1200) {
          assert.ok(outline.right <= text.left && text.right <= inspector.left, "outline | text | inspector");
        } else {
          assert.ok(text.right <= outline.left && text.right <= inspector.left && outline.bottom <= inspector.top, "text | outline over inspector");
        }
        assert.ok(text.width >= 360, `the text is ${text.width}px wide`);
        // Sorting and filtering still work at this width.
        await page.locator('[data-testid="figures"] th[data-key="value"] button').click();
        assert.notEqual(await page.locator('[data-testid="figures"] th[data-key="value"]').getAttribute("aria-sort"), "none");
        await page.screenshot({ path: shot(`workspace-figures-${width}`) });
        await page.locator('[data-testid="view-checklist"]').click();
        await page.screenshot({ path: shot(`workspace-checklist-${width}`) });
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
});
