// 问题: numbering and form defects — skipped, repeated or damaged numbers, levels out of order, year
// slips, a missing title or a title without the year — each scrolling the text there, and the form
// points the score took off (addressee, date). Deep link: #defect-2 (the index in `analysis.defects`).
import { el } from "../lib/dom.js";
import { DEFECT_GROUPS } from "../lib/labels.js";
import { listKeys } from "../lib/keys.js";

/** The score's form dimension's reasons: what is wrong with the form that has no span of its own. */
const formReasons = (analysis) => analysis.score?.dimensions.find((d) => d.id === "S6")?.reasons ?? [];
const groupOf = (kind) => Object.keys(DEFECT_GROUPS).find((g) => DEFECT_GROUPS[g].kinds.includes(kind)) ?? "numbering";

export default {
  id: "problems",
  label: "问题",
  anchor: "defect",
  badge: (analysis) => String(analysis.defects.length + formReasons(analysis).filter((r) => /-\d/.test(r)).length),

  render(panel, ctx) {
    const { defects } = ctx.analysis;
    const blocks = [];
    for (const [group, { label }] of Object.entries(DEFECT_GROUPS)) {
      const list = defects.map((d, i) => ({ d, i })).filter(({ d }) => groupOf(d.kind) === group);
      if (!list.length) continue;
      blocks.push(el("section", { class: "pb-group", data: { group } },
        el("h3", { text: `${label}（${list.length}）` }),
        el("ul", { class: "pb-list" }, list.map(({ d, i }) =>
          el("li", { data: { defect: i, kind: d.kind } }, el("button", {
            class: "linklike defect-link",
            text: d.message,
            attrs: { type: "button", title: "在正文中定位（↑↓ 切换，回车定位）" },
            on: { click: () => ctx.select("defect", i) },
          }))))));
    }
    const form = formReasons(ctx.analysis);
    if (form.length) {
      blocks.push(el("section", { class: "pb-group", data: { group: "score-form" } },
        el("h3", { text: "形式与时效（评分 S6）" }),
        el("ul", { class: "pb-list pb-plain" }, form.map((r) => el("li", { text: r })))));
    }
    const box = el("div", { attrs: { id: "defects" }, data: { testid: "defects" } },
      defects.length ? null : el("p", { class: "hint ok", text: "✓ 未发现结构或编号问题" }),
      ...blocks);
    listKeys(box, ".defect-link");
    panel.replaceChildren(box);
  },

  reveal(panel, index, ctx, { jump = true, focus = true } = {}) {
    const d = ctx.analysis.defects[Number(index)];
    if (!d) return false;
    for (const c of panel.querySelectorAll("li.is-current")) c.classList.remove("is-current");
    const li = panel.querySelector(`li[data-defect="${Number(index)}"]`);
    li?.classList.add("is-current");
    li?.scrollIntoView({ block: "nearest" });
    if (focus) li?.querySelector("button")?.focus({ preventScroll: true });
    if (jump) ctx.jump(d.start16, d.end16);
    return true;
  },
};
