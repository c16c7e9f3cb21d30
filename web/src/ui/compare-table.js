// compare-table.js: the table that sets runs side by side (the adder's variants, the
// advice |x + iy| got, born dead's trained case, the remedies, the landscape's runs by
// the way they started): a caption for screen readers, a row of column titles, and per
// run a row header and its cells.
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
