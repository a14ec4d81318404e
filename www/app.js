// report-analyzer page: a plain ES module, no framework, no bundler.
// Safety rule: report text (and anything derived from it) only ever reaches the DOM as text
// (textContent / Text nodes / attribute values) — never through innerHTML.

const PKG_JS = new URL("../pkg/report_analyzer.js", import.meta.url);
const PKG_WASM = new URL("../pkg/report_analyzer_bg.wasm", import.meta.url);
const DEBOUNCE_MS = 300;
const MAX_FILE_BYTES = 50 * 1024 * 1024;

const LEVELS = {
  province: "省级",
  city: "市级",
  county: "县级",
  township: "乡镇（街道）",
  department: "部门",
  unknown: "未识别",
};
const KINDS = {
  annual_report: "法治政府建设年度报告",
  work_summary: "法治政府建设工作总结",
  self_inspection: "法治政府建设自查报告",
  other: "其他文档（不是法治政府建设报告）",
};
const PARTS = {
  R1: "上一年度主要举措和成效",
  R2: "存在的不足",
  R3: "党政主要负责人履行第一责任人职责",
  R4: "下一年度主要安排",
  R5: "其他需要报告的情况",
};
const GROUPS = { parts: "必备内容（R）", areas: "纲要领域（A）", other: "其他" };
const STATUS = {
  covered: { icon: "✓", label: "已覆盖" },
  mentioned: { icon: "△", label: "仅提及" },
  missing: { icon: "✗", label: "缺失" },
  not_applicable: { icon: "—", label: "不适用" },
};
const FIGURE_KINDS = {
  count: "数量",
  money: "金额",
  percent: "比例",
  duration: "时长",
  date: "日期",
  rank: "排名",
  other: "其他",
};
const FURNITURE = {
  breadcrumb: "面包屑导航",
  navigation: "网站导航",
  page_meta: "网页信息",
  toolbar: "网页工具栏",
  footer: "页脚",
  related: "相关链接",
};

const $ = (id) => document.getElementById(id);
const ui = {
  input: $("input-text"),
  analyze: $("analyze-button"),
  clear: $("clear-button"),
  file: $("file-input"),
  checklistFile: $("checklist-input"),
  checklistReset: $("checklist-reset"),
  drop: $("drop-zone"),
  status: $("status"),
  error: $("error"),
  results: $("results"),
  text: $("text-view"),
  meta: $("meta"),
  score: $("score"),
  checklist: $("checklist"),
  outline: $("outline"),
  defects: $("defects"),
  figures: $("figures"),
  figureKind: $("figure-kind"),
  figureCount: $("figure-count"),
  version: $("version"),
};

/** Create an element. `props`: class, text, attrs (plain attributes), data (dataset), on (events).
 * Children: nodes or strings (strings become Text nodes). */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text != null) node.textContent = String(props.text);
  for (const [k, v] of Object.entries(props.attrs ?? {})) {
    if (v == null || v === false) continue;
    if (/^on/i.test(k) || k === "style") throw new Error(`refusing attribute ${k}`);
    node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const [k, v] of Object.entries(props.data ?? {})) if (v != null) node.dataset[k] = String(v);
  for (const [k, v] of Object.entries(props.on ?? {})) node.addEventListener(k, v);
  for (const c of children.flat()) if (c != null && c !== false) node.append(c);
  return node;
}

const fmtNumber = (n) =>
  Number.isFinite(n) ? n.toLocaleString("zh-CN", { maximumFractionDigits: 4 }) : String(n);
const fmtScore = (n) => (Math.round(n * 10) / 10).toLocaleString("zh-CN", { maximumFractionDigits: 1 });
const clip = (s, n) => {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > n ? `${t.slice(0, n)}…` : t;
};

// ---------------------------------------------------------------------------------------------
// The wasm module: loaded once; reloaded (fresh module instance) after a panic.

let api = null;
let compiled = null;
let generation = 0;

async function compileWasm() {
  const response = await fetch(PKG_WASM);
  if (!response.ok) throw new Error(`${PKG_WASM.pathname}: HTTP ${response.status}`);
  try {
    return await WebAssembly.compileStreaming(response.clone());
  } catch {
    return WebAssembly.compile(await response.arrayBuffer());
  }
}

