// The memo module as built (pkg/report_analyzer_memo.js, after wasm-opt) in Node, with the analysis and
// docx modules the page loads alongside it: a report's bytes → its memo → edited → .docx read back by
// the docx module; a second review; the 通报 from summaries' rows; several memos in one zip.
//   make build-wasm && node --test tests/e2e/memo-module.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { SEED_002, SEED_003, SEEDS } from "./harness.mjs";

const pkg = (f) => new URL(`../../pkg/${f}`, import.meta.url);
const load = async (name) => {
  const m = await import(pkg(`${name}.js`));
  m.initSync({ module: readFileSync(pkg(`${name}_bg.wasm`)) });
  return m;
};
const [analysis, docx, memo] = await Promise.all(
  ["report_analyzer", "report_analyzer_docx", "report_analyzer_memo"].map(load));
const report = (url) => analysis.analyzeBytes(new Uint8Array(readFileSync(url)), url.pathname.split("/").pop());
const OPTIONS = { office: "某市司法局", days: 5, date: "2023-04-10" };

test("a report's memo: places in UTF-16, edited, written as .docx the docx module reads back", () => {
  const { text, analysis: a } = report(SEED_003);
  const m = memo.memoItems(a, text, OPTIONS);
  assert.equal(m.title, "关于《海南区人民政府2021年法治政府建设年度报告》的审核意见");
  const r3 = m.items.find((i) => i.id === "part:R3");
  assert.equal(r3.kind, "part_missing");
  for (const item of m.items) {
    for (const p of [item.where, ...(item.also ?? [])].filter(Boolean)) {
      assert.equal(text.slice(p.start16, p.end16), p.quote);
    }
  }
  // The reviewer removes one item, moves another up, rewrites one and adds their own.
  const [first, ...rest] = m.items;
  m.items = [rest[1], rest[0], ...rest.slice(2), { problem: "请补充行政复议案件数据。", suggestion: "列明收案、审结和纠错数。" }];
  m.dismissed = [first.id];
  m.items[0].suggestion = "按审核意见修改。";
  const bytes = memo.memoDocx(m);
  assert.ok(bytes instanceof Uint8Array && bytes.length > 3000);
  const back = docx.readDocx(bytes).text;
  assert.ok(back.startsWith(m.title), back);
  assert.ok(back.includes(`（一）${m.items[0].problem}`) && back.includes("按审核意见修改。"), back);
  assert.ok(back.includes(`（${"一二三四五六七八九十".at(m.items.length - 1)}）请补充行政复议案件数据。`), back);
  assert.ok(!back.includes(first.problem), "the removed item is gone");
  assert.ok(memo.memoMarkdown(m).includes("5个工作日内将修改稿"));
});

test("a second review: the resubmission that adds the missing part has that item 已整改", () => {
  const before = report(SEED_003);
  const at = before.text.indexOf("\n、存在的问题") + 1;
  const added = "(六)党政主要负责人履行推进法治建设第一责任人职责情况\n区委书记、区长主持召开常委会会议2次专题研究法治政府建设，年终述职时开展述法。\n";
  const text = before.text.slice(0, at) + added + before.text.slice(at);
  const after = analysis.analyzeBytes(new TextEncoder().encode(text), "003-修改稿.txt");
  const sent = memo.memoItems(before.analysis, before.text, OPTIONS);
  for (const previous of [before, sent]) {
    const m = memo.secondReview(previous, after, OPTIONS);
    assert.ok(m.title.endsWith("修改稿的复审意见"), m.title);
    const r3 = m.review.earlier.find((e) => e.item.id === "part:R3");
    assert.equal(r3.label, "已整改");
    assert.equal(after.text.slice(r3.where.start16, r3.where.end16), r3.where.quote);
    assert.ok(r3.where.quote.includes("第一责任人"));
    assert.equal(m.review.earlier.find((e) => e.item.id === "causes").label, "未整改");
  }
});

test("the 通报 from the rows a batch keeps, and several memos in one zip", () => {
  const files = ["000_d97aec136836092d.txt", "001_257872858a488183.txt", "002_13e699f1154613c7.txt",
    "003_722f5c68c1af48ec.txt", "004_d6a789275ca0e1f4.txt"].map((f) => new URL(f, SEEDS));
  const rows = files.map((f) => analysis.summarizeBytes(new Uint8Array(readFileSync(f)), f.pathname).row);
  const b = memo.bulletin(rows, OPTIONS);
  assert.equal(b.ranking.length, 5);
  assert.deepEqual(b.ranking.map((r) => r.score), [...b.ranking.map((r) => r.score)].sort((x, y) => y - x));
  assert.equal(b.common[0].label, "未分析不足的原因");
  assert.equal(b.common[0].count, 5);
  const md = memo.bulletinMarkdown(rows, OPTIONS);
  assert.ok(md.startsWith("# 关于2022年度法治政府建设年度报告审核情况的通报"), md);
  const back = docx.readDocx(memo.bulletinDocx(rows, OPTIONS)).text;
  assert.ok(back.includes("二、评分排名") && back.includes("克州人民政府"), back);

  const memos = [SEED_002, SEED_003].map((url) => {
    const { text, analysis: a } = report(url);
    const m = memo.memoItems(a, text, OPTIONS);
    return { name: `${a.meta.issuer}.docx`, bytes: memo.memoDocx(m) };
  });
  const zip = memo.zipFiles(memos);
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = zip.length - 22;
  assert.equal(view.getUint32(eocd, true), 0x06054b50);
  assert.equal(view.getUint16(eocd + 10, true), 2);
  const names = new TextDecoder().decode(zip);
  assert.ok(names.includes("榆树市人民政府.docx") && names.includes("海南区人民政府.docx"));
  assert.throws(() => memo.zipFiles([{ name: "../x", bytes: new Uint8Array(1) }]), /zip/);
  assert.throws(() => memo.memoItems(report(SEED_002).analysis, "别的文本"), /bytes/);
});
