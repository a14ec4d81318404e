// 审核意见: the review memo the reviewer sends back, built by the memo module (loaded when this tab first
// opens): 一、总体评价, the items (二、主要问题和修改建议) — each ticked to go in the export, its problem,
// requirement and suggestion editable, its place a link that scrolls the text there, ↑/↓ to reorder —
// the reviewer's own items, 三、修改要求; exported as Word, copied as text, printed alone. Given the
// 上一稿 (picked or dropped here), the second review: each earlier item 已整改 / 未整改 with its
// evidence in this text, and the new problems. Edits live per report in report/memo-model.js.
import { clip, el } from "../lib/dom.js";
import { baseName, download, exporting } from "../lib/download.js";
import { analyzeFileHere, ArchiveError, callMemo } from "../lib/wasm.js";
import { describeError, setStatus } from "../lib/messages.js";
import { activeEdit, build, customEntry, exportMemo, keyOf, memoSettings, plainText, rebuild, review, setMemoSettings, stateOf } from "../report/memo-model.js";
import { printMemo } from "../report/memo-print.js";

const KINDS = {
  not_a_report: "非年度报告", part_missing: "缺少必备内容", part_in_body: "未单列部分", causes_missing: "未分析原因",
  area_missing: "纲要方面未涉及", few_figures: "数据偏少", formula: "概括性表述", plans_vague: "安排不可量化",
  plans_unlinked: "安排未回应不足", copied: "雷同", doc_kind: "文种", title: "标题", year_slip: "年份错误",
  numbering: "结构层次序数", late: "逾期", undated: "未署日期", custom: "自拟",
};
const NUMERALS = "一二三四五六七八九十";
/** 一…九十九 (the 二、 of the headings and the （一） of the items). */
const cn = (n) => (n <= 10 ? NUMERALS[n - 1] : n < 20 ? `十${NUMERALS[n - 11] ?? ""}` : `${NUMERALS[Math.floor(n / 10) - 1]}十${n % 10 ? NUMERALS[n % 10 - 1] : ""}`);
const STATUS_CLASS = { fixed: "is-fixed", open: "is-open", manual: "is-manual" };
const MIME_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The innermost section holding UTF-16 offset `at` (the faint context of a jump). */
function sectionAt(analysis, at) {
  let best = null;
  for (const s of analysis.sections) if (s.start16 <= at && at < s.end16 && (!best || s.depth > best.depth)) best = s;
  return best;
}

/** “section：quote”, the section left out when the quote is its heading. */
const placeLabel = (w) => (w.section && !w.quote.startsWith(w.section.slice(0, 8)) ? `${clip(w.section, 18)}：“${w.quote}”` : `“${w.quote}”`);

/** A textarea bound to `get`/`set` that grows with its text. */
function field(label, value, set, { testid, rows = 2, placeholder } = {}) {
  const area = el("textarea", {
    class: "memo-field",
    attrs: { rows, "aria-label": label, spellcheck: "false", placeholder },
    data: { field: testid },
    on: { input: (ev) => { set(ev.target.value); grow(ev.target); } },
  });
  area.value = value ?? "";
  return area;
}
const FIELD_SIZING = typeof CSS !== "undefined" && CSS.supports?.("field-sizing", "content");
function grow(area) {
  if (FIELD_SIZING || !area.isConnected || area.offsetParent === null) return;
  area.style.height = "auto";
  area.style.height = `${area.scrollHeight + 2}px`;
}

let current = null; // { panel, ctx, key }

function badge(state) {
  const tab = document.getElementById("tab-memo")?.querySelector(".tab-badge");
  if (!tab) return;
  const edit = state ? activeEdit(state) : null;
  tab.textContent = edit ? String(edit.entries.filter((e) => e.on).length) : "";
}

