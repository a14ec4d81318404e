// The wasm modules: the analysis, loaded with the page; the readers (PDF, OFD, .doc/.wps, .docx, .zip)
// the exports (Markdown, CSV, the comparison's year-over-year columns) and the 审核意见, loaded on first use. Each is compiled once (the
// compiled analysis module is handed to the batch workers) and replaced by a fresh instance after a
// panic.
import { firstThatLoads, wasmUrls } from "../simd.js";

const PKG = new URL("../../pkg/", import.meta.url);

/** A Rust panic inside a module, reported with its message once a fresh instance has replaced it. */
export class PanicError extends Error {}

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

  /** The compiled module (fetched and compiled once; the first of its wasm files that loads). */
  async compile() {
    this.compiled ??= await firstThatLoads(this.wasm, compileUrl);
    return this.compiled;
  }

  /** The module's exports, instantiating it if needed (concurrent callers share one load). */
  load() {
    if (this.api) return Promise.resolve(this.api);
    this.loading ??= (async () => {
      const compiled = await this.compile();
      const url = new URL(this.js);
      if (this.generation > 0) url.searchParams.set("r", String(this.generation));
      const mod = await import(url.href);
      await mod.default({ module_or_path: compiled });
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

export const analysisModule = new WasmModule("report_analyzer");
export const readersModule = new WasmModule("report_analyzer_readers");
export const exportsModule = new WasmModule("report_analyzer_exports");
/** The 审核意见 (memo, second review, 通报, zip of several): loaded when the 审核意见 tab first opens. */
export const memoModule = new WasmModule("report_analyzer_memo");

/** The analysis module's exports once loaded (null before, and while a panicked instance is replaced). */
export const analysisApi = () => analysisModule.api;
export const callAnalysis = (fn) => analysisModule.call(fn);
export const callExports = (fn) => exportsModule.call(fn);
export const callMemo = (fn) => memoModule.call(fn);

/** A `.zip` of reports was given where one report was expected (the page makes it a batch). */
export class ArchiveError extends Error {}

/** Formats the analysis module reads itself; the others go through the readers module. */
const PLAIN = new Set(["text", "html", null]);

/** Read a file and analyze it on this thread: `{text, analysis}`. Text and web pages are read by the
 * analysis module; a PDF, OFD, .doc/.wps or .docx by the readers module (fetched for the first). */
export async function analyzeFileHere(file, options) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const api = await analysisModule.load();
  const format = api.detectFormat(bytes, file.name) ?? null;
  if (format === "zip") throw new ArchiveError(`${file.name} is a .zip archive of reports`);
  if (PLAIN.has(format)) return callAnalysis((a) => a.analyzeBytes(bytes, file.name, options));
  const doc = await readersModule.call((r) => r.readDocument(bytes, file.name));
  return callAnalysis((a) => a.analyzeDocument(doc, options));
}
