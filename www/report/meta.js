// The report's head: title (it locates the title in the text), issuer, year, level (with the words that
// decided it), kind, addressee, dates, index number and where the text came from.
import { $, el, fmtNumber } from "../lib/dom.js";
import { KINDS, LEVELS } from "../lib/labels.js";

const meta = $("meta");

export function renderMeta(analysis, source, jump) {
  const m = analysis.meta;
  const rows = [];
  const row = (label, value, testid, cls = "") => {
    const dd = el("dd", { data: { testid } });
    if (value == null || value === "") dd.append(el("span", { class: "unknown", text: "未识别" }));
    else if (value instanceof Node) dd.append(value);
    else dd.textContent = String(value);
    rows.push(el("div", { class: `meta-row ${cls}`.trim() }, el("dt", { text: label }), dd));
  };
  let title = m.title;
  if (m.title && m.title_span) {
    const span = m.title_span;
    title = el("button", {
      class: "linklike meta-title",
      text: m.title,
      attrs: { type: "button", title: "在正文中定位标题" },
      on: { click: () => jump(span.start16, span.end16) },
    });
  }
  row("标题", title, "meta-title", "meta-title-row");
  row("发布机关", m.issuer, "meta-issuer");
  row("报告年度", m.year ? `${m.year} 年` : null, "meta-year");
  const level = m.level === "unknown" ? null : LEVELS[m.level] ?? m.level;
  row("层级", level && m.level_reason ? el("span", { text: level, attrs: { title: `判断依据：${m.level_reason}` } }) : level, "meta-level");
  row("文档类型", KINDS[m.kind] ?? m.kind, "meta-kind");
  row("主送", m.addressee, "meta-addressee");
  row("发布日期", m.published, "meta-published");
  row("落款日期", m.signed, "meta-signed");
  if (m.index_number) row("索引号", m.index_number, "meta-index");
  const inp = analysis.input;
  row("来源", `${source ? `文件“${source}”` : "粘贴的文本"} · ${fmtNumber(inp.chars)} 字 · ${inp.encoding}${inp.format && inp.format !== "text" ? ` · ${inp.format}` : ""}`, "meta-source", "meta-source-row");
  meta.replaceChildren(...rows);
}
