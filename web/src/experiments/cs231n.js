// cs231n.js: experiment 5, "as much as 40% of your network can be dead". The CS231n
// spiral (3 arms of 100 points), a 2-100-3 softmax network, full-batch gradient
// descent with L2 1e-3: at step size 1.0 about a tenth of the units die; at a too-high
// step size most of them do. A learning-rate slider, the dead fraction over training,
// and a dead-fraction-vs-learning-rate curve from a sweep.
import { el } from '../ui/dom.js';
import { select, slider, readouts, button } from '../ui/controls.js';
import { backgroundTask } from '../ui/background-task.js';
import { LiveRun, runPanel } from '../ui/runner.js';
import { liveView, MAP_EXTENT } from '../ui/live-view.js';
import { TimeSeries } from '../charts/timeseries.js';
import { mergeQuery, getKey } from '../state.js';
import { t, num, pct, sci } from '../i18n/index.js';

const LRS = [0.1, 0.3, 1, 2, 3, 4, 5, 10];

export default {
  mount(box, ctx) {
    let config = ctx.config;
    const lr = slider({ label: t('cs.lr'), name: 'lr', min: 0.1, max: 10, log: true, value: Number(getKey(config, 'lr', '5')), format: (v) => num(v), onChange: (v) => apply({ lr: v }) });
    const steps = select({
      label: t('common.steps'),
      name: 'steps',
      options: [1000, 3000, 10000].map((v) => ({ value: v, label: num(v) })),
      value: getKey(config, 'steps', '10000'),
      onChange: (v) => apply({ steps: v }),
    });
    const seed = slider({ label: t('common.seed'), name: 'seed', min: 1, max: 20, step: 1, value: Number(getKey(config, 'seed', '1')), onChange: (v) => apply({ seed: v }) });
    box.append(el('div', { class: 'controls' }, [lr.element, steps.element, seed.element]));

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
    const sweepButton = button(t('cs.sweepButton'), () => { ctx.onView?.('sweep'); runSweep(); }, { cls: 'primary', name: 'sweep' });
    task.disables(sweepButton);
    box.append(el('div', { class: 'button-row' }, [sweepButton]), progress.element);
    const curve = new TimeSeries(box, { title: t('cs.sweepChart'), xLabel: t('common.lr'), yLabel: t('cs.fraction'), xLog: true, yMin: 0, yMax: 1, series: [{ label: t('cs.deadFraction'), points: true }, { label: t('common.accuracy'), points: true }], height: 200, hiddenUntilData: true });
    const result = el('div', { class: 'result', role: 'status' });
    box.append(result);

    function runSweep() {
      return task.run(async (signal) => {
        // 3000 steps and 2 seeds per rate: the dead fraction has settled by then (see the
        // live run) and the whole curve stays under a minute on two cores.
        const specs = LRS.map((r) => ({ query: mergeQuery(config, { lr: r, steps: 3000 }), seeds: 2, firstSeed: Number(getKey(config, 'seed', '1')), successLoss: 1e-6 }));
        const results = await ctx.client.sweepMany(specs, { chunk: 1 }, { signal, onProgress: (d, n) => progress.update(d, n) });
        const units = Number(getKey(config, 'layers', '100'));
        const dead = results.map((r) => r.reduce((s, o) => s + o.deadPerLayer[0] / units, 0) / r.length);
        const acc = results.map((r) => r.reduce((s, o) => s + (o.accuracy ?? 0), 0) / r.length);
        curve.setData([LRS, dead, acc]);
        result.textContent = t('cs.sweepResult', { list: LRS.map((r, k) => `${num(r)}: ${pct(dead[k])}`).join(', ') });
        box.dataset.sweepDead = JSON.stringify(dead);
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
      /** view from a link: 'live' or 'sweep' (runs the learning-rate sweep). */
      setView(view) {
        return view === 'sweep' ? runSweep() : undefined;
      },
      setConfig(query) {
        config = query;
        lr.value = Number(getKey(query, 'lr', '0.01'));
        steps.value = getKey(query, 'steps', '1000');
        seed.value = Number(getKey(query, 'seed', '1'));
        if (run.query) run.load(config);
      },
    };
  },
};
