// modulus.js: experiment 4, |x + iy| with three ReLUs. A 2-3-1 network learns
// sqrt(x^2 + y^2) on [-1, 1]^2. The output surface beside the target cone, each hidden
// unit's line w.x + b = 0 with its active side, the first-layer weights over training
// grouped by unit, dead and collapsed units named, the success rate as the hidden
// width grows, and the advice the question got over the same seeds (compute/modulus.js).
import { el } from '../ui/dom.js';
import { readouts, button } from '../ui/controls.js';
import { backgroundTask } from '../ui/background-task.js';
import { compareTable } from '../ui/compare-table.js';
import { LiveRun, runPanel } from '../ui/runner.js';
import { liveView, MAP_EXTENT } from '../ui/live-view.js';
import { Plot2D } from '../charts/plot2d.js';
import { TimeSeries } from '../charts/timeseries.js';
import { sequential } from '../charts/colormap.js';
import { colorBar } from '../ui/legend.js';
import { t, num, pct, sci } from '../i18n/index.js';
import { WIDTHS, SEEDS, SUCCESS_LOSS, unitStates, widthSweep, widthSpecs, compareAdvice, adviceSpecs } from './compute/modulus.js';
import { SERIES } from '../charts/palette.js';
import { commandLine } from '../links/share.js';

const RANGE = [0, 1.7];

export const CONTROLS = [
  { key: 'layers', name: 'width', kind: 'slider', label: 'mod.width', min: 1, max: 8, step: 1, read: (values) => Number(values.get('layers').split(',')[0]), write: (w) => ({ layers: w }) },
  { key: 'lr', kind: 'select', label: 'common.lr', options: [0.01, 0.03, 0.1, 0.3], optionLabel: (v) => num(Number(v)) },
  { key: 'seed', kind: 'slider', label: 'common.seed', min: 1, max: 100, step: 1 },
];