async function loadApi() {
  compiled ??= await compileWasm();
  const url = new URL(PKG_JS);
  if (generation > 0) url.searchParams.set("r", String(generation));
  const mod = await import(url.href);
  await mod.default({ module_or_path: compiled });
  api = mod;
  return mod;
}

/** Run `fn(api)`; a Rust panic (a WebAssembly RuntimeError) is turned into a PanicError after the
 * module has been replaced by a fresh instance, so the page keeps working. */
class PanicError extends Error {}
async function callApi(fn) {
  try {
    return fn(api);
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError)) throw e;
    let message;
    try {
      message = api.lastPanic();
    } catch {
      /* the trapped instance may not answer */
    }
    api = null;
    generation += 1;
    try {
      await loadApi();
    } catch (reloadError) {
      throw new PanicError(`分析器内部错误：${message ?? e.message}。重新加载分析模块失败：${reloadError.message}`);
    }
    throw new PanicError(`分析器内部错误：${message ?? e.message}。已重新加载分析模块，可以修改文本后再试。`);
  }
}

// ---------------------------------------------------------------------------------------------
// Errors and status

function showError(message, detail) {
  ui.error.replaceChildren(el("strong", { text: message }));
  if (detail && detail !== message) ui.error.append(" ", el("span", { class: "error-detail", text: `（${detail}）` }));
  ui.error.hidden = false;
}
function clearError() {
  ui.error.hidden = true;
  ui.error.replaceChildren();
}
function setStatus(text) {
  ui.status.textContent = text;
}

function describeError(e, fileName) {
  if (e instanceof PanicError) return [e.message, null];
  const m = String(e?.message ?? e);
  const what = fileName ? `文件“${fileName}”` : "输入";
  if (/empty|no text/i.test(m)) {
    return [fileName ? `文件“${fileName}”是空的，没有可分析的文字。` : "输入为空：请粘贴报告全文，或选择一个报告文件。", m];
  }
  if (/NUL byte|binary/i.test(m)) return [`无法读取${what}：这不是文本文件（可能是二进制文件）。`, m];
  if (/UTF-8|encod|decode|cannot be read/i.test(m)) return [`无法读取${what}：无法识别它的文字编码。`, m];
  if (/docx|zip|html/i.test(m)) return [`无法读取${what}：文件格式无法解析。`, m];
  return [`无法分析${what}。`, m];
}

// ---------------------------------------------------------------------------------------------
// Analysis entry points

let current = null; // { text, analysis, source }
let debounceTimer = 0;
/** A checklist the user loaded (the object `parseChecklist` returned), or null for the built-in one. */
let customChecklist = null;

/** Options of every analysis: the source name and the user's checklist, if any. */
function options(source) {
  const o = {};
  if (source) o.source = source;
  if (customChecklist) o.checklist = customChecklist;
  return o;
}

async function analyzeText({ auto = false } = {}) {
  clearTimeout(debounceTimer);
  if (!api) return;
  const text = ui.input.value;
  if (auto && text.trim() === "") {
    clearError();
    return;
  }
  const t0 = performance.now();
  try {
    const analysis = await callApi((a) => a.analyze(text, options(null)));
    clearError();
    show(text, analysis, null, performance.now() - t0);
  } catch (e) {
    const [message, detail] = describeError(e, null);
    showError(message, detail);
    setStatus("分析未完成。");
  }
}

async function analyzeFile(file) {
  if (!api) return;
  clearTimeout(debounceTimer);
  if (file.size > MAX_FILE_BYTES) {
    showError(`文件“${file.name}”太大（${fmtNumber(Math.round(file.size / 1048576))} MB），上限为 50 MB。`);
    return;
  }
  setStatus(`正在读取“${file.name}”……`);
  const t0 = performance.now();
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = await callApi((a) => a.analyzeBytes(bytes, file.name, options(file.name)));
    clearError();
    ui.input.value = result.text;
    show(result.text, result.analysis, file.name, performance.now() - t0);
  } catch (e) {
    const [message, detail] = describeError(e, file.name);
    showError(message, detail);
    setStatus("分析未完成。");
  }
}

function show(text, analysis, source, ms) {
  current = { text, analysis, source };
  renderText(text, analysis);
  renderMeta(analysis, source);
  renderScore(analysis);
  renderChecklist(analysis, text);
  renderOutline(analysis, text);
  renderFigures(analysis);
  ui.results.hidden = false;
  document.body.classList.add("has-results");
  const top = analysis.sections.filter((s) => s.depth === 1).length;
  setStatus(
    `分析完成：${fmtNumber(analysis.input.chars)} 字，${top} 个一级章节，${analysis.figures.length} 项数据，用时 ${Math.max(1, Math.round(ms))} 毫秒。`,
  );
}

