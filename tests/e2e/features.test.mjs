// Browser tests of issue 7's features: drop anywhere, batches in a worker with progress, the
// comparison table, every export's contents, the print view, the figure filters and tooltip.
//   make build-wasm && node --test --test-concurrency=1 tests/e2e/
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import {
  FIXTURES, SEED_002, SEED_003, SEEDS, TITLE_002, TITLE_003, WORK_REPORTS,
  downloadOf, foreign, openPage, parseCsv, read, shot, trapping, useBrowser, waitForAnalysis,
} from "./harness.mjs";

useBrowser();

const SEED_FILES = ["000_d97aec136836092d.txt", "001_257872858a488183.txt", "002_13e699f1154613c7.txt",
  "003_722f5c68c1af48ec.txt", "004_d6a789275ca0e1f4.txt"].map((f) => fileURLToPath(new URL(f, SEEDS)));
const WORK_FILES = ["O01.txt", "O02.txt", "O03.txt", "O04.txt", "O05.txt"].map((f) => fileURLToPath(new URL(f, WORK_REPORTS)));

/** Record every aria-valuenow the batch progress bar takes (installed before the batch starts). */
async function recordProgress(page) {
  await page.evaluate(() => {
    window.__progress = [];
    const bar = document.querySelector('[data-testid="batch-progress"]');
    new MutationObserver(() => window.__progress.push([Number(bar.getAttribute("aria-valuenow")), Number(bar.getAttribute("aria-valuemax"))]))
      .observe(bar, { attributes: true, attributeFilter: ["aria-valuenow"] });
    // Long tasks on the main thread while the batch runs: the page must not freeze.
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration)))
      .observe({ type: "longtask" });
  });
}
const waitForBatch = (page, timeout = 30_000) => page.waitForSelector('[data-testid="batch"][data-done="1"]', { timeout });
const compareRows = (page) => page.locator('[data-testid="compare"] tbody tr[data-testid="compare-row"]');

/** Dispatch dragenter, dragover and drop on the page with a DataTransfer carrying `files` ([name, text]). */
async function dropFiles(page, files, target = "main") {
  const dt = await page.evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const [name, text] of list) data.items.add(new File([text], name, { type: "text/plain" }));
    return data;
  }, files);
  await page.dispatchEvent(target, "dragenter", { dataTransfer: dt });
  await page.dispatchEvent(target, "dragover", { dataTransfer: dt });
  assert.ok(await page.locator(".drop-overlay").isVisible(), "the drop overlay shows while dragging");
  await page.dispatchEvent(target, "drop", { dataTransfer: dt });
  assert.equal(await page.locator(".drop-overlay").isVisible(), false);
}