/** Draw the memo of `state` into the panel (again after a structural change; typing draws nothing). */
function draw(panel, ctx, state, { focus } = {}) {
  const edit = activeEdit(state);
  const memo = edit.memo;
  const inReview = Boolean(state.review);
  const settings = memoSettings();
  let heading = 0;
  const h = (text) => el("h4", { class: "memo-h", text: `${cn((heading += 1))}、${text}` });

  const changed = async () => {
    try {
      await rebuild(state);
      if (current?.key === state.key) draw(panel, ctx, state);
    } catch (e) {
      setStatus(`审核意见未能更新：${describeError(e, null)[0]}`);
    }
  };
  let timer = 0;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(changed, 400);
  };
  const optionsBar = el("div", { class: "memo-options", attrs: { role: "group", "aria-label": "审核意见选项" } },
    el("label", {}, "审核单位",
      el("input", {
        attrs: { type: "text", value: settings.office, placeholder: "如：某市司法局", size: 14 },
        data: { testid: "memo-office" },
        on: { input: (ev) => { setMemoSettings({ office: ev.target.value }); later(); } },
      })),
    el("label", {}, "修改期限",
      el("input", {
        attrs: { type: "number", min: 1, max: 365, value: settings.days, size: 3 },
        data: { testid: "memo-days" },
        on: { change: (ev) => { setMemoSettings({ days: ev.target.value }); ev.target.value = memoSettings().days; changed(); } },
      }), "个工作日"),
    el("label", {}, "成文日期",
      el("input", {
        attrs: { type: "date", value: settings.date },
        data: { testid: "memo-date" },
        on: { change: (ev) => { setMemoSettings({ date: ev.target.value }); changed(); } },
      })));

  const name = baseName(ctx.source, ctx.analysis);
  const actions = el("div", { class: "memo-actions", attrs: { role: "group", "aria-label": "审核意见导出" } },
    el("button", {
      class: "primary", text: "导出 Word", data: { testid: "memo-docx" }, attrs: { type: "button", title: "按公文格式（GB/T 9704）生成 .docx，未勾选的意见不导出" },
      on: { click: () => exporting(async () => {
        const bytes = await callMemo((m) => m.memoDocx(exportMemo(edit)));
        download(`${name}.${inReview ? "复审意见" : "审核意见"}.docx`, bytes, MIME_DOCX);
      }) },
    }),
    el("button", {
      text: "复制文本", data: { testid: "memo-copy" }, attrs: { type: "button", title: "复制为纯文本，可粘贴到公文中" },
      on: { click: () => exporting(async () => {
        const text = plainText(await callMemo((m) => m.memoMarkdown(exportMemo(edit))));
        await copy(text);
        setStatus(`已复制审核意见（${text.length} 字）。`);
      }) },
    }),
    el("button", {
      text: "打印", data: { testid: "memo-print" }, attrs: { type: "button", title: "只打印审核意见" },
      on: { click: () => exporting(async () => printMemo(await callMemo((m) => m.memoMarkdown(exportMemo(edit))))) },
    }),
    previousControl(panel, ctx, state));

  // Items: tick, number, kind, ↑/↓; the place; the three texts.
  const moveTo = (k, to, cls) => {
    const [e] = edit.entries.splice(k, 1);
    edit.entries.splice(to, 0, e);
    draw(panel, ctx, state, { focus: `[data-uid="${e.uid}"] ${cls}` });
  };
  let n = 0;
  const itemList = el("ol", { class: "memo-items", data: { testid: "memo-items" } }, edit.entries.map((e, k) => {
    const it = e.item;
    const number = e.on ? `（${cn((n += 1))}）` : "（不导出）";
    const place = (w, label) => el("button", {
      class: "linklike memo-place",
      attrs: { type: "button", title: "在正文中定位并标出" },
      data: { testid: "memo-place", start: w.start16, end: w.end16 },
      on: { click: () => {
        for (const c of panel.querySelectorAll(".memo-item.is-current")) c.classList.remove("is-current");
        panel.querySelector(`[data-uid="${e.uid}"]`)?.classList.add("is-current");
        ctx.jump(w.start16, w.end16, sectionAt(ctx.analysis, w.start16));
      } },
    }, label ?? placeLabel(w));
    const also = it.also ?? [];
    return el("li", { class: `memo-item${e.on ? "" : " is-off"}`, data: { testid: "memo-item", id: it.id, kind: it.kind, uid: e.uid } },
      el("div", { class: "memo-item-head" },
        el("label", { class: "memo-include", attrs: { title: "勾选的意见才会导出" } },
          el("input", {
            attrs: { type: "checkbox", checked: e.on, "aria-label": `导出第 ${k + 1} 条意见` },
            data: { testid: "memo-include" },
            on: { change: (ev) => { e.on = ev.target.checked; draw(panel, ctx, state, { focus: `[data-uid="${e.uid}"] input[type=checkbox]` }); } },
          }),
          el("span", { class: "memo-num", text: number })),
        el("span", { class: `memo-kind kind-${it.kind}`, text: KINDS[it.kind] ?? it.kind }),
        it.basis ? el("span", { class: "tag", text: it.basis }) : null,
        el("span", { class: "memo-move" },
          el("button", { class: "memo-up", text: "↑", attrs: { type: "button", "aria-label": "上移", title: "上移", disabled: k === 0 }, on: { click: () => moveTo(k, k - 1, ".memo-up") } }),
          el("button", { class: "memo-down", text: "↓", attrs: { type: "button", "aria-label": "下移", title: "下移", disabled: k === edit.entries.length - 1 }, on: { click: () => moveTo(k, k + 1, ".memo-down") } }),
          it.kind === "custom" ? el("button", {
            class: "memo-remove", text: "删除", attrs: { type: "button", title: "删除这条自拟意见" },
            on: { click: () => { edit.entries.splice(k, 1); draw(panel, ctx, state); } },
          }) : null)),
      el("div", { class: "memo-where" },
        el("span", { class: "memo-label", text: "位置" }),
        it.where ? place(it.where) : el("span", { class: "memo-none", text: it.kind === "custom" ? "—" : "正文中没有（缺少的内容）" }),
        also.length ? el("details", { class: "memo-also" },
          el("summary", { text: `另有 ${also.length} 处` }),
          el("div", { class: "memo-also-list" }, also.map((w) => place(w, clip(w.quote, 24))))) : null),
      el("div", { class: "memo-fields" },
        el("span", { class: "memo-label", text: "问题" }),
        field("问题", it.problem, (v) => { it.problem = v; }, { testid: "problem", placeholder: "写明问题" }),
        el("span", { class: "memo-label", text: "依据" }),
        field("依据", it.requirement, (v) => { it.requirement = v; }, { testid: "requirement", rows: 1, placeholder: "所依据的规定（可不填）" }),
        el("span", { class: "memo-label", text: "建议" }),
        field("修改建议", it.suggestion, (v) => { it.suggestion = v; }, { testid: "suggestion", placeholder: "修改建议" })));
  }));

  const add = el("button", {
    class: "memo-add", text: "＋ 添加意见", data: { testid: "memo-add" }, attrs: { type: "button" },
    on: { click: () => {
      const e = customEntry();
      edit.entries.push(e);
      draw(panel, ctx, state, { focus: `[data-uid="${e.uid}"] textarea` });
    } },
  });

  const doc = el("div", { class: "memo-doc" },
    el("h3", { class: "memo-title", data: { testid: "memo-title" }, text: memo.title }),
    memo.addressee ? el("p", { class: "memo-to", text: `${memo.addressee}：` }) : null,
    el("p", { class: "memo-opening", text: memo.opening }),
    h("总体评价"),
    field("总体评价", edit.summary, (v) => { edit.summary = v; edit.summaryEdited = true; }, { testid: "summary", rows: 4 }),
    inReview ? [h("前次审核意见整改情况"), earlierList(ctx, state.review)] : null,
    h(inReview ? "新发现的问题和修改建议" : "主要问题和修改建议"),
    edit.entries.length ? null : el("p", { class: "hint ok", text: inReview ? "✓ 修改稿中未发现新的问题。" : "✓ 未发现需要修改的问题。" }),
    itemList,
    add,
    h("修改要求"),
    field("修改要求", edit.request, (v) => { edit.request = v; edit.requestEdited = true; }, { testid: "request", rows: 2 }),
    el("p", { class: "memo-sign" }, memo.office ?? "（审核单位）", el("br"), memo.date ? memo.date.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, "$1年$2月$3日") : "年　月　日"));

  const box = el("div", { class: "memo-view", data: { testid: "memo" } },
    optionsBar, actions, state.error ? el("p", { class: "error", text: state.error }) : null, doc);
  panel.replaceChildren(box);
  for (const a of box.querySelectorAll("textarea")) grow(a);
  badge(state);
  if (focus) box.querySelector(focus)?.focus();
}