// ---------------------------------------------------------------------------------------------
// The report text with sections, figures, furniture and defects marked

let textNodes = []; // [{ node, start }] in document order, start in UTF-16 units
const PRIORITY = { furniture: 0, title: 1, heading: 2, defect: 3, figure: 4 };

function renderText(text, analysis) {
  const marks = [];
  const ts = analysis.meta.title_span;
  if (ts) marks.push({ type: "title", s: ts.start16, e: ts.end16 });
  analysis.sections.forEach((s, i) => {
    const end = Math.max(s.title_span?.end16 ?? s.end16, s.start16);
    marks.push({ type: "heading", s: s.start16, e: end, i, section: s });
  });
  analysis.figures.forEach((f, i) => marks.push({ type: "figure", s: f.start16, e: f.end16, i, figure: f }));
  analysis.furniture.forEach((f, i) => marks.push({ type: "furniture", s: f.start16, e: f.end16, i, furniture: f }));
  analysis.defects.forEach((d, i) => marks.push({ type: "defect", s: d.start16, e: d.end16, i, defect: d }));
  const valid = marks.filter((m) => m.e > m.s && m.s >= 0 && m.e <= text.length);
  valid.sort((a, b) => a.s - b.s || b.e - a.e || PRIORITY[a.type] - PRIORITY[b.type]);

  // Nest the marks; a mark that crosses its would-be parent's end is left out (still reachable by range).
  const root = { s: 0, e: text.length, children: [] };
  const stack = [root];
  for (const m of valid) {
    while (stack.length > 1 && stack[stack.length - 1].e <= m.s) stack.pop();
    const parent = stack[stack.length - 1];
    if (m.e > parent.e) continue;
    m.children = [];
    parent.children.push(m);
    stack.push(m);
  }

  textNodes = [];
  const frag = document.createDocumentFragment();
  const addText = (parent, from, to) => {
    if (to <= from) return;
    const node = document.createTextNode(text.slice(from, to));
    textNodes.push({ node, start: from });
    parent.append(node);
  };
  const build = (parent, node) => {
    let pos = node.s;
    for (const child of node.children) {
      addText(parent, pos, child.s);
      const elem = markElement(child);
      parent.append(elem);
      build(elem, child);
      pos = child.e;
    }
    addText(parent, pos, node.e);
  };
  build(frag, root);
  ui.text.replaceChildren(frag);
  ui.text.scrollTop = 0;
  focused = null;
  clearHighlights();
}

function markElement(m) {
  const data = { s: m.s, e: m.e };
  if (m.type === "heading") {
    const s = m.section;
    const part = s.depth === 1 && s.part ? s.part : null;
    return el("span", {
      class: `mk-heading depth-${Math.min(s.depth, 4)}`,
      data: { ...data, section: m.i, part },
      attrs: { title: part ? `${part}：${PARTS[part] ?? ""}` : null },
    });
  }
  if (m.type === "figure") {
    const f = m.figure;
    return el("span", {
      class: "mk-figure",
      data: { ...data, figure: m.i },
      attrs: { title: `${FIGURE_KINDS[f.kind] ?? f.kind}：${f.approx ? "约" : ""}${fmtNumber(f.value)}${f.unit ?? ""}` },
    });
  }
  if (m.type === "furniture") {
    return el("span", {
      class: "mk-furniture",
      data: { ...data, furniture: m.i },
      attrs: { title: `网页杂项（${FURNITURE[m.furniture.kind] ?? m.furniture.kind}），不计入分析` },
    });
  }
  if (m.type === "title") return el("span", { class: "mk-title", data, attrs: { title: "报告标题" } });
  return el("span", { class: "mk-defect", data: { ...data, defect: m.i }, attrs: { title: m.defect.message } });
}

