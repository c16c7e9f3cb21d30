// modulus.js: experiment 4, |x + iy| with three ReLUs. A 2-3-1 network learns
// sqrt(x^2 + y^2) on [-1, 1]^2. The output surface beside the target cone, each hidden
// unit's line w.x + b = 0 with its active side, dead and collapsed units named, and
// the success rate as the hidden width grows.
import { el } from '../ui/dom.js';
import { select, slider, readouts, button } from '../ui/controls.js';
import { backgroundTask } from '../ui/background-task.js';
import { LiveRun, runPanel } from '../ui/runner.js';
import { liveView, MAP_EXTENT } from '../ui/live-view.js';
import { Plot2D } from '../charts/plot2d.js';
import { TimeSeries } from '../charts/timeseries.js';
import { sequential } from '../charts/colormap.js';
import { colorBar } from '../ui/legend.js';
import { mergeQuery, getKey } from '../state.js';
import { t, num, pct, sci } from '../i18n/index.js';

const RANGE = [0, 1.7];
const SUCCESS = 0.01;

export default {
  mount(box, ctx) {
    let config = ctx.config;
    const width = slider({ label: t('mod.width'), name: 'width', min: 1, max: 8, step: 1, value: Number(getKey(config, 'layers', '3')), onChange: (v) => apply({ layers: v }) });
    const lr = select({
      label: t('common.lr'),
      name: 'lr',
      options: [0.01, 0.03, 0.1, 0.3].map((v) => ({ value: v, label: num(v) })),
      value: getKey(config, 'lr', '0.1'),
      onChange: (v) => apply({ lr: v }),
    });
    const seed = slider({ label: t('common.seed'), name: 'seed', min: 1, max: 100, step: 1, value: Number(getKey(config, 'seed', '1')), onChange: (v) => apply({ seed: v }) });
    box.append(el('div', { class: 'controls' }, [width.element, lr.element, seed.element]));

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
    const target = new Plot2D(targetFig, { xLabel: 'x₁', yLabel: 'x₂', extent: [MAP_EXTENT.x0, MAP_EXTENT.x1, MAP_EXTENT.y0, MAP_EXTENT.y1], aspect: 1, label: t('mod.target') });
    {
      const { x0, x1, y0, y1, nx, ny } = MAP_EXTENT;
      const values = [];
      for (let iy = 0; iy < ny; iy++) for (let ix = 0; ix < nx; ix++) values.push(Math.hypot(x0 + ((x1 - x0) * ix) / (nx - 1), y0 + ((y1 - y0) * iy) / (ny - 1)));
      target.heat = { values, nx, ny, color: sequential(RANGE[0], RANGE[1]) };
      target.contour = { values, nx, ny, thresholds: [0.25, 0.5, 0.75, 1, 1.25, 1.5] };
    }
    const units = el('ul', { class: 'unit-list', 'aria-live': 'polite' });
    box.append(el('h3', { text: t('mod.units') }), units);

    function draw(s) {
      view.update(s);
      const ev = s.evaluation;
      info.set('step', num(s.step), s.step);
      info.set('loss', sci(ev.loss, 3), ev.loss);
      const hidden = ev.layers[0];
      units.textContent = '';
      for (let u = 0; u < hidden.units; u++) {
        const state = hidden.nan[u] ? 'nan' : hidden.dead[u] ? 'dead' : hidden.dormant[u] ? 'dormant' : 'live';
        units.append(el('li', { dataset: { state }, text: t(`mod.unit.${state}`, { n: u + 1, rate: pct(hidden.firingRate[u]) }) }));
      }
      for (const c of ev.collapsed.filter((p) => p.layer === 0 || p.layer === 1)) {
        units.append(el('li', { dataset: { state: 'collapsed' }, text: t('mod.collapsed', { a: c.first + 1, b: c.second + 1, d: sci(c.distance, 2) }) }));
      }
      box.dataset.dead = String(hidden.deadCount);
      box.dataset.collapsed = String(ev.collapsed.length);
    }

    // ---- success rate against width ----
    box.append(el('h3', { text: t('mod.sweepTitle') }));
    const task = backgroundTask({ box, onError: ctx.error });
    const progress = task.progress;
    const sweepButton = button(t('mod.sweepButton'), () => { ctx.onView?.('sweep'); runSweep(); }, { cls: 'primary', name: 'sweep' });
    task.disables(sweepButton);
    box.append(el('div', { class: 'button-row' }, [sweepButton]), progress.element);
    const curve = new TimeSeries(box, { title: t('mod.sweepChart'), xLabel: t('mod.width'), yLabel: t('mod.successRate'), yMin: 0, yMax: 1, series: [{ label: t('mod.successRate'), points: true }, { label: t('mod.deadRate'), points: true }], height: 190, hiddenUntilData: true });
    const result = el('div', { class: 'result', role: 'status' });
    box.append(result);

    function runSweep() {
      return task.run(async (signal) => {
        const widths = [1, 2, 3, 4, 5, 6, 8];
        const seeds = 40;
        const specs = widths.map((w) => ({ query: mergeQuery(config, { layers: w }), seeds, successLoss: SUCCESS }));
        const results = await ctx.client.sweepMany(specs, {}, { signal, onProgress: (d, n) => progress.update(d, n) });
        const rates = results.map((r) => r.filter((o) => o.success).length / r.length);
        const anyDead = results.map((r) => r.filter((o) => o.deadPerLayer[0] > 0).length / r.length);
        curve.setData([widths, rates, anyDead]);
        result.textContent = t('mod.sweepResult', { seeds: num(seeds), list: widths.map((w, k) => `${num(w)}: ${pct(rates[k])}`).join(', '), loss: sci(SUCCESS, 1) });
        box.dataset.successRates = JSON.stringify(rates);
        progress.finish(t('sweep.finished'));
      });
    }

    function apply(change) {
      config = mergeQuery(config, change);
      ctx.onConfig(config);
      return run.load(config);
    }
    return {
      run,
      start: () => run.load(config),
      /** view from a link: 'live' or 'sweep' (runs the width sweep). */
      setView(view) {
        return view === 'sweep' ? runSweep() : undefined;
      },
      setConfig(query) {
        config = query;
        width.value = Number(getKey(query, 'layers', '3').split(',')[0]) || 3;
        lr.value = getKey(query, 'lr', '0.01');
        seed.value = Number(getKey(query, 'seed', '1'));
        if (run.query) run.load(config);
      },
    };
  },
};
