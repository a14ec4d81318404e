// How a figure's value and unit read in the table, the hover card and the text's labels.
import { fmtNumber } from "../lib/dom.js";

/** Dates come as YYYYMMDD numbers (0 for a missing part), ranks with the unit "rank". */
export function figureValue(f) {
  if (f.kind === "date" && f.unit === "date" && Number.isInteger(f.value)) {
    const y = Math.floor(f.value / 10000);
    const m = Math.floor(f.value / 100) % 100;
    const d = f.value % 100;
    const out = `${y ? `${y}年` : ""}${m ? `${m}月` : ""}${d ? `${d}日` : ""}`;
    if (out) return out;
  }
  if (f.kind === "rank" && f.unit === "rank") return `第 ${fmtNumber(f.value)} 位`;
  return `${f.approx ? "约 " : ""}${fmtNumber(f.value)}`;
}
export const figureUnit = (f) => (!f.unit || f.unit === "date" || f.unit === "rank" ? "—" : f.unit);