/** A DOM Range over [start, end) of the text (UTF-16 offsets). */
function rangeFor(start, end) {
  if (!textNodes.length) return null;
  const locate = (offset) => {
    let lo = 0;
    let hi = textNodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (textNodes[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    const { node, start: s } = textNodes[lo];
    return [node, Math.max(0, Math.min(offset - s, node.length))];
  };
  const range = document.createRange();
  range.setStart(...locate(start));
  range.setEnd(...locate(Math.max(start, end)));
  return range;
}

let focused = null;
const HIGHLIGHTS = typeof CSS !== "undefined" && CSS.highlights && typeof Highlight === "function";
function clearHighlights() {
  if (HIGHLIGHTS) {
    CSS.highlights.delete("ra-focus");
    CSS.highlights.delete("ra-section");
  }
}
const reducedMotion = () => window.matchMedia("(prefers-reduced-motion: reduce)").matches;

/** Scroll the text view to [start, end), highlight it; `context` is a wider span (the section) shown faintly. */
function focusSpan(start, end, context) {
  if (focused) focused.classList.remove("is-focused", "flash");
  focused = null;
  clearHighlights();
  const target = ui.text.querySelector(`[data-s="${start}"][data-e="${end}"]:not(.mk-defect)`) ??
    ui.text.querySelector(`[data-s="${start}"][data-e="${end}"]`);
  const range = rangeFor(start, end);
  if (HIGHLIGHTS && context) {
    const r = rangeFor(context.start16, context.end16);
    if (r) CSS.highlights.set("ra-section", new Highlight(r));
  }
  if (target) {
    focused = target;
    target.classList.add("is-focused");
    void target.offsetWidth; // restart the flash animation
    target.classList.add("flash");
  } else if (HIGHLIGHTS && range) {
    CSS.highlights.set("ra-focus", new Highlight(range));
  }
  const rect = (target ?? range)?.getBoundingClientRect();
  if (!rect) return;
  const box = ui.text.getBoundingClientRect();
  const top = ui.text.scrollTop + (rect.top - box.top) - Math.min(box.height / 3, 120);
  ui.text.scrollTo({ top: Math.max(0, top), behavior: reducedMotion() ? "auto" : "smooth" });
  if (box.top < 0 || box.bottom > window.innerHeight) {
    ui.text.scrollIntoView({ block: box.height > window.innerHeight ? "start" : "nearest", behavior: reducedMotion() ? "auto" : "smooth" });
  }
}

function focusSection(i) {
  const s = current?.analysis.sections[i];
  if (!s) return;
  focusSpan(s.start16, Math.max(s.title_span?.end16 ?? s.end16, s.start16), s);
  for (const b of ui.outline.querySelectorAll(".ol-node.is-current")) b.classList.remove("is-current");
  ui.outline.querySelector(`.ol-node[data-section="${i}"]`)?.classList.add("is-current");
}

function focusFigure(i) {
  const f = current?.analysis.figures[i];
  if (!f) return;
  focusSpan(f.start16, f.end16, null);
  for (const r of ui.figures.querySelectorAll("tr.is-current")) r.classList.remove("is-current");
  ui.figures.querySelector(`tr[data-figure="${i}"]`)?.classList.add("is-current");
}

// Clicking a heading or a figure in the text selects it in the outline / figures table.
ui.text.addEventListener("click", (ev) => {
  const fig = ev.target.closest?.(".mk-figure");
  if (fig) {
    const row = ui.figures.querySelector(`tr[data-figure="${fig.dataset.figure}"]`);
    for (const r of ui.figures.querySelectorAll("tr.is-current")) r.classList.remove("is-current");
    row?.classList.add("is-current");
    return;
  }
  const head = ev.target.closest?.(".mk-heading");
  if (head) {
    for (const b of ui.outline.querySelectorAll(".ol-node.is-current")) b.classList.remove("is-current");
    ui.outline.querySelector(`.ol-node[data-section="${head.dataset.section}"]`)?.classList.add("is-current");
  }
});

// ---------------------------------------------------------------------------------------------
// Meta

function renderMeta(analysis, source) {
  const m = analysis.meta;
  const rows = [];
  const row = (label, value, testid) => {
    const dd = el("dd", { data: { testid } });
    if (value == null || value === "") dd.append(el("span", { class: "unknown", text: "未识别" }));
    else if (value instanceof Node) dd.append(value);
    else dd.textContent = String(value);
    rows.push(el("div", { class: "meta-row" }, el("dt", { text: label }), dd));
  };
  let title = m.title;
  if (m.title && m.title_span) {
    const span = m.title_span;
    title = el("button", {
      type: "button",
      class: "linklike meta-title",
      text: m.title,
      attrs: { type: "button", title: "在正文中定位标题" },
      on: { click: () => focusSpan(span.start16, span.end16, null) },
    });
  }
  row("标题", title, "meta-title");
  row("发布机关", m.issuer, "meta-issuer");
  row("报告年度", m.year ? `${m.year} 年` : null, "meta-year");
  row("层级", m.level === "unknown" ? null : LEVELS[m.level] ?? m.level, "meta-level");
  row("文档类型", KINDS[m.kind] ?? m.kind, "meta-kind");
  row("主送", m.addressee, "meta-addressee");
  row("发布日期", m.published, "meta-published");
  row("落款日期", m.signed, "meta-signed");
  if (m.index_number) row("索引号", m.index_number, "meta-index");
  const inp = analysis.input;
  row("来源", `${source ? `文件“${source}”` : "粘贴的文本"} · ${fmtNumber(inp.chars)} 字 · ${inp.encoding}${inp.format && inp.format !== "text" ? ` · ${inp.format}` : ""}`, "meta-source");
  ui.meta.replaceChildren(...rows);
}

// ---------------------------------------------------------------------------------------------
// Score

function renderScore(analysis) {
  const sc = analysis.score;
  if (!sc) {
    ui.score.replaceChildren(
      el("div", { class: "not-report", data: { testid: "not-report" } },
        el("strong", { text: "不是法治政府建设年度报告，不予评分" }),
        el("p", { text: "本文档未被识别为法治政府建设年度报告（或工作总结），因此只显示章节和数据，不计算得分。" })),
    );
    return;
  }
  const pct = sc.max > 0 ? sc.total / sc.max : 0;
  const grade = pct >= 0.85 ? "good" : pct >= 0.6 ? "fair" : "poor";
  const total = el("div", { class: `score-total grade-${grade}`, data: { testid: "score-total" } },
    el("span", { class: "score-value", text: fmtScore(sc.total) }),
    el("span", { class: "score-max", text: ` / ${fmtScore(sc.max)} 分` }));
  const dims = sc.dimensions.map((d) => {
    const ratio = d.max > 0 ? Math.max(0, Math.min(1, d.score / d.max)) : 0;
    const fill = el("div", { class: `bar-fill grade-${ratio >= 0.85 ? "good" : ratio >= 0.6 ? "fair" : "poor"}` });
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
        el("span", { class: "dim-name", text: d.name }),
        el("span", { class: "dim-score", text: `${fmtScore(d.score)} / ${fmtScore(d.max)}` })),
      bar,
      reasons);
  });
  ui.score.replaceChildren(total, el("ol", { class: "dimensions" }, dims));
}

