// report-analyzer page: a plain ES module, no framework, no bundler.
// Safety rule: report text (and anything derived from it) only ever reaches the DOM as text
// (textContent / Text nodes / attribute values) — never through innerHTML.

import { firstThatLoads, wasmUrls } from "./simd.js";

const PKG = new URL("../pkg/", import.meta.url);
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
/** Indicator families of figures (`figure.family`), in the order of the comparison table. */
const FAMILIES = {
  reconsideration: "行政复议",
  litigation: "行政诉讼",
  court_appearance: "出庭应诉",
  normative_docs: "规范性文件",
  major_decisions: "重大行政决策",
  legality_review: "合法性审查",
  legal_counsel: "法律顾问",
  enforcement: "行政执法",
  gov_services: "政务服务",
  disclosure: "政务公开",
  hotline_petitions: "热线与信访",
  mediation: "调解",
  training: "学法培训",
  publicity: "普法",
  inspection: "督察考核",
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
  figureFamily: $("figure-family"),
  figureTip: $("figure-tip"),
  exportJson: $("export-json"),
  exportCsv: $("export-csv"),
  exportMd: $("export-md"),
  print: $("print-button"),
  backToBatch: $("back-to-batch"),
  batch: $("batch"),
  batchCancel: $("batch-cancel"),
  batchProgress: $("batch-progress"),
  batchProgressFill: $("batch-progress-fill"),
  batchStatus: $("batch-status"),
  batchFailures: $("batch-failures"),
  columnGroups: $("column-groups"),
  compare: $("compare"),
  exportCompareCsv: $("export-compare-csv"),
  exportCompareMd: $("export-compare-md"),
  exportBatchJson: $("export-batch-json"),
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
// The wasm modules: the analysis, loaded with the page; the .docx reader and the exports (Markdown,
// CSV, the comparison table), loaded on first use. Each is compiled once and replaced by a fresh instance
// after a panic.

class PanicError extends Error {}

async function compileUrl(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  try {
    return await WebAssembly.compileStreaming(response.clone());
  } catch {
    return WebAssembly.compile(await response.arrayBuffer());
  }
}

class WasmModule {
  constructor(name) {
    this.js = new URL(`${name}.js`, PKG);
    this.wasm = wasmUrls(name, PKG);
    this.api = null;
    this.compiled = null;
    this.loading = null;
    this.generation = 0;
  }

  /** The first of the module's wasm files (www/simd.js) that fetches and compiles. */
  compile() {
    return firstThatLoads(this.wasm, compileUrl);
  }

  /** The module's exports, instantiating it if needed (concurrent callers share one load). */
  load() {
    if (this.api) return Promise.resolve(this.api);
    this.loading ??= (async () => {
      this.compiled ??= await this.compile();
      const url = new URL(this.js);
      if (this.generation > 0) url.searchParams.set("r", String(this.generation));
      const mod = await import(url.href);
      await mod.default({ module_or_path: this.compiled });
      this.api = mod;
      return mod;
    })().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /** Run `fn(exports)`; a Rust panic (a WebAssembly RuntimeError) becomes a PanicError. */
  async call(fn) {
    const api = this.api ?? (await this.load());
    try {
      return await fn(api);
    } catch (e) {
      throw await this.recover(e, api);
    }
  }

  /** The error to show for `e` thrown by a call into `api`: after a panic, a PanicError with the
   * panic's message once the module has been replaced by a fresh instance (the page keeps working). */
  async recover(e, api) {
    if (!(e instanceof WebAssembly.RuntimeError)) return e;
    let message;
    try {
      message = api.lastPanic();
    } catch {
      /* the trapped instance may not answer */
    }
    this.api = null;
    this.generation += 1;
    try {
      await this.load();
    } catch (reloadError) {
      return new PanicError(`分析器内部错误：${message ?? e.message}。重新加载分析模块失败：${reloadError.message}`);
    }
    return new PanicError(`分析器内部错误：${message ?? e.message}。已重新加载分析模块，可以修改文本后再试。`);
  }
}

const analysisModule = new WasmModule("report_analyzer");
const docxModule = new WasmModule("report_analyzer_docx");
const exportsModule = new WasmModule("report_analyzer_exports");
/** The analysis module's exports once loaded (null before, and while a panicked instance is replaced). */
let api = null;
const loadApi = async () => (api = await analysisModule.load());
const callApi = async (fn) => {
  try {
    return await analysisModule.call(fn);
  } finally {
    api = analysisModule.api;
  }
};
const callExports = (fn) => exportsModule.call(fn);

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
    // A .docx is read by its own module first (fetched the first time one comes).
    const docx = api.isDocx(bytes.subarray(0, 4)) ? await docxModule.call((d) => d.readDocx(bytes)) : null;
    const opts = options(file.name);
    const result = await callApi((a) => (docx ? a.analyzeDocx(docx, opts) : a.analyzeBytes(bytes, file.name, opts)));
    clearError();
    ui.input.value = result.text;
    show(result.text, result.analysis, file.name, performance.now() - t0);
  } catch (e) {
    const [message, detail] = describeError(e, file.name);
    showError(message, detail);
    setStatus("分析未完成。");
  }
}

