// chart-tools.js: what every chart offers besides its picture: its numbers as a table
// on the page (for readers who cannot see the canvas, and for anyone who wants the
// values), and downloads: the picture as PNG (the canvas at the screen's pixel ratio)
// and the data behind it as CSV and JSON. File names say the experiment, the chart, the
// seed and the date: relu-lab_adder_loss_seed-3_2026-12-06.csv. The experiment and
// seed come from the section the chart is in (data-exp, data-seed set by main.js).
import { el } from './dom.js';
import { t } from '../i18n/index.js';

/** A table shown on the page at most this many rows (every k-th row beyond); downloads hold them all. */
const SHOWN_ROWS = 200;

/** CSV text of {columns, rows}: RFC 4180 quoting, numbers as JavaScript writes them (exact). */
export function toCsv({ columns, rows }) {
  const cell = (v) => {
    const s = v === null || v === undefined ? '' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** JSON of {columns, rows} as an array of objects, with what the file is about. */
export function toJson({ columns, rows }, meta = {}) {
  const clean = (v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);
  return JSON.stringify({ ...meta, rows: rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, clean(r[i])]))) }, null, 1);
}

/** relu-lab_<experiment>_<chart>[_seed-<seed>]_<date>.<ext>, from the chart's section. */
export function fileName(figure, chart, ext, date = new Date()) {
  const section = figure.closest('section[data-exp]');
  const parts = ['relu-lab', section?.dataset.exp ?? 'page', chart];
  if (section?.dataset.seed) parts.push(`seed-${section.dataset.seed}`);
  parts.push(date.toISOString().slice(0, 10));
  return `${parts.join('_').replace(/[^\w.-]+/g, '-')}.${ext}`;
}

function download(name, blob) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

/**
 * Adds the tools to `figure`. name: the chart's name in file names ('loss'); canvas():
 * the canvas to save; table(): {columns, rows} of the data drawn now (null: nothing yet).
 * Returns {setTable(fn)} so an experiment can offer richer data than the picture holds.
 */
export function chartTools(figure, { name, canvas, table }) {
  let tableOf = table;
  const region = el('div', { class: 'chart-table', hidden: true, tabindex: '0', role: 'group', 'aria-label': t('chart.table') });
  const toggle = el('button', { type: 'button', class: 'chart-tool', name: 'table', text: t('chart.table'), 'aria-expanded': 'false' });
  const meta = () => {
    const section = figure.closest('section[data-exp]');
    return { experiment: section?.dataset.exp ?? null, chart: name, config: section?.dataset.config ?? null, date: new Date().toISOString() };
  };
  const fill = () => {
    region.textContent = '';
    const data = tableOf();
    if (!data || !data.rows.length) {
      region.append(el('p', { class: 'hint', text: t('chart.noData') }));
      return;
    }
    const every = Math.ceil(data.rows.length / SHOWN_ROWS);
    const shown = data.rows.filter((_, i) => i % every === 0 || i === data.rows.length - 1);
    const caption = every > 1 ? t('chart.tableSampled', { n: shown.length, total: data.rows.length }) : t('chart.tableAll', { n: data.rows.length });
    region.append(el('table', { class: 'compare' }, [
      el('caption', { text: caption }),
      el('thead', {}, [el('tr', {}, data.columns.map((c) => el('th', { scope: 'col', text: c })))]),
      el('tbody', {}, shown.map((r) => el('tr', {}, r.map((v) => el('td', { class: 'num', text: typeof v === 'number' ? String(Number(v.toPrecision(6))) : String(v ?? '') }))))),
    ]));
  };
  toggle.addEventListener('click', () => {
    const open = region.hidden;
    region.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) fill();
  });
  const save = (ext) => {
    if (ext === 'png') {
      canvas().toBlob((blob) => blob && download(fileName(figure, name, 'png'), blob), 'image/png');
      return;
    }
    const data = tableOf() ?? { columns: [], rows: [] };
    const text = ext === 'csv' ? toCsv(data) : toJson(data, meta());
    download(fileName(figure, name, ext), new Blob([text], { type: ext === 'csv' ? 'text/csv' : 'application/json' }));
  };
  const buttons = ['png', 'csv', 'json'].map((ext) => el('button', { type: 'button', class: 'chart-tool', name: `save-${ext}`, text: ext.toUpperCase(), title: t(`chart.save.${ext}`), 'aria-label': t(`chart.save.${ext}`), onclick: () => save(ext) }));
  figure.append(el('div', { class: 'chart-tools', role: 'group', 'aria-label': t('chart.tools') }, [toggle, ...buttons]), region);
  return {
    setTable(fn) {
      tableOf = fn;
      if (!region.hidden) fill();
    },
    refresh() {
      if (!region.hidden) fill();
    },
  };
}