// ---------------------------------------------------------------------------------------------
// Checklist

function renderChecklist(analysis, text) {
  const items = analysis.checklist.items;
  const children = new Map();
  for (const it of items) {
    if (it.parent) {
      if (!children.has(it.parent)) children.set(it.parent, []);
      children.get(it.parent).push(it);
    }
  }
  const groups = new Map(Object.keys(GROUPS).map((g) => [g, []]));
  for (const it of items.filter((i) => !i.parent)) {
    if (!groups.has(it.group)) groups.set(it.group, []);
    groups.get(it.group).push(it);
  }
  const blocks = [];
  for (const [group, list] of groups) {
    if (!list.length) continue;
    const applicable = list.filter((i) => i.status !== "not_applicable");
    const covered = applicable.filter((i) => i.status === "covered").length;
    const mentioned = applicable.filter((i) => i.status === "mentioned").length;
    const summary = `已覆盖 ${covered} / ${applicable.length}${mentioned ? `，仅提及 ${mentioned}` : ""}`;
    blocks.push(
      el("section", { class: "cl-group", data: { group } },
        el("h3", {},
          el("span", { text: GROUPS[group] ?? group }),
          el("span", { class: "cl-count", data: { testid: `checklist-count-${group}` }, text: summary })),
        el("ul", { class: "cl-items" }, list.map((it) => checklistItem(it, text, children.get(it.id) ?? [])))),
    );
  }
  const { name, note } = analysis.checklist;
  ui.checklist.replaceChildren(
    el("p", { class: "cl-name", text: name }),
    note ? el("p", { class: "cl-note", data: { testid: "checklist-note" }, text: note }) : null,
    ...blocks,
  );
}