function show(text, analysis, source, ms, batchIndex = null) {
  current = { text, analysis, source, batchIndex };
  hideFigureTip();
  renderText(text, analysis);
  renderMeta(analysis, source);
  renderScore(analysis);
  renderChecklist(analysis, text);
  renderOutline(analysis, text);
  renderFigures(analysis);
  ui.results.hidden = false;
  document.body.classList.add("has-results");
  ui.backToBatch.hidden = batchIndex == null;
  markCurrentCompareRow();
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
    // Hovering shows value, unit and kind in #figure-tip; the label serves screen readers.
    return el("span", {
      class: "mk-figure",
      data: { ...data, figure: m.i },
      attrs: { "aria-label": `${f.text}（${FIGURE_KINDS[f.kind] ?? f.kind}：${figureValue(f)}${figureUnit(f) === "—" ? "" : figureUnit(f)}）` },
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

// Hovering a figure in the text shows its value, unit, kind, family and subject.
function showFigureTip(span) {
  const f = current?.analysis.figures[Number(span.dataset.figure)];
  if (!f) return;
  const row = (label, value) => el("div", { class: "tip-row" }, el("dt", { text: label }), el("dd", { text: value }));
  ui.figureTip.replaceChildren(el("dl", {},
    row("数值", figureValue(f)),
    row("单位", figureUnit(f)),
    row("类型", FIGURE_KINDS[f.kind] ?? f.kind),
    f.family ? row("指标类别", familyName(f.family)) : null,
    f.subject ? row("指标", f.subject) : null));
  ui.figureTip.hidden = false;
  const r = span.getBoundingClientRect();
  const tip = ui.figureTip.getBoundingClientRect();
  let left = Math.min(Math.max(4, r.left), window.innerWidth - tip.width - 4);
  let top = r.bottom + 6;
  if (top + tip.height > window.innerHeight - 4) top = Math.max(4, r.top - tip.height - 6);
  ui.figureTip.style.left = `${Math.round(left)}px`;
  ui.figureTip.style.top = `${Math.round(top)}px`;
  span.setAttribute("aria-describedby", "figure-tip");
}
function hideFigureTip() {
  ui.figureTip.hidden = true;
  for (const s of ui.text.querySelectorAll("[aria-describedby=figure-tip]")) s.removeAttribute("aria-describedby");
}
ui.text.addEventListener("mouseover", (ev) => {
  const fig = ev.target.closest?.(".mk-figure");
  if (fig) showFigureTip(fig);
  else hideFigureTip();
});
ui.text.addEventListener("mouseleave", hideFigureTip);
ui.text.addEventListener("scroll", hideFigureTip, { passive: true });
window.addEventListener("keydown", (ev) => {
  if (ev.key === "Escape") hideFigureTip();
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

const figureState = { key: null, dir: 1, kind: "all", family: "all" };
const familyName = (id) => (id ? FAMILIES[id] ?? id : null);
const NO_FAMILY = "none";

function renderFigures(analysis) {
  const figs = analysis.figures;
  const counts = new Map();
  const families = new Map();
  for (const f of figs) {
    counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
    const fam = f.family ?? NO_FAMILY;
    families.set(fam, (families.get(fam) ?? 0) + 1);
  }
  if (figureState.kind !== "all" && !counts.has(figureState.kind)) figureState.kind = "all";
  if (figureState.family !== "all" && !families.has(figureState.family)) figureState.family = "all";
  ui.figureKind.replaceChildren(
    el("option", { attrs: { value: "all" }, text: `全部（${figs.length}）` }),
    ...[...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) =>
      el("option", { attrs: { value: k }, text: `${FIGURE_KINDS[k] ?? k}（${n}）` })),
  );
  ui.figureKind.value = figureState.kind;
  // Families in their fixed order (the comparison table's), unknown ids after them, “未归类” last.
  const order = Object.keys(FAMILIES);
  const rank = (k) => (k === NO_FAMILY ? 1e9 : order.includes(k) ? order.indexOf(k) : 1e6);
  ui.figureFamily.replaceChildren(
    el("option", { attrs: { value: "all" }, text: `全部（${figs.length}）` }),
    ...[...families].sort((a, b) => rank(a[0]) - rank(b[0])).map(([k, n]) =>
      el("option", { attrs: { value: k }, text: `${k === NO_FAMILY ? "未归类" : familyName(k)}（${n}）` })),
  );
  ui.figureFamily.value = figureState.family;
  renderFigureRows();
}

function renderFigureRows() {
  const figs = current?.analysis.figures ?? [];
  let rows = figs.map((f, i) => ({ f, i })).filter(({ f }) =>
    (figureState.kind === "all" || f.kind === figureState.kind) &&
    (figureState.family === "all" || (f.family ?? NO_FAMILY) === figureState.family));
  const { key, dir } = figureState;
  if (key) {
    const collator = new Intl.Collator("zh-CN");
    const val = ({ f }) => (key === "kind" ? FIGURE_KINDS[f.kind] ?? f.kind : key === "family" ? familyName(f.family) : f[key]);
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
      attrs: { colspan: 6 },
      text: figs.length ? "没有符合筛选条件的数据。" : "未识别到数据。",
    })));
  } else {
    tbody.replaceChildren(...rows.map(({ f, i }) =>
      el("tr", {
        data: { figure: i, kind: f.kind, family: f.family ?? NO_FAMILY, value: f.value, testid: "figure-row" },
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
      el("td", { class: "fig-family", text: familyName(f.family) ?? "—" }),
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
ui.figureFamily.addEventListener("change", () => {
  figureState.family = ui.figureFamily.value;
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
  const files = [...(ui.file.files ?? [])];
  ui.file.value = ""; // choosing the same file(s) again analyzes them again
  if (files.length === 1) await analyzeFile(files[0]);
  else if (files.length > 1) await runBatch(files);
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
  cancelBatch();
  batch = null;
  ui.batch.hidden = true;
  document.body.classList.remove("has-batch");
  ui.results.hidden = true;
  document.body.classList.remove("has-results");
  clearError();
  setStatus(api ? "已清空。" : ui.status.textContent);
  ui.input.focus();
});

// Dropping files anywhere on the page analyzes them (instead of the browser opening them):
// one file → the single-report view, several → a batch in the worker and the comparison table.
const hasFiles = (ev) => [...(ev.dataTransfer?.types ?? [])].includes("Files");
let dragDepth = 0;
const setDragging = (on) => {
  ui.drop.classList.toggle("dragging", on);
  document.body.classList.toggle("dragging", on);
};
window.addEventListener("dragenter", (ev) => {
  if (!hasFiles(ev)) return;
  ev.preventDefault();
  dragDepth += 1;
  setDragging(true);
});
window.addEventListener("dragover", (ev) => {
  if (!hasFiles(ev)) return;
  ev.preventDefault();
  ev.dataTransfer.dropEffect = "copy";
  setDragging(true);
});
window.addEventListener("dragleave", (ev) => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0 || ev.relatedTarget == null) setDragging(false);
});
window.addEventListener("drop", (ev) => {
  if (!hasFiles(ev)) return;
  ev.preventDefault();
  dragDepth = 0;
  setDragging(false);
  const files = [...(ev.dataTransfer.files ?? [])];
  if (!api) {
    showError("分析模块尚未加载完成，请稍候再拖入文件。");
    return;
  }
  if (files.length === 1) analyzeFile(files[0]);
  else if (files.length > 1) runBatch(files);
});

// ---------------------------------------------------------------------------------------------
// Exports: Blob + object URL + <a download> (blob: URLs are same-origin; nothing leaves the browser)

const BOM = "\uFEFF"; // so that spreadsheet programs read the CSV as UTF-8
function safeName(s) {
  return String(s).replace(/[\\/:*?"<>|\u0000-\u001f]+/g, "_").replace(/\s+/g, " ").trim().slice(0, 80) || "report";
}
function baseName(source, analysis) {
  return safeName(source ? source.replace(/\.[^.]+$/, "") : analysis?.meta.title ?? "report");
}
function download(name, content, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = el("a", { attrs: { href: url, download: name }, class: "visually-hidden" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  setStatus(`已导出“${name}”。`);
}
async function exporting(fn) {
  try {
    await fn();
  } catch (e) {
    const [message, detail] = describeError(e, null);
    showError(`导出失败：${message}`, detail);
  }
}

ui.exportJson.addEventListener("click", () => exporting(() => {
  if (!current) return;
  const { analysis, source } = current;
  download(`${baseName(source, analysis)}.analysis.json`, `${JSON.stringify(analysis, null, 2)}\n`, "application/json");
}));
ui.exportCsv.addEventListener("click", () => exporting(async () => {
  if (!current) return;
  const { analysis, source } = current;
  const csv = await callExports((a) => a.figuresCsv([analysis]));
  download(`${baseName(source, analysis)}.figures.csv`, BOM + csv, "text/csv;charset=utf-8");
}));
ui.exportMd.addEventListener("click", () => exporting(async () => {
  if (!current) return;
  const { analysis, source } = current;
  const md = await callExports((a) => a.toMarkdown(analysis));
  download(`${baseName(source, analysis)}.summary.md`, md, "text/markdown;charset=utf-8");
}));
ui.print.addEventListener("click", () => window.print());

// Print every folded part (sub-items, further evidence, the defect list) and restore afterwards.
let openedForPrint = [];
window.addEventListener("beforeprint", () => {
  openedForPrint = [...document.querySelectorAll("#results details:not([open]), #batch details:not([open])")];
  for (const d of openedForPrint) d.open = true;
});
window.addEventListener("afterprint", () => {
  for (const d of openedForPrint) d.open = false;
  openedForPrint = [];
});

// ---------------------------------------------------------------------------------------------
// Several reports: a module worker analyzes them one by one; the comparison table grows as they come.

/** { token, entries: [{name, size, status, text?, analysis?, error?, detail?, ms?}], running, cancelled } */
let batch = null;
let batchSeq = 0;
let worker = null;
let requestSeq = 0;
let cancelRequest = null;
const compareState = { key: null, dir: 1, hidden: new Set() };

function makeWorker() {
  const w = new Worker(new URL("./worker.js", import.meta.url), { type: "module", name: "report-analyzer" });
  // Hand over the compiled module: the worker need not fetch and compile the wasm again.
  w.postMessage({ type: "init", module: analysisModule.compiled });
  return w;
}
function dropWorker() {
  worker?.terminate();
  worker = null;
}

/** Analyze one file in the worker; resolves with the worker's answer ({type: "result" | "error" | "cancelled"}). */
function analyzeInWorker(name, bytes, opts) {
  worker ??= makeWorker();
  const w = worker;
  const id = ++requestSeq;
  return new Promise((resolve) => {
    const done = (m) => {
      w.removeEventListener("message", onMessage);
      w.removeEventListener("error", onError);
      cancelRequest = null;
      resolve(m);
    };
    const onMessage = (ev) => {
      const m = ev.data;
      if (m?.id === id && (m.type === "result" || m.type === "error")) done(m);
    };
    const onError = (ev) => {
      ev.preventDefault?.();
      done({ type: "error", id, message: ev.message || "后台分析进程意外退出", panic: true });
    };
    w.addEventListener("message", onMessage);
    w.addEventListener("error", onError);
    cancelRequest = () => done({ type: "cancelled", id });
    w.postMessage({ type: "analyze", id, name, bytes, options: opts }, [bytes]);
  });
}

function cancelBatch() {
  if (!batch?.running) return;
  batch.cancelled = true;
  batch.running = false;
  cancelRequest?.();
  dropWorker();
  for (const e of batch.entries) if (e.status === "pending" || e.status === "running") e.status = "cancelled";
}

async function runBatch(files) {
  cancelBatch();
  clearError();
  const token = ++batchSeq;
  const n = files.length;
  batch = { token, entries: files.map((f) => ({ name: f.name, size: f.size, status: "pending" })), running: true, cancelled: false };
  compareState.key = null;
  ui.batch.hidden = false;
  document.body.classList.add("has-batch");
  ui.batchCancel.hidden = false;
  ui.batchProgress.parentElement.hidden = false;
  // The comparison table is drawn by the exports module: fetch it while the worker analyzes.
  const comparing = exportsModule.load().catch((err) => err);
  renderCompare();
  setProgress(0, n, `正在分析第 1 / ${n} 份……`);
  setStatus(`正在后台分析 ${n} 份文件，页面可以照常使用。`);
  ui.batch.scrollIntoView({ block: "nearest", behavior: reducedMotion() ? "auto" : "smooth" });
  const t0 = performance.now();
  for (let i = 0; i < n; i += 1) {
    if (batch?.token !== token || batch.cancelled) return;
    const file = files[i];
    const entry = batch.entries[i];
    entry.status = "running";
    setProgress(i, n, `正在分析第 ${i + 1} / ${n} 份：${file.name}`);
    let answer;
    if (file.size > MAX_FILE_BYTES) {
      answer = { type: "error", message: `文件太大（${fmtNumber(Math.round(file.size / 1048576))} MB），上限为 50 MB。`, tooBig: true };
    } else {
      try {
        const bytes = await file.arrayBuffer();
        answer = await analyzeInWorker(file.name, bytes, options(file.name));
      } catch (e) {
        answer = { type: "error", message: String(e?.message ?? e) };
      }
    }
    if (batch?.token !== token || answer.type === "cancelled") return;
    if (answer.type === "result") {
      Object.assign(entry, { status: "done", text: answer.text, analysis: answer.analysis, ms: answer.ms });
    } else if (answer.panic) {
      // The trapped instance is unusable: a fresh worker takes the remaining files.
      dropWorker();
      Object.assign(entry, {
        status: "error",
        error: `分析器内部错误：${answer.message}。已重启后台分析，其余文件继续分析。`,
        detail: null,
      });
    } else if (answer.tooBig) {
      Object.assign(entry, { status: "error", error: answer.message, detail: null });
    } else {
      const [message, detail] = describeError(new Error(answer.message), file.name);
      Object.assign(entry, { status: "error", error: message, detail });
    }
    setProgress(i + 1, n, i + 1 < n ? `正在分析第 ${i + 2} / ${n} 份……` : "");
    renderCompare();
  }
  batch.running = false;
  ui.batchCancel.hidden = true;
  const ok = batch.entries.filter((e) => e.status === "done");
  const notReports = ok.filter((e) => !e.analysis.score).length;
  const failed = batch.entries.length - ok.length;
  const summary = `已完成：${ok.length} / ${n} 份已分析${notReports ? `，其中 ${notReports} 份不是法治政府建设报告（不评分）` : ""}${failed ? `，${failed} 份未能分析` : ""}，用时 ${fmtNumber(Math.round((performance.now() - t0) / 100) / 10)} 秒。`;
  const loadError = await comparing;
  if (batch?.token !== token) return;
  if (loadError instanceof Error) showError("对比表模块加载失败。", String(loadError.message));
  renderCompare();
  setProgress(n, n, summary);
  setStatus(summary);
  ui.batch.dataset.done = "1";
}

function setProgress(done, total, text) {
  ui.batch.dataset.done = "0";
  ui.batchProgress.setAttribute("aria-valuemax", String(total));
  ui.batchProgress.setAttribute("aria-valuenow", String(done));
  ui.batchProgress.setAttribute("aria-valuetext", `${done} / ${total}`);
  ui.batchProgressFill.style.width = `${total ? ((done / total) * 100).toFixed(1) : 0}%`;
  if (text) ui.batchStatus.textContent = text;
}

ui.batchCancel.addEventListener("click", () => {
  if (!batch?.running) return;
  const done = batch.entries.filter((e) => e.status === "done" || e.status === "error").length;
  cancelBatch();
  ui.batchCancel.hidden = true;
  setProgress(done, batch.entries.length, `已停止：分析了 ${done} / ${batch.entries.length} 份。`);
  setStatus("批量分析已停止。");
  renderCompare();
});

// The comparison table. Column groups can be hidden; empty indicator columns are left out.
const COLUMN_GROUPS = [
  ["meta", "基本信息"],
  ["dims", "评分细项"],
  ["parts", "必备内容"],
  ["indicators", "关键指标"],
  ["yoy", "较上年变化"],
];
function columnGroup(id) {
  if (["source", "issuer", "year", "level", "kind", "published", "signed"].includes(id)) return "meta";
  if (/^S\d$/.test(id)) return "dims";
  if (["R1", "R2", "R2C", "R3", "R4", "R5", "areas_covered"].includes(id)) return "parts";
  if (id === "prev_year" || id.endsWith("_change")) return "yoy";
  if (/_(count|rate)$/.test(id)) return "indicators";
  return "core"; // title, score, figures, defects
}
const KIND_SHORT = { annual_report: "年度报告", work_summary: "工作总结", self_inspection: "自查报告", other: "非法治政府建设报告" };
const PART_CELL = { 标题: ["✓", "covered", "单列标题"], 正文: ["△", "mentioned", "仅见于正文"], 缺: ["✗", "missing", "缺失"] };
const PART_RANK = { 标题: 2, 正文: 1, 缺: 0 };

for (const [id, label] of COLUMN_GROUPS) {
  const box = el("input", { attrs: { type: "checkbox", checked: true, value: id }, data: { testid: `column-group-${id}` } });
  box.addEventListener("change", () => {
    if (box.checked) compareState.hidden.delete(id);
    else compareState.hidden.add(id);
    renderCompare();
  });
  ui.columnGroups.append(el("label", { class: "check" }, box, ` ${label}`));
}

let compareColumns = []; // [{id, name, index, yoy}]
let compareRows = []; // [{entry: index, cells: Cell[]}]

function renderCompare() {
  const entries = batch?.entries ?? [];
  const done = entries.map((e, i) => ({ e, i })).filter(({ e }) => e.status === "done");
  ui.exportCompareCsv.disabled = ui.exportCompareMd.disabled = ui.exportBatchJson.disabled = done.length === 0;
  compareColumns = [];
  compareRows = [];
  if (done.length && !exportsModule.api) {
    // The comparison lives in the exports module: load it, then draw.
    exportsModule.load().then(renderCompare, (err) => showError("对比表模块加载失败。", String(err?.message ?? err)));
  } else if (done.length) {
    let table;
    const exportsApi = exportsModule.api;
    try {
      table = exportsApi.compareTable(done.map(({ e }) => e.analysis));
    } catch (err) {
      exportsModule.recover(err, exportsApi).then((e) => showError("对比表生成失败。", String(e?.message ?? e)));
      return;
    }
    const yoyNames = Object.fromEntries(table.columns.map((c, k) => [c, table.names[k]]));
    const cols = [
      ...table.columns.map((id, k) => ({ id, name: table.names[k], index: k, yoy: false })),
      ...table.yoy_columns.map((id, k) => ({
        id,
        name: id === "prev_year" ? "上一年度" : `${yoyNames[id.replace(/_change$/, "")] ?? id}较上年`,
        index: k,
        yoy: true,
      })),
    ];
    compareRows = done.map(({ i }, r) => ({ entry: i, cells: [...table.rows[r], ...(table.yoy_rows[r] ?? [])] }));
    const yoyOffset = table.columns.length;
    cols.forEach((c) => { c.at = c.yoy ? yoyOffset + c.index : c.index; });
    // A document that is not such a report has no required parts to speak of: blank, not “✗ 缺”.
    const partCols = cols.filter((c) => columnGroup(c.id) === "parts").map((c) => c.at);
    for (const r of compareRows) {
      if (!entries[r.entry].analysis.score) for (const k of partCols) r.cells[k] = null;
    }
    // Indicator and year-on-year columns only when some report has a value.
    compareColumns = cols.filter((c) => {
      const g = columnGroup(c.id);
      if (c.id === "title") return true;
      if (compareState.hidden.has(g)) return false;
      if (g === "indicators" || g === "yoy") return compareRows.some((r) => r.cells[c.at] != null);
      return true;
    });
    // Offer only the column groups this batch has values for.
    const available = new Set(cols.filter((c) => compareRows.some((r) => r.cells[c.at] != null)).map((c) => columnGroup(c.id)));
    for (const box of ui.columnGroups.querySelectorAll("input")) box.closest("label").hidden = !available.has(box.value);
    // The title first (it is the row's header), then who and when, the score and the parts, the
    // indicators, and the file's details last. Array.prototype.sort is stable: the rest keep their order.
    const FIRST = ["title", "issuer", "year", "level", "kind", "score", "S1", "S2", "S3", "S4", "S5", "S6",
      "R1", "R2", "R2C", "R3", "R4", "R5", "areas_covered", "figures", "defects"];
    const LAST = ["published", "signed", "source"];
    const rank = (c) => (FIRST.includes(c.id) ? FIRST.indexOf(c.id) : LAST.includes(c.id) ? 1000 + LAST.indexOf(c.id) : c.yoy ? 500 : 100);
    compareColumns.sort((a, b) => rank(a) - rank(b));
  }
  renderCompareHead();
  renderCompareBody();
  renderFailures();
}

function renderCompareHead() {
  const tr = ui.compare.tHead.rows[0];
  tr.replaceChildren(...compareColumns.map((c) => {
    const label = /^S\d$/.test(c.id) ? `${c.id} ${c.name}` : c.name;
    // “行政复议（数量）” → “行政复议” over “数量”: narrow columns without breaking words.
    const m = /^(.*?)（(.*)）$/.exec(c.name) ?? (/^S\d$/.test(c.id) ? [null, c.id, c.name] : /^(.*)较上年$/.exec(c.name) ? [null, c.name.replace(/较上年$/, ""), "较上年"] : null);
    const content = m ? [el("span", { class: "h-main", text: m[1] }), el("span", { class: "h-sub", text: m[2] })] : [label];
    const th = el("th", {
      attrs: { scope: "col", "aria-sort": compareState.key === c.id ? (compareState.dir > 0 ? "ascending" : "descending") : "none" },
      class: `col-${columnGroup(c.id)}${c.id === "title" ? " col-title" : ""}`,
      data: { key: c.id },
    }, el("button", { attrs: { type: "button", title: `按“${label}”排序` } }, content));
    th.querySelector("button").addEventListener("click", () => {
      if (compareState.key === c.id) compareState.dir = -compareState.dir;
      else {
        // Numbers and parts: highest / best first; text: 拼音 order.
        compareState.key = c.id;
        const sample = sortValue(c, compareRows.find((r) => r.cells[c.at] != null)?.cells[c.at]);
        compareState.dir = typeof sample === "number" && c.id !== "year" ? -1 : 1;
      }
      renderCompareHead();
      renderCompareBody();
    });
    return th;
  }));
}

function sortValue(col, v) {
  if (v == null || v === "") return null;
  if (["R1", "R2", "R2C", "R3", "R4", "R5"].includes(col.id)) return PART_RANK[v] ?? -1;
  if (col.id === "areas_covered" && typeof v === "string") {
    const [a, b] = v.split("/").map(Number);
    return b ? a / b : a;
  }
  if (col.id === "level") return LEVELS[v] ?? v;
  if (col.id === "kind") return KIND_SHORT[v] ?? v;
  return v;
}

function renderCompareBody() {
  const tbody = ui.compare.tBodies[0];
  const entries = batch?.entries ?? [];
  let rows = compareRows.slice();
  const col = compareColumns.find((c) => c.id === compareState.key);
  if (col) {
    const collator = new Intl.Collator("zh-CN", { numeric: true });
    rows.sort((ra, rb) => {
      const x = sortValue(col, ra.cells[col.at]);
      const y = sortValue(col, rb.cells[col.at]);
      if (x == null) return y == null ? ra.entry - rb.entry : 1; // empty cells last, either way
      if (y == null) return -1;
      const c = typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
      return c * compareState.dir || ra.entry - rb.entry;
    });
  }
  if (!rows.length) {
    const pending = entries.some((e) => e.status === "pending" || e.status === "running");
    tbody.replaceChildren(el("tr", { class: "empty" }, el("td", {
      attrs: { colspan: Math.max(1, compareColumns.length) },
      text: pending ? "正在分析……" : "没有可对比的报告。",
    })));
    if (!compareColumns.length) ui.compare.tHead.rows[0].replaceChildren(el("th", { attrs: { scope: "col" }, text: "报告" }));
    return;
  }
  tbody.replaceChildren(...rows.map((r) => {
    const entry = entries[r.entry];
    const notReport = !entry.analysis.score;
    const tr = el("tr", {
      class: notReport ? "not-report-row" : null,
      data: { entry: r.entry, testid: "compare-row", notReport: notReport ? "1" : null },
      on: {
        click: (ev) => {
          if (ev.target.closest("button, a")) return;
          openEntry(r.entry);
        },
      },
    });
    for (const c of compareColumns) tr.append(compareCell(c, r.cells[c.at], entry, r.entry));
    return tr;
  }));
  markCurrentCompareRow();
}

function compareCell(c, v, entry, index) {
  const g = columnGroup(c.id);
  if (c.id === "title") {
    const label = v ?? entry.name;
    return el("th", { attrs: { scope: "row" }, class: "col-title" },
      el("button", {
        class: "linklike open-report",
        text: label,
        attrs: { type: "button", title: `打开“${label}”的详细分析` },
        on: { click: () => openEntry(index) },
      }),
      entry.analysis.score ? null : el("span", { class: "tag warn", text: "不是法治政府建设报告" }));
  }
  if (v == null || v === "") {
    const text = c.id === "score" && !entry.analysis.score ? "不评分" : "—";
    return el("td", { class: `empty-cell col-${g}`, text });
  }
  if (PART_CELL[v] && ["R1", "R2", "R2C", "R3", "R4", "R5"].includes(c.id)) {
    const [icon, cls, label] = PART_CELL[v];
    return el("td", { class: `part-cell st-${cls} col-${g}`, attrs: { title: label } },
      el("span", { class: "cl-icon", text: icon, attrs: { "aria-hidden": "true" } }), ` ${v}`);
  }
  if (c.id === "level") return el("td", { class: `col-${g}`, text: LEVELS[v] ?? v });
  if (c.id === "kind") return el("td", { class: `col-${g}${v === "other" ? " warn-text" : ""}`, text: KIND_SHORT[v] ?? v });
  if (typeof v === "number") {
    const signed = c.yoy && c.id !== "prev_year";
    const text = signed && v > 0 ? `+${fmtNumber(v)}` : c.id === "year" || c.id === "prev_year" ? String(v) : fmtNumber(v);
    return el("td", { class: `num col-${g}${signed ? (v > 0 ? " up" : v < 0 ? " down" : "") : ""}`, text });
  }
  return el("td", { class: `col-${g}`, text: String(v) });
}

function renderFailures() {
  const failed = (batch?.entries ?? []).filter((e) => e.status === "error" || e.status === "cancelled");
  if (!failed.length) {
    ui.batchFailures.replaceChildren();
    return;
  }
  ui.batchFailures.replaceChildren(
    el("h3", { text: `未能分析的文件（${failed.length}）` }),
    el("ul", { class: "failures" }, failed.map((e) =>
      el("li", { data: { testid: "batch-failure" } },
        el("strong", { text: e.name }), "：",
        e.status === "cancelled" ? "已停止，未分析。" : e.error,
        e.detail && e.detail !== e.error ? el("span", { class: "error-detail", text: `（${e.detail}）` }) : null))),
  );
}

function openEntry(i) {
  const entry = batch?.entries[i];
  if (!entry?.analysis) return;
  clearTimeout(debounceTimer);
  clearError();
  ui.input.value = entry.text;
  show(entry.text, entry.analysis, entry.name, entry.ms ?? 0, i);
  ui.results.scrollIntoView({ block: "start", behavior: reducedMotion() ? "auto" : "smooth" });
  ui.results.focus({ preventScroll: true });
}

function markCurrentCompareRow() {
  for (const tr of ui.compare.tBodies[0].rows) {
    const on = current?.batchIndex != null && tr.dataset.entry === String(current.batchIndex);
    tr.classList.toggle("is-current", on);
    if (on) tr.setAttribute("aria-current", "true");
    else tr.removeAttribute("aria-current");
  }
}

ui.backToBatch.addEventListener("click", () => {
  ui.batch.scrollIntoView({ block: "start", behavior: reducedMotion() ? "auto" : "smooth" });
  (ui.compare.querySelector("tr.is-current .open-report") ?? ui.compare.querySelector(".open-report"))?.focus({ preventScroll: true });
});

const batchAnalyses = () => (batch?.entries ?? []).filter((e) => e.status === "done").map((e) => e.analysis);
const batchFileName = (ext) => `法治政府建设报告对比-${batchAnalyses().length}份.${ext}`;
ui.exportCompareCsv.addEventListener("click", () => exporting(async () => {
  const csv = await callExports((a) => a.compareCsv(batchAnalyses()));
  download(batchFileName("csv"), BOM + csv, "text/csv;charset=utf-8");
}));
ui.exportCompareMd.addEventListener("click", () => exporting(async () => {
  const md = await callExports((a) => a.compareMarkdown(batchAnalyses()));
  download(batchFileName("md"), md, "text/markdown;charset=utf-8");
}));
ui.exportBatchJson.addEventListener("click", () => exporting(() => {
  download(batchFileName("json"), `${JSON.stringify(batchAnalyses(), null, 2)}\n`, "application/json");
}));

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
  else (window.requestIdleCallback ?? setTimeout)(warmUp);
}

// The first analysis in a fresh module builds the tables (characters, units, cues, checklists) and has
// V8 compile the code it runs: about 30 ms here, against ~2 ms for a 30 KB report afterwards. A short
// sample analyzed while the page is idle spares the user's first report that wait (`make bench`).
const WARM_UP = "某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n（一）深入学习贯彻习近平法治思想。全年办理行政复议案件12件，同比增长5.2%。\n二、存在的不足和原因\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n四、2024年工作安排";
function warmUp() {
  if (current || !api) return;
  try {
    api.analyze(WARM_UP);
  } catch {
    /* a real analysis reports any problem */
  }
}

start();
