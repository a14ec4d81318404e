// 数据: the figures the report cites, filtered by kind and indicator family, sorted by any column; a
// row (click or Enter) scrolls the text to the figure. Deep link: #figure-12 (the index in
// `analysis.figures`).
import { el } from "../lib/dom.js";
import { FAMILIES, FIGURE_KINDS, familyName } from "../lib/labels.js";
import { listKeys } from "../lib/keys.js";
import { figureUnit, figureValue } from "../report/figure-format.js";

const NO_FAMILY = "none";
const COLUMNS = [["text", "原文"], ["value", "数值"], ["unit", "单位"], ["kind", "类型"], ["family", "指标类别"], ["subject", "指标"]];
/** Filters and sort order, kept from one report to the next. */
const state = { key: null, dir: 1, kind: "all", family: "all" };

export default {
  id: "figures",
  label: "数据",
  anchor: "figure",
  badge: (analysis) => String(analysis.figures.length),

  render(panel, ctx) {
    const figs = ctx.analysis.figures;
    const kinds = new Map();
    const families = new Map();
    for (const f of figs) {
      kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
      const fam = f.family ?? NO_FAMILY;
      families.set(fam, (families.get(fam) ?? 0) + 1);
    }
    if (state.kind !== "all" && !kinds.has(state.kind)) state.kind = "all";
    if (state.family !== "all" && !families.has(state.family)) state.family = "all";
    const kindSelect = el("select", { attrs: { id: "figure-kind" }, data: { testid: "figure-kind" } },
      el("option", { attrs: { value: "all" }, text: `全部（${figs.length}）` }),
      [...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => el("option", { attrs: { value: k }, text: `${FIGURE_KINDS[k] ?? k}（${n}）` })));
    // Families in their fixed order (the comparison table's), unknown ids after them, “未归类” last.
    const order = Object.keys(FAMILIES);
    const rank = (k) => (k === NO_FAMILY ? 1e9 : order.includes(k) ? order.indexOf(k) : 1e6);
    const familySelect = el("select", { attrs: { id: "figure-family" }, data: { testid: "figure-family" } },
      el("option", { attrs: { value: "all" }, text: `全部（${figs.length}）` }),
      [...families].sort((a, b) => rank(a[0]) - rank(b[0])).map(([k, n]) =>
        el("option", { attrs: { value: k }, text: `${k === NO_FAMILY ? "未归类" : familyName(k)}（${n}）` })));
    kindSelect.value = state.kind;
    familySelect.value = state.family;
    const count = el("span", { class: "hint", attrs: { id: "figure-count", "aria-live": "polite" } });
    const head = el("tr", {}, COLUMNS.map(([key, label]) =>
      el("th", { attrs: { scope: "col" }, data: { key }, class: `fc-${key}` }, el("button", { attrs: { type: "button" }, text: label }))));
    const tbody = el("tbody");
    const table = el("table", { attrs: { id: "figures" }, data: { testid: "figures" } },
      el("caption", { class: "visually-hidden", text: "报告中引用的数据，点击表头排序，点击行定位原文" }),
      el("colgroup", {}, COLUMNS.map(([key]) => el("col", { class: `fc-${key}` }))),
      el("thead", {}, head),
      tbody);

    const rows = () => {
      let list = figs.map((f, i) => ({ f, i })).filter(({ f }) =>
        (state.kind === "all" || f.kind === state.kind) && (state.family === "all" || (f.family ?? NO_FAMILY) === state.family));
      const { key, dir } = state;
      if (key) {
        const collator = new Intl.Collator("zh-CN");
        const val = ({ f }) => (key === "kind" ? FIGURE_KINDS[f.kind] ?? f.kind : key === "family" ? familyName(f.family) : f[key]);
        list = list.sort((a, b) => {
          const x = val(a);
          const y = val(b);
          if (x == null || x === "") return y == null || y === "" ? a.i - b.i : 1;
          if (y == null || y === "") return -1;
          const c = typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
          return c * dir || a.i - b.i;
        });
      }
      for (const th of head.cells) th.setAttribute("aria-sort", th.dataset.key === key ? (dir > 0 ? "ascending" : "descending") : "none");
      if (!list.length) {
        tbody.replaceChildren(el("tr", { class: "empty" }, el("td", {
          attrs: { colspan: COLUMNS.length },
          text: figs.length ? "没有符合筛选条件的数据。" : "未识别到数据。",
        })));
      } else {
        tbody.replaceChildren(...list.map(({ f, i }) =>
          el("tr", {
            data: { figure: i, kind: f.kind, family: f.family ?? NO_FAMILY, value: f.value, testid: "figure-row" },
            attrs: { tabindex: 0, title: "定位原文（↑↓ 切换，回车定位）" },
            on: { click: () => ctx.select("figure", i) },
          },
          el("td", { class: "fig-text", text: f.text }),
          el("td", { class: "num", text: figureValue(f) }),
          el("td", { class: "fig-unit", text: figureUnit(f) }),
          el("td", {}, el("span", { class: `kind kind-${f.kind}`, text: FIGURE_KINDS[f.kind] ?? f.kind })),
          el("td", { class: "fig-family", text: familyName(f.family) ?? "—" }),
          el("td", { class: "fig-subject", text: f.subject ?? "—" }))));
      }
      count.textContent = figs.length ? `显示 ${list.length} / ${figs.length} 项` : "";
    };
    for (const th of head.cells) {
      th.querySelector("button").addEventListener("click", () => {
        const key = th.dataset.key;
        if (state.key === key) state.dir = -state.dir;
        else {
          state.key = key;
          state.dir = key === "value" ? -1 : 1;
        }
        rows();
      });
    }
    kindSelect.addEventListener("change", () => {
      state.kind = kindSelect.value;
      rows();
    });
    familySelect.addEventListener("change", () => {
      state.family = familySelect.value;
      rows();
    });
    rows();
    listKeys(tbody, "tr[data-figure]");
    panel.replaceChildren(
      el("div", { class: "figures-tools" },
        el("label", { attrs: { for: "figure-kind" }, text: "类型：" }), kindSelect,
        el("label", { attrs: { for: "figure-family" }, text: "指标类别：" }), familySelect,
        count),
      el("div", { class: "table-wrap figures-wrap" }, table));
  },

  /** Mark figure `index`'s row and scroll the text to the figure. */
  reveal(panel, index, ctx, { jump = true, focus = true } = {}) {
    const f = ctx.analysis.figures[Number(index)];
    if (!f) return false;
    for (const r of panel.querySelectorAll("tr.is-current")) r.classList.remove("is-current");
    const row = panel.querySelector(`tr[data-figure="${Number(index)}"]`);
    if (row) {
      row.classList.add("is-current");
      row.scrollIntoView({ block: "nearest" });
      if (focus && !row.contains(document.activeElement)) row.focus({ preventScroll: true });
    }
    if (jump) ctx.jump(f.start16, f.end16);
    return true;
  },
};
