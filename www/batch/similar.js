// 雷同检测 in the batch view: which reports share passages with another unit's report or with their own
// unit's earlier one, found by the similar module in a worker of its own (www/similar-worker.js) over
// the batch's files, read again. Shown as a list of pairs by share, a matrix of the reports most
// concerned, and two columns of the comparison table (复制比, 上年复制比); a pair opens side by side; a
// reviewer can set a pair aside as legitimate (a joint report), which takes it out of the measures.
import { $, el, frameThrottle } from "../lib/dom.js";
import { describeError, setStatus } from "../lib/messages.js";
import { KIND_LABELS, showPair } from "./pair-view.js";

const ui = {
  box: $("similar"),
  run: $("similar-run"),
  status: $("similar-status"),
  threshold: $("similar-threshold"),
  results: $("similar-results"),
};
/** The matrix shows at most this many reports (those with the largest shares). */
const MATRIX_MAX = 30;

/** { entries, files: entry indices in the worker's order, result, dismissed: Set("i-j"), worker } */
let state = null;
let onChange = () => {};
let requestSeq = 0;
const pending = new Map();

const pct = (x) => `${(x * 100).toFixed(1)}%`;
const key = (a, b) => (a < b ? `${a}-${b}` : `${b}-${a}`);

function worker() {
  if (state.worker) return state.worker;
  const w = new Worker(new URL("../similar-worker.js", import.meta.url), { type: "module", name: "report-analyzer-similar" });
  w.onmessage = (ev) => {
    const m = ev.data ?? {};
    const p = pending.get(m.id);
    if (!p) return;
    if (m.type === "progress") return p.progress?.(m);
    pending.delete(m.id);
    if (m.type === "result") p.resolve(m);
    else {
      if (m.panic) dropWorker();
      p.reject(new Error(m.message));
    }
  };
  w.onerror = (ev) => {
    ev.preventDefault?.();
    dropWorker();
    for (const [, p] of pending) p.reject(new Error(ev.message || "雷同检测进程意外退出"));
    pending.clear();
  };
  state.worker = w;
  return w;
}
function dropWorker() {
  state?.worker?.terminate();
  if (state) state.worker = null;
}
/** Ask the worker; resolves with its answer. */
function ask(msg, progress) {
  const id = ++requestSeq;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, progress });
    worker().postMessage({ ...msg, id });
  });
}

/** A new batch: nothing compared yet. `changed()` is called when the measures change (table columns). */
export function resetSimilar(entries, changed) {
  dropWorker();
  state = { entries, files: [], result: null, dismissed: new Set(), worker: null };
  onChange = changed;
  ui.box.hidden = true;
  ui.results.replaceChildren();
  ui.status.textContent = "";
  ui.run.disabled = false;
  ui.run.textContent = "检测雷同";
}

/** The batch is complete: offer the comparison when it has two reports or more. */
export function offerSimilar() {
  const ok = state.entries.filter((e) => e.status === "done");
  ui.box.hidden = ok.length < 2;
  ui.run.textContent = `检测雷同（${ok.length} 份）`;
}

/** A report's name in lists: its title, else its file name. */
const nameOf = (entry, titleAt) => entry.row?.[titleAt] ?? entry.name;

async function run() {
  const s = state;
  const columns = s.columns;
  const at = (id) => columns.find((c) => c.id === id).at;
  const ok = s.entries.filter((e) => e.status === "done");
  s.files = ok.map((e) => e.index);
  ui.run.disabled = true;
  ui.results.replaceChildren();
  ui.status.textContent = `正在读取 ${ok.length} 份报告……`;
  const t0 = performance.now();
  try {
    const answer = await ask({
      type: "run",
      files: ok.map((e) => e.file),
      infos: ok.map((e) => ({ source: e.name, issuer: e.row[at("issuer")] ?? null, year: e.row[at("year")] ?? null })),
      options: {},
    }, ({ done, total }) => {
      ui.status.textContent = `正在读取：${done} / ${total} 份……`;
    });
    if (state !== s) return;
    setResult(answer.result);
    const ms = performance.now() - t0;
    ui.status.textContent = `已比较 ${ok.length} 份报告，用时 ${(ms / 1000).toFixed(1)} 秒${answer.skipped.length ? `；${answer.skipped.length} 份无法读取，未比较` : ""}。`;
    ui.box.dataset.done = "1";
    draw();
    onChange();
  } catch (e) {
    if (state !== s) return;
    const [message, detail] = describeError(e, null);
    ui.status.textContent = `雷同检测未完成：${message}${detail ? `（${detail}）` : ""}`;
  } finally {
    ui.run.disabled = false;
  }
}