function checklistItem(it, text, subs = []) {
  const st = STATUS[it.status] ?? { icon: "?", label: it.status };
  const evButton = (ev, k) =>
    el("button", {
      class: "evidence",
      text: `${ev.heading ? "标题：" : ""}${clip(text.slice(ev.start16, ev.end16), 20)}`,
      attrs: { type: "button", title: `定位第 ${k + 1} 处证据：${clip(text.slice(ev.start16, ev.end16), 80)}` },
      on: { click: () => focusSpan(ev.start16, ev.end16, null) },
    });
  const evidence = [];
  if (it.evidence.length) evidence.push(evButton(it.evidence[0], 0));
  if (it.evidence.length > 1) {
    evidence.push(el("details", { class: "more-evidence" },
      el("summary", { text: `另有 ${it.evidence.length - 1} 处` }),
      el("div", { class: "cl-evidence" }, it.evidence.slice(1).map((ev, k) => evButton(ev, k + 1)))));
  }
  return el("li", { class: `cl-item st-${it.status}`, data: { testid: "checklist-item", item: it.id, status: it.status } },
    el("span", { class: "cl-icon", text: st.icon, attrs: { role: "img", "aria-label": st.label, title: st.label } }),
    el("div", { class: "cl-body" },
      el("div", { class: "cl-title" },
        el("span", { class: "cl-id", text: it.id }),
        el("span", { class: "cl-text", text: it.name }),
        it.scored ? null : el("span", { class: "tag", text: "不计分" })),
      evidence.length ? el("div", { class: "cl-evidence" }, evidence) : null,
      subs.length ? subItems(subs, text) : null));
}

/** The named sub-items of a 纲要 area, folded: “子项 已覆盖 x / y”. */
function subItems(subs, text) {
  const covered = subs.filter((i) => i.status === "covered").length;
  return el("details", { class: "cl-subs", data: { testid: "checklist-subitems" } },
    el("summary", { text: `子项 已覆盖 ${covered} / ${subs.length}` }),
    el("ul", { class: "cl-items" }, subs.map((it) => checklistItem(it, text))));
}

// ---------------------------------------------------------------------------------------------
// Outline and numbering defects

function renderOutline(analysis) {
  const { sections, defects } = analysis;
  // Which section heading each defect sits in.
  const defectsBySection = new Map();
  for (const d of defects) {
    let idx = sections.findIndex((s) => d.start16 >= s.start16 && d.start16 < Math.max(s.title_span?.end16 ?? s.end16, s.start16 + 1));
    if (idx < 0) idx = sections.findIndex((s) => d.start16 >= s.start16 && d.start16 < s.end16 && s.depth === Math.max(...sections.filter((t) => d.start16 >= t.start16 && d.start16 < t.end16).map((t) => t.depth)));
    if (idx >= 0) {
      if (!defectsBySection.has(idx)) defectsBySection.set(idx, []);
      defectsBySection.get(idx).push(d);
    }
  }

  if (defects.length) {
    ui.defects.replaceChildren(
      el("details", { class: "defects", attrs: { open: defects.length <= 3 } },
        el("summary", { text: `⚠ 结构与编号问题 ${defects.length} 处` }),
        el("ul", {}, defects.map((d) =>
          el("li", {}, el("button", {
            class: "linklike defect-link",
            text: d.message,
            attrs: { type: "button" },
            on: { click: () => focusSpan(d.start16, d.end16, null) },
          }))))),
    );
  } else {
    ui.defects.replaceChildren(el("p", { class: "hint ok", text: "✓ 未发现结构或编号问题" }));
  }

  if (!sections.length) {
    ui.outline.replaceChildren(el("p", { class: "hint", text: "未识别到章节标题。" }));
    return;
  }
  const root = el("ol", { class: "ol-tree" });
  const stack = [{ depth: 0, list: root }];
  sections.forEach((s, i) => {
    while (stack.length > 1 && stack[stack.length - 1].depth >= s.depth) stack.pop();
    const parent = stack[stack.length - 1];
    const flags = defectsBySection.get(i) ?? [];
    const marker = s.repaired_marker ?? s.marker;
    const button = el("button", {
      class: `ol-node depth-${Math.min(s.depth, 4)}${flags.length ? " has-defect" : ""}`,
      data: { section: i, part: s.part },
      attrs: { type: "button", title: flags.map((d) => d.message).join("\n") || null },
      on: { click: () => focusSection(i) },
    },
    s.depth === 1 && s.part ? el("span", { class: `part part-${s.part}`, text: s.part, attrs: { title: PARTS[s.part] ?? "" } }) : null,
    el("span", { class: "ol-label" },
      el("span", { class: "ol-marker", text: marker }),
      s.repaired_marker ? el("span", { class: "ol-orig", text: `（原文“${s.marker}”）` }) : null,
      el("span", { class: "ol-title", text: s.title })),
    flags.length ? el("span", { class: "ol-flag", text: "⚠", attrs: { role: "img", "aria-label": `结构或编号问题：${flags.map((d) => d.message).join("；")}` } }) : null);
    const li = el("li", {}, button);
    parent.list.append(li);
    const list = el("ol");
    li.append(list);
    stack.push({ depth: s.depth, list });
  });
  for (const empty of root.querySelectorAll("ol:empty")) empty.remove();
  ui.outline.replaceChildren(root);
}

