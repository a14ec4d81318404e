// The batch at a reviewer's scale: several hundred files through the worker pool, in input order, with a
// broken file in the middle, cancel and resume, the summary strip and filters, a row opened and the way
// back, and no long task on the main thread.
//   make build-wasm && node --test --test-concurrency=1 tests/e2e/batch.test.mjs
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openPage, SEEDS, shot, useBrowser, WORK_REPORTS } from "./harness.mjs";

useBrowser();

const COPIES = 30; // × the ten corpus files = 300 files
let dir = null;
let files = [];
let brokenAt = -1;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "ra-batch-"));
  const corpus = [];
  for (const d of [SEEDS, WORK_REPORTS]) {
    for (const f of (await readdir(d)).filter((n) => n.endsWith(".txt")).sort()) corpus.push([f, await readFile(new URL(f, d))]);
  }
  for (let k = 0; k < COPIES; k += 1) {
    for (const [name, bytes] of corpus) {
      const path = join(dir, `${String(files.length).padStart(4, "0")}-${name}`);
      await writeFile(path, bytes);
      files.push(path);
    }
  }
  // A file that cannot be decoded, in the middle.
  brokenAt = Math.floor(files.length / 2);
  const broken = join(dir, `${String(brokenAt).padStart(4, "0")}-broken.txt`);
  await writeFile(broken, Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x41, 0x00, 0xc3]));
  files.splice(brokenAt, 0, broken);
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const waitForBatch = (page, timeout = 120_000) => page.waitForSelector('[data-testid="batch"][data-done="1"]', { timeout });

/** Every row of the comparison in view order, read by scrolling the virtual table from top to bottom. */
async function allRows(page) {
  return page.evaluate(async () => {
    const wrap = document.getElementById("compare-wrap");
    const seen = new Map();
    wrap.scrollTop = 0;
    for (;;) {
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      for (const tr of wrap.querySelectorAll('tr[data-testid="compare-row"]')) {
        seen.set(tr.dataset.entry, [Number(tr.offsetTop), tr.querySelector("th").textContent]);
      }
      if (wrap.scrollTop + wrap.clientHeight >= wrap.scrollHeight - 1) break;
      wrap.scrollTop += wrap.clientHeight;
    }
    return [...seen].sort((a, b) => a[1][0] - b[1][0]).map(([entry, [, title]]) => ({ entry: Number(entry), title }));
  });
}

/** A batch of the several hundred files: checks order, failure and summary; returns the longest task
 * on the main thread after the batch started (ms). */
async function batchOfSeveralHundred(attempt) {
  const { page, context, errors } = await openPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: "longtask" });
    });
    await page.locator('[data-testid="file-input"]').setInputFiles(files);
    // While it runs: progress with a count and the time left.
    await page.waitForFunction(() => /正在分析：\d+ \/ \d+ 份.*约剩/.test(document.querySelector('[data-testid="batch-status"]').textContent), null, { timeout: 60_000 });
    await waitForBatch(page);
    // From the batch's start: the browser's own work of handing the files to the page (stat and
    // register 300 files) comes before it and is not the page's.
    const longest = await page.evaluate(() => {
      const start = performance.getEntriesByName("ra-batch-start")[0].startTime;
      return Math.max(0, ...window.__longTasks.filter(([t]) => t >= start).map(([, d]) => d));
    });
    const n = files.length;
    assert.match(await page.locator('[data-testid="batch-status"]').textContent(), new RegExp(`${n - 1} / ${n} 份已分析.*1 份未能分析`));
    const failure = page.locator('[data-testid="batch-failure"]');
    assert.equal(await failure.count(), 1);
    assert.match(await failure.textContent(), /broken\.txt.*无法读取/);
    assert.equal(await page.locator('[data-testid="compare"]').getAttribute("data-rows"), String(n - 1));
    // Only the rows in sight are drawn.
    assert.ok((await page.locator('[data-testid="compare-row"]').count()) < 80);

    const rows = await allRows(page);
    assert.equal(rows.length, n - 1);
    const entries = rows.map((r) => r.entry);
    assert.deepEqual(entries, [...Array(n).keys()].filter((i) => i !== brokenAt), "rows in input order, the broken file left out");

    // The summary strip: counts by score, parts missing, timeliness.
    const summary = await page.locator('[data-testid="batch-summary"]').textContent();
    assert.match(summary, new RegExp(`${n - 1}份已分析（共 ${n} 个文件）`));
    assert.match(summary, /150 份不是法治政府建设报告/);
    assert.match(summary, /1 份未能分析/);
    if (attempt === 0) await page.screenshot({ path: shot("batch-300-1440") });
    assert.deepEqual(errors, []);
    return longest;
  } finally {
    await context.close();
  }
}

