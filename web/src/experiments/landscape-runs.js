// landscape-runs.js: the 'runs' view of experiment 2. The 4-parameter model
// v relu(w x + b) + c trained from RUN_SEEDS random starts at once: every run's path in
// the (w, v) plane, coloured by where it ended, and a table counting the runs by the way
// their start was flipped (rows) and where they ended (columns).
import { el } from '../ui/dom.js';
import { compareTable } from '../ui/compare-table.js';
import { Plot2D } from '../charts/plot2d.js';
import { t, num, pct } from '../i18n/index.js';
import { EXTENT, ORIENTATIONS, RUN_ENDS, RUN_SEEDS, endOf, runsFromStarts, runsTable, runsMeasure } from './compute/landscape.js';

const END_COLORS = { learned: '#0072B2', dead: '#8a8a8a', '--': '#E69F00', '+-': '#CC79A7', '-+': '#CC79A7', '++': '#CC79A7' };
// The legend and the table's columns: the three ends that happen, and the rest together.
const END_GROUPS = [
  { key: 'learned', ends: ['learned'] },
  { key: 'dead', ends: ['dead'] },
  { key: 'both', ends: ['--'] },
  { key: 'other', ends: ['+-', '-+', '++'] },
];
const NAME = { '++': 'asTarget', '+-': 'upsideDown', '-+': 'mirrored', '--': 'both' };

/** The view's figure (hidden until shown) and compute(client, query, task), which fills it. */
export function runsView() {
  const figure = el('figure', { class: 'chart', dataset: { part: 'runs' }, hidden: true }, [el('figcaption', { text: t('land.runsChart', { n: num(RUN_SEEDS) }) })]);
  const plot = new Plot2D(figure, { name: 'runs', extent: EXTENT, aspect: 0.9, label: t('land.runsChartLabel'), xLabel: 'w', yLabel: 'v' });
  const legend = el('ul', { class: 'legend' }, END_GROUPS.map((g) => {
    const swatch = el('span', { class: 'swatch' });
    swatch.style.background = END_COLORS[g.ends[0]];
    return el('li', {}, [swatch, el('span', { text: t(`land.runs.${g.key}`) })]);
  }));
  const tableBox = el('div');
  const text = el('div', { class: 'result', role: 'status' });
  figure.append(legend, tableBox, text);

  function draw(runs) {
    plot.paths = runs.map((r) => ({ points: r.path, color: END_COLORS[endOf(r)], width: 1 }));
    plot.markers = runs.map((r) => ({ x: r.start[0], y: r.start[2], color: END_COLORS[endOf(r)], shape: 'square', size: 3 }));
    plot.tools.setTable(() => ({
      columns: ['seed', 'w0', 'b0', 'v0', 'c0', 'w', 'b', 'v', 'c', 'loss', 'end'],
      rows: runs.map((r) => [r.seed, ...r.start, ...r.end, r.loss, endOf(r)]),
    }));
    plot.request();
    const table = runsTable(runs);
    const heads = [t('land.runs.start'), ...END_GROUPS.map((g) => t(`land.runs.${g.key}`))];
    const rows = ORIENTATIONS.map((o) => {
      const counts = END_GROUPS.map((g) => g.ends.reduce((s, e) => s + table[o][e], 0));
      return { label: t(`land.runs.from.${NAME[o]}`), dataset: { start: o, counts: counts.join(',') }, cells: counts.map((c) => num(c)) };
    });
    tableBox.replaceChildren(compareTable({ caption: t('land.runsChart', { n: num(runs.length) }), heads, rows }));
    const m = runsMeasure(runs);
    text.textContent = t('land.runsResult', { w: pct(m.wCrossed), v: pct(m.vCrossed) });
    figure.dataset.runs = String(runs.length);
    figure.dataset.wCrossed = String(m.wCrossed);
  }

  return {
    element: figure,
    show(on) {
      figure.hidden = !on;
    },
    /** Trains the runs of `query` in `task` (its progress bar and Cancel) and draws them. */
    compute(client, query, task) {
      delete figure.dataset.runs;
      return task.run(async (signal, progress) => {
        const runs = await runsFromStarts(client, query, { signal, onProgress: (d, n) => progress.update(d, n) });
        draw(runs);
        progress.finish(t('land.runsDone', { n: num(runs.length) }));
      });
    },
  };
}
