// The page's error banner and status line, and the plain-language message for an error.
import { $, el } from "./dom.js";
import { PanicError } from "./wasm.js";

const errorBox = $("error");
const statusLine = $("status");

export function showError(message, detail) {
  errorBox.replaceChildren(el("strong", { text: message }));
  if (detail && detail !== message) errorBox.append(" ", el("span", { class: "error-detail", text: `（${detail}）` }));
  errorBox.hidden = false;
}
export function clearError() {
  errorBox.hidden = true;
  errorBox.replaceChildren();
}
export function setStatus(text) {
  statusLine.textContent = text;
}
export const statusText = () => statusLine.textContent;

/** `[message, detail]` for an error thrown while reading or analyzing `fileName` (or pasted text). */
export function describeError(e, fileName) {
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
