// The comparison's filters: level, year, kind, score range, a missing required part, timeliness and a
// search in title, issuer and file name. The choices offered are the values the batch has, with their
// counts, kept as reports arrive (a count per value, not a pass over the batch).
import { el } from "../lib/dom.js";
import { KIND_SHORT, LEVELS, PART_COLUMNS } from "../lib/labels.js";

const FACETS = [
  ["level", "层级", (v) => LEVELS[v] ?? v],
  ["year", "年度", (v) => `${v} 年`],
  ["kind", "文种", (v) => KIND_SHORT[v] ?? v],
  ["timely", "时效", (v) => v],
];

export class Filters {
  /** `box`: the element the controls go in; `onChange(accept)`: the filter changed. */
  constructor(box, onChange) {
    this.onChange = onChange;
    this.state = { level: "", year: "", kind: "", timely: "", missing: "", min: "", max: "", q: "" };
    this.counts = Object.fromEntries(FACETS.map(([k]) => [k, new Map()]));
    this.selects = {};
    this.at = {};
    const controls = [];
    for (const [key, label] of FACETS) {
      const select = el("select", { attrs: { id: `filter-${key}`, "aria-label": label }, data: { testid: `filter-${key}` } });
      select.addEventListener("change", () => this.set(key, select.value));
      // The choices are brought up to date when the reader reaches for them, not with every report.
      for (const type of ["focus", "pointerdown"]) select.addEventListener(type, () => this.options());
      this.selects[key] = select;
      controls.push(el("label", { class: "filter", attrs: { for: `filter-${key}` } }, `${label} `), select);
    }
    const missing = el("select", { attrs: { id: "filter-missing", "aria-label": "缺少必备内容" }, data: { testid: "filter-missing" } },
      el("option", { attrs: { value: "" }, text: "不限" }),
      Object.entries(PART_COLUMNS).map(([id, name]) => el("option", { attrs: { value: id }, text: `${id} ${name}` })));
    missing.addEventListener("change", () => this.set("missing", missing.value));
    this.selects.missing = missing;
    const number = (key, label) => {
      const input = el("input", { attrs: { type: "number", min: 0, max: 100, step: 1, id: `filter-score-${key}`, "aria-label": label, placeholder: key === "min" ? "0" : "100" }, data: { testid: `filter-score-${key}` } });
      input.addEventListener("input", () => this.set(key, input.value));
      this.selects[key] = input;
      return input;
    };
    const search = el("input", { attrs: { type: "search", id: "filter-search", placeholder: "标题、机关或文件名", "aria-label": "搜索标题、发布机关或文件名" }, data: { testid: "filter-search" } });
    search.addEventListener("input", () => this.set("q", search.value.trim()));
    this.selects.q = search;
    this.shown = el("span", { class: "hint filter-shown", data: { testid: "batch-shown" }, attrs: { "aria-live": "polite" } });
    const reset = el("button", { attrs: { type: "button" }, data: { testid: "filter-reset" }, text: "清除筛选", on: { click: () => this.clear() } });
    box.replaceChildren(...controls,
      el("label", { class: "filter", attrs: { for: "filter-missing" } }, "缺少 "), missing,
      el("span", { class: "filter" }, "总分 ", number("min", "总分下限"), "–", number("max", "总分上限")),
      search, reset, this.shown);
    this.stale = true;
  }

  /** A new batch: no counts; the filters stay as the reader set them. */
  reset(columns) {
    for (const m of Object.values(this.counts)) m.clear();
    for (const c of columns) this.at[c.id] = c.at;
    this.stale = true;
    this.options();
  }

  cell(entry, id) {
    return entry.row[this.at[id]] ?? null;
  }

  /** Count a report's values (the choices offered). */
  add(entry) {
    for (const [key] of FACETS) {
      const v = this.cell(entry, key);
      if (v == null || v === "") continue;
      const m = this.counts[key];
      m.set(v, (m.get(v) ?? 0) + 1);
    }
    this.stale = true;
  }

  /** The choices with their counts (when reports came since they were last drawn). */
  options() {
    if (!this.stale) return;
    this.stale = false;
    for (const [key, label] of FACETS) {
      const select = this.selects[key];
      const labelOf = FACETS.find(([k]) => k === key)[2];
      const values = [...this.counts[key].keys()].sort((a, b) => (key === "year" ? b - a : String(a).localeCompare(String(b), "zh-CN")));
      select.replaceChildren(el("option", { attrs: { value: "" }, text: `全部${label}` }),
        ...values.map((v) => el("option", { attrs: { value: String(v) }, text: `${labelOf(v)}（${this.counts[key].get(v)}）` })));
      select.value = this.state[key];
    }
  }

  set(key, value) {
    this.state[key] = value;
    if (this.selects[key] && this.selects[key].value !== value) this.selects[key].value = value;
    this.onChange(this.active() ? (e) => this.accept(e) : null);
  }

  /** Set several filters at once (the summary strip's links). */
  apply(values) {
    Object.assign(this.state, { level: "", year: "", kind: "", timely: "", missing: "", min: "", max: "", q: "" }, values);
    for (const [k, v] of Object.entries(this.state)) if (this.selects[k]) this.selects[k].value = v;
    this.onChange(this.active() ? (e) => this.accept(e) : null);
  }

  clear() {
    this.apply({});
  }

  active() {
    return Object.values(this.state).some((v) => v !== "");
  }

  accept(entry) {
    const s = this.state;
    for (const [key] of FACETS) if (s[key] !== "" && String(this.cell(entry, key) ?? "") !== s[key]) return false;
    const score = this.cell(entry, "score");
    if ((s.min !== "" || s.max !== "") && score == null) return false;
    if (s.min !== "" && score < Number(s.min)) return false;
    if (s.max !== "" && score > Number(s.max)) return false;
    if (s.missing && (score == null || this.cell(entry, s.missing) !== "缺")) return false;
    if (s.q) {
      const q = s.q.toLowerCase();
      const hay = [this.cell(entry, "title"), this.cell(entry, "issuer"), entry.name].filter(Boolean).join(" ").toLowerCase();
      if (!hay.includes(q)) return false;
    }
    return true;
  }

  /** “显示 x / y 份”. */
  showCount(shown, analyzed) {
    this.shown.textContent = this.active() ? `筛选后显示 ${shown} / ${analyzed} 份` : `共 ${analyzed} 份`;
  }
}
