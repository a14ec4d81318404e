// Makes the seeds-as-PDF fixtures of tests/fixtures/readers/ (committed; run by hand, never by
// `make test`): each seed of ../shared/corpus/seeds rendered by Chromium (playwright-core's
// page.pdf(), Debian's chromium): one paragraph per line of the .txt, first lines indented two
// characters as Chinese official documents are, a running header and a `— N —` page number in the
// footer. The LibreOffice renderings (PDF and .doc) are made by tools/reader-fixtures.sh.
//   node tools/reader-fixtures.mjs [seed-number...]
import { readFile, writeFile } from "node:fs/promises";
import { chromium } from "playwright-core";

const SEEDS = new URL("../../shared/corpus/seeds/", import.meta.url);
const OUT = new URL("../tests/fixtures/readers/", import.meta.url);
const seeds = {
  "000": "000_d97aec136836092d.txt", "001": "001_257872858a488183.txt", "002": "002_13e699f1154613c7.txt",
  "003": "003_722f5c68c1af48ec.txt", "004": "004_d6a789275ca0e1f4.txt",
};
const which = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(seeds);
const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox"] });
const page = await browser.newPage();
for (const n of which) {
  const text = await readFile(new URL(seeds[n], SEEDS), "utf8");
  const paras = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l).map((l) => `<p>${escape(l)}</p>`).join("\n");
  await page.setContent(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
    body { font-family: "WenQuanYi Micro Hei", sans-serif; font-size: 16px; line-height: 1.8; margin: 0; }
    p { margin: 0; text-indent: 2em; text-align: justify; }
  </style></head><body>${paras}</body></html>`);
  const pdf = await page.pdf({
    format: "A4", margin: { top: "25mm", bottom: "25mm", left: "28mm", right: "26mm" }, displayHeaderFooter: true,
    headerTemplate: `<div style="font-size:9px;width:100%;text-align:center;font-family:'WenQuanYi Micro Hei'">法治政府建设年度报告</div>`,
    footerTemplate: `<div style="font-size:11px;width:100%;text-align:center;font-family:'WenQuanYi Micro Hei'">— <span class="pageNumber"></span> —</div>`,
  });
  await writeFile(new URL(`seed-${n}.chromium.pdf`, OUT), pdf);
  console.log(`seed-${n}.chromium.pdf: ${pdf.length} bytes`);
}
await browser.close();
