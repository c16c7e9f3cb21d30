// born-dead.js: experiment 6, born dead. How often is a freshly initialised deep,
// narrow ReLU network dead on an input before any training (Lu et al. 2019)? Measured
// over many random inits for depths 1 to 50, next to the closed form 1 - (1 - 2^-N)^H
// for bias-free nets with symmetric weights, with randomized asymmetric initialization
// (RAI), and on the whole interval [-1, 1] (compute/born-dead.js).
import { el } from '../ui/dom.js';
import { select, button } from '../ui/controls.js';
import { backgroundTask } from '../ui/background-task.js';
import { compareTable } from '../ui/compare-table.js';
import { TimeSeries } from '../charts/timeseries.js';
import { t, num, pct } from '../i18n/index.js';
import { DEPTHS, TRIALS, DEFAULT_TRIALS, WIDTHS, COLLAPSE, widthOf, probe, collapseSweep, collapseSpecs } from './compute/born-dead.js';
import { commandLine } from '../links/share.js';

export const CONTROLS = [
  { key: 'layers', name: 'width', kind: 'slider', label: 'born.width', min: WIDTHS.min, max: WIDTHS.max, step: 1, read: widthOf, write: (w) => ({ layers: String(w) }) },
];

export default {
  mount(box, ctx) {
    const controls = ctx.controls(CONTROLS);
    const trials = select({
      label: t('born.trials'),
      name: 'trials',
      options: TRIALS.map((v) => ({ value: v, label: num(v) })),
      value: DEFAULT_TRIALS,
      onChange: () => compute(),
    });
    controls.element.append(trials.element);
    box.append(controls.element);
    const task = backgroundTask({ box, onError: ctx.error });
    const progress = task.progress;
    box.append(el('div', { class: 'button-row' }, [button(t('born.run'), () => compute(), { cls: 'primary', name: 'run' })]), progress.element);
    const chart = new TimeSeries(box, {
      name: 'dead-at-birth',
      title: t('born.chart'),
      xLabel: t('born.depth'),
      yLabel: t('born.pDead'),
      xInteger: true,
      yMin: 0,
      yMax: 1,
      series: [
        { label: t('born.formula'), points: false },
        { label: t('born.measuredHe'), points: true },
        { label: t('born.measuredRai'), points: true },
        { label: t('born.measuredInterval'), points: true },
      ],
      height: 220,
    });
    const result = el('div', { class: 'result', role: 'status' });
    box.append(result);

    function compute() {
      const { query, values } = ctx.entry();
      const width = widthOf(values);
      const n = Number(trials.value);
      return task.run(async (signal) => {
        let done = 0;
        const onDepth = () => progress.update(++done, DEPTHS.length * 3);
        const { he, rai, interval, exact } = await probe(ctx.client, query, width, n, { onDepth, signal });
        chart.setData([DEPTHS, exact, he, rai, interval]);
        const last = DEPTHS.length - 1;
        result.textContent = t('born.result', { width: num(width), depth: num(DEPTHS[last]), he: pct(he[last], 1), exact: pct(exact[last], 1), rai: pct(rai[last], 1), trials: num(n) });
        box.dataset.measured = JSON.stringify(he);
        box.dataset.formula = JSON.stringify(exact);
        box.dataset.rai = JSON.stringify(rai);
        box.dataset.interval = JSON.stringify(interval);
        box.dataset.depths = JSON.stringify(DEPTHS);
        progress.finish(t('sweep.finished'));
      });
    }
    // ---- trained: |x| with 10 layers of width 2, He against RAI ----
    box.append(el('h3', { text: t('born.collapseTitle') }));
    const collapseTask = backgroundTask({ box, onError: ctx.error });
    const collapseButton = button(t('born.collapseRun'), () => {
      ctx.setView('collapse');
      runCollapse();
    }, { name: 'collapse' });
    collapseTask.disables(collapseButton);
    const collapseBox = el('div', { class: 'table-wrap', tabindex: '0', role: 'group', 'aria-label': t('born.collapseTitle') });
    box.append(el('div', { class: 'button-row' }, [collapseButton]), collapseTask.progress.element, collapseBox);

    function runCollapse() {
      return collapseTask.run(async (signal) => {
        const rows = await collapseSweep(ctx.client, ctx.entry().query, { signal, onProgress: (d, n) => collapseTask.progress.update(d, n) });
        const caption = t('born.collapseCaption', { seeds: num(COLLAPSE.seeds), depth: num(COLLAPSE.depth), width: num(COLLAPSE.width) });
        const table = compareTable({
          caption,
          heads: [t('born.init'), t('born.endsConstant'), t('born.learnsAbs')],
          rows: rows.map((r) => ({
            label: t(`born.init.${r.key}`),
            dataset: { init: r.key, constant: String(r.constant), success: String(r.success) },
            cells: [pct(r.constant), pct(r.success)],
          })),
        });
        collapseBox.replaceChildren(el('p', { class: 'chart-title', text: caption }), table);
        collapseTask.progress.finish(t('sweep.finished'));
      });
    }

    return {
      start: () => compute(),
      configChanged: () => compute(),
      // the command-line tool trains and sweeps; it has no born-dead probe
      commands: () => (ctx.entry().view === 'collapse' ? collapseSpecs(ctx.entry().query).map((s) => commandLine(s.query, s)) : null),
      /** view from a link: 'live' (the probe) or 'collapse' (runs the trained |x| sweeps too). */
      showView: (v) => (v === 'collapse' ? runCollapse() : undefined),
    };
  },
};
