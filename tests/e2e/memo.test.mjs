// The 审核意见 tab and the batch's memos in the real page: items with places that scroll the text and
// highlight the quote; edited, unticked, added, reordered; the .docx downloaded and unzipped here (its
// word/document.xml holds the edits, not the unticked item); copied as text; printed alone; options
// remembered; a second review against a 上一稿 dropped on the view; a batch's memos (.zip of .docx)
// and 通报 (.docx). Screenshots at 1440 and 1024.
//   make build-wasm && node --test tests/e2e/memo.test.mjs
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { inflateRawSync } from "node:zlib";
import { openPage, read, SEED_002, SEED_003, SEEDS, shot, useBrowser, waitForAnalysis } from "./harness.mjs";

useBrowser();

const SEED_004 = new URL("004_d6a789275ca0e1f4.txt", SEEDS);
const item = '[data-testid="memo-item"]';

/** The members of a zip archive ({name → bytes}) from its central directory (stored or deflated). */
function unzip(buf) {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, "a zip archive");
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out = new Map();
  for (let k = 0; k < count; k += 1) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50);
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString("utf8");
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLen + extra + comment;
  }
  return out;
}
/** The text of a .docx: its document.xml's runs, paragraph by paragraph. */
function docxText(buf) {
  const xml = unzip(buf).get("word/document.xml")?.toString("utf8");
  assert.ok(xml, "word/document.xml");
  const unescape = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
  return xml.split("</w:p>").map((p) => unescape([...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""))).join("\n");
}
/** Click `button`; the download's name and bytes. */
async function downloaded(page, button) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator(button).click()]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}
/** The text the text view highlights, by element or by CSS highlight range. */
const highlighted = (page) =>
  page.evaluate(() => {
    const el = document.querySelector('[data-testid="text-view"] .is-focused');
    if (el) return el.textContent;
    const h = CSS.highlights.get("ra-focus");
    return h ? [...h][0].toString() : null;
  });
/** Is the highlight inside the text view's visible box? */
const highlightShown = (page) =>
  page.evaluate(() => {
    const view = document.querySelector('[data-testid="text-view"]');
    const el = view.querySelector(".is-focused");
    const r = (el ?? [...CSS.highlights.get("ra-focus")][0]).getBoundingClientRect();
    const box = view.getBoundingClientRect();
    return r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
  });

async function openMemo(page) {
  await page.locator('[data-testid="view-memo"]').click();
  await page.waitForSelector(item, { timeout: 15_000 });
}