// ---------------------------------------------------------------------------------------------
// Figures table

/** Dates come as YYYYMMDD numbers (0 for a missing part), ranks with the unit "rank". */
function figureValue(f) {
  if (f.kind === "date" && f.unit === "date" && Number.isInteger(f.value)) {
    const y = Math.floor(f.value / 10000);
    const m = Math.floor(f.value / 100) % 100;
    const d = f.value % 100;
    const out = `${y ? `${y}年` : ""}${m ? `${m}月` : ""}${d ? `${d}日` : ""}`;
    if (out) return out;
  }
  if (f.kind === "rank" && f.unit === "rank") return `第 ${fmtNumber(f.value)} 位`;
  return `${f.approx ? "约 " : ""}${fmtNumber(f.value)}`;
}
const figureUnit = (f) => (!f.unit || f.unit === "date" || f.unit === "rank" ? "—" : f.unit);

const figureState = { key: null, dir: 1, kind: "all" };

function renderFigures(analysis) {
  const figs = analysis.figures;
  const counts = new Map();
  for (const f of figs) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  if (figureState.kind !== "all" && !counts.has(figureState.kind)) figureState.kind = "all";
  ui.figureKind.replaceChildren(
    el("option", { attrs: { value: "all" }, text: `全部（${figs.length}）` }),
    ...[...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) =>
      el("option", { attrs: { value: k }, text: `${FIGURE_KINDS[k] ?? k}（${n}）` })),
  );
  ui.figureKind.value = figureState.kind;
  renderFigureRows();
}

function renderFigureRows() {
  const figs = current?.analysis.figures ?? [];
  let rows = figs.map((f, i) => ({ f, i })).filter(({ f }) => figureState.kind === "all" || f.kind === figureState.kind);
  const { key, dir } = figureState;
  if (key) {
    const collator = new Intl.Collator("zh-CN");
    const val = ({ f }) => (key === "kind" ? FIGURE_KINDS[f.kind] ?? f.kind : f[key]);
    rows = rows.slice().sort((a, b) => {
      const x = val(a);
      const y = val(b);
      if (x == null || x === "") return y == null || y === "" ? a.i - b.i : 1;
      if (y == null || y === "") return -1;
      const c = typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
      return c * dir || a.i - b.i;
    });
  }
  for (const th of ui.figures.tHead.rows[0].cells) {
    th.setAttribute("aria-sort", th.dataset.key === key ? (dir > 0 ? "ascending" : "descending") : "none");
  }
  const tbody = ui.figures.tBodies[0];
  if (!rows.length) {
    tbody.replaceChildren(el("tr", { class: "empty" }, el("td", {
      attrs: { colspan: 5 },
      text: figs.length ? "没有这一类型的数据。" : "未识别到数据。",
    })));
  } else {
    tbody.replaceChildren(...rows.map(({ f, i }) =>
      el("tr", {
        data: { figure: i, kind: f.kind, value: f.value, testid: "figure-row" },
        attrs: { tabindex: 0, title: "定位原文" },
        on: {
          click: () => focusFigure(i),
          keydown: (ev) => {
            if (ev.key === "Enter" || ev.key === " ") {
              ev.preventDefault();
              focusFigure(i);
            }
          },
        },
      },
      el("td", { class: "fig-text", text: f.text }),
      el("td", { class: "num", text: figureValue(f) }),
      el("td", { text: figureUnit(f) }),
      el("td", {}, el("span", { class: `kind kind-${f.kind}`, text: FIGURE_KINDS[f.kind] ?? f.kind })),
      el("td", { class: "fig-subject", text: f.subject ?? "—" }))));
  }
  ui.figureCount.textContent = figs.length ? `显示 ${rows.length} / ${figs.length} 项` : "";
}

