// Printing the 审核意见 alone: its Markdown (the module's wording, as exported) laid out as a document
// in #memo-print, which print.css shows in place of the page while body has `print-memo`.
import { el } from "../lib/dom.js";

/** The memo's Markdown (headings, paragraphs, `- ` lines, hard breaks) as DOM nodes, as text only. */
export function markdownNodes(markdown) {
  const nodes = [];
  let para = [];
  const flush = () => {
    if (!para.length) return;
    const p = el("p", { class: para.length > 1 && para.every((l) => l.length < 40) ? "memo-sign" : null });
    para.forEach((line, k) => {
      if (k) p.append(el("br"));
      p.append(line);
    });
    nodes.push(p);
    para = [];
  };
  for (const raw of markdown.split("\n")) {
    const line = raw.replace(/ {2}$/, "");
    const h = /^(#{1,3})\s+(.*)$/.exec(line);
    if (h) {
      flush();
      nodes.push(el(`h${h[1].length}`, { text: h[2] }));
    } else if (line.startsWith("- ")) {
      flush();
      nodes.push(el("p", { class: "memo-point", text: line.slice(2) }));
    } else if (line.trim() === "") flush();
    else para.push(line);
  }
  flush();
  return nodes;
}

/** Print `markdown` as the only thing on the page. */
export function printMemo(markdown) {
  let box = document.getElementById("memo-print");
  if (!box) {
    box = el("article", { class: "memo-print", attrs: { id: "memo-print", "aria-hidden": "true" }, data: { testid: "memo-print-doc" } });
    document.body.append(box);
  }
  box.replaceChildren(...markdownNodes(markdown));
  document.body.classList.add("print-memo");
  window.addEventListener("afterprint", () => document.body.classList.remove("print-memo"), { once: true });
  window.print();
}
