// cs231n.js: experiment 5, "as much as 40% of your network can be dead". The CS231n
// spiral (3 arms of 100 points), a 2-100-3 softmax network, full-batch gradient
// descent with L2 1e-3: at step size 1.0 about a tenth of the units die; at a too-high
// step size most of them do. A learning-rate slider, the dead fraction over training,
// and a dead-fraction-vs-learning-rate curve from a sweep (compute/cs231n.js).
import { el } from '../ui/dom.js';
import { readouts, button } from '../ui/controls.js';
import { backgroundTask } from '../ui/background-task.js';
import { LiveRun, runPanel } from '../ui/runner.js';
import { liveView, MAP_EXTENT } from '../ui/live-view.js';
import { TimeSeries } from '../charts/timeseries.js';
import { t, num, pct, sci } from '../i18n/index.js';
import { LRS, lrSweep, lrSpecs } from './compute/cs231n.js';
import { commandLine } from '../links/share.js';

export const CONTROLS = [
  { key: 'lr', kind: 'slider', label: 'cs.lr', min: 0.1, max: 10, log: true, format: (v) => num(v) },
  { key: 'steps', kind: 'select', label: 'common.steps', options: [1000, 3000, 10000], optionLabel: (v) => num(Number(v)) },
  { key: 'seed', kind: 'slider', label: 'common.seed', min: 1, max: 20, step: 1 },
];

export default {
  mount(box, ctx) {
    box.append(ctx.controls(CONTROLS).element);
    const run = new LiveRun(ctx.client, { onUpdate: (s) => draw(s), onError: ctx.error, speed: 50, grid: () => MAP_EXTENT });
    const panel = runPanel(run, { speeds: [10, 50, 200, 1000, 10000], speed: 50 });
    const info = readouts([
      ['step', t('common.step')],
      ['loss', t('common.loss')],
      ['accuracy', t('common.accuracy')],
      ['dead', t('cs.deadUnits')],
    ]);
    box.append(panel.element, info.element);
    const view = liveView(box, { network: false, map: true, loss: true, dead: true, accuracy: true, bars: true, layers: 1 });

    function draw(s) {
      view.update(s);
      const ev = s.evaluation;
      const hidden = ev.layers[0];
      info.set('step', num(s.step), s.step);
      info.set('loss', sci(ev.loss, 3), ev.loss);
      info.set('accuracy', pct(ev.accuracy ?? 0, 1), ev.accuracy);
      info.set('dead', t('cs.deadValue', { k: num(hidden.deadCount), n: num(hidden.units), p: pct(hidden.deadFraction) }), hidden.deadFraction);
      box.dataset.deadFraction = String(hidden.deadFraction);
      box.dataset.step = String(s.step);
      box.dataset.done = s.done ? '1' : '0';
    }

    box.append(el('h3', { text: t('cs.sweepTitle') }));
    const task = backgroundTask({ box, onError: ctx.error });
    const progress = task.progress;
    const sweepButton = button(t('cs.sweepButton'), () => {
      ctx.setView('sweep');
      runSweep();
    }, { cls: 'primary', name: 'sweep' });
    task.disables(sweepButton);
    box.append(el('div', { class: 'button-row' }, [sweepButton]), progress.element);
    const curve = new TimeSeries(box, { name: 'dead-vs-lr', title: t('cs.sweepChart'), xLabel: t('common.lr'), yLabel: t('cs.fraction'), xLog: true, yMin: 0, yMax: 1, series: [{ label: t('cs.deadFraction'), points: true }, { label: t('common.accuracy'), points: true }], height: 200, hiddenUntilData: true });
    const result = el('div', { class: 'result', role: 'status' });
    box.append(result);

    function runSweep() {
      return task.run(async (signal) => {
        const { query, values } = ctx.entry();
        const { dead, accuracy } = await lrSweep(ctx.client, query, values, { signal, onProgress: (d, n) => progress.update(d, n) });
        curve.setData([LRS, dead, accuracy]);
        result.textContent = t('cs.sweepResult', { list: LRS.map((r, k) => `${num(r)}: ${pct(dead[k])}`).join(', ') });
        box.dataset.sweepDead = JSON.stringify(dead);
        progress.finish(t('sweep.finished'));
      });
    }

    return {
      run,
      start: () => run.load(ctx.entry().query),
      configChanged: (entry) => run.load(entry.query),
      /** The relulab commands of what the view shows: the run, or the learning-rate sweep's sweeps. */
      commands() {
        const { query, values, view } = ctx.entry();
        return view === 'sweep' ? lrSpecs(query, values).map((s) => commandLine(s.query, s)) : [commandLine(query)];
      },
      /** view from a link: 'live' or 'sweep' (runs the learning-rate sweep). */
      showView: (v) => (v === 'sweep' ? runSweep() : undefined),
    };
  },
};
