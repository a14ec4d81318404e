// Downloads: Blob + object URL + <a download> (blob: URLs are same-origin; nothing leaves the browser).
import { el } from "./dom.js";
import { describeError, setStatus, showError } from "./messages.js";

/** So that spreadsheet programs read a CSV as UTF-8. */
export const BOM = "\uFEFF";

export function safeName(s) {
  return String(s).replace(/[\\/:*?"<>|\u0000-\u001f]+/g, "_").replace(/\s+/g, " ").trim().slice(0, 80) || "report";
}
/** A file name stem for a report: its file's name, else its title. */
export function baseName(source, analysis) {
  return safeName(source ? source.replace(/\.[^.]+$/, "") : analysis?.meta.title ?? "report");
}

/** Save `content` (a string, a Blob or an array of parts) as `name`. */
export function download(name, content, type) {
  const blob = content instanceof Blob ? content : new Blob(Array.isArray(content) ? content : [content], { type });
  const url = URL.createObjectURL(blob);
  const a = el("a", { attrs: { href: url, download: name }, class: "visually-hidden" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  setStatus(`已导出“${name}”。`);
}

/** Run an export; a failure is shown, not thrown. */
export async function exporting(fn) {
  try {
    await fn();
  } catch (e) {
    const [message, detail] = describeError(e, null);
    showError(`导出失败：${message}`, detail);
  }
}
