// report-analyzer batch worker: one of the pool (www/batch/pool.js) that analyzes a batch's files off the
// main thread. It reads each file itself and hands back only what the comparison keeps of a report.
//
// Protocol (plain, structured-clonable messages):
//   page → worker  {type: "init", module?: WebAssembly.Module}   (the page's compiled module, if any)
//                  {type: "analyze", id, name, file: Blob | bytes: ArrayBuffer, options, mode: "summary" | "json"}
//   worker → page  {type: "ready", version}
//                  {type: "result", id, summary?: {row, input}, json?: string, ms}
//                  {type: "error", id, message, panic: boolean, tooBig?: bytes}
// Files are taken one at a time in the order they arrive (the pool keeps a few in flight per worker, so
// that the next is waiting when one finishes). After a panic (a WebAssembly trap) the instance is
// unusable: the worker says so ({panic: true}) and the pool replaces it.
import init, { analyzeBytes, analyzeDocx, isDocx, lastPanic, summarizeBytes, summarizeDocx, version } from "../pkg/report_analyzer.js";
import { firstThatLoads, wasmUrls } from "./simd.js";

/** Instantiate the analysis module from the first of its wasm files that loads (www/simd.js). */
const initOwn = () =>
  firstThatLoads(wasmUrls("report_analyzer", new URL("../pkg/", import.meta.url)), (url) => init({ module_or_path: url }));
/** The .docx reader: a module of its own, imported for the first .docx. */
let docxModule = null;
let docxApi = null;
const loadDocx = () =>
  (docxModule ??= import("../pkg/report_analyzer_docx.js").then(async (m) => {
    await m.default({ module_or_path: new URL("../pkg/report_analyzer_docx_bg.wasm", import.meta.url) });
    docxApi = m;
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

/** Files larger than this are refused without being read (the page's limit too). */
const MAX_FILE_BYTES = 50 * 1024 * 1024;
class TooBig extends Error {}

/** One file: `{summary}` or `{json}` by `mode`; throws what the analysis throws. */
async function analyze({ name, file, bytes, options, mode }) {
  const size = bytes?.byteLength ?? file.size;
  if (size > MAX_FILE_BYTES) throw Object.assign(new TooBig(`${size} bytes`), { size });
  const input = new Uint8Array(bytes ?? (await file.arrayBuffer()));
  let docx = null;
  if (isDocx(input.subarray(0, 4))) {
    try {
      docx = (await loadDocx()).readDocx(input);
    } catch (e) {
      docxModule = null;
      if (e instanceof WebAssembly.RuntimeError) throw e;
      throw new Error(`docx: ${e?.message ?? e}`);
    }
  }
  const opts = options ?? {};
  if (mode === "json") {
    const { analysis } = docx ? analyzeDocx(docx, opts) : analyzeBytes(input, name, opts);
    return { json: JSON.stringify(analysis, null, 2) };
  }
  return { summary: docx ? summarizeDocx(docx, opts) : summarizeBytes(input, name, opts) };
}

async function handle(msg) {
  const { id } = msg;
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
  const t0 = performance.now();
  try {
    const out = await analyze(msg);
    self.postMessage({ type: "result", id, ...out, ms: performance.now() - t0 });
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) {
      broken = true;
      let message = null;
      for (const last of [lastPanic, docxApi?.lastPanic]) {
        try {
          message ??= last?.() ?? null;
        } catch {
          /* the trapped instance may not answer */
        }
      }
      self.postMessage({ type: "error", id, message: message ?? String(e?.message ?? e), panic: true });
      return;
    }
    self.postMessage({ type: "error", id, message: String(e?.message ?? e), panic: false, tooBig: e instanceof TooBig ? e.size : undefined });
  }
}

// Files are analyzed one after another, in the order they came.
const queue = [];
let running = false;
async function pump() {
  if (running) return;
  running = true;
  while (queue.length) await handle(queue.shift());
  running = false;
}

self.onmessage = (ev) => {
  const msg = ev.data ?? {};
  if (msg.type === "init") {
    start(msg.module).catch((e) => self.postMessage({ type: "error", id: null, message: String(e?.message ?? e), panic: false }));
  } else if (msg.type === "analyze") {
    queue.push(msg);
    pump();
  }
};
