// report-analyzer 雷同检测 worker: reads a batch's files again, hands their texts to the similar module
// (which keeps 2 bytes a character, not the texts), compares them, and answers the page's questions
// about one pair or one report — re-reading the one or two files each needs.
//
// Protocol (plain, structured-clonable messages; `id` is echoed):
//   page → worker  {type: "run", id, files: File[], infos: [{source, issuer, year}], options}
//                  {type: "compare", id, options}        (again, e.g. with pairs dismissed)
//                  {type: "pair", id, left, right}       (indices as in `files`)
//                  {type: "report", id, index}
//   worker → page  {type: "progress", id, done, total}
//                  {type: "result", id, ...}: run/compare → {result, skipped: [{index, message}]};
//                  pair → {pair, leftText, rightText}; report → {passages, text}
//                  {type: "error", id, message}
import initReaders, { readDocument } from "../pkg/report_analyzer_readers.js";
import initSimilar, { addReport, clearReports, compareReports, pairPassages, reportPassages } from "../pkg/report_analyzer_similar.js";

const PKG = new URL("../pkg/", import.meta.url);
const ready = Promise.all([
  initReaders({ module_or_path: new URL("report_analyzer_readers_bg.wasm", PKG) }),
  initSimilar({ module_or_path: new URL("report_analyzer_similar_bg.wasm", PKG) }),
]);

let files = [];
/** The similar module's index of each file (files that could not be read have none). */
let indexOf = [];

/** A file's text as every span of the page points into it (the readers decode text and web pages too). */
async function textOf(i) {
  const f = files[i];
  return readDocument(new Uint8Array(await f.arrayBuffer()), f.name).text;
}

const handlers = {
  async run({ id, files: list, infos, options }) {
    files = list;
    indexOf = [];
    clearReports();
    const skipped = [];
    let last = 0;
    for (let i = 0; i < files.length; i += 1) {
      try {
        indexOf[i] = addReport(await textOf(i), infos[i]);
      } catch (e) {
        if (e instanceof WebAssembly.RuntimeError) throw e;
        skipped.push({ index: i, message: String(e?.message ?? e) });
      }
      if (performance.now() - last > 100) {
        last = performance.now();
        self.postMessage({ type: "progress", id, done: i + 1, total: files.length });
      }
    }
    return handlers.compare({ options, skipped });
  },
  compare({ options, skipped = [] }) {
    const result = compareReports(options ?? {});
    // Back to the page's numbering (the files' order).
    const file = [];
    indexOf.forEach((k, i) => {
      if (k != null) file[k] = i;
    });
    const at = (k) => file[k];
    for (const r of result.reports) {
      r.index = at(r.index);
      for (const s of [r.largest_source, r.previous_source]) if (s) s.report = at(s.report);
    }
    for (const p of result.pairs) {
      p.left = at(p.left);
      p.right = at(p.right);
    }
    return { result, skipped };
  },
  async pair({ left, right }) {
    const [leftText, rightText] = await Promise.all([textOf(left), textOf(right)]);
    const pair = pairPassages(indexOf[left], indexOf[right], leftText, rightText);
    pair.left = left;
    pair.right = right;
    return { pair, leftText, rightText };
  },
  async report({ index }) {
    const text = await textOf(index);
    const file = [];
    indexOf.forEach((k, i) => {
      if (k != null) file[k] = i;
    });
    const passages = reportPassages(indexOf[index], text).map((p) => ({ ...p, source: file[p.source] }));
    return { passages, text };
  },
};

// One message at a time, in order (a comparison must not run while the reports are being added).
let chain = Promise.resolve();
self.onmessage = (ev) => {
  const msg = ev.data ?? {};
  chain = chain.then(async () => {
    try {
      await ready;
      const out = await handlers[msg.type](msg);
      self.postMessage({ type: "result", id: msg.id, ...out });
    } catch (e) {
      self.postMessage({ type: "error", id: msg.id, message: String(e?.message ?? e), panic: e instanceof WebAssembly.RuntimeError });
    }
  });
};