describe("the 审核意见 tab", () => {
  test("items with places; edit, untick, add, reorder; Word, text, print; options remembered", async () => {
    const { page, context, errors, requests } = await openPage({ viewport: { width: 1440, height: 900 } });
    try {
      await context.grantPermissions(["clipboard-read", "clipboard-write"]);
      await page.locator('[data-testid="input-text"]').fill(await read(SEED_004));
      await waitForAnalysis(page);
      assert.ok(!requests.some((u) => u.includes("report_analyzer_memo")), "the memo module waits for its tab");
      await openMemo(page);
      assert.ok(requests.some((u) => u.includes("report_analyzer_memo_bg.wasm")));
      assert.equal(await page.locator('[data-testid="memo-title"]').textContent(), "关于《阜城县关于2022年度法治政府建设情况报告》的审核意见");
      const items = page.locator(item);
      const n = await items.count();
      assert.ok(n >= 5, `${n} items`);
      assert.equal(await page.locator('[data-testid="view-memo"] .tab-badge').textContent(), String(n));
      const ids = await items.evaluateAll((ls) => ls.map((l) => l.dataset.id));
      assert.ok(ids.includes("part:R2") && ids.includes("causes"), ids.join());

      // Every place scrolls the text there and highlights exactly its quote.
      const text = await page.locator('[data-testid="input-text"]').inputValue();
      const places = page.locator(`${item} [data-testid="memo-place"]`);
      assert.ok((await places.count()) >= 4);
      for (const k of [0, (await places.count()) - 1]) {
        const place = places.nth(k);
        const quote = text.slice(Number(await place.getAttribute("data-start")), Number(await place.getAttribute("data-end")));
        assert.ok(quote.length > 4 && (await place.textContent()).includes(`“${quote}”`), quote);
        await page.locator('[data-testid="text-view"]').evaluate((v) => { v.scrollTop = v.scrollHeight; });
        await place.click();
        assert.equal(await highlighted(page), quote);
        await page.waitForFunction(() => {
          const view = document.querySelector('[data-testid="text-view"]');
          const el = view.querySelector(".is-focused");
          const r = (el ?? [...CSS.highlights.get("ra-focus")][0]).getBoundingClientRect();
          const box = view.getBoundingClientRect();
          return r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
        });
        assert.ok(await highlightShown(page));
      }
      await page.screenshot({ path: shot("memo-1440") });

      // Rewrite the first item, untick the second, add one, move it up one place.
      const EDITED = "报告未将存在的不足单列一部分（审核人改写）。";
      const OWN = "请补充全年行政复议案件的收案、审结和纠错数量。";
      await items.nth(0).locator('[data-field="problem"]').fill(EDITED);
      const dropped = await items.nth(1).locator('[data-field="problem"]').inputValue();
      await items.nth(1).locator('[data-testid="memo-include"]').uncheck();
      assert.equal(await items.nth(1).locator(".memo-num").textContent(), "（不导出）");
      await page.locator('[data-testid="memo-add"]').click();
      assert.equal(await items.count(), n + 1);
      const own = items.nth(n);
      assert.equal(await own.getAttribute("data-kind"), "custom");
      assert.ok(await own.locator('[data-field="problem"]').evaluate((a) => a === document.activeElement), "the new item's text has the focus");
      await page.keyboard.type(OWN);
      await own.locator('[data-field="suggestion"]').fill("在“主要举措和成效”部分列明数据。");
      const before = await items.nth(n - 1).locator('[data-field="problem"]').inputValue();
      await own.locator(".memo-up").click();
      assert.equal(await items.nth(n - 1).locator('[data-field="problem"]').inputValue(), OWN);
      assert.equal(await items.nth(n).locator('[data-field="problem"]').inputValue(), before);
      assert.equal(await page.locator('[data-testid="view-memo"] .tab-badge').textContent(), String(n));

      // The edits survive switching tabs (and the tab is drawn from them, not built again).
      await page.locator('[data-testid="view-checklist"]').click();
      await page.locator('[data-testid="view-memo"]').click();
      assert.equal(await items.nth(0).locator('[data-field="problem"]').inputValue(), EDITED);
      assert.equal(await items.nth(n - 1).locator('[data-field="problem"]').inputValue(), OWN);
      assert.equal(await items.nth(1).locator('[data-testid="memo-include"]').isChecked(), false);

      // Options: the office and the days go into 三、修改要求, and are remembered.
      await page.locator('[data-testid="memo-office"]').fill("衡水市司法局");
      await page.locator('[data-testid="memo-days"]').fill("5");
      await page.locator('[data-testid="memo-days"]').press("Tab");
      await page.waitForFunction(() => /5个工作日内.*衡水市司法局/.test(document.querySelector('[data-field="request"]').value));
      assert.equal(await items.nth(0).locator('[data-field="problem"]').inputValue(), EDITED, "edits kept when the options change");

      // Word: the edited text, the reviewer's item in its place, not the unticked one.
      const docx = await downloaded(page, '[data-testid="memo-docx"]');
      assert.match(docx.name, /^004_d6a789275ca0e1f4\.审核意见\.docx$|\.审核意见\.docx$/);
      const body = docxText(docx.bytes);
      assert.ok(body.startsWith("关于《阜城县关于2022年度法治政府建设情况报告》的审核意见"), body.slice(0, 80));
      assert.ok(body.includes(`（一）${EDITED}`), body);
      assert.ok(!body.includes(dropped), "the unticked item is left out");
      const at = (s) => body.indexOf(s);
      assert.ok(at(OWN) > 0 && at(OWN) < at(before), "the reviewer's item before the one it was moved above");
      assert.ok(body.includes("5个工作日内") && body.includes("衡水市司法局"));

      // Copy as text: plain (no Markdown marks), the same content.
      await page.locator('[data-testid="memo-copy"]').click();
      await page.waitForFunction(() => /已复制审核意见/.test(document.querySelector('[data-testid="status"]').textContent));
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.ok(copied.startsWith("关于《阜城县") && copied.includes(EDITED) && copied.includes(OWN) && !copied.includes(dropped), copied);
      assert.ok(!/^#|^- /m.test(copied), "plain text");

      // Print: the memo alone, as a document.
      await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed += 1; }; });
      await page.locator('[data-testid="memo-print"]').click();
      await page.waitForFunction(() => window.printed === 1);
      await page.emulateMedia({ media: "print" });
      assert.equal(await page.locator('[data-testid="results"]').isVisible(), false);
      const doc = page.locator('[data-testid="memo-print-doc"]');
      assert.ok(await doc.isVisible());
      assert.equal(await doc.locator("h1").textContent(), "关于《阜城县关于2022年度法治政府建设情况报告》的审核意见");
      assert.ok((await doc.textContent()).includes(EDITED));
      await page.screenshot({ path: shot("memo-print"), fullPage: true });
      await page.emulateMedia({ media: "screen" });

      // A new page of the same browser profile remembers the office and the days.
      const again = await context.newPage();
      await again.goto(page.url());
      await again.waitForSelector('body[data-ready="1"]');
      await again.locator('[data-testid="input-text"]').fill(await read(SEED_003));
      await waitForAnalysis(again);
      await openMemo(again);
      assert.equal(await again.locator('[data-testid="memo-office"]').inputValue(), "衡水市司法局");
      assert.equal(await again.locator('[data-testid="memo-days"]').inputValue(), "5");
      assert.match(await again.locator('[data-field="request"]').inputValue(), /5个工作日内.*衡水市司法局/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("at 1024 × 768: the tabs and the memo fit the inspector", async () => {
    const { page, context, errors } = await openPage({ viewport: { width: 1024, height: 768 } });
    try {
      await page.locator('[data-testid="input-text"]').fill(await read(SEED_002));
      await waitForAnalysis(page);
      await openMemo(page);
      await page.locator(".panes").evaluate((p) => p.scrollIntoView());
      const fit = await page.evaluate(() => {
        const box = document.querySelector(".inspector").getBoundingClientRect();
        const out = [...document.querySelectorAll('.tab, [data-testid="memo"] button, [data-testid="memo"] input, [data-testid="memo"] textarea')]
          .filter((e) => e.offsetParent !== null)
          .filter((e) => { const r = e.getBoundingClientRect(); return r.left < box.left - 1 || r.right > box.right + 1; });
        return out.map((e) => e.outerHTML.slice(0, 80));
      });
      assert.deepEqual(fit, [], "nothing sticks out of the inspector");
      await page.screenshot({ path: shot("memo-1024") });
      await page.locator(item).first().evaluate((li) => li.scrollIntoView({ block: "start" }));
      await page.screenshot({ path: shot("memo-1024-items") });
      // The place still scrolls the text (here left of the inspector).
      const place = page.locator(`${item} [data-testid="memo-place"]`).first();
      await place.click();
      const text = await page.locator('[data-testid="input-text"]').inputValue();
      assert.equal(await highlighted(page), text.slice(Number(await place.getAttribute("data-start")), Number(await place.getAttribute("data-end"))));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("second review: a 上一稿 without the plans part dropped on the view → that item 已整改, with its evidence", async () => {
    const { page, context, errors } = await openPage({ viewport: { width: 1440, height: 900 } });
    try {
      const full = await read(SEED_002);
      const cut = full.indexOf("四、2023年法治政府建设工作安排");
      assert.ok(cut > 0);
      const earlier = full.slice(0, full.lastIndexOf("\n", cut) + 1);
      await page.locator('[data-testid="file-input"]').setInputFiles(fileURLToPath(SEED_002));
      await waitForAnalysis(page);
      await openMemo(page);
      const firstIds = await page.locator(item).evaluateAll((ls) => ls.map((l) => l.dataset.id));
      assert.ok(!firstIds.includes("part:R4"), "the full report has its plans part");

      // Dropped on the 上一稿 zone: read as the earlier version, not opened as a new report.
      await page.locator('[data-testid="memo-previous"]').evaluate((zone, body) => {
        const dt = new DataTransfer();
        dt.items.add(new File([body], "002-上一稿.txt", { type: "text/plain" }));
        for (const type of ["dragenter", "dragover", "drop"]) zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
      }, earlier);
      await page.waitForSelector('[data-testid="memo-review"]', { timeout: 15_000 });
      // The workspace still shows the resubmitted (full) report, and no batch began.
      assert.ok((await page.locator('[data-testid="outline"]').textContent()).includes("2023年法治政府建设工作安排"));
      assert.equal(await page.locator('[data-testid="batch"]').isVisible(), false);
      assert.match(await page.locator('[data-testid="memo-title"]').textContent(), /修改稿的复审意见$/);
      const r4 = page.locator('[data-testid="memo-earlier"][data-id="part:R4"]');
      assert.equal(await r4.getAttribute("data-status"), "fixed");
      assert.equal(await r4.locator(".memo-status").textContent(), "已整改");
      assert.match(await r4.textContent(), /修改稿已增设“四、2023年法治政府建设工作安排”部分/);
      const evidence = r4.locator('[data-testid="memo-evidence"]');
      await evidence.click();
      const text = await page.locator('[data-testid="input-text"]').inputValue();
      assert.equal(await highlighted(page), text.slice(Number(await evidence.getAttribute("data-start")), Number(await evidence.getAttribute("data-end"))));
      assert.equal(await page.locator('[data-testid="memo-earlier"][data-id="causes"]').getAttribute("data-status"), "open");
      assert.match(await page.locator(".memo-review-summary").textContent(), /前次审核意见共\d+条，已整改1条/);
      // The new problems are the items below, editable as in a first memo.
      const fresh = await page.locator(item).evaluateAll((ls) => ls.map((l) => l.dataset.id));
      assert.ok(fresh.length >= 1 && !fresh.includes("part:R4") && !fresh.includes("causes"), fresh.join());
      await page.screenshot({ path: shot("memo-review-1440") });

      const docx = await downloaded(page, '[data-testid="memo-docx"]');
      assert.match(docx.name, /复审意见\.docx$/);
      const body = docxText(docx.bytes);
      assert.ok(body.includes("二、前次审核意见整改情况") && body.includes("已整改") && body.includes("三、新发现的问题和修改建议"), body);

      // Back to the first memo.
      await page.locator('[data-testid="memo-review-off"]').click();
      assert.equal(await page.locator('[data-testid="memo-review"]').count(), 0);
      assert.match(await page.locator('[data-testid="memo-title"]').textContent(), /的审核意见$/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

describe("a batch's memos and 通报", () => {
  test("three reports: a .zip of three .docx memos, the 通报 .docx and its Markdown", async () => {
    const { page, context, errors } = await openPage({ viewport: { width: 1440, height: 900 } });
    try {
      await context.grantPermissions(["clipboard-read", "clipboard-write"]);
      const seeds = [SEED_002, SEED_003, SEED_004];
      await page.locator('[data-testid="file-input"]').setInputFiles(seeds.map((u) => fileURLToPath(u)));
      await page.waitForSelector('[data-testid="batch"][data-done="1"]', { timeout: 60_000 });
      assert.equal(await page.locator('[data-testid="export-memos"]').isEnabled(), true);
      await page.screenshot({ path: shot("memo-batch-1440") });
      await page.setViewportSize({ width: 1024, height: 768 });
      const head = await page.locator(".batch-head").boundingBox();
      const last = await page.locator('[data-testid="copy-bulletin"]').boundingBox();
      assert.ok(last.x + last.width <= head.x + head.width + 1, "the batch's buttons stay in the card at 1024");
      await page.screenshot({ path: shot("memo-batch-1024") });
      await page.setViewportSize({ width: 1440, height: 900 });

      // Open 003 from the table, edit its memo; open 002; back to 003: the edits are there.
      const openRow = async (title) => {
        if (await page.locator('[data-testid="back-to-batch"]').isVisible()) await page.locator('[data-testid="back-to-batch"]').click();
        await page.locator('[data-testid="compare-row"]', { hasText: title }).locator(".open-report").click();
        await page.waitForFunction((t) => document.querySelector('[data-testid="meta"]')?.textContent.includes(t), title);
      };
      await openRow("海南区人民政府");
      await openMemo(page);
      const REWRITTEN = "请在报告中单列党政主要负责人履行推进法治建设第一责任人职责情况（审核人改写）。";
      const r3 = page.locator(`${item}[data-id="part:R3"]`);
      await r3.locator('[data-field="problem"]').fill(REWRITTEN);
      const causes = page.locator(`${item}[data-id="causes"]`);
      const droppedCauses = await causes.locator('[data-field="problem"]').inputValue();
      await causes.locator('[data-testid="memo-include"]').uncheck();
      await openRow("榆树市人民政府");
      await page.waitForFunction(() => /榆树市/.test(document.querySelector('[data-testid="memo-title"]')?.textContent ?? ""));
      await openRow("海南区人民政府");
      await page.waitForFunction(() => /海南区/.test(document.querySelector('[data-testid="memo-title"]')?.textContent ?? ""));
      assert.equal(await r3.locator('[data-field="problem"]').inputValue(), REWRITTEN);
      assert.equal(await causes.locator('[data-testid="memo-include"]').isChecked(), false);
      await page.locator('[data-testid="back-to-batch"]').click();

      const zip = await downloaded(page, '[data-testid="export-memos"]');
      assert.equal(zip.name, "审核意见-3份.zip");
      const members = unzip(zip.bytes);
      assert.deepEqual([...members.keys()].sort(), ["002_13e699f1154613c7.审核意见.docx", "003_722f5c68c1af48ec.审核意见.docx", "004_d6a789275ca0e1f4.审核意见.docx"]);
      const titles = {
        "002_13e699f1154613c7.审核意见.docx": "关于《榆树市人民政府关于2022年度法治政府建设情况的报告》的审核意见",
        "003_722f5c68c1af48ec.审核意见.docx": "关于《海南区人民政府2021年法治政府建设年度报告》的审核意见",
        "004_d6a789275ca0e1f4.审核意见.docx": "关于《阜城县关于2022年度法治政府建设情况报告》的审核意见",
      };
      for (const [name, bytes] of members) {
        const body = docxText(bytes);
        assert.ok(body.startsWith(titles[name]), `${name}: ${body.slice(0, 60)}`);
        assert.ok(body.includes("二、主要问题和修改建议") && body.includes("（一）"), name);
      }
      // 003 as the reviewer left it.
      const edited = docxText(members.get("003_722f5c68c1af48ec.审核意见.docx"));
      assert.ok(edited.includes(REWRITTEN) && !edited.includes(droppedCauses), edited);

      const bulletin = await downloaded(page, '[data-testid="export-bulletin"]');
      assert.equal(bulletin.name, "审核情况通报-3份.docx");
      const body = docxText(bulletin.bytes);
      assert.match(body.split("\n")[0], /通报$/);
      for (const unit of ["榆树市人民政府", "海南区人民政府", "阜城县人民政府"]) assert.ok(body.includes(unit), unit);
      assert.ok(body.includes("二、评分排名") && body.includes("三、共性问题"), body);

      await page.locator('[data-testid="copy-bulletin"]').click();
      await page.waitForFunction(() => /已复制通报/.test(document.querySelector('[data-testid="status"]').textContent));
      const md = await page.evaluate(() => navigator.clipboard.readText());
      assert.match(md, /^# 关于.*通报\n/);
      assert.ok(md.includes("| ") && md.includes("海南区人民政府"));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
