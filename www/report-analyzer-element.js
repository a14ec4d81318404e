// <report-analyzer>: a custom element a portal can drop in to show a compact analysis card of a
// 法治政府建设年度报告 — title, score, the required parts R1–R5 (✓ / △ / ✗), the 纲要 areas.
//
//   <script type="module" src="/static/report-analyzer/www/report-analyzer-element.js"></script>
//   <report-analyzer src="/reports/2023-fzzf.txt"></report-analyzer>          (a same-origin file: .txt in any encoding, .html, .docx)
//   <report-analyzer>……报告全文……</report-analyzer>                           (the text content)
//   element.text = "……";                                                       (a property)
//
// It dispatches `analyzed` (detail: the analysis JSON, bubbles, composed) when done, and
// `analysis-error` (detail: {message}) when the file cannot be read. `element.analysis` holds the
// last analysis. The WebAssembly module is found at ../pkg/report_analyzer.js relative to this
// script; `?pkg=<url of the pkg folder>` on this script's URL, or a `pkg` attribute, overrides that.
// Everything runs in the browser; report text is only ever inserted as text.

const SCRIPT_URL = new URL(import.meta.url);
// The analysis module's SIMD build where the engine has WebAssembly SIMD (5–9% faster), the baseline
// otherwise or if the SIMD build does not load: the test of www/simd.js, repeated so that this file
// stands alone.
const SIMD = (() => {
  try {
    return WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]));
  } catch {
    return false;
  }
})();
const DEFAULT_PKG = new URL(SCRIPT_URL.searchParams.get("pkg") ?? "../pkg/", SCRIPT_URL);

const PARTS = [
  ["R1", "举措成效"],
  ["R2", "存在不足"],
  ["R3", "第一责任人"],
  ["R4", "下年安排"],
];
const KINDS = {
  annual_report: "法治政府建设年度报告",
  work_summary: "法治政府建设工作总结",
  self_inspection: "法治政府建设自查报告",
  other: "不是法治政府建设报告",
};
const LEVELS = { province: "省级", city: "市级", county: "县级", township: "乡镇（街道）", department: "部门" };
const STATUS = {
  covered: ["✓", "已覆盖"],
  mentioned: ["△", "仅提及"],
  missing: ["✗", "缺失"],
  not_applicable: ["—", "不适用"],
};

const CSS_TEXT = `
:host { display: block; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif;
  color: #1f2328; line-height: 1.55; max-width: 34rem; }
:host([hidden]) { display: none; }
.card { border: 1px solid #d8dee4; border-radius: 8px; background: #fff; padding: .8rem 1rem .9rem; }
.kind { display: inline-block; font-size: .75rem; padding: 0 .4rem; border-radius: 4px; background: #fbeaea; color: #8a1215; }
.kind.other { background: #fff8e1; color: #6e4a00; border: 1px solid #e5c07b; }
h3 { margin: .3rem 0 .1rem; font-size: 1.05rem; line-height: 1.35; }
.sub { margin: 0; font-size: .85rem; color: #57606a; }
.score { display: flex; align-items: center; gap: .6rem; margin: .6rem 0 .4rem; }
.value { font-size: 2rem; font-weight: 700; line-height: 1; }
.max { color: #57606a; font-size: .9rem; }
.good .value { color: #1a7f37; } .fair .value { color: #9a6700; } .poor .value { color: #c62828; }
.bar { flex: 1; height: .55rem; border-radius: 999px; background: #e5e8eb; overflow: hidden; }
.fill { height: 100%; border-radius: 999px; background: #1a7f37; }
.fair .fill { background: #d29922; } .poor .fill { background: #c62828; }
.not-scored { margin: .6rem 0 .3rem; padding: .45rem .6rem; border-radius: 6px; background: #fff8e1; border: 1px solid #e5c07b; color: #4d3b00; font-size: .88rem; }
h4 { margin: .55rem 0 .25rem; font-size: .85rem; color: #57606a; font-weight: 600; display: flex; justify-content: space-between; }
ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem; }
li { display: inline-flex; align-items: center; gap: .25rem; font-size: .82rem; padding: .05rem .45rem .05rem .15rem; border-radius: 999px; background: #f6f8fa; border: 1px solid #d8dee4; }
.icon { display: inline-grid; place-items: center; width: 1.15rem; height: 1.15rem; border-radius: 50%; color: #fff; font-size: .7rem; font-weight: 700; }
.covered .icon { background: #1a7f37; } .mentioned .icon { background: #b7791f; } .missing .icon { background: #c62828; } .not_applicable .icon { background: #8c959f; }
.foot { margin: .55rem 0 0; font-size: .78rem; color: #57606a; }
.status { color: #57606a; font-size: .9rem; margin: 0; }
.error { color: #8e1111; background: #fdecec; border: 1px solid #c62828; border-radius: 6px; padding: .45rem .6rem; margin: 0; font-size: .88rem; }
`;