export default {
  mount(box, ctx) {
    box.append(ctx.controls(CONTROLS).element);
    const run = new LiveRun(ctx.client, { onUpdate: (s) => draw(s), onError: ctx.error, speed: 50, grid: () => MAP_EXTENT });
    const panel = runPanel(run, { speeds: [5, 20, 50, 200, 1000], speed: 50 });
    const info = readouts([
      ['step', t('common.step')],
      ['loss', t('common.loss')],
    ]);
    box.append(panel.element, info.element);
    const view = liveView(box, { network: true, map: true, loss: true, dead: false, mapRange: RANGE });
    view.parts.mapFig.querySelector('figcaption').textContent = t('mod.output');
    const targetFig = el('figure', { class: 'chart' }, [el('figcaption', { text: t('mod.target') })]);
    const legend = colorBar({ title: t('mod.legend'), low: num(RANGE[0]), high: num(RANGE[1]) });
    view.parts.mapFig.after(targetFig);
    view.parts.mapFig.parentElement.after(legend.element);
    const target = new Plot2D(targetFig, { name: 'target', xLabel: 'x₁', yLabel: 'x₂', extent: [MAP_EXTENT.x0, MAP_EXTENT.x1, MAP_EXTENT.y0, MAP_EXTENT.y1], aspect: 1, label: t('mod.target') });
    {
      const { x0, x1, y0, y1, nx, ny } = MAP_EXTENT;
      const values = [];
      for (let iy = 0; iy < ny; iy++) for (let ix = 0; ix < nx; ix++) values.push(Math.hypot(x0 + ((x1 - x0) * ix) / (nx - 1), y0 + ((y1 - y0) * iy) / (ny - 1)));
      target.heat = { values, nx, ny, color: sequential(RANGE[0], RANGE[1]) };
      target.contour = { values, nx, ny, thresholds: [0.25, 0.5, 0.75, 1, 1.25, 1.5] };
    }
    const units = el('ul', { class: 'unit-list', 'aria-live': 'polite' });
    box.append(el('h3', { text: t('mod.units') }), units);
    // the first layer's 2 x width weights over training, one colour per unit, input 2 dashed
    const weightsBox = el('div');
    box.append(weightsBox);
    let weights = null;
    const weightsChart = (width) => {
      weights?.destroy();
      const series = [];
      for (let u = 0; u < width; u++) for (let i = 0; i < 2; i++) series.push({ label: t('mod.weightLabel', { unit: u + 1, input: i + 1 }), color: SERIES[u % SERIES.length], dash: i ? [6, 3] : [] });
      weights = new TimeSeries(weightsBox, { name: 'first-layer-weights', title: t('mod.weightsChart'), xLabel: t('common.step'), yLabel: 'w', series, height: 190 });
      weights.width = width;
    };

    function draw(s) {
      view.update(s);
      const width = s.evaluation.layers[0].units;
      if (weights?.width !== width) weightsChart(width);
      weights.setData([s.trace.step, ...s.trace.params.slice(0, 2 * width)]);
      const ev = s.evaluation;
      info.set('step', num(s.step), s.step);
      info.set('loss', sci(ev.loss, 3), ev.loss);
      const hidden = ev.layers[0];
      units.textContent = '';
      unitStates(ev).forEach((state, u) => units.append(el('li', { dataset: { state }, text: t(`mod.unit.${state}`, { n: u + 1, rate: pct(hidden.firingRate[u]) }) })));
      for (const c of ev.collapsed.filter((p) => p.layer === 0)) {
        units.append(el('li', { dataset: { state: 'collapsed' }, text: t('mod.collapsed', { a: c.first + 1, b: c.second + 1, d: sci(c.distance, 2) }) }));
      }
      box.dataset.dead = String(hidden.deadCount);
      box.dataset.collapsed = String(ev.collapsed.length);
    }

    // ---- success rate against width ----
    box.append(el('h3', { text: t('mod.sweepTitle') }));
    const task = backgroundTask({ box, onError: ctx.error });
    const progress = task.progress;
    const sweepButton = button(t('mod.sweepButton'), () => {
      ctx.setView('sweep');
      runSweep();
    }, { cls: 'primary', name: 'sweep' });
    task.disables(sweepButton);
    box.append(el('div', { class: 'button-row' }, [sweepButton]), progress.element);
    const curve = new TimeSeries(box, { name: 'success-vs-width', title: t('mod.sweepChart'), xLabel: t('mod.width'), yLabel: t('mod.successRate'), xInteger: true, yMin: 0, yMax: 1, series: [{ label: t('mod.successRate'), points: true }, { label: t('mod.deadRate'), points: true }], height: 190, hiddenUntilData: true });
    const result = el('div', { class: 'result', role: 'status' });
    box.append(result);

    // ---- the advice the question got ----
    box.append(el('h3', { text: t('mod.adviceTitle') }));
    const adviceTask = backgroundTask({ box, onError: ctx.error });
    const adviceButton = button(t('mod.adviceButton'), () => {
      ctx.setView('advice');
      runAdvice();
    }, { name: 'advice' });
    adviceTask.disables(adviceButton);
    const adviceBox = el('div', { class: 'table-wrap', tabindex: '0', role: 'group', 'aria-label': t('mod.adviceTitle') });
    box.append(el('div', { class: 'button-row' }, [adviceButton]), adviceTask.progress.element, adviceBox);

    function runAdvice() {
      return adviceTask.run(async (signal) => {
        const rows = await compareAdvice(ctx.client, ctx.entry().query, { signal, onProgress: (d, n) => adviceTask.progress.update(d, n) });
        const heads = [t('mod.adviceVariant'), t('mod.successRate'), t('mod.deadRate'), t('mod.medianLoss')];
        const caption = t('mod.adviceCaption', { seeds: num(SEEDS), loss: sci(SUCCESS_LOSS, 1) });
        const table = compareTable({
          caption,
          heads,
          rows: rows.map((r) => ({
            label: t(`mod.advice.${r.key}`),
            dataset: { variant: r.key, success: String(r.success), anyDead: String(r.anyDead) },
            cells: [pct(r.success), pct(r.anyDead), sci(r.medianLoss, 2)],
          })),
        });
        adviceBox.replaceChildren(el('p', { class: 'chart-title', text: caption }), table);
        adviceTask.progress.finish(t('sweep.finished'));
      });
    }

    function runSweep() {
      return task.run(async (signal) => {
        const { rates, anyDead } = await widthSweep(ctx.client, ctx.entry().query, { signal, onProgress: (d, n) => progress.update(d, n) });
        curve.setData([WIDTHS, rates, anyDead]);
        result.textContent = t('mod.sweepResult', { seeds: num(SEEDS), list: WIDTHS.map((w, k) => `${num(w)}: ${pct(rates[k])}`).join(', '), loss: sci(SUCCESS_LOSS, 1) });
        box.dataset.successRates = JSON.stringify(rates);
        progress.finish(t('sweep.finished'));
      });
    }

    return {
      run,
      start: () => run.load(ctx.entry().query),
      configChanged: (entry) => run.load(entry.query),
      /** The relulab commands of what the view shows: the run, the width sweep's or the advice's sweeps. */
      commands() {
        const { query, view } = ctx.entry();
        if (view === 'sweep') return widthSpecs(query).map((s) => commandLine(s.query, s));
        if (view === 'advice') return adviceSpecs(query).map((s) => commandLine(s.query, s));
        return [commandLine(query)];
      },
      /** view from a link: 'live', 'sweep' (runs the width sweep) or 'advice' (runs the advice's sweeps). */
      showView: (v) => (v === 'sweep' ? runSweep() : v === 'advice' ? runAdvice() : undefined),
    };
  },
};
