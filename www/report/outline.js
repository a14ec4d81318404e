// 章节结构: the outline tree with the required parts (R1–R5) labelled and numbering defects flagged;
// a node (click, or Enter after ↑/↓) scrolls the text to its heading. Deep link: #section-4.
import { $, el } from "../lib/dom.js";
import { PARTS } from "../lib/labels.js";
import { listKeys } from "../lib/keys.js";

const outline = $("outline");
let onPick = () => {};

/** Call `fn(index)` when a node is picked. */
export function onOutlinePick(fn) {
  onPick = fn;
}
listKeys(outline, ".ol-node");

/** The section whose heading a defect sits in (else the deepest section containing it), or -1. */
function sectionOf(sections, d) {
  let idx = sections.findIndex((s) => d.start16 >= s.start16 && d.start16 < Math.max(s.title_span?.end16 ?? s.end16, s.start16 + 1));
  if (idx >= 0) return idx;
  let depth = 0;
  sections.forEach((s, i) => {
    if (d.start16 >= s.start16 && d.start16 < s.end16 && s.depth > depth) {
      depth = s.depth;
      idx = i;
    }
  });
  return idx;
}

export function renderOutline(analysis) {
  const { sections, defects } = analysis;
  const flagsOf = new Map();
  for (const d of defects) {
    const i = sectionOf(sections, d);
    if (i < 0) continue;
    if (!flagsOf.has(i)) flagsOf.set(i, []);
    flagsOf.get(i).push(d);
  }
  if (!sections.length) {
    outline.replaceChildren(el("p", { class: "hint", text: "未识别到章节标题。" }));
    return;
  }
  const root = el("ol", { class: "ol-tree" });
  const stack = [{ depth: 0, list: root }];
  sections.forEach((s, i) => {
    while (stack.length > 1 && stack[stack.length - 1].depth >= s.depth) stack.pop();
    const flags = flagsOf.get(i) ?? [];
    const messages = flags.map((d) => d.message);
    const button = el("button", {
      class: `ol-node depth-${Math.min(s.depth, 4)}${flags.length ? " has-defect" : ""}`,
      data: { section: i, part: s.part },
      attrs: { type: "button", title: messages.join("\n") || null },
      on: { click: () => onPick(i) },
    },
    s.depth === 1 && s.part ? el("span", { class: `part part-${s.part}`, text: s.part, attrs: { title: PARTS[s.part] ?? "" } }) : null,
    el("span", { class: "ol-label" },
      el("span", { class: "ol-marker", text: s.repaired_marker ?? s.marker }),
      s.repaired_marker ? el("span", { class: "ol-orig", text: `（原文“${s.marker}”）` }) : null,
      el("span", { class: "ol-title", text: s.title })),
    flags.length ? el("span", { class: "ol-flag", text: "⚠", attrs: { role: "img", "aria-label": `结构或编号问题：${messages.join("；")}` } }) : null);
    const list = el("ol");
    stack[stack.length - 1].list.append(el("li", {}, button, list));
    stack.push({ depth: s.depth, list });
  });
  for (const empty of root.querySelectorAll("ol:empty")) empty.remove();
  outline.replaceChildren(root);
}

/** Mark node `i` as the current one (and bring it into the outline's view). */
export function markSection(i) {
  for (const b of outline.querySelectorAll(".ol-node.is-current")) b.classList.remove("is-current");
  const node = outline.querySelector(`.ol-node[data-section="${i}"]`);
  node?.classList.add("is-current");
  node?.scrollIntoView({ block: "nearest" });
  return node;
}
