// 检查清单: the required parts and the 纲要 areas with their sub-items, each with its status and the
// evidence that scrolls the text there. Deep link: #item-R3.
import { clip, el } from "../lib/dom.js";
import { GROUPS, STATUS } from "../lib/labels.js";
import { listKeys } from "../lib/keys.js";

export default {
  id: "checklist",
  label: "检查清单",
  anchor: "item",
  badge(analysis) {
    const top = analysis.checklist.items.filter((i) => !i.parent && i.status !== "not_applicable");
    return `${top.filter((i) => i.status === "covered").length}/${top.length}`;
  },

  render(panel, ctx) {
    const { analysis, text } = ctx;
    const items = analysis.checklist.items;
    const children = new Map();
    for (const it of items) {
      if (!it.parent) continue;
      if (!children.has(it.parent)) children.set(it.parent, []);
      children.get(it.parent).push(it);
    }
    const groups = new Map(Object.keys(GROUPS).map((g) => [g, []]));
    for (const it of items.filter((i) => !i.parent)) {
      if (!groups.has(it.group)) groups.set(it.group, []);
      groups.get(it.group).push(it);
    }
    const item = (it, subs = []) => {
      const st = STATUS[it.status] ?? { icon: "?", label: it.status };
      const evButton = (ev, k) =>
        el("button", {
          class: "evidence",
          text: `${ev.heading ? "标题：" : ""}${clip(text.slice(ev.start16, ev.end16), 20)}`,
          attrs: { type: "button", title: `定位第 ${k + 1} 处证据：${clip(text.slice(ev.start16, ev.end16), 80)}` },
          on: { click: () => ctx.jump(ev.start16, ev.end16) },
        });
      const evidence = [];
      if (it.evidence.length) evidence.push(evButton(it.evidence[0], 0));
      if (it.evidence.length > 1) {
        evidence.push(el("details", { class: "more-evidence" },
          el("summary", { text: `另有 ${it.evidence.length - 1} 处` }),
          el("div", { class: "cl-evidence" }, it.evidence.slice(1).map((ev, k) => evButton(ev, k + 1)))));
      }
      const first = it.evidence[0];
      return el("li", { class: `cl-item st-${it.status}`, data: { testid: "checklist-item", item: it.id, status: it.status } },
        el("span", { class: "cl-icon", text: st.icon, attrs: { role: "img", "aria-label": st.label, title: st.label } }),
        el("div", { class: "cl-body" },
          el("button", {
            class: "cl-title cl-jump",
            attrs: { type: "button", title: first ? "在正文中定位第一处证据（↑↓ 切换条目）" : `${st.label}：正文中没有证据` },
            on: { click: () => ctx.select("item", it.id) },
          },
          el("span", { class: "cl-id", text: it.id }),
          el("span", { class: "cl-text", text: it.name }),
          it.scored ? null : el("span", { class: "tag", text: "不计分" })),
          evidence.length ? el("div", { class: "cl-evidence" }, evidence) : null,
          subs.length ? subItems(subs) : null));
    };
    /** The named sub-items of a 纲要 area, folded: “子项 已覆盖 x / y”. */
    const subItems = (subs) => {
      const covered = subs.filter((i) => i.status === "covered").length;
      return el("details", { class: "cl-subs", data: { testid: "checklist-subitems" } },
        el("summary", { text: `子项 已覆盖 ${covered} / ${subs.length}` }),
        el("ul", { class: "cl-items" }, subs.map((it) => item(it))));
    };
    const blocks = [];
    for (const [group, list] of groups) {
      if (!list.length) continue;
      const applicable = list.filter((i) => i.status !== "not_applicable");
      const covered = applicable.filter((i) => i.status === "covered").length;
      const mentioned = applicable.filter((i) => i.status === "mentioned").length;
      blocks.push(el("section", { class: "cl-group", data: { group } },
        el("h3", {},
          el("span", { text: GROUPS[group] ?? group }),
          el("span", {
            class: "cl-count",
            data: { testid: `checklist-count-${group}` },
            text: `已覆盖 ${covered} / ${applicable.length}${mentioned ? `，仅提及 ${mentioned}` : ""}`,
          })),
        el("ul", { class: "cl-items" }, list.map((it) => item(it, children.get(it.id) ?? [])))));
    }
    const { name, note } = analysis.checklist;
    const box = el("div", { attrs: { id: "checklist" }, data: { testid: "checklist" } },
      el("p", { class: "hint", text: "✓ 已覆盖　△ 仅提及　✗ 缺失　— 不适用。点击条目或证据可定位原文。" }),
      el("p", { class: "cl-name", text: name }),
      note ? el("p", { class: "cl-note", data: { testid: "checklist-note" }, text: note }) : null,
      ...blocks);
    listKeys(box, ".cl-jump");
    panel.replaceChildren(box);
  },

  /** Show item `id` (its sub-items unfolded if it is one) and jump to its first evidence. */
  reveal(panel, id, ctx, { jump = true, focus = true } = {}) {
    const li = [...panel.querySelectorAll(".cl-item")].find((e) => e.dataset.item === id);
    if (!li) return false;
    const folded = li.closest("details");
    if (folded) folded.open = true;
    for (const c of panel.querySelectorAll(".cl-item.is-current")) c.classList.remove("is-current");
    li.classList.add("is-current");
    li.scrollIntoView({ block: "nearest" });
    if (focus) li.querySelector(".cl-jump")?.focus({ preventScroll: true });
    const ev = ctx.analysis.checklist.items.find((i) => i.id === id)?.evidence[0];
    if (jump && ev) ctx.jump(ev.start16, ev.end16);
    return true;
  },
};
