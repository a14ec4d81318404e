// 雷同: for a report of a batch whose similarity was checked, its copied share, its largest source, its
// share of its own unit's earlier report, and its counted passages — each scrolling the text there and
// naming its source; the passages are marked in the text (red: another unit; orange: its unit's earlier
// report). Deep link: #copy-3 (the passage's place in the list).
import { el } from "../lib/dom.js";
import { listKeys } from "../lib/keys.js";
import { markRanges } from "../report/text-view.js";
import { entryName, openPairOf, passagesOf, similarOf } from "../batch/similar.js";
import { KIND_LABELS } from "../batch/pair-view.js";

const pct = (x) => `${(x * 100).toFixed(1)}%`;
/** The passages of the report shown, once loaded: [{start16, end16, source, kind, chars}]. */
let shown = [];

export default {
  id: "similar",
  label: "雷同",
  anchor: "copy",
  badge: (analysis, ctx) => {
    const r = ctx?.batchIndex != null ? similarOf(ctx.batchIndex) : null;
    return r ? pct(r.copied_share) : null;
  },

  render(panel, ctx) {
    shown = [];
    const box = el("div", { data: { testid: "similar-view" } });
    panel.replaceChildren(box);
    const r = ctx.batchIndex != null ? similarOf(ctx.batchIndex) : null;
    if (!r) {
      box.append(el("p", { class: "hint", text: ctx.batchIndex == null
        ? "雷同检测比较一批报告：一次选择或拖入多份报告（或一个装有报告的 .zip），在对比表下方点击“检测雷同”。"
        : "这批报告尚未检测雷同：回到对比表，点击表下方的“检测雷同”。" }));
      return;
    }
    const source = (s) => s ? el("button", {
      class: "linklike",
      text: `${entryName(s.report)}（${pct(s.share)}）`,
      attrs: { type: "button", title: "并排查看相同段落" },
      on: { click: () => openPairOf(ctx.batchIndex, s.report) },
    }) : "—";
    box.append(el("dl", { class: "sim-facts" },
      el("dt", { text: "复制比（他单位）" }), el("dd", { data: { testid: "similar-copied" }, text: pct(r.copied_share) }),
      el("dt", { text: "最大来源" }), el("dd", {}, source(r.largest_source)),
      el("dt", { text: "上年复制比（本单位）" }), el("dd", { text: pct(r.previous_share) }),
      el("dt", { text: "本单位往年报告" }), el("dd", {}, source(r.previous_source))));
    const list = el("ol", { class: "sim-passages", data: { testid: "similar-passages" } }, el("li", { class: "hint", text: "正在读取相同段落……" }));
    box.append(list);
    passagesOf(ctx.batchIndex).then((passages) => {
      if (!list.isConnected) return;
      shown = passages ?? [];
      markRanges("ra-copied-other", shown.filter((p) => p.kind !== "previous_year"));
      markRanges("ra-copied-previous", shown.filter((p) => p.kind === "previous_year"));
      list.replaceChildren(...(shown.length ? shown.map((p, k) =>
        el("li", { data: { copy: k } },
          el("button", {
            class: "linklike sim-jump",
            attrs: { type: "button", title: "在正文中定位（↑↓ 切换，回车定位）" },
            on: { click: () => ctx.select("copy", k) },
          },
          el("span", { class: "sim-passage-head" },
            el("strong", { text: `${p.chars} 字` }),
            el("span", { text: `${KIND_LABELS[p.kind] ?? p.kind}：${entryName(p.source)}` })),
          el("span", { class: "sim-quote", text: ctx.text.slice(p.start16, Math.min(p.end16, p.start16 + 60)) + (p.end16 - p.start16 > 60 ? "……" : "") }))))
        : [el("li", { class: "hint", text: "没有计入复制比的相同段落。" })]));
    }, (e) => {
      list.replaceChildren(el("li", { class: "hint", text: `无法读取相同段落：${e.message}` }));
    });
    listKeys(list, ".sim-jump");
  },

  reveal(panel, k, ctx, { jump = true, focus = true } = {}) {
    const p = shown[Number(k)];
    if (!p) return false;
    for (const li of panel.querySelectorAll("li.is-current")) li.classList.remove("is-current");
    const li = panel.querySelector(`li[data-copy="${Number(k)}"]`);
    li?.classList.add("is-current");
    li?.scrollIntoView({ block: "nearest" });
    if (focus) li?.querySelector("button")?.focus({ preventScroll: true });
    if (jump) ctx.jump(p.start16, p.end16);
    return true;
  },
};
