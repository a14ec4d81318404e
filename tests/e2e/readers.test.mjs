// Every file a reviewer receives, in the page: PDF (two producers), .doc, OFD and a .zip of reports, by
// the file input, through the readers module fetched for the first such file; the same sections as the
// report's .txt; bad files explained.
//   make build-wasm && node --test --test-concurrency=1 tests/e2e/readers.test.mjs
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { crc32 } from "node:zlib";
import { openPage, SEEDS, shot, useBrowser, waitForAnalysis } from "./harness.mjs";

useBrowser();

const READERS = new URL("../fixtures/readers/", import.meta.url);
const fixture = (name) => fileURLToPath(new URL(name, READERS));
const SEED_004 = new URL("004_d6a789275ca0e1f4.txt", SEEDS);
const TITLE_004 = "阜城县关于2022年度法治政府建设情况报告";
const readersWasm = (requests) => requests.filter((u) => u.endsWith("/pkg/report_analyzer_readers_bg.wasm")).length;

/** The top-level sections shown in the outline: marker and title. */
const topSections = (page) =>
  page.$$eval('[data-testid="outline"] .ol-node.depth-1', (ns) => ns.map((n) => n.querySelector(".ol-title").textContent.trim()));

/** A .zip (stored members, UTF-8 names) of `[name, bytes]`. */
function zip(entries) {
  const local = [];
  const central = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const n = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 name
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(n.length, 26);
    local.push(head, n, data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(n.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}

describe("PDF, OFD, .doc and .zip in the page", () => {
  test("a seed as PDF (Chromium, LibreOffice) and as .doc: the title and the top-level sections of its .txt", async () => {
    const { page, context, errors, requests } = await openPage({ viewport: { width: 1440, height: 900 } });
    try {
      await page.locator('[data-testid="input-text"]').fill(await readFile(SEED_004, "utf8"));
      await waitForAnalysis(page);
      const expected = await topSections(page);
      assert.ok(expected.length >= 4);
      assert.equal(readersWasm(requests), 0, "text needs no readers module");
      for (const file of ["seed-004.chromium.pdf", "seed-004.libreoffice.pdf", "seed-004.doc"]) {
        await page.locator('[data-testid="file-input"]').setInputFiles(fixture(file));
        await page.waitForFunction((f) => document.querySelector('[data-testid="meta-source"]')?.textContent.includes(f), file);
        await waitForAnalysis(page);
        assert.match(await page.locator('[data-testid="meta"]').textContent(), new RegExp(TITLE_004), file);
        assert.deepEqual(await topSections(page), expected, file);
        assert.ok((await page.locator('[data-testid="view-figures"] .tab-badge').textContent()) > 50, file);
        if (file.endsWith(".pdf")) await page.screenshot({ path: shot(`reader-${file}`) });
      }
      assert.equal(readersWasm(requests), 1, "the readers module is fetched once, for the first such file");
      // Dropped rather than picked: the same reading.
      const dt = await page.evaluateHandle(([name, b64]) => {
        const data = new DataTransfer();
        data.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name, { type: "application/pdf" }));
        return data;
      }, ["dropped.pdf", (await readFile(fixture("seed-004.chromium.pdf"))).toString("base64")]);
      for (const type of ["dragenter", "dragover", "drop"]) await page.dispatchEvent("main", type, { dataTransfer: dt });
      await page.waitForFunction(() => document.querySelector('[data-testid="meta-source"]')?.textContent.includes("dropped.pdf"));
      await waitForAnalysis(page);
      assert.deepEqual(await topSections(page), expected, "dropped PDF");
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("a .zip of reports becomes a batch named archive/member; a damaged member is named; PDF and OFD in a batch", async () => {
    const { page, context, errors } = await openPage({ viewport: { width: 1440, height: 900 } });
    try {
      const seeds = ["000_d97aec136836092d.txt", "001_257872858a488183.txt", "003_722f5c68c1af48ec.txt"];
      const entries = [];
      for (const s of seeds) entries.push([`区县/${s}`, await readFile(new URL(s, SEEDS))]);
      entries.push(["区县/阜城县.pdf", await readFile(fixture("seed-004.chromium.pdf"))]);
      entries.push(["坏文件.pdf", Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog")]);
      await page.locator('[data-testid="file-input"]').setInputFiles({ name: "报告.zip", mimeType: "application/zip", buffer: zip(entries) });
      await page.waitForSelector('[data-testid="batch"][data-done="1"]', { timeout: 60_000 });
      assert.match(await page.locator('[data-testid="batch-status"]').textContent(), /4 \/ 5 份已分析.*1 份未能分析/);
      const titles = await page.$$eval('[data-testid="compare-row"] .open-report', (bs) => bs.map((b) => b.textContent));
      assert.equal(titles.length, 4);
      assert.ok(titles.includes(TITLE_004), titles.join(" | "));
      const sources = await page.$$eval('[data-testid="compare-row"]', (trs) => trs.map((tr) => tr.querySelector("td:last-child").textContent));
      assert.ok(sources.every((s) => s.startsWith("报告.zip/")), sources.join(" | "));
      const failure = await page.locator('[data-testid="batch-failure"]').textContent();
      assert.match(failure, /报告\.zip\/坏文件\.pdf.*(损坏|不完整)/);
      await page.screenshot({ path: shot("reader-zip-batch") });
      // A member opens in the workspace like any file.
      await page.locator('[data-testid="compare-row"]', { hasText: TITLE_004 }).locator(".open-report").click();
      await waitForAnalysis(page);
      assert.match(await page.locator('[data-testid="meta-source"]').textContent(), /报告\.zip\/区县\/阜城县\.pdf/);

      // Files of every kind picked at once: a batch through the workers.
      await page.locator('[data-testid="file-input"]').setInputFiles(
        ["seed-000.chromium.pdf", "seed-003.doc", "seed-004.libreoffice.pdf", "z.ofd"].map(fixture));
      // (The zip's batch is still marked done until the new one starts: wait for the new one's end.)
      await page.waitForFunction(() => /4 \/ 4 份已分析/.test(document.querySelector('[data-testid="batch-status"]').textContent)
        && document.querySelector('[data-testid="batch"]').dataset.done === "1", null, { timeout: 60_000 });
      assert.match(await page.locator('[data-testid="batch-status"]').textContent(), /4 \/ 4 份已分析/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("a PDF whose text cannot be read, and a damaged one, are explained; the page keeps working", async () => {
    const { page, context, errors } = await openPage();
    try {
      const alert = page.locator('[role="alert"]');
      await page.locator('[data-testid="file-input"]').setInputFiles(fixture("arial_unicode_en_cidfont.pdf"));
      await alert.waitFor({ state: "visible" });
      assert.match(await alert.textContent(), /arial_unicode_en_cidfont\.pdf.*字符映射/);
      await page.locator('[data-testid="file-input"]').setInputFiles({ name: "cut.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj") });
      await page.waitForFunction(() => /cut\.pdf/.test(document.querySelector('[role="alert"]').textContent));
      assert.match(await alert.textContent(), /损坏|不完整/);
      await page.locator('[data-testid="file-input"]').setInputFiles(fixture("seed-003.doc"));
      await waitForAnalysis(page);
      await alert.waitFor({ state: "hidden" });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