describe("input: drop anywhere, several files", () => {
  test("a synthetic drop of one file opens the single view; of two files, a batch", async () => {
    const { page, context, errors } = await openPage();
    try {
      const seed = await read(SEED_002);
      // Dropped on the footer: “anywhere on the page”.
      await dropFiles(page, [["榆树.txt", seed]], ".site-footer");
      await waitForAnalysis(page);
      assert.match(await page.locator('[data-testid="meta"]').textContent(), new RegExp(TITLE_002));
      assert.match(await page.locator('[data-testid="meta-source"]').textContent(), /榆树\.txt/);
      assert.ok(await page.locator('[data-testid="batch"]').isHidden(), "one file: no batch");

      await recordProgress(page);
      await dropFiles(page, [["海南区.txt", await read(SEED_003)], ["政府工作报告.txt", await read(new URL("O01.txt", WORK_REPORTS))]]);
      await waitForBatch(page);
      assert.equal(await compareRows(page).count(), 2);
      const other = compareRows(page).filter({ hasText: "政府工作报告" });
      assert.match(await other.textContent(), /非报告/);
      assert.equal(await other.getAttribute("data-not-report"), "1");
      assert.match(await other.locator("td.col-core").first().textContent(), /不评分/);
      const progress = await page.evaluate(() => window.__progress);
      assert.deepEqual(progress.at(-1), [2, 2]);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

describe("several reports: a worker batch and the comparison table", () => {
  test("fourteen files (GBK, UTF-16, .html, .docx, non-reports) with progress, sorting, exports; then a broken file", async () => {
    const { page, context, errors, requests } = await openPage();
    try {
      await recordProgress(page);
      const broken = { name: "broken.txt", mimeType: "text/plain", buffer: Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x41, 0x00, 0xc3]) };
      const fixtures = ["seed-002.gbk.txt", "seed-001.utf16.txt", "seed-003.gbk.html", "seed-004.docx"].map((f) => fileURLToPath(new URL(f, FIXTURES)));
      // setInputFiles takes paths or buffers, not both: the broken file goes in a second batch below.
      const files = [...SEED_FILES, ...WORK_FILES, ...fixtures];
      await page.locator('[data-testid="file-input"]').setInputFiles(files);
      await page.waitForSelector('[data-testid="batch"]:not([hidden])');
      // While the worker runs, the page answers: the text area takes input.
      await page.locator('[data-testid="input-text"]').focus();
      await page.keyboard.type("一");
      await waitForBatch(page);
      await page.screenshot({ path: shot("batch-1280x800") });

      const n = files.length;
      const bar = page.locator('[data-testid="batch-progress"]');
      assert.equal(await bar.getAttribute("role"), "progressbar");
      assert.equal(await bar.getAttribute("aria-valuenow"), String(n));
      assert.equal(await bar.getAttribute("aria-valuemax"), String(n));
      // Progress is drawn at most once a frame: it never goes back and ends at n.
      const seen = (await page.evaluate(() => window.__progress)).map(([v]) => v);
      assert.equal(seen.at(-1), n);
      assert.deepEqual(seen.filter((v, i) => i > 0 && v < seen[i - 1]), [], "progress never goes back");
      const longest = Math.max(0, ...(await page.evaluate(() => window.__longTasks)));
      assert.ok(longest < 1000, `the main thread was blocked for ${longest} ms`);
      assert.ok(requests.some((u) => /\/www\/worker\.js$/.test(u)), "the analysis ran in the worker");

      // One row per report; the five work reports are labelled and not scored.
      const rows = compareRows(page);
      assert.equal(await rows.count(), n);
      assert.equal(await page.locator('[data-testid="compare"] tr[data-not-report="1"]').count(), 5);
      assert.match(await page.locator('[data-testid="batch-status"]').textContent(), new RegExp(`${n} / ${n} 份已分析，其中 5 份不是法治政府建设报告`));
      const headers = await page.$$eval('[data-testid="compare"] thead th', (ths) => ths.map((th) => th.dataset.key));
      for (const key of ["title", "source", "year", "score", "S1", "R1", "R2", "R3", "R4", "areas_covered", "reconsideration_count"]) {
        assert.ok(headers.includes(key), `column ${key}`);
      }

      // Sort by score: highest first, the unscored last; again: lowest first, the unscored still last.
      const scoreIndex = headers.indexOf("score");
      const scores = () => page.$$eval('[data-testid="compare"] tbody tr', (trs, k) =>
        trs.map((tr) => tr.children[k].textContent.trim()), scoreIndex);
      await page.locator('[data-testid="compare"] th[data-key="score"] button').click();
      assert.equal(await page.locator('[data-testid="compare"] th[data-key="score"]').getAttribute("aria-sort"), "descending");
      let s = await scores();
      let nums = s.filter((x) => x !== "不评分").map(Number);
      assert.deepEqual(nums, [...nums].sort((a, b) => b - a));
      assert.deepEqual(s.slice(nums.length), Array(5).fill("不评分"));
      await page.locator('[data-testid="compare"] th[data-key="score"] button').click();
      assert.equal(await page.locator('[data-testid="compare"] th[data-key="score"]').getAttribute("aria-sort"), "ascending");
      s = await scores();
      nums = s.filter((x) => x !== "不评分").map(Number);
      assert.deepEqual(nums, [...nums].sort((a, b) => a - b));
      assert.deepEqual(s.slice(nums.length), Array(5).fill("不评分"));
      // Sort by a text column too.
      await page.locator('[data-testid="compare"] th[data-key="source"] button').click();
      const sources = await page.$$eval('[data-testid="compare"] tbody tr', (trs, k) => trs.map((tr) => tr.children[k].textContent), headers.indexOf("source"));
      assert.deepEqual(sources, [...sources].sort(new Intl.Collator("zh-CN", { numeric: true }).compare));

      // Column groups can be hidden.
      await page.locator('[data-testid="column-group-indicators"]').uncheck();
      assert.equal(await page.locator('[data-testid="compare"] th[data-key="reconsideration_count"]').count(), 0);
      await page.locator('[data-testid="column-group-indicators"]').check();

      // Exports of the comparison: CSV (with a BOM for spreadsheets), Markdown, JSON.
      const csv = await downloadOf(page, '[data-testid="export-compare-csv"]');
      assert.match(csv.name, /\.csv$/);
      assert.ok(csv.text.startsWith("\uFEFFsource,title,"), csv.text.slice(0, 40));
      const records = parseCsv(csv.text.slice(1).trimEnd());
      assert.equal(records.length, n + 1);
      assert.ok(records.every((r) => r.length === records[0].length));
      assert.ok(records.some((r) => r[1] === TITLE_003));
      const md = await downloadOf(page, '[data-testid="export-compare-md"]');
      assert.match(md.name, /\.md$/);
      assert.match(md.text, /^\| 来源 \| 标题 \|/);
      assert.ok(md.text.includes(TITLE_002) && md.text.includes(TITLE_003));
      const json = await downloadOf(page, '[data-testid="export-batch-json"]');
      const all = JSON.parse(json.text);
      assert.equal(all.length, n);
      assert.ok(all.every((a) => a.schema_version >= 1));

      // A row opens that report in the single view (keyboard: the title is a button).
      // (Seed 003 is in the batch twice: as UTF-8 text and as the GBK web page.)
      await page.locator('[data-testid="compare"] tr', { hasText: TITLE_003 }).first().locator(".open-report").focus();
      await page.keyboard.press("Enter");
      await waitForAnalysis(page);
      assert.match(await page.locator('[data-testid="meta"]').textContent(), new RegExp(TITLE_003));
      assert.equal(await page.locator('[data-testid="compare"] tr.is-current').count(), 1);
      assert.match(await page.locator('[data-testid="compare"] tr.is-current').textContent(), new RegExp(TITLE_003));
      // The batch view gave way to the report; the way back shows it again, where it was.
      assert.ok(await page.locator('[data-testid="batch"]').isHidden());
      await page.screenshot({ path: shot("batch-opened-report") });
      await page.locator('[data-testid="back-to-batch"]').click();
      assert.ok(await page.locator('[data-testid="batch"]').isVisible());
      assert.ok(await page.locator('[data-testid="results"]').isHidden());
      // Clicking elsewhere in a row works too.
      await page.locator('[data-testid="compare"] tr', { hasText: TITLE_002 }).first().locator("td").nth(2).click();
      await page.waitForFunction((t) => document.querySelector('[data-testid="meta"]').textContent.includes(t), TITLE_002);
      await page.locator('[data-testid="back-to-batch"]').click();

      // A second batch with an undecodable file: reported for that file, the others analyzed.
      await page.locator('[data-testid="file-input"]').setInputFiles([
        broken,
        { name: "seed-002.txt", mimeType: "text/plain", buffer: Buffer.from(await read(SEED_002)) },
      ]);
      await page.waitForFunction(() => document.querySelector('[data-testid="batch-progress"]').getAttribute("aria-valuemax") === "2");
      await waitForBatch(page);
      assert.equal(await compareRows(page).count(), 1);
      assert.match(await page.locator('[data-testid="batch-failures"]').textContent(), /broken\.txt/);

      assert.deepEqual(foreign(requests), []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("a panic in the worker is reported for that file and the batch goes on", async () => {
    // The worker's pkg/report_analyzer.js traps in summarizeBytes() for a file named *__PANIC__*.
    const route = trapping("export function summarizeBytes(bytes, name, options) {", "String(name).includes('__PANIC__')");
    const { page, context, requests } = await openPage({ route });
    try {
      const seed = await read(SEED_002);
      await page.locator('[data-testid="file-input"]').setInputFiles([
        { name: "a.txt", mimeType: "text/plain", buffer: Buffer.from(seed) },
        { name: "__PANIC__.txt", mimeType: "text/plain", buffer: Buffer.from(seed) },
        { name: "c.txt", mimeType: "text/plain", buffer: Buffer.from(await read(SEED_003)) },
      ]);
      await waitForBatch(page);
      assert.equal(await compareRows(page).count(), 2);
      const failure = page.locator('[data-testid="batch-failure"]');
      assert.equal(await failure.count(), 1);
      assert.match(await failure.textContent(), /__PANIC__\.txt.*内部错误/);
      assert.ok(requests.filter((u) => /\/www\/worker\.js$/.test(u)).length >= 2, "a fresh worker took over");
      assert.ok(await compareRows(page).filter({ hasText: TITLE_003 }).isVisible(), "the file after the panic was analyzed");
    } finally {
      await context.close();
    }
  });
});

describe("exports of one report and the print view", () => {
  test("JSON, figures CSV and Markdown downloads hold the analysis", async () => {
    const { page, context, errors, requests } = await openPage();
    try {
      await page.locator('[data-testid="file-input"]').setInputFiles(fileURLToPath(SEED_002));
      await waitForAnalysis(page);
      const figures = await page.locator('[data-testid="figures"] tbody tr[data-figure]').count();

      // The exports module (Markdown, CSV, comparison) is fetched on first use, not with the page.
      const exportsWasm = () => requests.filter((u) => u.endsWith("/pkg/report_analyzer_exports_bg.wasm")).length;
      assert.equal(exportsWasm(), 0, "the page loads only the analysis module");
      const json = await downloadOf(page, '[data-testid="export-json"]');
      assert.equal(json.name, "002_13e699f1154613c7.analysis.json");
      assert.equal(exportsWasm(), 0, "the JSON export needs no module");
      const analysis = JSON.parse(json.text);
      assert.ok(analysis.schema_version >= 1);
      assert.equal(analysis.meta.title, TITLE_002);
      assert.equal(analysis.figures.length, figures);
      assert.equal(analysis.source, "002_13e699f1154613c7.txt");

      const csv = await downloadOf(page, '[data-testid="export-csv"]');
      assert.equal(csv.name, "002_13e699f1154613c7.figures.csv");
      assert.ok(csv.text.startsWith("\uFEFF"), "a BOM so that spreadsheets read UTF-8");
      const records = parseCsv(csv.text.slice(1).trimEnd());
      assert.deepEqual(records[0].slice(0, 5), ["source", "text", "value", "unit", "kind"]);
      assert.ok(records[0].includes("family") && records[0].includes("subject"));
      assert.equal(records.length - 1, figures);
      assert.equal(exportsWasm(), 1, "the CSV export fetched the exports module");

      const md = await downloadOf(page, '[data-testid="export-md"]');
      assert.equal(md.name, "002_13e699f1154613c7.summary.md");
      assert.ok(md.text.startsWith(`# ${TITLE_002}\n`), md.text.slice(0, 60));
      assert.match(md.text, /评分/);
      assert.equal(exportsWasm(), 1, "fetched once");

      // Pasted text (no file name): the title names the files.
      await page.locator('[data-testid="clear-button"]').click();
      await page.locator('[data-testid="input-text"]').fill(await read(SEED_003));
      await page.waitForFunction((t) => document.querySelector('[data-testid="meta"]')?.textContent.includes(t), TITLE_003);
      const md2 = await downloadOf(page, '[data-testid="export-md"]');
      assert.equal(md2.name, `${TITLE_003}.summary.md`);
      assert.ok(md2.text.startsWith(`# ${TITLE_003}`));

      assert.deepEqual(foreign(requests), []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("the print view hides the controls and prints meta, score, checklist, outline and figures", async () => {
    const { page, context } = await openPage();
    try {
      await page.locator('[data-testid="input-text"]').fill(await read(SEED_002));
      await waitForAnalysis(page);
      await page.emulateMedia({ media: "print" });
      for (const hidden of ['[data-testid="input-text"]', '[data-testid="file-input"]', '[data-testid="export-json"]',
        '[data-testid="print-button"]', '[data-testid="figure-kind"]', '[data-testid="figure-family"]', '[data-testid="text-view"]']) {
        assert.equal(await page.locator(hidden).isVisible(), false, `${hidden} is hidden in print`);
      }
      for (const shown of ["meta", "score", "checklist", "outline", "figures"]) {
        assert.ok(await page.locator(`[data-testid="${shown}"]`).isVisible(), `${shown} is printed`);
      }
      // Reasons, folded sub-items and every figure row are printed.
      assert.ok(await page.locator('[data-testid="score"] .reasons li').first().isVisible());
      assert.ok(await page.locator('[data-testid="checklist-subitems"] .cl-item').first().isVisible(), "sub-items unfolded");
      const last = page.locator('[data-testid="figures"] tbody tr').last();
      const box = await last.boundingBox();
      const wrap = await page.locator(".figures-wrap").boundingBox();
      assert.ok(box.y + box.height <= wrap.y + wrap.height + 1, "the figures table is not cut off");
      // About an A4 page's width at 96 dpi.
      await page.setViewportSize({ width: 794, height: 1123 });
      await page.screenshot({ path: shot("print-view") });
      for (const part of ["checklist", "outline", "figures"]) {
        const y = await page.locator(`[data-testid="${part}"]`).evaluate((e) => e.getBoundingClientRect().top + window.scrollY - 60);
        await page.screenshot({ path: shot(`print-view-${part}`), fullPage: true, clip: { x: 0, y, width: 794, height: 1123 } });
      }
      await page.screenshot({ path: shot("print-view-full"), fullPage: true });
      await page.emulateMedia({ media: "screen" });
      assert.ok(await page.locator('[data-testid="input-text"]').isVisible());
    } finally {
      await context.close();
    }
  });
});

describe("figures: indicator families and the hover card", () => {
  test("filter by kind and family, the 指标类别 column, hovering a figure shows value, unit and kind", async () => {
    const { page, context } = await openPage();
    try {
      await page.locator('[data-testid="input-text"]').fill(await read(SEED_002));
      await waitForAnalysis(page);
      await page.locator('[data-testid="view-figures"]').click();
      const families = await page.$$eval('[data-testid="figure-family"] option', (os) => os.map((o) => [o.value, o.textContent]));
      assert.ok(families.some(([v, t]) => v === "enforcement" && /^行政执法（\d+）$/.test(t)), JSON.stringify(families));
      assert.ok(families.some(([v]) => v === "reconsideration"));
      await page.selectOption('[data-testid="figure-family"]', "enforcement");
      const rows = page.locator('[data-testid="figures"] tbody tr[data-figure]');
      assert.ok((await rows.count()) > 0);
      assert.deepEqual([...new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.family)))], ["enforcement"]);
      assert.deepEqual([...new Set(await page.locator('[data-testid="figures"] tbody td.fig-family').allTextContents())], ["行政执法"]);
      // Both filters at once.
      await page.selectOption('[data-testid="figure-kind"]', "percent");
      const both = await rows.evaluateAll((trs) => trs.map((tr) => [tr.dataset.kind, tr.dataset.family]));
      assert.ok(both.every(([k, f]) => k === "percent" && f === "enforcement"));
      assert.match(await page.locator("#figure-count").textContent(), new RegExp(`显示 ${both.length} / \\d+ 项`));
      // Sortable by family.
      await page.selectOption('[data-testid="figure-kind"]', "all");
      await page.selectOption('[data-testid="figure-family"]', "all");
      await page.locator('[data-testid="figures"] th[data-key="family"] button').click();
      const fams = (await page.locator('[data-testid="figures"] tbody td.fig-family').allTextContents()).filter((f) => f !== "—");
      assert.deepEqual(fams, [...fams].sort(new Intl.Collator("zh-CN").compare));

      // Hover a percentage in the text: value, unit and kind.
      const fig = page.locator('[data-testid="text-view"] .mk-figure', { hasText: /%$/ }).first();
      await fig.scrollIntoViewIfNeeded();
      await fig.hover();
      const tip = page.locator('[data-testid="figure-tip"]');
      await tip.waitFor({ state: "visible" });
      const tipText = await tip.textContent();
      assert.match(tipText, /数值[\d.,]+/);
      assert.match(tipText, /单位%/);
      assert.match(tipText, /类型比例/);
      await page.screenshot({ path: shot("figure-hover") });
      await page.mouse.move(5, 5);
      await tip.waitFor({ state: "hidden" });
    } finally {
      await context.close();
    }
  });
});

describe("narrow window", () => {
  test("the comparison at 420×900 stays inside the window", async () => {
    const { page, context, errors } = await openPage({ viewport: { width: 420, height: 900 } });
    try {
      await page.locator('[data-testid="file-input"]').setInputFiles(SEED_FILES.slice(0, 3));
      await waitForBatch(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the window`);
      await page.screenshot({ path: shot("batch-narrow-420x900"), fullPage: true });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
