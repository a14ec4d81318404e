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
  if (/encrypted|password/i.test(m)) return [`${what}已加密（设有密码或限制复制）：请另存为无密码的文件后再分析。`, m];
  if (/fonts do not say which characters/i.test(m)) {
    return [`无法可靠地取出${what}的文字（字体缺少字符映射）：请重新打印为 PDF 或做文字识别后再分析。`, m];
  }
  if (/OCR|scanned image|no text layer|pages are images/i.test(m)) {
    return [`${what}是扫描图像，没有文字层：请先做文字识别（OCR），或索取原始文档，再分析。`, m];
  }
  if (/more than \d+ pages|the limit is|inflates (to|beyond)/i.test(m)) return [`${what}超出处理上限（页数或解压后的大小）。`, m];
  if (/not a readable (PDF|OFD|\.docx|\.zip|Word)|damaged|truncated|cut off|checksum/i.test(m)) {
    return [`无法读取${what}：文件已损坏或不完整（可能没有下载完整）。`, m];
  }
  if (/NUL byte|binary/i.test(m)) return [`无法读取${what}：这不是文本文件（可能是二进制文件）。`, m];
  if (/UTF-8|encod|decode|cannot be read/i.test(m)) return [`无法读取${what}：无法识别它的文字编码。`, m];
  if (/docx|zip|html/i.test(m)) return [`无法读取${what}：文件格式无法解析。`, m];
  return [`无法分析${what}。`, m];
}