function setResult(result) {
  state.result = result;
  state.byEntry = new Map(result.reports.map((r) => [state.files[r.index], r]));
}

/** The measures of batch entry `index` ({copied_share, previous_share, largest_source, …}), once compared. */
export const similarOf = (index) => state?.byEntry?.get(index) ?? null;
/** A batch entry's name in lists: its report's title, else its file name. */
export function entryName(index) {
  const entry = state?.entries[index];
  if (!entry) return "";
  return nameOf(entry, state.columns.find((c) => c.id === "title").at);
}

/** The batch entry of the worker's report `k`. */
const entryOf = (k) => state.entries[state.files[k]];

/** Report `index`'s counted passages with their sources' batch indices: [{start16, end16, source, kind, chars}]. */
export async function passagesOf(index) {
  const k = state?.files.indexOf(index) ?? -1;
  if (k < 0 || !state.result) return null;
  const { passages } = await ask({ type: "report", index: k });
  return passages.map((p) => ({ ...p, source: state.files[p.source] }));
}

/** Open pair (a, b) (worker indices) side by side. */
async function openPair(a, b) {
  const titleAt = state.columns.find((c) => c.id === "title").at;
  try {
    const answer = await ask({ type: "pair", left: a, right: b });
    showPair(answer, [nameOf(entryOf(a), titleAt), nameOf(entryOf(b), titleAt)]);
  } catch (e) {
    setStatus(`无法打开这对报告：${e.message}`);
  }
}
export const openPairOf = (index, other) => openPair(state.files.indexOf(index), state.files.indexOf(other));

async function dismiss(pair) {
  const k = key(pair.left, pair.right);
  if (state.dismissed.has(k)) state.dismissed.delete(k);
  else state.dismissed.add(k);
  const dismissed = [...state.dismissed].map((s) => s.split("-").map(Number));
  const answer = await ask({ type: "compare", options: { dismissed } });
  setResult(answer.result);
  draw();
  onChange();
}

const draw = frameThrottle(() => {
  const { result } = state;
  if (!result) return;
  const titleAt = state.columns.find((c) => c.id === "title").at;
  const min = Number(ui.threshold.value);
  const shown = result.pairs.filter((p) => Math.max(p.left_share, p.right_share) >= min);
  const others = shown.filter((p) => p.kind === "other_unit" && !p.dismissed).length;
  const previous = shown.filter((p) => p.kind === "previous_year" && !p.dismissed).length;
  const name = (k) => nameOf(entryOf(k), titleAt);
  const rows = shown.map((p) =>
    el("tr", { class: `sim-pair kind-${p.kind}${p.dismissed ? " is-dismissed" : ""}`, data: { testid: "similar-pair", left: p.left, right: p.right } },
      el("td", {}, el("button", { class: "linklike", text: name(p.left), attrs: { type: "button", title: "并排查看相同段落" }, on: { click: () => openPair(p.left, p.right) } })),
      el("td", {}, el("button", { class: "linklike", text: name(p.right), attrs: { type: "button", title: "并排查看相同段落" }, on: { click: () => openPair(p.left, p.right) } })),
      el("td", { class: "sim-kind", text: KIND_LABELS[p.kind] ?? p.kind }),
      el("td", { class: "num", text: pct(p.left_share) }),
      el("td", { class: "num", text: pct(p.right_share) }),
      el("td", { class: "num", text: `${p.longest} 字` }),
      el("td", { class: "num", text: String(p.passage_count) }),
      el("td", {}, el("button", {
        class: "sim-dismiss",
        data: { testid: "similar-dismiss" },
        text: p.dismissed ? "恢复" : "不计入",
        attrs: { type: "button", title: p.dismissed ? "重新计入这对报告" : "这对报告的相同是正当的（如联合报告）：不计入复制比" },
        on: { click: () => dismiss(p) },
      }))));
  const table = el("table", { class: "sim-pairs", data: { testid: "similar-pairs" } },
    el("thead", {}, el("tr", {}, ["报告甲", "报告乙", "关系", "甲复制比", "乙复制比", "最长相同段落", "段落数", ""].map((h) => el("th", { attrs: { scope: "col" }, text: h })))),
    el("tbody", {}, rows.length ? rows : el("tr", { class: "empty" }, el("td", { attrs: { colspan: 8 }, text: "没有达到这一复制比的报告对。" }))));
  ui.results.replaceChildren(
    el("p", { class: "sim-summary", data: { testid: "similar-summary" }, text: `复制比 ≥ ${pct(min)}：他单位之间 ${others} 对，本单位往年 ${previous} 对${result.pairs.some((p) => p.dismissed) ? `；已不计入 ${result.pairs.filter((p) => p.dismissed).length} 对` : ""}。` }),
    el("div", { class: "table-wrap sim-wrap" }, table),
    matrix(shown, name));
});