let sheet = null;
function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS_TEXT);
  }
  return sheet;
}

// One instance per module and pkg URL (the analysis; the docx reader, fetched for the first .docx); a
// panic (a WebAssembly trap) makes the next call load fresh ones.
const modules = new Map();
let reloads = 0;
function loadModule(pkg, name = "report_analyzer") {
  const key = `${name} ${pkg.href}`;
  if (!modules.has(key)) {
    const js = new URL(`${name}.js`, pkg);
    if (reloads) js.searchParams.set("r", String(reloads));
    const p = import(js.href).then(async (mod) => {
      const baseline = new URL(`${name}_bg.wasm`, pkg);
      if (name === "report_analyzer" && SIMD) {
        try {
          await mod.default({ module_or_path: new URL("report_analyzer_simd_bg.wasm", pkg) });
          return mod;
        } catch {
          /* the SIMD build did not load: the baseline below */
        }
      }
      await mod.default({ module_or_path: baseline });
      return mod;
    });
    p.catch(() => modules.delete(key));
    modules.set(key, p);
  }
  return modules.get(key);
}

function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text != null) node.textContent = String(props.text);
  for (const [k, v] of Object.entries(props.attrs ?? {})) if (v != null) node.setAttribute(k, String(v));
  for (const c of children.flat()) if (c != null && c !== false) node.append(c);
  return node;
}
const fmt = (n) => (Math.round(n * 10) / 10).toLocaleString("zh-CN", { maximumFractionDigits: 1 });

export class ReportAnalyzerElement extends HTMLElement {
  static get observedAttributes() {
    return ["src", "pkg"];
  }

