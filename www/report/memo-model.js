// The 审核意见 of the reports opened in the workspace, as the reviewer edits them: one per report (kept
// in memory, keyed by the report's source and text, so that edits survive switching tabs and reports),
// each the memo the memo module built plus the reviewer's changes — items ticked or not, reordered,
// rewritten, added — and, after a 上一稿 was given, its second review. `exportMemo` hands the edited
// memo back to the module (memoDocx / memoMarkdown): unticked items leave, their ids go to `dismissed`.
import { callMemo } from "../lib/wasm.js";
import { entryName, passagesOf, similarOf } from "../batch/similar.js";

const STORE = "report-analyzer:memo-options";
const DEFAULT_DAYS = 10;

/** Working days to resubmit: 1–365 (the module's range), else the default. */
export const clampDays = (d) => {
  const n = Math.round(Number(d));
  return Number.isFinite(n) && n >= 1 && n <= 365 ? n : DEFAULT_DAYS;
};
/** Today as YYYY-MM-DD (local time). */
export const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

/** The reviewer's options: 审核单位 and 修改期限 remembered in localStorage; the date is today's unless
 * changed (not remembered). */
const options = (() => {
  let saved = {};
  try {
    saved = JSON.parse(localStorage.getItem(STORE) ?? "{}") ?? {};
  } catch {
    /* no storage (private mode) or a damaged entry: the defaults */
  }
  return { office: typeof saved.office === "string" ? saved.office : "", days: clampDays(saved.days ?? DEFAULT_DAYS), date: today() };
})();
export const memoSettings = () => ({ ...options });
export function setMemoSettings(change) {
  Object.assign(options, change);
  options.days = clampDays(options.days);
  try {
    localStorage.setItem(STORE, JSON.stringify({ office: options.office, days: options.days }));
  } catch {
    /* not remembered: still used on this page */
  }
}

/** The options the memo module takes (`MemoOptions`). */
export function moduleOptions(similarity = null) {
  const o = { days: options.days };
  if (options.office.trim()) o.office = options.office.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(options.date ?? "")) o.date = options.date;
  if (similarity) o.similarity = similarity;
  return o;
}

/** UTF-8 byte offsets of the UTF-16 offsets `at` (ascending or not) in `text`, in one pass. */
function byteOffsets(text, at) {
  const order = at.map((v, k) => [v, k]).sort((a, b) => a[0] - b[0]);
  const out = new Array(at.length);
  let bytes = 0;
  let i = 0;
  for (const [v, k] of order) {
    for (; i < v && i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (c >= 0xd800 && c <= 0xdbff) {
        bytes += 4;
        i += 1;
      } else bytes += 3;
    }
    out[k] = bytes;
  }
  return out;
}

/** The similarity check's findings for batch entry `index` as the memo's `similarity` option (its
 * shares and, per source, the passages as byte spans of `text`), or null when it did not run. */
export async function similarityFor(index, text) {
  const r = index != null ? similarOf(index) : null;
  if (!r) return null;
  const similarity = { copied_share: r.copied_share, previous_share: r.previous_share, sources: [] };
  const passages = (await passagesOf(index)) ?? [];
  const bySource = new Map();
  for (const p of passages) {
    if (p.kind !== "other_unit" && p.kind !== "previous_year") continue;
    if (!(p.start16 >= 0 && p.end16 > p.start16 && p.end16 <= text.length)) continue;
    if (!bySource.has(p.source)) bySource.set(p.source, { kind: p.kind, chars: 0, spans: [] });
    const s = bySource.get(p.source);
    s.chars += p.chars ?? p.end16 - p.start16;
    s.spans.push(p);
  }
  for (const [source, s] of bySource) {
    const offsets = byteOffsets(text, s.spans.flatMap((p) => [p.start16, p.end16]));
    similarity.sources.push({
      source: entryName(source) || String(source),
      kind: s.kind,
      share: Math.min(1, r.chars ? s.chars / r.chars : 0),
      passages: s.spans.map((_, k) => ({ start: offsets[2 * k], end: offsets[2 * k + 1] })),
    });
  }
  return similarity;
}

