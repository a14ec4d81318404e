// The workspace for one report: its head (meta, exports, the way back to a batch), then three panes —
// the outline, the text, and an inspector whose views (www/views/registry.js) each have a tab of their
// own. Picking anything (a section, a figure, a checklist item, a problem) scrolls the text there and
// sets the address's hash (#figure-12); opening such an address does the same.
import { $, el, fmtNumber } from "../lib/dom.js";
import { VIEWS } from "../views/registry.js";
import { renderMeta } from "./meta.js";
import { markSection, onOutlinePick, renderOutline } from "./outline.js";
import { focusSpan, onTextSelect, renderText } from "./text-view.js";

const results = $("results");
const tabList = $("inspector-tabs");
const panelBox = $("inspector-panels");
/** { text, analysis, source, ms, batchIndex } of the report shown, or null. */
let current = null;
let ctx = null;
let active = VIEWS[0].id;
const listeners = [];

const tabs = new Map();
const panels = new Map();
for (const view of VIEWS) {
  const tab = el("button", {
    class: "tab",
    attrs: { type: "button", role: "tab", id: `tab-${view.id}`, "aria-controls": `panel-${view.id}`, "aria-selected": "false", tabindex: -1 },
    data: { testid: `view-${view.id}`, view: view.id },
    on: { click: () => openView(view.id, { focusTab: false }) },
  }, el("span", { class: "tab-label", text: view.label }), el("span", { class: "tab-badge" }));
  const panel = el("div", {
    class: "tab-panel",
    attrs: { role: "tabpanel", id: `panel-${view.id}`, "aria-labelledby": `tab-${view.id}`, tabindex: -1, hidden: true },
    data: { view: view.id },
  });
  tabs.set(view.id, tab);
  panels.set(view.id, panel);
  tabList.append(tab);
  panelBox.append(panel);
}
// ←/→ between the tabs (the ARIA tabs pattern).
tabList.addEventListener("keydown", (ev) => {
  const step = { ArrowRight: 1, ArrowLeft: -1 }[ev.key];
  if (!step) return;
  ev.preventDefault();
  const ids = VIEWS.map((v) => v.id);
  openView(ids[(ids.indexOf(active) + step + ids.length) % ids.length], { focusTab: true });
});

/** Show view `id` in the inspector. */
export function openView(id, { focusTab = false } = {}) {
  if (!tabs.has(id)) return;
  active = id;
  for (const [vid, tab] of tabs) {
    const on = vid === id;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    panels.get(vid).hidden = !on;
  }
  if (focusTab) tabs.get(id).focus();
  if (ctx) VIEWS.find((v) => v.id === id).open?.(panels.get(id), ctx);
}

/** Scroll the text to [start16, end16) and highlight it (`context`: the section, shown faintly). */
const jump = (start16, end16, context = null) => focusSpan(start16, end16, context);

function focusSection(i, { jump: move = true, focus = false } = {}) {
  const s = current?.analysis.sections[Number(i)];
  if (!s) return false;
  const node = markSection(Number(i));
  if (focus) node?.focus({ preventScroll: true });
  if (move) jump(s.start16, Math.max(s.title_span?.end16 ?? s.end16, s.start16), s);
  return true;
}

/** Select what `anchor`-`key` names (a section, or what a view's anchor names), as a click on it
 * does; the address's hash follows so that it can be shared or bookmarked. */
export function select(anchor, key, options = {}) {
  if (!current) return false;
  let done = false;
  if (anchor === "section") done = focusSection(key, options);
  else {
    const view = VIEWS.find((v) => v.anchor === anchor);
    if (!view) return false;
    openView(view.id);
    done = view.reveal(panels.get(view.id), String(key), ctx, options);
  }
  if (done && options.hash !== false) history.replaceState(null, "", `#${anchor}-${key}`);
  return done;
}

onOutlinePick((i) => select("section", i));
onTextSelect((kind, i) => select(kind, i, { jump: false, focus: false }));

/** Apply a deep link: #section-N, #figure-N, #item-ID, #defect-N or #view-ID. */
function applyHash(hash) {
  const m = /^#([a-z]+)-(.+)$/.exec(decodeURIComponent(hash));
  if (!m || !current) return false;
  if (m[1] === "view") {
    openView(m[2]);
    return tabs.has(m[2]);
  }
  return select(m[1], m[2], { hash: false, focus: true });
}
window.addEventListener("hashchange", () => applyHash(location.hash));

/** Show a report: `{text, analysis, source, ms, batchIndex}`. */
export function showReport(report) {
  const first = current == null;
  current = report;
  ctx = { text: report.text, analysis: report.analysis, source: report.source, batchIndex: report.batchIndex ?? null, jump, select };
  const { text, analysis, source } = report;
  renderText(text, analysis);
  renderMeta(analysis, source, jump);
  renderOutline(analysis);
  for (const view of VIEWS) {
    view.render(panels.get(view.id), ctx);
    const badge = view.badge?.(analysis, ctx);
    tabs.get(view.id).querySelector(".tab-badge").textContent = badge == null ? "" : badge;
  }
  openView(active);
  results.hidden = false;
  document.body.classList.add("has-results");
  // A deep link the page was opened with applies to the first report; a later report starts clean.
  if (!(first && location.hash && applyHash(location.hash)) && location.hash) history.replaceState(null, "", location.pathname + location.search);
  for (const fn of listeners) fn(report);
  const top = analysis.sections.filter((s) => s.depth === 1).length;
  return `分析完成：${fmtNumber(analysis.input.chars)} 字，${top} 个一级章节，${analysis.figures.length} 项数据，用时 ${Math.max(1, Math.round(report.ms ?? 0))} 毫秒。`;
}

export function hideReport() {
  current = null;
  ctx = null;
  results.hidden = true;
  document.body.classList.remove("has-results");
}

export const currentReport = () => current;
/** Call `fn(report)` whenever a report is shown. */
export const onReportShown = (fn) => listeners.push(fn);