  #root;
  #text = null;
  #analysis = null;
  #run = 0;
  #scheduled = false;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: "open" });
    this.#root.adoptedStyleSheets = [styles()];
  }

  /** The last analysis (the JSON `analyze` returns), or null. */
  get analysis() {
    return this.#analysis;
  }

  /** The report text to analyze (instead of `src` or the element's text content). */
  get text() {
    return this.#text ?? (this.hasAttribute("src") ? null : this.#ownText());
  }
  set text(value) {
    this.#text = value == null ? null : String(value);
    this.#schedule();
  }

  connectedCallback() {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", () => this.#schedule(), { once: true });
    } else {
      this.#schedule();
    }
  }

  attributeChangedCallback(name, old, value) {
    if (old !== value && this.isConnected) this.#schedule();
  }

  /** Analyze again (e.g. after the text content changed). */
  refresh() {
    this.#schedule();
  }

  #ownText() {
    return (this.textContent ?? "").trim();
  }

  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.isConnected) this.#analyze();
    });
  }

  #pkg() {
    const attr = this.getAttribute("pkg");
    return attr ? new URL(attr.endsWith("/") ? attr : `${attr}/`, document.baseURI) : DEFAULT_PKG;
  }

  async #analyze() {
    const run = ++this.#run;
    const src = this.getAttribute("src");
    const text = this.#text ?? (src ? null : this.#ownText());
    if (!src && !text) {
      this.#render(h("p", { class: "status", text: "没有报告文本：请设置 src 属性或在元素中放入报告全文。" }));
      return;
    }
    this.setAttribute("aria-busy", "true");
    this.#render(h("p", { class: "status", attrs: { role: "status" }, text: "正在分析报告……" }));
    try {
      let input;
      let name = null;
      if (text == null) {
        const url = new URL(src, document.baseURI);
        if (url.origin !== location.origin) throw new Error(`只能读取本站的文件（${url.origin} 不是 ${location.origin}）`);
        const res = await fetch(url, { credentials: "same-origin" });
        if (!res.ok) throw new Error(`无法读取 ${url.pathname}：HTTP ${res.status}`);
        input = new Uint8Array(await res.arrayBuffer());
        name = decodeURIComponent(url.pathname.split("/").pop() || "report.txt");
      } else {
        input = text;
      }
      const analysis = await this.#call(input, name);
      if (run !== this.#run) return;
      this.#analysis = analysis;
      this.#render(this.#card(analysis));
      this.dispatchEvent(new CustomEvent("analyzed", { detail: analysis, bubbles: true, composed: true }));
    } catch (e) {
      if (run !== this.#run) return;
      const message = String(e?.message ?? e);
      this.#analysis = null;
      this.#render(h("p", { class: "error", attrs: { role: "alert" }, text: `无法分析：${message}` }));
      this.dispatchEvent(new CustomEvent("analysis-error", { detail: { message }, bubbles: true, composed: true }));
    } finally {
      if (run === this.#run) this.removeAttribute("aria-busy");
    }
  }

  async #call(input, name) {
    const pkg = this.#pkg();
    const mod = await loadModule(pkg);
    const docx = typeof input !== "string" && mod.isDocx(input.subarray(0, 4)) ? await loadModule(pkg, "report_analyzer_docx") : null;
    try {
      if (typeof input === "string") return mod.analyze(input, {});
      if (docx) return mod.analyzeDocx(docx.readDocx(input), { source: name }).analysis;
      return mod.analyzeBytes(input, name, { source: name }).analysis;
    } catch (e) {
      if (!(e instanceof WebAssembly.RuntimeError)) throw e;
      let detail = null;
      for (const m of [mod, docx]) {
        try {
          detail ??= m?.lastPanic() ?? null;
        } catch {
          /* the trapped instance may not answer */
        }
      }
      modules.clear();
      reloads += 1;
      throw new Error(`分析器内部错误：${detail ?? e.message}`);
    }
  }

  #render(node) {
    this.#root.replaceChildren(h("div", { class: "card", attrs: { part: "card" } }, node));
  }

  #card(a) {
    const m = a.meta;
    const items = new Map(a.checklist.items.map((i) => [i.id, i]));
    const sub = [m.issuer, m.year ? `${m.year} 年度` : null, LEVELS[m.level]].filter(Boolean).join(" · ");
    const parts = [];
    let score;
    if (a.score) {
      const pct = a.score.max > 0 ? a.score.total / a.score.max : 0;
      const grade = pct >= 0.85 ? "good" : pct >= 0.6 ? "fair" : "poor";
      const fill = h("div", { class: "fill" });
      fill.style.width = `${(Math.max(0, Math.min(1, pct)) * 100).toFixed(1)}%`;
      score = h("div", { class: `score ${grade}`, attrs: { part: "score" } },
        h("span", { class: "value", text: fmt(a.score.total) }),
        h("span", { class: "max", text: `/ ${fmt(a.score.max)} 分` }),
        h("div", {
          class: "bar",
          attrs: { role: "meter", "aria-valuemin": 0, "aria-valuemax": a.score.max, "aria-valuenow": a.score.total, "aria-label": `总分 ${fmt(a.score.total)} / ${fmt(a.score.max)}` },
        }, fill));
    } else {
      score = h("p", { class: "not-scored", attrs: { part: "not-report" }, text: "本文档不是法治政府建设年度报告，不予评分。" });
    }
    const chip = (it, label) => {
      const [icon, text] = STATUS[it.status] ?? ["?", it.status];
      return h("li", { class: it.status, attrs: { title: `${it.name}：${text}` } },
        h("span", { class: "icon", text: icon, attrs: { role: "img", "aria-label": text } }), label);
    };
    // A document that is not such a report gets the label and no checklist: nothing there applies.
    for (const [id, label] of a.score ? PARTS : []) {
      const it = items.get(id);
      if (it) parts.push(chip(it, `${id} ${label}`));
    }
    const areas = a.score ? a.checklist.items.filter((i) => i.group === "areas" && !i.parent) : [];
    const applicable = areas.filter((i) => i.status !== "not_applicable");
    const covered = applicable.filter((i) => i.status === "covered").length;
    // The areas not covered first: that is what a reader of the card wants to know.
    const order = { missing: 0, mentioned: 1, covered: 2, not_applicable: 3 };
    const top = [...areas].sort((x, y) => order[x.status] - order[y.status]);
    return h("article", { attrs: { "aria-label": m.title ?? "报告分析" } },
      h("span", { class: `kind ${m.kind}`, attrs: { part: "kind" }, text: KINDS[m.kind] ?? m.kind }),
      h("h3", { attrs: { part: "title" }, text: m.title ?? "（未识别到标题）" }),
      sub ? h("p", { class: "sub", text: sub }) : null,
      score,
      parts.length ? h("h4", { text: "必备内容" }) : null,
      parts.length ? h("ul", { attrs: { part: "parts", "aria-label": "必备内容" } }, parts) : null,
      areas.length ? h("h4", {}, h("span", { text: "纲要领域" }), h("span", { text: `已覆盖 ${covered} / ${applicable.length}` })) : null,
      areas.length ? h("ul", { attrs: { part: "areas", "aria-label": "纲要领域（未覆盖的在前）" } }, top.map((it) => chip(it, it.name))) : null,
      h("p", { class: "foot", text: `${a.figures.length} 项数据 · ${a.sections.filter((s) => s.depth === 1).length} 个一级章节${a.defects.length ? ` · ${a.defects.length} 处编号问题` : ""} · 本地分析，未上传` }));
  }
}

if (!customElements.get("report-analyzer")) customElements.define("report-analyzer", ReportAnalyzerElement);
