// 评分: the total and the six dimensions, every point lost explained.
import { el, fmtScore } from "../lib/dom.js";

const grade = (ratio) => (ratio >= 0.85 ? "good" : ratio >= 0.6 ? "fair" : "poor");

export default {
  id: "score",
  label: "评分",
  badge: (analysis) => (analysis.score ? fmtScore(analysis.score.total) : "—"),

  render(panel, { analysis }) {
    const box = el("div", { attrs: { id: "score" }, data: { testid: "score" } });
    panel.replaceChildren(box);
    const sc = analysis.score;
    if (!sc) {
      box.append(el("div", { class: "not-report", data: { testid: "not-report" } },
        el("strong", { text: "不是法治政府建设年度报告，不予评分" }),
        el("p", { text: "本文档未被识别为法治政府建设年度报告（或工作总结），因此只显示章节和数据，不计算得分。" }),
        analysis.meta.kind_reason ? el("p", { class: "kind-reason", text: `判断依据：${analysis.meta.kind_reason}` }) : null));
      return;
    }
    const total = el("div", { class: `score-total grade-${grade(sc.max > 0 ? sc.total / sc.max : 0)}`, data: { testid: "score-total" } },
      el("span", { class: "score-value", text: fmtScore(sc.total) }),
      el("span", { class: "score-max", text: ` / ${fmtScore(sc.max)} 分` }));
    const dims = sc.dimensions.map((d) => {
      const ratio = d.max > 0 ? Math.max(0, Math.min(1, d.score / d.max)) : 0;
      const fill = el("div", { class: `bar-fill grade-${grade(ratio)}` });
      fill.style.width = `${(ratio * 100).toFixed(1)}%`; // CSSOM, allowed under style-src 'self'
      const bar = el("div", {
        class: "bar",
        attrs: {
          role: "meter",
          "aria-valuemin": 0,
          "aria-valuemax": d.max,
          "aria-valuenow": d.score,
          "aria-label": `${d.name}：${fmtScore(d.score)} / ${fmtScore(d.max)} 分`,
        },
      }, fill);
      const reasons = d.reasons.length
        ? el("ul", { class: "reasons" }, d.reasons.map((r) => el("li", { text: r })))
        : el("p", { class: "reasons none", text: "未扣分" });
      return el("li", { class: "dimension", data: { testid: "dimension", dimension: d.id } },
        el("div", { class: "dim-head" },
          el("span", { class: "dim-name", text: `${d.id} ${d.name}` }),
          el("span", { class: "dim-score", text: `${fmtScore(d.score)} / ${fmtScore(d.max)}` })),
        bar,
        reasons);
    });
    box.append(total, el("ol", { class: "dimensions" }, dims));
  },
};
