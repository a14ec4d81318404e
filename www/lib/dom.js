// DOM and formatting helpers shared by every part of the page.
// Safety rule: report text (and anything derived from it) only ever reaches the DOM as text
// (textContent / Text nodes / attribute values) — never through innerHTML.

/** `document.getElementById`. */
export const $ = (id) => document.getElementById(id);

/** Create an element. `props`: class, text, attrs (plain attributes), data (dataset), on (events).
 * Children: nodes or strings (strings become Text nodes). */
export function el(tag, props = {}, ...children) {
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

// One formatter each (`toLocaleString` builds a new one per call: slow in a table of thousands of cells).
const numberFormat = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 4 });
const scoreFormat = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 1 });
export const fmtNumber = (n) => (Number.isFinite(n) ? numberFormat.format(n) : String(n));
export const fmtScore = (n) => scoreFormat.format(Math.round(n * 10) / 10);
/** Seconds as “12 秒” / “3 分 5 秒”. */
export const fmtSeconds = (s) => {
  const t = Math.max(0, Math.round(s));
  return t < 60 ? `${t} 秒` : `${Math.floor(t / 60)} 分 ${t % 60} 秒`;
};
/** `s` on one line, cut to `n` characters with an ellipsis. */
export const clip = (s, n) => {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > n ? `${t.slice(0, n)}…` : t;
};
export const reducedMotion = () => window.matchMedia("(prefers-reduced-motion: reduce)").matches;
export const scrollBehavior = () => (reducedMotion() ? "auto" : "smooth");

/** Run `fn` at the next animation frame, once however often it is asked for before then. */
export function frameThrottle(fn) {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      fn();
    });
  };
}

/** Run `fn` at an animation frame at most once every `ms` milliseconds, however often it is asked for
 * (the last request is never dropped): for views that change with every report of a batch. */
export function intervalThrottle(fn, ms) {
  let pending = false;
  let last = -Infinity;
  return () => {
    if (pending) return;
    pending = true;
    setTimeout(() => requestAnimationFrame(() => {
      pending = false;
      last = performance.now();
      fn();
    }), Math.max(0, last + ms - performance.now()));
  };
}
