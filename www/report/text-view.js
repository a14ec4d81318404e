// The report text with its title, section headings, figures, furniture and defects marked; scrolling
// to a span and highlighting it; the hover card of a figure.
import { $, el, scrollBehavior } from "../lib/dom.js";
import { FIGURE_KINDS, FURNITURE, PARTS, familyName } from "../lib/labels.js";
import { figureUnit, figureValue } from "./figure-format.js";

const view = $("text-view");
const tip = $("figure-tip");
let textNodes = []; // [{ node, start }] in document order, start in UTF-16 units
let figures = [];
let focused = null;
const PRIORITY = { furniture: 0, title: 1, heading: 2, defect: 3, figure: 4 };
const HIGHLIGHTS = typeof CSS !== "undefined" && CSS.highlights && typeof Highlight === "function";

/** Show `text` with the spans of `analysis` marked. */
export function renderText(text, analysis) {
  figures = analysis.figures;
  const marks = [];
  const ts = analysis.meta.title_span;
  if (ts) marks.push({ type: "title", s: ts.start16, e: ts.end16 });
  analysis.sections.forEach((s, i) => {
    const end = Math.max(s.title_span?.end16 ?? s.end16, s.start16);
    marks.push({ type: "heading", s: s.start16, e: end, i, section: s });
  });
  analysis.figures.forEach((f, i) => marks.push({ type: "figure", s: f.start16, e: f.end16, i, figure: f }));
  analysis.furniture.forEach((f, i) => marks.push({ type: "furniture", s: f.start16, e: f.end16, i, furniture: f }));
  analysis.defects.forEach((d, i) => marks.push({ type: "defect", s: d.start16, e: d.end16, i, defect: d }));
  const valid = marks.filter((m) => m.e > m.s && m.s >= 0 && m.e <= text.length);
  valid.sort((a, b) => a.s - b.s || b.e - a.e || PRIORITY[a.type] - PRIORITY[b.type]);

  // Nest the marks; a mark that crosses its would-be parent's end is left out (still reachable by range).
  const root = { s: 0, e: text.length, children: [] };
  const stack = [root];
  for (const m of valid) {
    while (stack.length > 1 && stack[stack.length - 1].e <= m.s) stack.pop();
    const parent = stack[stack.length - 1];
    if (m.e > parent.e) continue;
    m.children = [];
    parent.children.push(m);
    stack.push(m);
  }

  textNodes = [];
  const frag = document.createDocumentFragment();
  const addText = (parent, from, to) => {
    if (to <= from) return;
    const node = document.createTextNode(text.slice(from, to));
    textNodes.push({ node, start: from });
    parent.append(node);
  };
  const build = (parent, node) => {
    let pos = node.s;
    for (const child of node.children) {
      addText(parent, pos, child.s);
      const elem = markElement(child);
      parent.append(elem);
      build(elem, child);
      pos = child.e;
    }
    addText(parent, pos, node.e);
  };
  build(frag, root);
  view.replaceChildren(frag);
  view.scrollTop = 0;
  focused = null;
  clearHighlights();
  hideFigureTip();
}

function markElement(m) {
  const data = { s: m.s, e: m.e };
  if (m.type === "heading") {
    const s = m.section;
    const part = s.depth === 1 && s.part ? s.part : null;
    return el("span", {
      class: `mk-heading depth-${Math.min(s.depth, 4)}`,
      data: { ...data, section: m.i, part },
      attrs: { title: part ? `${part}：${PARTS[part] ?? ""}` : null },
    });
  }
  if (m.type === "figure") {
    const f = m.figure;
    // Hovering shows value, unit and kind in #figure-tip; the label serves screen readers.
    const unit = figureUnit(f);
    return el("span", {
      class: "mk-figure",
      data: { ...data, figure: m.i },
      attrs: { "aria-label": `${f.text}（${FIGURE_KINDS[f.kind] ?? f.kind}：${figureValue(f)}${unit === "—" ? "" : unit}）` },
    });
  }
  if (m.type === "furniture") {
    return el("span", {
      class: "mk-furniture",
      data: { ...data, furniture: m.i },
      attrs: { title: `网页杂项（${FURNITURE[m.furniture.kind] ?? m.furniture.kind}），不计入分析` },
    });
  }
  if (m.type === "title") return el("span", { class: "mk-title", data, attrs: { title: "报告标题" } });
  return el("span", { class: "mk-defect", data: { ...data, defect: m.i }, attrs: { title: m.defect.message } });
}

