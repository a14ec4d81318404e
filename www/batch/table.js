// The comparison table of a batch: one row per report, added as each is analyzed (in input order, or
// in the order of the column it is sorted by), filtered on demand. Only the rows in sight are in the
// DOM (a virtual scroll over a fixed row height), so 10,000 reports cost what 40 do; adding a report
// costs a binary search and the rows drawn at the next frame, never a pass over the others.
import { el, frameThrottle, intervalThrottle } from "../lib/dom.js";
import { bodyCell, cellOf, COLUMN_GROUPS, columnWidth, headerContent, sortValue } from "./columns.js";

/** Rows drawn beyond the visible ones, above and below. */
const OVERSCAN = 4;
/** Rows built in one draw at most. */
const NEW_ROWS = 10;
/** While a batch runs, new rows are drawn at most this often (milliseconds). */
export const REFRESH_MS = 250;
const collator = new Intl.Collator("zh-CN", { numeric: true });

export class CompareTable {
  /** `table`: the <table>; `wrap`: its scrolling box; `groups`: the fieldset of column-group boxes;
   * `onOpen(index)`: a row was opened. */
  constructor({ table, wrap, groups, onOpen }) {
    Object.assign(this, { table, wrap, groups, onOpen });
    this.columns = [];
    this.entries = [];
    this.view = [];
    this.nonEmpty = new Set();
    this.hidden = new Set();
    this.sort = { key: null, dir: 1 };
    this.accept = () => true;
    this.current = null;
    this.rowCache = new Map();
    this.shownColumns = [];
    this.drawn = null;
    this.rowHeight = 0;
    this.headDirty = true;
    this.columnsStale = false;
    this.headAt = 0;
    this.schedule = frameThrottle(() => this.draw());
    this.scheduleSoon = intervalThrottle(() => this.draw(), REFRESH_MS);
    this.pending = false;
    wrap.addEventListener("scroll", () => this.schedule(), { passive: true });
    window.addEventListener("resize", () => this.schedule(), { passive: true });
    for (const [id, label] of COLUMN_GROUPS) {
      const box = el("input", { attrs: { type: "checkbox", checked: true, value: id }, data: { testid: `column-group-${id}` } });
      box.addEventListener("change", () => {
        if (box.checked) this.hidden.delete(id);
        else this.hidden.add(id);
        this.columnsChanged();
        this.draw();
      });
      groups.append(el("label", { class: "check", attrs: { hidden: true }, data: { group: id } }, box, ` ${label}`));
    }
  }

  /** A new batch: its entries (rows come later through `add`) and the columns of `compareColumns()`. */
  reset(entries, columns) {
    this.entries = entries;
    this.columns = columns;
    this.view = [];
    this.nonEmpty = new Set();
    this.sort = { key: null, dir: 1 };
    this.current = null;
    this.pending = true;
    this.wrap.scrollTop = 0;
    this.columnsChanged();
  }

  /** Whether the batch still has files to analyze (the empty table says so). */
  setPending(on) {
    this.pending = on;
    if (!on && this.columnsStale) this.columnsChanged();
    this.schedule();
  }

  scoreAt() {
    return this.columns.find((c) => c.id === "score")?.at ?? -1;
  }

  /** A report was analyzed: note which columns it fills, and insert it where the order puts it. */
  add(entry) {
    let newColumn = false;
    for (const c of this.columns) {
      if (!this.nonEmpty.has(c.id) && cellOf(entry, c) != null) {
        this.nonEmpty.add(c.id);
        newColumn = true;
      }
    }
    if (this.accept(entry)) {
      const at = this.upperBound(entry);
      this.view.splice(at, 0, entry.index);
    }
    // A column filled for the first time shows at the next draw a second after the last new column (every
    // row drawn again then), not with every report that fills one.
    if (newColumn) this.columnsStale = true;
    this.scheduleSoon();
  }

  /** The year-over-year columns and cells (on each entry's `yoy`), once the batch is complete. */
  addColumns(columns) {
    this.columns = [...this.columns.filter((c) => !c.yoy), ...columns];
    let filled = false;
    for (const c of columns) {
      if (this.entries.some((e) => e.row && cellOf(e, c) != null)) {
        this.nonEmpty.add(c.id);
        filled = true;
      }
    }
    // Drawn again only when some report has an earlier one of its issuer (else nothing new shows).
    if (filled) this.columnsChanged();
  }

  /** Filter by `accept(entry)` (all analyzed reports when null). */
  setFilter(accept) {
    this.accept = accept ?? (() => true);
    this.rebuild();
  }

