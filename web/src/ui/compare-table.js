// compare-table.js: the table that sets runs side by side (the adder's variants, the
// advice |x + iy| got, born dead's trained case, the remedies, the landscape's runs by
// the way they started): a caption for screen readers, a row of column titles, and per
// run a row header and its cells. showTable puts one in a box, writing into the table
// already there when it has the same shape: a table redrawn at every update of a live
// run keeps its elements (a reader's place in it, and the browser's style work).
import { el } from './dom.js';

/**
 * caption: the table's caption (visually hidden: the section shows its own title);
 * heads: the column titles, the first over the row headers; rows: [{label, dataset,
 * cells}], each cell a text (a number, right-aligned) or an element the caller made.
 */
export function compareTable({ caption, heads, rows }) {
  const cell = (c) => (typeof c === 'string' ? el('td', { class: 'num', text: c }) : c);
  return el('table', { class: 'compare' }, [
    el('caption', { class: 'visually-hidden', text: caption }),
    el('thead', {}, [el('tr', {}, heads.map((h) => el('th', { scope: 'col', text: h })))]),
    el('tbody', {}, rows.map(({ label, dataset, cells }) => el('tr', { dataset }, [el('th', { scope: 'row', text: label }), ...cells.map(cell)]))),
  ]);
}

/** Shows compareTable(spec) in `box`: into the table there if it has the same rows and columns, else in its place. */
export function showTable(box, spec) {
  const fresh = compareTable(spec);
  const old = box.firstElementChild;
  const shape = (table) => [...table.rows].map((row) => `${row.cells.length}:${row.cells[0]?.textContent}`).join('|');
  if (!(old instanceof HTMLTableElement) || box.childElementCount !== 1 || shape(old) !== shape(fresh)) {
    box.replaceChildren(fresh);
    return;
  }
  old.caption.textContent = fresh.caption.textContent;
  [...fresh.rows].forEach((row, r) => {
    const into = old.rows[r];
    for (const key of Object.keys(into.dataset)) if (!(key in row.dataset)) delete into.dataset[key];
    Object.assign(into.dataset, row.dataset);
    [...row.cells].forEach((cell, c) => {
      if (into.cells[c].textContent !== cell.textContent) into.cells[c].textContent = cell.textContent;
    });
  });
}