let uid = 0;
/** An editable copy of `memo`: its items with a tick each, the two paragraphs the reviewer may rewrite. */
export const editOf = (memo) => ({
  memo,
  entries: memo.items.map((item) => ({ item, on: true, uid: (uid += 1) })),
  summary: memo.summary?.text ?? "",
  request: memo.request ?? "",
  summaryEdited: false,
  requestEdited: false,
});

/** A reviewer's own item (kind `custom`). */
export const customEntry = () => ({
  item: { id: "", kind: "custom", problem: "", where: null, requirement: "", basis: null, suggestion: "" },
  on: true,
  uid: (uid += 1),
});

/** The edited memo as the module takes it back: ticked items with text, in the reviewer's order;
 * unticked items' ids in `dismissed`. */
export function exportMemo(edit) {
  const items = edit.entries.filter((e) => e.on && e.item.problem.trim()).map((e) => e.item);
  const dismissed = new Set(edit.memo.dismissed ?? []);
  for (const e of edit.entries) if (!e.on && e.item.id) dismissed.add(e.item.id);
  return { ...edit.memo, summary: { ...edit.memo.summary, text: edit.summary }, request: edit.request, items, dismissed: [...dismissed] };
}

/** Take the options-dependent parts of a memo built again (request, office, date, days, summary)
 * and keep the reviewer's items and rewritten paragraphs. */
function refresh(edit, memo) {
  edit.memo = { ...memo, items: edit.memo.items, dismissed: edit.memo.dismissed };
  if (!edit.requestEdited) edit.request = memo.request;
  if (!edit.summaryEdited) edit.summary = memo.summary.text;
}

/** FNV-1a over the UTF-16 units: a report's identity with its source and length. */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
export const keyOf = (source, text) => `${source ?? ""}\u0000${text.length}\u0000${hash(text)}`;

/** key → { key, first: edit, review: {name, previous, edit} | null }. */
const memos = new Map();
export const stateOf = (key) => memos.get(key) ?? null;

/** The report's memo state, built by the module on first use. */
export async function build({ text, analysis, source, batchIndex }) {
  const key = keyOf(source, text);
  if (memos.has(key)) return memos.get(key);
  const similarity = await similarityFor(batchIndex, text).catch(() => null);
  let memo;
  try {
    memo = await callMemo((m) => m.memoItems(analysis, text, moduleOptions(similarity)));
  } catch (e) {
    if (!similarity) throw e;
    memo = await callMemo((m) => m.memoItems(analysis, text, moduleOptions())); // the passages did not fit the text
  }
  const state = { key, first: editOf(memo), review: null, similarity, report: { text, analysis } };
  memos.set(key, state);
  return state;
}

/** The edit shown: the second review's once a 上一稿 was given, else the memo's. */
export const activeEdit = (state) => state.review?.edit ?? state.first;

/** Review `state`'s report against its earlier version `previous` ({analysis, text}, from file `name`):
 * the earlier version's memo as edited here if it was opened on this page, else its analysis. */
export async function review(state, previous, name) {
  const sent = memos.get(keyOf(name, previous.text)) ?? memos.get(keyOf(null, previous.text));
  const before = sent ? exportMemo(sent.first) : previous;
  const memo = await callMemo((m) => m.secondReview(before, state.report, moduleOptions()));
  state.review = { name, previous: before, fromMemo: Boolean(sent), edit: editOf(memo) };
  return state.review;
}

/** Build the memo (and the review) again with the options as they are now, keeping the edits. */
export async function rebuild(state) {
  const { text, analysis } = state.report;
  const memo = await callMemo((m) => m.memoItems(analysis, text, moduleOptions(state.similarity)));
  refresh(state.first, memo);
  if (state.review) {
    const again = await callMemo((m) => m.secondReview(state.review.previous, state.report, moduleOptions()));
    refresh(state.review.edit, again);
    state.review.edit.memo.review = again.review;
  }
}

/** A memo's Markdown as plain text (for pasting into a document): no `#`, list marks or hard breaks. */
export const plainText = (markdown) =>
  markdown.split("\n").map((l) => l.replace(/^#{1,6}\s+/, "").replace(/^- /, "").replace(/ {2}$/, "")).join("\n").replace(/\n{3,}/g, "\n\n").trim() + "\n";