/** The reports most concerned, each cell the larger share of the pair (darker: more). */
function matrix(pairs, name) {
  const counted = pairs.filter((p) => !p.dismissed);
  if (!counted.length) return null;
  const score = new Map();
  for (const p of counted) {
    for (const k of [p.left, p.right]) score.set(k, Math.max(score.get(k) ?? 0, p.left_share, p.right_share));
  }
  const ids = [...score].sort((a, b) => b[1] - a[1]).slice(0, MATRIX_MAX).map(([k]) => k);
  const cell = new Map(counted.map((p) => [key(p.left, p.right), p]));
  const head = el("tr", {}, el("th"), ids.map((k, n) => el("th", { attrs: { scope: "col", title: name(k) }, text: String(n + 1) })));
  const body = ids.map((a, n) => el("tr", {},
    el("th", { attrs: { scope: "row", title: name(a) }, text: `${n + 1} ${name(a)}` }),
    ids.map((b) => {
      const p = a === b ? null : cell.get(key(a, b));
      if (!p) return el("td", { class: a === b ? "sim-self" : "" });
      const share = Math.max(p.left_share, p.right_share);
      const td = el("td", {
        class: `sim-cell kind-${p.kind}`,
        attrs: { title: `${name(a)} ↔ ${name(b)}：${pct(share)}（${KIND_LABELS[p.kind]}）`, tabindex: 0 },
        on: { click: () => openPair(p.left, p.right), keydown: (ev) => ev.key === "Enter" && openPair(p.left, p.right) },
        text: String(Math.round(share * 100)),
      });
      td.style.setProperty("--share", share.toFixed(3)); // CSSOM, allowed under style-src 'self'
      return td;
    })));
  return el("details", { class: "sim-matrix", attrs: { open: true } },
    el("summary", { text: `矩阵：复制比最高的 ${ids.length} 份报告（数字为两者中较高的复制比 %）` }),
    el("div", { class: "table-wrap" }, el("table", { data: { testid: "similar-matrix" } }, el("thead", {}, head), el("tbody", {}, body))));
}

ui.run.addEventListener("click", () => run());
ui.threshold.addEventListener("change", () => draw());

/** The columns of the comparison table the measures fill (in the group 雷同). */
export const similarColumns = (offset) => [
  { id: "copied_share", name: "复制比（他单位）", at: offset, group: "similar", rank: 90, get: (e) => share(e, "copied_share") },
  { id: "previous_share", name: "上年复制比（本单位）", at: offset + 1, group: "similar", rank: 91, get: (e) => share(e, "previous_share") },
];
function share(entry, field) {
  const r = similarOf(entry.index);
  return r ? Math.round(r[field] * 1000) / 10 : null;
}

/** Set the columns the table needs to know (ids, names, where each cell is). */
export function setSimilarColumns(columns) {
  state.columns = columns;
}