/** 二、前次审核意见整改情况: each earlier item with its status and evidence (linked into this text). */
function earlierList(ctx, rev) {
  const r = rev.edit.memo.review;
  return el("div", { class: "memo-review", data: { testid: "memo-review" } },
    el("p", { class: "memo-review-summary", text: r.summary }),
    el("ol", { class: "memo-earlier" }, r.earlier.map((e) =>
      el("li", { class: STATUS_CLASS[e.status] ?? "", data: { testid: "memo-earlier", id: e.item.id, status: e.status } },
        el("span", { class: "memo-status", text: e.label }),
        el("div", {},
          el("p", { class: "memo-earlier-problem", text: e.item.problem }),
          el("p", { class: "memo-evidence" }, e.evidence,
            e.where ? [" ", el("button", {
              class: "linklike memo-place", attrs: { type: "button", title: "在修改稿中定位" },
              data: { testid: "memo-evidence", start: e.where.start16, end: e.where.end16 },
              on: { click: () => ctx.jump(e.where.start16, e.where.end16, sectionAt(ctx.analysis, e.where.start16)) },
            }, `“${clip(e.where.quote, 30)}”`)] : null))))));
}

/** 上一稿: pick or drop the earlier version; in a review, its name and the way back to the memo. */
function previousControl(panel, ctx, state) {
  const run = async (file) => {
    if (!file) return;
    setStatus(`正在读取上一稿“${file.name}”……`);
    state.error = null;
    try {
      const previous = await analyzeFileHere(file, { source: file.name });
      if (keyOf(null, previous.text) === keyOf(null, ctx.text)) throw new Error("上一稿与本稿内容相同");
      await review(state, previous, file.name);
      setStatus(`已对照上一稿“${file.name}”复审：${state.review.edit.memo.review.summary}`);
    } catch (e) {
      const [message, detail] = e instanceof ArchiveError ? ["上一稿应是一份报告，不是压缩包。", null] : describeError(e, file.name);
      state.error = `上一稿无法使用：${message}${detail && detail !== message ? `（${detail}）` : ""}`;
    }
    if (current?.key === state.key) draw(panel, ctx, state);
  };
  const input = el("input", {
    attrs: { type: "file", accept: ".txt,.html,.htm,.docx,.doc,.wps,.pdf,.ofd" },
    data: { testid: "memo-previous-input" },
    on: { change: (ev) => { const f = ev.target.files?.[0]; ev.target.value = ""; run(f); } },
  });
  const zone = el("div", { class: "memo-previous", data: { testid: "memo-previous", dropOwn: "" } },
    el("label", { class: "file-label", attrs: { title: "选择或拖入上一稿，逐条核对整改情况" } }, el("span", { text: state.review ? "换一份上一稿" : "上一稿（复审）…" }), input),
    state.review ? [
      el("span", { class: "memo-previous-name", text: `已对照：${state.review.name}${state.review.fromMemo ? "（按本页编辑过的审核意见）" : ""}` }),
      el("button", {
        text: "退出复审", data: { testid: "memo-review-off" }, attrs: { type: "button" },
        on: { click: () => { state.review = null; draw(panel, ctx, state); } },
      }),
    ] : null);
  // Dropping the earlier version here (not on the page, which would analyze it as a new report).
  zone.addEventListener("dragover", (ev) => {
    ev.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (ev) => {
    ev.preventDefault();
    zone.classList.remove("dragging");
    run(ev.dataTransfer?.files?.[0]);
  });
  return zone;
}

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = el("textarea", { class: "visually-hidden" });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    if (!ok) throw new Error("浏览器不允许写入剪贴板");
  }
}