/** A DOM Range over [start, end) of the text (UTF-16 offsets). */
function rangeFor(start, end) {
  if (!textNodes.length) return null;
  const locate = (offset) => {
    let lo = 0;
    let hi = textNodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (textNodes[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    const { node, start: s } = textNodes[lo];
    return [node, Math.max(0, Math.min(offset - s, node.length))];
  };
  const range = document.createRange();
  range.setStart(...locate(start));
  range.setEnd(...locate(Math.max(start, end)));
  return range;
}

function clearHighlights() {
  if (HIGHLIGHTS) {
    CSS.highlights.delete("ra-focus");
    CSS.highlights.delete("ra-section");
  }
}

/** Scroll the text view to [start, end) (UTF-16 offsets) and highlight it; `context` is a wider span
 * (`{start16, end16}`, the section) shown faintly. */
export function focusSpan(start, end, context = null) {
  if (focused) focused.classList.remove("is-focused", "flash");
  focused = null;
  clearHighlights();
  const target = view.querySelector(`[data-s="${start}"][data-e="${end}"]:not(.mk-defect)`) ??
    view.querySelector(`[data-s="${start}"][data-e="${end}"]`);
  const range = rangeFor(start, end);
  if (HIGHLIGHTS && context) {
    const r = rangeFor(context.start16, context.end16);
    if (r) CSS.highlights.set("ra-section", new Highlight(r));
  }
  if (target) {
    focused = target;
    target.classList.add("is-focused");
    void target.offsetWidth; // restart the flash animation
    target.classList.add("flash");
  } else if (HIGHLIGHTS && range) {
    CSS.highlights.set("ra-focus", new Highlight(range));
  }
  const rect = (target ?? range)?.getBoundingClientRect();
  if (!rect) return;
  const box = view.getBoundingClientRect();
  const top = view.scrollTop + (rect.top - box.top) - Math.min(box.height / 3, 120);
  view.scrollTo({ top: Math.max(0, top), behavior: scrollBehavior() });
  if (box.top < 0 || box.bottom > window.innerHeight) {
    view.scrollIntoView({ block: box.height > window.innerHeight ? "start" : "nearest", behavior: scrollBehavior() });
  }
}

/** Call `fn(kind, index)` when a figure or a heading in the text is clicked (`"figure"` / `"section"`). */
export function onTextSelect(fn) {
  view.addEventListener("click", (ev) => {
    const fig = ev.target.closest?.(".mk-figure");
    if (fig) return fn("figure", Number(fig.dataset.figure));
    const head = ev.target.closest?.(".mk-heading");
    if (head) fn("section", Number(head.dataset.section));
  });
}

// Hovering a figure in the text shows its value, unit, kind, family and subject.
function showFigureTip(span) {
  const f = figures[Number(span.dataset.figure)];
  if (!f) return;
  const row = (label, value) => el("div", { class: "tip-row" }, el("dt", { text: label }), el("dd", { text: value }));
  tip.replaceChildren(el("dl", {},
    row("数值", figureValue(f)),
    row("单位", figureUnit(f)),
    row("类型", FIGURE_KINDS[f.kind] ?? f.kind),
    f.family ? row("指标类别", familyName(f.family)) : null,
    f.subject ? row("指标", f.subject) : null));
  tip.hidden = false;
  const r = span.getBoundingClientRect();
  const box = tip.getBoundingClientRect();
  const left = Math.min(Math.max(4, r.left), window.innerWidth - box.width - 4);
  let top = r.bottom + 6;
  if (top + box.height > window.innerHeight - 4) top = Math.max(4, r.top - box.height - 6);
  tip.style.left = `${Math.round(left)}px`;
  tip.style.top = `${Math.round(top)}px`;
  span.setAttribute("aria-describedby", "figure-tip");
}
export function hideFigureTip() {
  tip.hidden = true;
  for (const s of view.querySelectorAll("[aria-describedby=figure-tip]")) s.removeAttribute("aria-describedby");
}
view.addEventListener("mouseover", (ev) => {
  const fig = ev.target.closest?.(".mk-figure");
  if (fig) showFigureTip(fig);
  else hideFigureTip();
});
view.addEventListener("mouseleave", hideFigureTip);
view.addEventListener("scroll", hideFigureTip, { passive: true });
window.addEventListener("keydown", (ev) => {
  if (ev.key === "Escape") hideFigureTip();
});