  /** The view again from all analyzed entries: filter, then sort. */
  rebuild() {
    this.view = this.entries.filter((e) => e.status === "done" && this.accept(e)).map((e) => e.index);
    if (this.sort.key) this.view.sort((a, b) => this.compare(this.entries[a], this.entries[b]));
    this.wrap.scrollTop = Math.min(this.wrap.scrollTop, this.view.length * (this.rowHeight || 0));
    this.drawn = null;
    // A reader's sort or filter: drawn at once (the rows in sight only).
    this.draw();
  }

  compare(a, b) {
    const c = this.columns.find((col) => col.id === this.sort.key);
    if (!c) return a.index - b.index;
    const x = sortValue(c, cellOf(a, c));
    const y = sortValue(c, cellOf(b, c));
    if (x == null) return y == null ? a.index - b.index : 1; // empty cells last, either way
    if (y == null) return -1;
    const d = typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
    return d * this.sort.dir || a.index - b.index;
  }

  /** Where `entry` goes in the view: after every row that comes before it. */
  upperBound(entry) {
    let lo = 0;
    let hi = this.view.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compare(this.entries[this.view[mid]], entry) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The report shown in the workspace: its row is marked. */
  markCurrent(index) {
    this.current = index;
    for (const [i, tr] of this.rowCache) this.markRow(tr, i);
  }

  markRow(tr, i) {
    const on = i === this.current;
    tr.classList.toggle("is-current", on);
    if (on) tr.setAttribute("aria-current", "true");
    else tr.removeAttribute("aria-current");
  }

  /** Bring report `index`'s row into sight (after coming back from it). */
  reveal(index) {
    const at = this.view.indexOf(index);
    if (at < 0 || !this.rowHeight) return;
    const top = at * this.rowHeight;
    const head = this.table.tHead.offsetHeight;
    if (top < this.wrap.scrollTop || top + this.rowHeight > this.wrap.scrollTop + this.wrap.clientHeight - head) {
      this.wrap.scrollTop = Math.max(0, top - this.wrap.clientHeight / 3);
    }
    this.draw();
  }

  columnsChanged() {
    this.columnsStale = false;
    this.headDirty = true;
    this.rowCache.clear();
    this.drawn = null;
    this.spacers = null;
    this.schedule();
  }

  /** Columns shown: the title always; a hidden group's never; indicators and changes when some report has one. */
  visibleColumns() {
    return this.columns
      .filter((c) => c.id === "title" || (!this.hidden.has(c.group) && ((c.group !== "indicators" && c.group !== "yoy") || this.nonEmpty.has(c.id))))
      .sort((a, b) => a.rank - b.rank || a.at - b.at);
  }

  drawHead() {
    this.shownColumns = this.visibleColumns();
    const widths = this.shownColumns.map(columnWidth);
    this.table.querySelector("colgroup")?.remove();
    const cols = el("colgroup", {}, widths.map((w) => {
      const col = el("col");
      col.style.width = `${w}em`; // CSSOM, allowed under style-src 'self'
      return col;
    }));
    this.table.tHead.before(cols);
    this.table.style.width = `${widths.reduce((a, b) => a + b, 0)}em`;
    const tr = this.table.tHead.rows[0];
    tr.replaceChildren(...this.shownColumns.map((c) => {
      const [label, content] = headerContent(c);
      const sorted = this.sort.key === c.id ? (this.sort.dir > 0 ? "ascending" : "descending") : "none";
      return el("th", {
        attrs: { scope: "col", "aria-sort": sorted },
        class: `col-${c.group}${c.id === "title" ? " col-title" : ""}`,
        data: { key: c.id },
      }, el("button", {
        attrs: { type: "button", title: `按“${label}”排序` },
        on: { click: () => this.sortBy(c) },
      }, content));
    }));
    // Offer only the column groups this batch has values for.
    const filled = new Set(this.columns.filter((c) => this.nonEmpty.has(c.id)).map((c) => c.group));
    for (const label of this.groups.querySelectorAll("label[data-group]")) label.hidden = !filled.has(label.dataset.group);
    this.headDirty = false;
    this.headAt = performance.now();
  }

  sortBy(c) {
    if (this.sort.key === c.id) this.sort.dir = -this.sort.dir;
    else {
      // Numbers and parts: highest / best first; text: 拼音 order.
      const sample = this.entries.find((e) => e.status === "done" && cellOf(e, c) != null);
      this.sort = { key: c.id, dir: typeof sortValue(c, sample && cellOf(sample, c)) === "number" && c.id !== "year" ? -1 : 1 };
    }
    this.headDirty = true;
    this.rebuild();
  }

  row(i) {
    let tr = this.rowCache.get(i);
    if (tr) return tr;
    const entry = this.entries[i];
    const notReport = entry.row[this.scoreAt()] == null;
    tr = el("tr", {
      class: `row${notReport ? " not-report-row" : ""}`,
      data: { entry: i, testid: "compare-row", notReport: notReport ? "1" : null },
      on: {
        click: (ev) => {
          if (!ev.target.closest("button, a")) this.onOpen(i);
        },
      },
    });
    for (const c of this.shownColumns) {
      const v = cellOf(entry, c);
      if (c.id === "title") {
        const label = v ?? entry.name;
        tr.append(el("th", { attrs: { scope: "row" }, class: "col-title" },
          el("button", {
            class: "linklike open-report",
            text: label,
            attrs: { type: "button", title: `打开“${label}”的详细分析` },
            on: { click: () => this.onOpen(i) },
          }),
          notReport ? el("span", { class: "tag warn", text: "非报告", attrs: { title: "不是法治政府建设报告：不评分" } }) : null));
      } else tr.append(bodyCell(c, v, notReport));
    }
    this.markRow(tr, i);
    if (this.rowCache.size > 400) this.rowCache.clear();
    this.rowCache.set(i, tr);
    return tr;
  }

  /** Draw the rows in sight (and a few more) between two spacers as tall as the rows left out. */
  draw() {
    if (this.columnsStale && performance.now() - this.headAt > 1000) this.columnsChanged();
    if (this.headDirty) this.drawHead();
    const tbody = this.table.tBodies[0];
    this.table.dataset.rows = String(this.view.length);
    if (!this.view.length) {
      const analyzed = this.entries.some((e) => e.status === "done");
      tbody.replaceChildren(el("tr", { class: "empty" }, el("td", {
        attrs: { colspan: Math.max(1, this.shownColumns.length) },
        text: analyzed ? "没有符合筛选条件的报告。" : this.pending ? "正在分析……" : "没有可对比的报告。",
      })));
      this.drawn = null;
      this.spacers = null;
      return;
    }
    if (!this.rowHeight) {
      tbody.replaceChildren(this.row(this.view[0]));
      this.rowHeight = tbody.rows[0].getBoundingClientRect().height || 36;
      this.drawn = null;
      this.spacers = null;
    }
    const h = this.rowHeight;
    const scrolled = Math.max(0, this.wrap.scrollTop - this.table.tHead.offsetHeight);
    const first = Math.max(0, Math.floor(scrolled / h) - OVERSCAN);
    let last = Math.min(this.view.length, Math.ceil((scrolled + this.wrap.clientHeight) / h) + OVERSCAN);
    // At most NEW_ROWS rows are built in one draw (the rest at the next frame): a screenful of new rows
    // at once is a long task on a busy machine.
    let fresh = 0;
    for (let k = first; k < last; k += 1) {
      if (!this.rowCache.has(this.view[k]) && ++fresh > NEW_ROWS) {
        last = k;
        this.schedule();
        break;
      }
    }
    const shown = this.view.slice(first, last);
    const [above, below] = [first * h, (this.view.length - last) * h];
    this.spacers ??= [this.spacer(), this.spacer()];
    const [top, bottom] = this.spacers;
    const same = this.drawn && this.drawn.length === shown.length && this.drawn.every((i, k) => i === shown[k]);
    // A spacer is in the table only while it stands for rows (a table of a few rows has none).
    if (!same || top.isConnected !== above > 0 || bottom.isConnected !== below > 0) {
      // Other rows in sight: move the DOM to them, leaving the rows already in place where they are
      // (a row put back would be laid out again).
      reconcile(tbody, [...(above > 0 ? [top] : []), ...shown.map((i) => this.row(i)), ...(below > 0 ? [bottom] : [])]);
      this.drawn = shown;
    }
    // Otherwise only the spacers' heights change: a report added beyond sight costs no layout of the rows.
    setHeight(top, above);
    setHeight(bottom, below);
  }

  /** A row standing for the rows above or below the ones drawn (as tall as they are). */
  spacer() {
    return el("tr", { class: "spacer", attrs: { "aria-hidden": "true" } }, el("td", { attrs: { colspan: this.shownColumns.length } }));
  }
}

function setHeight(tr, px) {
  const height = `${px}px`;
  if (tr.style.height !== height) tr.style.height = height; // CSSOM, allowed under style-src 'self'
}

/** Make `parent`'s children `nodes`, in order, with as few moves as the change needs: nodes already in
 * their place stay; the rest are inserted; the children left over are removed. */
function reconcile(parent, nodes) {
  const keep = new Set(nodes);
  for (const child of [...parent.children]) if (!keep.has(child)) child.remove();
  let at = parent.firstElementChild;
  for (const node of nodes) {
    if (node === at) at = at.nextElementSibling;
    else parent.insertBefore(node, at);
  }
}
