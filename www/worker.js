// report-analyzer batch worker: analyzes files one by one off the main thread, so the page never
// freezes while thirty reports are read.
//
// Protocol (all messages are plain, structured-clonable objects):
//   page → worker  {type: "init", module?: WebAssembly.Module}   (the page's compiled module, if any)
//                  {type: "analyze", id, name, bytes: ArrayBuffer, options}   (a .docx: read by the docx module)
//   worker → page  {type: "ready", version}
//                  {type: "progress", id, stage: "start"}
//                  {type: "result", id, text, analysis, ms}
//                  {type: "error", id, message, panic: boolean}
// After a panic (a WebAssembly trap) the instance is unusable: the worker says so ({panic: true})
// and the page replaces it with a fresh worker before going on with the next file.
import init, { analyzeBytes, analyzeDocx, isDocx, lastPanic, version } from "../pkg/report_analyzer.js";
import { firstThatLoads, wasmUrls } from "./simd.js";

/** Instantiate the analysis module from the first of its wasm files that loads (www/simd.js). */
const initOwn = () =>
  firstThatLoads(wasmUrls("report_analyzer", new URL("../pkg/", import.meta.url)), (url) => init({ module_or_path: url }));
/** The .docx reader: a module of its own, imported for the first .docx. */
let docxModule = null;
const loadDocx = () =>
  (docxModule ??= import("../pkg/report_analyzer_docx.js").then(async (m) => {
    await m.default({ module_or_path: new URL("../pkg/report_analyzer_docx_bg.wasm", import.meta.url) });
    return m;
  }));

let ready = null;
let broken = false;

function start(module) {
  ready ??= (async () => {
    if (!module) {
      await initOwn();
    } else {
      try {
        await init({ module_or_path: module });
      } catch {
        await initOwn(); // the page's module could not be used here: fetch our own
      }
    }
    let v = null;
    try {
      v = version().version;
    } catch {
      /* cosmetic */
    }
    self.postMessage({ type: "ready", version: v });
  })();
  return ready;
}

self.onmessage = async (ev) => {
  const msg = ev.data ?? {};
  if (msg.type === "init") {
    start(msg.module).catch((e) => self.postMessage({ type: "error", id: null, message: String(e?.message ?? e), panic: false }));
    return;
  }
  if (msg.type !== "analyze") return;
  const { id, name, bytes, options } = msg;
  try {
    await start();
  } catch (e) {
    self.postMessage({ type: "error", id, message: `分析模块加载失败：${e?.message ?? e}`, panic: false });
    return;
  }
  if (broken) {
    self.postMessage({ type: "error", id, message: "分析模块已损坏", panic: true });
    return;
  }
  self.postMessage({ type: "progress", id, stage: "start" });
  const t0 = performance.now();
  const input = new Uint8Array(bytes);
  let docx = null;
  if (isDocx(input.subarray(0, 4))) {
    try {
      docx = await loadDocx();
    } catch (e) {
      docxModule = null;
      self.postMessage({ type: "error", id, message: `docx 模块加载失败：${e?.message ?? e}`, panic: false });
      return;
    }
  }
  try {
    const { text, analysis } = docx ? analyzeDocx(docx.readDocx(input), options ?? {}) : analyzeBytes(input, name, options ?? {});
    self.postMessage({ type: "result", id, text, analysis, ms: performance.now() - t0 });
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) {
      broken = true;
      let message = null;
      for (const last of [lastPanic, docx?.lastPanic]) {
        try {
          message ??= last?.() ?? null;
        } catch {
          /* the trapped instance may not answer */
        }
      }
      self.postMessage({ type: "error", id, message: message ?? String(e?.message ?? e), panic: true });
      return;
    }
    self.postMessage({ type: "error", id, message: String(e?.message ?? e), panic: false });
  }
};
