// The comparison table's columns: ids and names from the analysis module (`compareColumns()`, the order
// of every report's `row`), the year-over-year columns added when a batch is complete, the groups a
// reader can hide, the order they are shown in, and how a cell reads, sorts and filters.
import { el, fmtNumber } from "../lib/dom.js";
import { KIND_SHORT, LEVELS } from "../lib/labels.js";

export const COLUMN_GROUPS = [
  ["meta", "基本信息"],
  ["dims", "评分细项"],
  ["parts", "必备内容"],
  ["indicators", "关键指标"],
  ["yoy", "较上年变化"],
];
export const PART_IDS = ["R1", "R2", "R2C", "R3", "R4"];
const PART_CELL = { 标题: ["✓", "covered", "单列标题"], 正文: ["△", "mentioned", "仅见于正文"], 缺: ["✗", "missing", "缺失"] };
const PART_RANK = { 标题: 2, 正文: 1, 缺: 0 };
// The title first (it is the row's header), then who and when, the score and the parts, the
// indicators, and the file's details last.
const FIRST = ["title", "issuer", "year", "level", "kind", "score", "S1", "S2", "S3", "S4", "S5", "S6",
  "R1", "R2", "R2C", "R3", "R4", "areas_covered", "figures", "defects", "timely"];
const LAST = ["published", "signed", "source"];

export function columnGroup(id) {
  if (["source", "issuer", "year", "level", "kind", "published", "signed", "timely"].includes(id)) return "meta";
  if (/^S\d$/.test(id)) return "dims";
  if ([...PART_IDS, "R5", "areas_covered"].includes(id)) return "parts";
  if (id === "prev_year" || id.endsWith("_change")) return "yoy";
  if (/_(count|rate)$/.test(id)) return "indicators";
  return "core"; // title, score, figures, defects
}

/** Column objects for the ids and names of `compareColumns()`: {id, name, at, group, rank}. */
export function makeColumns({ columns, names }, offset = 0, yoy = false, baseNames = null) {
  const nameOf = baseNames ? Object.fromEntries(baseNames.columns.map((c, k) => [c, baseNames.names[k]])) : {};
  return columns.map((id, k) => {
    const name = !yoy ? names[k] : id === "prev_year" ? "上一年度" : `${nameOf[id.replace(/_change$/, "")] ?? id}较上年`;
    const rank = FIRST.includes(id) ? FIRST.indexOf(id) : LAST.includes(id) ? 1000 + LAST.indexOf(id) : yoy ? 500 : 100;
    return { id, name, at: offset + k, group: columnGroup(id), rank, yoy };
  });
}

/** A column's width in em: the table is laid out from these alone (`table-layout: fixed`), so that a
 * row added or scrolled into sight does not make the browser measure every cell again. */
export function columnWidth(c) {
  // Wide enough for the header's first line (CJK characters are 1em).
  const main = /^(.*?)（/.exec(c.name)?.[1] ?? (c.yoy ? c.name.replace(/较上年$/, "") : c.name);
  return Math.max(baseWidth(c), /^S\d$/.test(c.id) ? 0 : main.length + 1.4);
}

function baseWidth(c) {
  if (c.id === "title") return 20;
  if (c.id === "issuer") return 10;
  if (c.id === "source") return 13;
  if (["published", "signed"].includes(c.id)) return 7;
  if (c.id === "level") return 7.5;
  if (c.id === "kind" || c.id === "timely") return c.id === "kind" ? 6 : 4;
  if (c.group === "parts") return 5.5;
  if (c.group === "indicators" || c.group === "yoy") return 5.5;
  if (c.id === "score" || c.id === "year" || c.id === "prev_year") return 4.5;
  return 4;
}

/** A report's cell in column `c` (its year-over-year cells after its own). */
export const cellOf = (entry, c) => (c.at < entry.row.length ? entry.row[c.at] : entry.yoy?.[c.at - entry.row.length]) ?? null;

/** The value a cell sorts by (null sorts last either way). */
export function sortValue(c, v) {
  if (v == null || v === "") return null;
  if (PART_IDS.includes(c.id)) return PART_RANK[v] ?? -1;
  if (c.id === "areas_covered" && typeof v === "string") {
    const [a, b] = v.split("/").map(Number);
    return b ? a / b : a;
  }
  if (c.id === "level") return LEVELS[v] ?? v;
  if (c.id === "kind") return KIND_SHORT[v] ?? v;
  return v;
}

/** The header cell's content: “行政复议（数量）” → “行政复议” over “数量”, narrow without breaking words. */
export function headerContent(c) {
  const label = /^S\d$/.test(c.id) ? `${c.id} ${c.name}` : c.name;
  const m = /^(.*?)（(.*)）$/.exec(c.name) ?? (/^S\d$/.test(c.id) ? [null, c.id, c.name] : /^(.*)较上年$/.exec(c.name) ? [null, c.name.replace(/较上年$/, ""), "较上年"] : null);
  return [label, m ? [el("span", { class: "h-main", text: m[1] }), el("span", { class: "h-sub", text: m[2] })] : [label]];
}

/** A plain cell (the common case, built without `el`'s generality: a table draws thousands). */
function td(cls, text) {
  const cell = document.createElement("td");
  cell.className = cls;
  cell.textContent = text;
  return cell;
}

/** A body cell (not the title's). A document that is not a report has no parts: blank, not “✗ 缺”. */
export function bodyCell(c, v, notReport) {
  const cls = `col-${c.group}`;
  if (v == null || v === "" || (notReport && c.group === "parts")) return td(`empty-cell ${cls}`, c.id === "score" && notReport ? "不评分" : "—");
  if (PART_CELL[v] && PART_IDS.includes(c.id)) {
    const [icon, st, label] = PART_CELL[v];
    return el("td", { class: `part-cell st-${st} ${cls}`, attrs: { title: label } },
      el("span", { class: "cl-icon", text: icon, attrs: { "aria-hidden": "true" } }), ` ${v}`);
  }
  if (c.id === "level") return td(cls, LEVELS[v] ?? v);
  if (c.id === "kind") return td(`${cls}${v === "other" ? " warn-text" : ""}`, KIND_SHORT[v] ?? v);
  if (c.id === "timely") return td(`${cls}${v === "逾期" ? " warn-text" : ""}`, v);
  if (typeof v === "number") {
    const signed = c.yoy && c.id !== "prev_year";
    const text = signed && v > 0 ? `+${fmtNumber(v)}` : c.id === "year" || c.id === "prev_year" ? String(v) : fmtNumber(v);
    return td(`num ${cls}${signed ? (v > 0 ? " up" : v < 0 ? " down" : "") : ""}`, text);
  }
  const cell = td(cls, String(v));
  if (cell.textContent.length > 12) cell.title = cell.textContent;
  return cell;
}