/** Build (first time) or show the memo of the report in `ctx`. */
async function show(panel, ctx) {
  const key = keyOf(ctx.source, ctx.text);
  current = { panel, ctx, key };
  const known = stateOf(key);
  if (known) return draw(panel, ctx, known);
  panel.replaceChildren(el("p", { class: "hint", data: { testid: "memo-loading" }, text: "正在生成审核意见……" }));
  try {
    const state = await build(ctx);
    if (current?.key === key) draw(panel, ctx, state);
  } catch (e) {
    if (current?.key !== key) return;
    const [message, detail] = describeError(e, null);
    panel.replaceChildren(el("p", { class: "error", text: `审核意见未能生成：${message}${detail && detail !== message ? `（${detail}）` : ""}` }));
  }
}

export default {
  id: "memo",
  label: "审核意见",
  badge: (analysis, ctx) => {
    const state = ctx ? stateOf(keyOf(ctx.source, ctx.text)) : null;
    return state ? String(activeEdit(state).entries.filter((e) => e.on).length) : null;
  },

  /** Drawn when its tab opens (the memo module is loaded then); here only what is already built. */
  render(panel, ctx) {
    const state = stateOf(keyOf(ctx.source, ctx.text));
    current = { panel, ctx, key: keyOf(ctx.source, ctx.text) };
    if (state) draw(panel, ctx, state);
    else panel.replaceChildren(el("p", { class: "hint", text: "打开本页签时生成审核意见。" }));
  },

  open(panel, ctx) {
    if (!panel.querySelector('[data-testid="memo"]') || current?.key !== keyOf(ctx.source, ctx.text)) show(panel, ctx);
  },
};
