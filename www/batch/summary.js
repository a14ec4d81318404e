// The summary strip above the comparison: how many reports, their score distribution, how many miss each
// required part, how many were published late or undated — each number a link that filters the table.
// Counted as reports arrive; the strip is built once per batch and only its numbers change after that
// (at most four times a second), so that a running batch costs the page almost nothing to show.
import { el, fmtScore, intervalThrottle } from "../lib/dom.js";
import { PART_COLUMNS } from "../lib/labels.js";

const BUCKETS = [
  ["≥ 90", 90, 100],
  ["80–89", 80, 89.99],
  ["70–79", 70, 79.99],
  ["60–69", 60, 69.99],
  ["< 60", 0, 59.99],
];

/** Set a node's text only when it changes (an unchanged text costs no layout or paint). */
const put = (node, text) => {
  if (node.textContent !== text) node.textContent = text;
};

export class Summary {
  /** `box`: where the strip goes; `filter(values)`: apply filters (see Filters.apply). */
  constructor(box, filter) {
    this.box = box;
    this.filter = filter;
    this.draw = intervalThrottle(() => this.render(), 250);
    this.build();
    this.reset([]);
  }

  /** The strip's elements, once; `render` fills in the numbers. */
  build() {
    const link = (text, values, title) =>
      el("button", { class: "linklike sum-link", text, attrs: { type: "button", title }, on: { click: () => this.filter(values) } });
    const n = () => el("span", { class: "sum-n", text: "0" });
    this.nodes = {
      analyzed: el("span", { class: "sum-big", text: "0" }),
      files: el("span", { class: "sum-label" }),
      notReports: link("", { kind: "other" }, "只看这些文档"),
      failed: el("span", { class: "sum-note warn-text" }),
      mean: el("span", { class: "sum-label" }),
      buckets: [],
      parts: {},
      late: n(),
      undated: n(),
    };
    this.nodes.notReportsLine = el("span", { class: "sum-note" }, this.nodes.notReports);
    const bars = BUCKETS.map(([label, lo, hi]) => {
      const fill = el("span", { class: "sum-bar-fill" });
      const count = n();
      this.nodes.buckets.push({ fill, count });
      return el("li", { class: "sum-bucket" },
        link(label, { min: String(lo), max: String(Math.floor(hi)) }, `只看总分 ${label} 的报告`),
        el("span", { class: "sum-bar" }, fill),
        count);
    });
    const parts = Object.entries(PART_COLUMNS).map(([p, name]) => {
      const count = n();
      const li = el("li", {}, link(`${p} ${name}`, { missing: p }, `只看缺少 ${p} 的报告`), count);
      this.nodes.parts[p] = { li, count };
      return li;
    });
    this.nodes.lateLine = el("li", {}, link("逾期发布", { timely: "逾期" }, "只看逾期发布的报告（4月1日后，部门3月1日后）"), this.nodes.late);
    this.nodes.late.dataset.testid = "batch-late";
    this.box.replaceChildren(
      el("div", { class: "sum-tile" }, this.nodes.analyzed, this.nodes.files, this.nodes.notReportsLine, this.nodes.failed),
      el("div", { class: "sum-tile" }, this.nodes.mean, el("ol", { class: "sum-buckets" }, bars)),
      el("div", { class: "sum-tile" }, el("span", { class: "sum-label", text: "缺少必备内容" }), el("ul", { class: "sum-parts" }, parts)),
      el("div", { class: "sum-tile" }, el("span", { class: "sum-label", text: "时效" }),
        el("ul", { class: "sum-parts" }, this.nodes.lateLine, el("li", {}, el("span", { text: "未注明日期" }), this.nodes.undated))));
  }

  reset(columns) {
    this.at = Object.fromEntries(columns.map((c) => [c.id, c.at]));
    this.files = 0;
    this.analyzed = 0;
    this.reports = 0;
    this.failed = 0;
    this.sum = 0;
    this.buckets = BUCKETS.map(() => 0);
    this.missing = Object.fromEntries(Object.keys(PART_COLUMNS).map((p) => [p, 0]));
    this.late = 0;
    this.undated = 0;
    this.draw();
  }

  setFiles(n) {
    this.files = n;
    this.draw();
  }

  add(entry) {
    const cell = (id) => entry.row[this.at[id]] ?? null;
    this.analyzed += 1;
    const score = cell("score");
    if (score != null) {
      this.reports += 1;
      this.sum += score;
      const b = BUCKETS.findIndex(([, lo, hi]) => score >= lo && score <= hi);
      this.buckets[b < 0 ? BUCKETS.length - 1 : b] += 1;
      for (const p of Object.keys(this.missing)) if (cell(p) === "缺") this.missing[p] += 1;
      const timely = cell("timely");
      if (timely === "逾期") this.late += 1;
      else if (timely == null) this.undated += 1;
    }
    this.draw();
  }

  addFailure() {
    this.failed += 1;
    this.draw();
  }

  render() {
    const nd = this.nodes;
    put(nd.analyzed, String(this.analyzed));
    put(nd.files, `份已分析${this.files ? `（共 ${this.files} 个文件）` : ""}`);
    const notReports = this.analyzed - this.reports;
    nd.notReportsLine.hidden = notReports === 0;
    put(nd.notReports, `${notReports} 份不是法治政府建设报告`);
    nd.failed.hidden = this.failed === 0;
    put(nd.failed, `${this.failed} 份未能分析`);
    put(nd.mean, `总分分布${this.reports ? `（平均 ${fmtScore(this.sum / this.reports)}）` : ""}`);
    const most = Math.max(1, ...this.buckets);
    nd.buckets.forEach(({ fill, count }, k) => {
      put(count, String(this.buckets[k]));
      const scale = `scaleX(${(this.buckets[k] / most).toFixed(3)})`;
      if (fill.style.transform !== scale) fill.style.transform = scale; // CSSOM, allowed under style-src 'self'
    });
    for (const [p, { li, count }] of Object.entries(nd.parts)) {
      put(count, String(this.missing[p]));
      li.classList.toggle("has-missing", this.missing[p] > 0);
    }
    put(nd.late, String(this.late));
    nd.lateLine.classList.toggle("has-missing", this.late > 0);
    put(nd.undated, String(this.undated));
  }
}
