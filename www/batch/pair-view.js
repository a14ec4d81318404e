// Two reports side by side with the passages they share highlighted — red: another unit's report;
// orange: the same unit's earlier report; grey: formulas and text found in many reports (not counted) —
// scrolling in step: the passage at the top of one text is brought to the same height in the other.
// ←/→ (or the buttons) go from passage to passage; Escape closes.
import { $, el } from "../lib/dom.js";

const KIND_CLASS = { other_unit: "cp-other", previous_year: "cp-previous", same_unit: "cp-same" };
export const KIND_LABELS = { other_unit: "他单位", previous_year: "本单位往年", same_unit: "同一单位（副本或镜像）" };

const view = $("pair-view");
const panes = [$("pair-left"), $("pair-right")];
const titles = [$("pair-left-title"), $("pair-right-title")];
const info = $("pair-info");
let passages = [];
let current = -1;
let syncing = false;
let returnFocus = null;

/**
 * The text of `text` with `spans` ([{start16, end16, cls, k}], sorted) as marked elements; overlaps
 * clipped. A mark lists in `data-ks` every passage it shows: one side's text can hold two passages in one
 * place (a paragraph the other report repeats), and each must be found on both sides.
 */
function markedText(text, spans) {
  const frag = document.createDocumentFragment();
  let pos = 0;
  let last = null;
  for (const s of spans) {
    const start = Math.max(s.start16, pos);
    if (s.end16 <= start) {
      if (last) last.dataset.ks += ` ${s.k}`;
      continue;
    }
    if (start > pos) frag.append(text.slice(pos, start));
    last = el("mark", { class: `cp ${s.cls}`, data: { k: s.k, ks: String(s.k) }, text: text.slice(start, s.end16) });
    frag.append(last);
    pos = s.end16;
  }
  frag.append(text.slice(pos));
  return frag;
}

/** The mark showing passage `k` in `pane`. */
const markOf = (pane, k) => pane.querySelector(`mark[data-ks~="${k}"]`);

/** Show `pair` ({left, right, kind, shares, passages}) of the texts; `names` [left, right]. */
export function showPair({ pair, leftText, rightText }, names) {
  returnFocus = document.activeElement;
  passages = pair.passages;
  const cls = (p) => (p.boilerplate ? "cp-boiler" : KIND_CLASS[pair.kind] ?? "cp-other");
  const sides = [
    passages.map((p, k) => ({ ...p.left, cls: cls(p), k })),
    passages.map((p, k) => ({ ...p.right, cls: cls(p), k })).sort((a, b) => a.start16 - b.start16),
  ];
  panes[0].replaceChildren(markedText(leftText, sides[0]));
  panes[1].replaceChildren(markedText(rightText, sides[1]));
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  titles[0].textContent = `${names[0]}（复制比 ${pct(pair.left_share)}）`;
  titles[1].textContent = `${names[1]}（复制比 ${pct(pair.right_share)}）`;
  const counted = passages.filter((p) => !p.boilerplate).length;
  info.textContent = `${KIND_LABELS[pair.kind] ?? pair.kind} · 相同段落 ${counted} 处，最长 ${pair.longest} 字${passages.length > counted ? ` · 另有套话 ${passages.length - counted} 处（灰色，不计）` : ""}`;
  view.hidden = false;
  document.body.classList.add("has-pair-view");
  for (const p of panes) p.scrollTop = 0;
  current = -1;
  go(passages.findIndex((p) => !p.boilerplate));
  $("pair-close").focus();
}

export function closePair() {
  if (view.hidden) return;
  view.hidden = true;
  document.body.classList.remove("has-pair-view");
  returnFocus?.focus?.();
}

/** Bring passage `k` into both panes, marked as the current one. */
function go(k) {
  if (k < 0 || k >= passages.length) return;
  current = k;
  for (const pane of panes) {
    for (const m of pane.querySelectorAll("mark.is-current")) m.classList.remove("is-current");
    const mark = markOf(pane, k);
    if (!mark) continue;
    mark.classList.add("is-current");
    syncing = true;
    pane.scrollTop = Math.max(0, mark.offsetTop - pane.offsetTop - pane.clientHeight / 3);
  }
  requestAnimationFrame(() => {
    syncing = false;
  });
  $("pair-position").textContent = `第 ${k + 1} / ${passages.length} 处`;
}

// Scrolling one text brings the passage at its top to the same height in the other.
panes.forEach((pane, side) => {
  pane.addEventListener("scroll", () => {
    if (syncing) return;
    const other = panes[1 - side];
    const marks = [...pane.querySelectorAll("mark")];
    const top = pane.scrollTop + pane.offsetTop;
    const mark = marks.find((m) => m.offsetTop + m.offsetHeight >= top);
    const twin = mark && markOf(other, mark.dataset.k);
    if (!twin) return;
    syncing = true;
    other.scrollTop = twin.offsetTop - other.offsetTop - (mark.offsetTop - top);
    requestAnimationFrame(() => {
      syncing = false;
    });
  }, { passive: true });
  pane.addEventListener("click", (ev) => {
    const mark = ev.target.closest?.("mark[data-k]");
    if (mark) go(Number(mark.dataset.k));
  });
});

$("pair-prev").addEventListener("click", () => go(current - 1));
$("pair-next").addEventListener("click", () => go(current + 1));
$("pair-close").addEventListener("click", closePair);
view.addEventListener("keydown", (ev) => {
  if (ev.key === "Escape") closePair();
  else if (ev.key === "ArrowRight") go(current + 1);
  else if (ev.key === "ArrowLeft") go(current - 1);
});