for (const th of ui.figures.tHead.rows[0].cells) {
  th.querySelector("button").addEventListener("click", () => {
    const key = th.dataset.key;
    if (figureState.key === key) figureState.dir = -figureState.dir;
    else {
      figureState.key = key;
      figureState.dir = key === "value" ? -1 : 1;
    }
    renderFigureRows();
  });
}
ui.figureKind.addEventListener("change", () => {
  figureState.kind = ui.figureKind.value;
  renderFigureRows();
});

// ---------------------------------------------------------------------------------------------
// Input wiring

ui.input.addEventListener("input", () => {
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(() => analyzeText({ auto: true }), DEBOUNCE_MS);
});
ui.analyze.addEventListener("click", () => analyzeText());
ui.input.addEventListener("keydown", (ev) => {
  if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
    ev.preventDefault();
    analyzeText();
  }
});
ui.file.addEventListener("change", async () => {
  const file = ui.file.files?.[0];
  if (file) await analyzeFile(file);
});
ui.checklistFile.addEventListener("change", async () => {
  const file = ui.checklistFile.files?.[0];
  ui.checklistFile.value = "";
  if (!file || !api) return;
  try {
    const parsed = await callApi(async (a) => a.parseChecklist(await file.text()));
    customChecklist = parsed;
    ui.checklistReset.hidden = false;
    clearError();
    setStatus(`已载入检查清单“${parsed.name}”（${parsed.items.length} 项）。`);
    if (current) await reanalyze();
  } catch (e) {
    const [message, detail] = describeError(e, file.name);
    showError(`检查清单“${file.name}”无法使用：${message}`, detail);
  }
});

ui.checklistReset.addEventListener("click", async () => {
  customChecklist = null;
  ui.checklistReset.hidden = true;
  setStatus("已恢复内置检查清单。");
  if (current) await reanalyze();
});

/** Analyze the shown text again (after the checklist changed). */
async function reanalyze() {
  const { text, source } = current;
  const analysis = await callApi((a) => a.analyze(text, options(source)));
  show(text, analysis, source, 0);
}

ui.clear.addEventListener("click", () => {
  clearTimeout(debounceTimer);
  ui.input.value = "";
  ui.file.value = "";
  current = null;
  ui.results.hidden = true;
  document.body.classList.remove("has-results");
  clearError();
  setStatus(api ? "已清空。" : ui.status.textContent);
  ui.input.focus();
});

// Dropping a file anywhere on the page analyzes it (instead of the browser opening it).
const hasFiles = (ev) => [...(ev.dataTransfer?.types ?? [])].includes("Files");
window.addEventListener("dragover", (ev) => {
  if (!hasFiles(ev)) return;
  ev.preventDefault();
  ev.dataTransfer.dropEffect = "copy";
  ui.drop.classList.add("dragging");
});
window.addEventListener("dragleave", (ev) => {
  if (ev.relatedTarget == null) ui.drop.classList.remove("dragging");
});
window.addEventListener("drop", (ev) => {
  if (!hasFiles(ev)) return;
  ev.preventDefault();
  ui.drop.classList.remove("dragging");
  const file = ev.dataTransfer.files?.[0];
  if (file) analyzeFile(file);
});

// ---------------------------------------------------------------------------------------------
// Start

async function start() {
  try {
    await loadApi();
  } catch (e) {
    document.body.dataset.ready = "error";
    showError("分析模块加载失败，页面无法分析。请先运行 make build-wasm，并通过 HTTP（make serve）打开本页。", String(e?.message ?? e));
    setStatus("分析模块未加载。");
    return;
  }
  try {
    const v = api.version();
    ui.version.textContent = `v${v.version}`;
  } catch {
    /* version is cosmetic */
  }
  ui.analyze.disabled = false;
  document.body.dataset.ready = "1";
  setStatus("就绪：粘贴报告或选择文件。");
  if (ui.input.value.trim()) analyzeText({ auto: true });
}

start();
