// Keyboard movement in a list of items (outline nodes, checklist items, figure rows, problems):
// ↑/↓ move to the previous / next item, Home/End to the first / last, Enter activates the item (its
// action scrolls the text there). Items are focusable (buttons, or rows with tabindex).

/** Wire ↑ ↓ Home End and Enter inside `container` for the visible elements matching `selector`;
 * `activate(item)` runs on Enter (default: a click). */
export function listKeys(container, selector, activate = (item) => item.click()) {
  container.addEventListener("keydown", (ev) => {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const item = ev.target.closest?.(selector);
    if (!item || !container.contains(item)) return;
    if (ev.key === "Enter") {
      ev.preventDefault();
      activate(item);
      return;
    }
    const step = { ArrowDown: 1, ArrowUp: -1, Home: -Infinity, End: Infinity }[ev.key];
    if (step == null) return;
    const items = [...container.querySelectorAll(selector)].filter((e) => e.offsetParent !== null);
    const at = items.indexOf(item);
    if (at < 0) return;
    const next = step === -Infinity ? 0 : step === Infinity ? items.length - 1 : Math.max(0, Math.min(items.length - 1, at + step));
    ev.preventDefault();
    items[next].focus();
    items[next].scrollIntoView({ block: "nearest" });
  });
}