describe("a batch of several hundred files", () => {
  test("in input order, the broken file named, the others analyzed, no long task on the main thread", async () => {
    // The longest task is a time, and a busy machine stretches every task: the batch is run up to three
    // times and the shortest longest task counts (each run checks everything else).
    const longest = [];
    for (let attempt = 0; attempt < 3 && !(longest.length && Math.min(...longest) < 100); attempt += 1) {
      longest.push(await batchOfSeveralHundred(attempt));
    }
    assert.ok(Math.min(...longest) < 100, `the longest task on the main thread took ${longest.join(", ")} ms in ${longest.length} runs`);
  });

  test("cancel keeps what was analyzed; resume finishes the rest; a new batch starts clean", async () => {
    const { page, context, errors } = await openPage();
    try {
      await page.locator('[data-testid="file-input"]').setInputFiles(files);
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="batch-progress"]').getAttribute("aria-valuenow")) >= 20, null, { timeout: 60_000 });
      await page.locator('[data-testid="batch-cancel"]').click();
      const status = await page.locator('[data-testid="batch-status"]').textContent();
      const m = /已停止：分析了 (\d+) \/ (\d+) 份，其余 (\d+) 份未分析/.exec(status);
      assert.ok(m, status);
      assert.equal(Number(m[1]) + Number(m[3]), files.length);
      assert.ok(Number(m[3]) > 0, "stopped before the end");
      assert.equal(await page.locator('[data-testid="batch"]').getAttribute("data-done"), "0");
      // Nothing more arrives after the stop.
      const rowsAtStop = await page.locator('[data-testid="compare"]').getAttribute("data-rows");
      await page.waitForTimeout(500);
      assert.equal(await page.locator('[data-testid="compare"]').getAttribute("data-rows"), rowsAtStop);
      const resume = page.locator('[data-testid="batch-resume"]');
      assert.match(await resume.textContent(), new RegExp(`继续分析其余 ${m[3]} 份`));
      await resume.click();
      await waitForBatch(page);
      assert.equal(await page.locator('[data-testid="compare"]').getAttribute("data-rows"), String(files.length - 1));
      assert.equal(await page.locator('[data-testid="batch-failure"]').count(), 1);

      // A new batch replaces the old one.
      await page.locator('[data-testid="file-input"]').setInputFiles(files.slice(0, 12).filter((_, i) => i !== brokenAt));
      await page.waitForFunction(() => document.querySelector('[data-testid="batch-progress"]').getAttribute("aria-valuemax") === "12");
      await waitForBatch(page);
      assert.equal(await page.locator('[data-testid="compare"]').getAttribute("data-rows"), "12");
      assert.equal(await page.locator('[data-testid="batch-failure"]').count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("filters and sorting; a row opens the report and the way back keeps the table as it was", async () => {
    const { page, context, errors } = await openPage({ viewport: { width: 1440, height: 900 } });
    try {
      await page.locator('[data-testid="file-input"]').setInputFiles(files.slice(0, 100));
      await waitForBatch(page);
      const table = page.locator('[data-testid="compare"]');
      const rows = () => table.getAttribute("data-rows");
      assert.equal(await rows(), "100");
      // The summary strip's 缺少 R3 link filters the table to the reports without that part.
      const missingR3 = page.locator('[data-testid="batch-summary"] .sum-link', { hasText: "R3" });
      await missingR3.click();
      assert.equal(await page.locator('[data-testid="filter-missing"]').inputValue(), "R3");
      const r3 = await allRows(page);
      assert.ok(r3.length > 0 && r3.length < 100);
      const r3Cells = await page.$$eval('[data-testid="compare-row"]', (trs) =>
        trs.map((tr) => tr.querySelector('td.part-cell[title="缺失"], td.col-parts:nth-of-type(1)') !== null));
      assert.ok(r3Cells.length > 0);
      assert.match(await page.locator('[data-testid="batch-shown"]').textContent(), new RegExp(`筛选后显示 ${r3.length} / 100 份`));
      await page.locator('[data-testid="filter-reset"]').click();
      assert.equal(await rows(), "100");

      // Kind: the 政府工作报告 are “other”.
      await page.selectOption('[data-testid="filter-kind"]', "other");
      assert.equal(await rows(), "50");
      // Level and year, and a score range (the others have none).
      await page.selectOption('[data-testid="filter-kind"]', "");
      await page.locator('[data-testid="filter-score-min"]').fill("80");
      const high = await page.$$eval('[data-testid="compare-row"] td.col-core', (tds) => tds.map((td) => td.textContent));
      assert.ok(high.length > 0);
      const scoreCol = await page.$$eval('[data-testid="compare"] thead th', (ths) => ths.map((th) => th.dataset.key).indexOf("score"));
      const scores = await page.$$eval('[data-testid="compare-row"]', (trs, k) => trs.map((tr) => Number(tr.children[k].textContent)), scoreCol);
      assert.ok(scores.every((s) => s >= 80), JSON.stringify(scores));
      const years = await page.$$eval('[data-testid="filter-year"] option', (os) => os.map((o) => o.value).filter(Boolean));
      assert.ok(years.length >= 1);
      await page.selectOption('[data-testid="filter-year"]', years[0]);
      const yearCol = await page.$$eval('[data-testid="compare"] thead th', (ths) => ths.map((th) => th.dataset.key).indexOf("year"));
      const shownYears = await page.$$eval('[data-testid="compare-row"]', (trs, k) => trs.map((tr) => tr.children[k].textContent), yearCol);
      assert.ok(shownYears.every((y) => y === years[0]));
      await page.locator('[data-testid="filter-reset"]').click();

      // Sort by score, scroll down, open a report, come back: the same order, the same place.
      await page.locator('[data-testid="compare"] th[data-key="score"] button').click();
      await page.evaluate(() => { document.getElementById("compare-wrap").scrollTop = 600; });
      await page.waitForTimeout(100);
      const before = await page.$$eval('[data-testid="compare-row"]', (trs) => trs.map((tr) => tr.dataset.entry));
      const target = page.locator('[data-testid="compare-row"]').nth(12);
      const entry = await target.getAttribute("data-entry");
      await target.locator(".open-report").click();
      await page.waitForSelector('[data-testid="results"]:not([hidden]) [data-testid="outline"] .ol-node');
      assert.ok(await page.locator('[data-testid="batch"]').isHidden());
      await page.locator('[data-testid="back-to-batch"]').click();
      assert.ok(await page.locator('[data-testid="batch"]').isVisible());
      assert.equal(await page.locator('[data-testid="compare"] th[data-key="score"]').getAttribute("aria-sort"), "descending");
      const current = page.locator('[data-testid="compare-row"].is-current');
      assert.equal(await current.getAttribute("data-entry"), entry);
      assert.ok(await current.isVisible());
      const back = await page.$$eval('[data-testid="compare-row"]', (trs) => trs.map((tr) => tr.dataset.entry));
      assert.deepEqual(back, before, "the rows in sight are the ones left");
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
