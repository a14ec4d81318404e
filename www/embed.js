// The demo page's event log: shows each <report-analyzer>'s `analyzed` event (as text).
const log = document.getElementById("event-log");
function note(text) {
  const li = document.createElement("li");
  li.textContent = text;
  log.append(li);
}
document.addEventListener("analyzed", (e) => {
  const a = e.detail;
  note(`#${e.target.id}：analyzed —— ${a.meta.title ?? "（无标题）"}，${a.score ? `${Math.round(a.score.total * 10) / 10} 分` : "不评分"}，${a.figures.length} 项数据`);
});
document.addEventListener("analysis-error", (e) => note(`#${e.target.id}：analysis-error —— ${e.detail.message}`));
