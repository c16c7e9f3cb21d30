// single.js: experiment 1, one ReLU learning a ReLU (the Keras question).
// y_hat = relu(w x), no bias, fresh batches of 1000 standard normal points, MSE,
// plain SGD. From w0 < 0 the weight crawls to 0 and stops just below it; from w0 > 0
// it reaches 1; at learning rate 1 the batch's noise decides where the first step lands.
// Two views: per step (the loss on the whole set after each step), or per epoch as
// Keras logs it (the mean of the epoch's batch losses, each before its update).
import { el } from '../ui/dom.js';
import { readouts } from '../ui/controls.js';
import { LiveRun, runPanel } from '../ui/runner.js';
import { TimeSeries } from '../charts/timeseries.js';
import { Plot2D } from '../charts/plot2d.js';
import { t, sci, num } from '../i18n/index.js';
import { populationLoss, epochView, SEEDS } from './compute/single.js';

const firstWeight = (values) => Number(values.get('weights').split(',')[0]);

export const CONTROLS = [
  { key: 'weights', name: 'w0', kind: 'slider', label: 'single.w0', min: -10, max: 3, step: 0.1, read: firstWeight, write: (v) => ({ weights: v }) },
  { key: 'lr', kind: 'select', label: 'common.lr', options: [0.001, 0.01, 0.1, 0.5, 1], optionLabel: (v) => num(Number(v)) },
  { key: 'seed', kind: 'slider', label: 'common.seed', min: SEEDS.min, max: SEEDS.max, step: 1 },
  { view: true, name: 'lossView', kind: 'select', label: 'single.view', options: ['live', 'epochs'], optionLabel: (v) => t(`single.view.${v}`) },
];

export default {
  mount(box, ctx) {
    const controls = ctx.controls(CONTROLS);
    box.append(controls.element);
    const out = readouts([
      ['step', t('common.step')],
      ['w', t('single.w')],
      ['loss', t('common.loss')],
    ]);
    const run = new LiveRun(ctx.client, { onUpdate: (s) => draw(s), onError: ctx.error, speed: 20 });
    const panel = runPanel(run, { speeds: [1, 5, 20, 100, 2000], speed: 20 });
    box.append(panel.element, out.element);
    const lossChart = new TimeSeries(box, { name: 'loss', title: t('single.lossChart'), xLabel: t('common.step'), yLabel: t('common.loss'), logY: true, series: [{ label: t('common.loss') }], height: 170 });
    const epochLossChart = new TimeSeries(box, { name: 'epoch-loss', title: t('single.epochLossChart'), xLabel: t('single.epoch'), yLabel: t('common.loss'), logY: true, xInteger: true, points: true, series: [{ label: t('common.loss') }], height: 170 });
    const charts = el('div', { class: 'grid-2' });
    box.append(charts);
    const wChart = new TimeSeries(charts, { name: 'weight', title: t('single.wChart'), xLabel: t('common.step'), yLabel: 'w', series: [{ label: 'w', color: '#D55E00' }], height: 170 });
    const epochWChart = new TimeSeries(charts, { name: 'epoch-weight', title: t('single.epochWChart'), xLabel: t('single.epoch'), yLabel: 'w', xInteger: true, points: true, series: [{ label: 'w', color: '#D55E00' }], height: 170 });
    charts.prepend(epochWChart.box, wChart.box);
    let last = null;
    const showView = () => {
      const epochs = ctx.entry().view === 'epochs';
      lossChart.box.hidden = epochs;
      wChart.box.hidden = epochs;
      epochLossChart.box.hidden = !epochs;
      epochWChart.box.hidden = !epochs;
      box.dataset.view = epochs ? 'epochs' : 'live';
      if (last) draw(last);
    };
    const curveBox = el('figure', { class: 'chart' }, [el('figcaption', { text: t('single.curveChart') })]);
    charts.append(curveBox);
    const curve = new Plot2D(curveBox, { name: 'population-loss', xLabel: 'w', yLabel: 'L(w)', aspect: 0.75, label: t('single.curveChart') });

    function draw(s) {
      last = s;
      const w = s.params?.[0];
      out.set('step', num(s.step), s.step);
      out.set('w', sci(w, 4), w);
      out.set('loss', sci(s.evaluation.loss, 4), s.evaluation.loss);
      box.dataset.done = s.done ? '1' : '0';
      box.dataset.w = String(w);
      if (box.dataset.view === 'epochs') {
        const epochs = epochView(s.trace);
        epochLossChart.setData([epochs.epoch, epochs.loss]);
        epochWChart.setData([epochs.epoch, epochs.w]);
        box.dataset.epochs = String(epochs.epoch.length);
        box.dataset.epochLoss = epochs.loss.join(',');
      } else {
        lossChart.setData([s.trace.step, s.trace.loss]);
        wChart.setData([s.trace.step, s.trace.params[0] ?? []]);
      }
      const start = s.trace.params[0]?.[0] ?? w;
      const lo = Math.min(start, w, -1) - 0.5;
      const hi = Math.max(start, w, 1.5) + 0.5;
      const xs = Array.from({ length: 201 }, (_, i) => lo + ((hi - lo) * i) / 200);
      curve.extent = [lo, hi, 0, Math.max(...xs.map(populationLoss)) * 1.05];
      curve.curves = [{ xs, ys: xs.map(populationLoss), color: '#0072B2' }];
      curve.markers = [{ x: start, y: populationLoss(start), color: '#8a8a8a', shape: 'square' }, { x: w, y: populationLoss(w), color: '#D55E00', shape: 'circle' }];
      curve.request();
    }

    showView();
    return {
      run,
      start: () => run.load(ctx.entry().query),
      configChanged: (entry) => run.load(entry.query),
      /** view from a link or the menu: 'live' (per step) or 'epochs' (as Keras logs them). */
      showView,
    };
  },
};
