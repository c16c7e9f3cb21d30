// adder.js: experiment 3, the 2-4-4-1 network that adds two numbers and fails about
// half the time (ReLU on every layer including the output, N(0, 1) weights and
// biases, per-sample SGD at 0.01, 5000 epochs of the six points). One run live with
// dead units marked; a sweep over seeds with the failure rate and the reasons; the
// same sweep for other activations and optimizers.
import { el } from '../ui/dom.js';
import { select, slider, readouts, button } from '../ui/controls.js';
import { backgroundTask } from '../ui/background-task.js';
import { LiveRun, runPanel } from '../ui/runner.js';
import { liveView } from '../ui/live-view.js';
import { sweepView, summarize } from '../ui/sweep-view.js';
import { mergeQuery, getKey } from '../state.js';
import { t, num, pct, sci } from '../i18n/index.js';

const VARIANTS = [
  { key: 'relu', change: { act: 'relu', out: 'relu', opt: 'sgd' } },
  { key: 'reluLinear', change: { act: 'relu', out: 'linear', opt: 'sgd' } },
  { key: 'leaky', change: { act: 'leaky', out: 'leaky', opt: 'sgd' } },
  { key: 'elu', change: { act: 'elu', out: 'elu', opt: 'sgd' } },
  { key: 'tanh', change: { act: 'tanh', out: 'linear', opt: 'sgd' } },
  { key: 'sigmoid', change: { act: 'sigmoid', out: 'linear', opt: 'sgd' } },
  { key: 'momentum', change: { act: 'relu', out: 'relu', opt: 'momentum' } },
  { key: 'adam', change: { act: 'relu', out: 'relu', opt: 'adam' } },
];

export default {
  mount(box, ctx) {
    let config = ctx.config;
    const act = select({
      label: t('adder.act'),
      name: 'act',
      options: ['relu', 'leaky', 'elu', 'tanh', 'sigmoid'].map((v) => ({ value: v, label: t(`act.${v}`) })),
      value: getKey(config, 'act', 'relu'),
      onChange: (v) => apply({ act: v }),
    });
    const out = select({
      label: t('adder.out'),
      name: 'out',
      options: ['relu', 'linear', 'leaky', 'elu'].map((v) => ({ value: v, label: t(`act.${v}`) })),
      value: getKey(config, 'out', 'relu'),
      onChange: (v) => apply({ out: v }),
    });
    const opt = select({
      label: t('common.optimizer'),
      name: 'opt',
      options: ['sgd', 'momentum', 'adam'].map((v) => ({ value: v, label: t(`opt.${v}`) })),
      value: getKey(config, 'opt', 'sgd'),
      onChange: (v) => apply({ opt: v }),
    });
    const seed = slider({ label: t('common.seed'), name: 'seed', min: 1, max: 200, step: 1, value: Number(getKey(config, 'seed', '1')), onChange: (v) => apply({ seed: v }) });
    box.append(el('div', { class: 'controls' }, [act.element, out.element, opt.element, seed.element]));

    const run = new LiveRun(ctx.client, { onUpdate: (s) => draw(s), onError: ctx.error, speed: 200 });
    const panel = runPanel(run, { speeds: [10, 50, 200, 1000, 5000], speed: 200 });
    const info = readouts([
      ['step', t('common.step')],
      ['loss', t('common.loss')],
      ['dead', t('adder.deadUnits')],
      ['state', t('adder.verdict')],
    ]);
    box.append(el('h3', { text: t('adder.liveTitle') }), panel.element, info.element);
    const view = liveView(box, { network: true, loss: true, dead: true, layers: 2 });

    function draw(s) {
      view.update(s);
      const ev = s.evaluation;
      info.set('step', num(s.step), s.step);
      info.set('loss', sci(ev.loss, 3), ev.loss);
      info.set('dead', ev.layers.map((l) => `${num(l.deadCount)}/${num(l.units)}`).join(' · '));
      const outDead = ev.layers[ev.layers.length - 1].dead[0];
      const verdict = s.state === 'diverged' ? 'diverged' : outDead ? 'outputDead' : ev.loss < 1e-3 ? 'solved' : s.done ? 'failed' : 'training';
      info.set('state', t(`adder.verdict.${verdict}`), verdict);
    }

    // ---- sweep over seeds ----
    box.append(el('h3', { text: t('adder.sweepTitle') }));
    const seeds = select({
      label: t('sweep.seeds'),
      name: 'seeds',
      options: [50, 100, 200, 400, 1000, 2000].map((v) => ({ value: v, label: num(v) })),
      value: 200,
    });
    const task = backgroundTask({ box, onError: ctx.error });
    const progress = task.progress;
    const runButton = button(t('sweep.run'), () => { ctx.onView?.('sweep'); runSweep(); }, { cls: 'primary', name: 'sweep' });
    const compareButton = button(t('adder.compare'), () => { ctx.onView?.('compare'); runCompare(); }, { name: 'compare' });
    task.disables(runButton, compareButton);
    box.append(el('div', { class: 'button-row' }, [seeds.element, runButton, compareButton]), progress.element);
    const sweep = sweepView(box, { label: t('adder.sweepChart') });
    const compareBox = el('div', { class: 'table-wrap' });
    box.append(compareBox);

    const runSweep = () =>
      task.run(async (signal) => {
        const n = Number(seeds.value);
        const started = performance.now();
        const outcomes = await ctx.client.sweep(config, { firstSeed: 1, seeds: n, successLoss: 1e-3 }, { signal, onProgress: (d, total) => progress.update(d, total) });
        const s = sweep.show(outcomes);
        box.dataset.failureRate = String(s.failureRate);
        box.dataset.sweepResults = JSON.stringify(outcomes.map((o) => [o.seed, o.finalLoss, o.failure]));
        progress.finish(t('sweep.done', { n: num(n), seconds: num((performance.now() - started) / 1000, { maximumFractionDigits: 1 }) }));
      });

    const runCompare = () =>
      task.run(async (signal) => {
        const n = 100;
        const specs = VARIANTS.map((v) => ({ query: mergeQuery(config, v.change), seeds: n, firstSeed: 1, successLoss: 1e-3 }));
        const results = await ctx.client.sweepMany(specs, {}, { signal, onProgress: (d, total) => progress.update(d, total) });
        compareBox.textContent = '';
        const table = el('table', { class: 'compare' }, [
          el('caption', { class: 'visually-hidden', text: t('adder.compareCaption', { n: num(n) }) }),
          el('thead', {}, [el('tr', {}, [t('adder.variant'), t('adder.failed'), t('adder.outputDeadCol'), ''].map((h) => el('th', { scope: 'col', text: h })))]),
        ]);
        const body = el('tbody');
        results.forEach((outcomes, k) => {
          const s = summarize(outcomes);
          const bar = el('span', { class: 'rate-bar' });
          bar.style.display = 'inline-block';
          bar.style.height = '0.7rem';
          bar.style.background = '#D55E00';
          bar.style.width = `${Math.round(s.failureRate * 100)}%`;
          const barCell = el('td', {}, [bar]);
          barCell.style.width = '35%';
          body.append(el('tr', { dataset: { variant: VARIANTS[k].key, failureRate: String(s.failureRate) } }, [
            el('th', { scope: 'row', text: t(`adder.variant.${VARIANTS[k].key}`) }),
            el('td', { class: 'num', text: `${num(s.failed)} / ${num(s.total)} (${pct(s.failureRate)})` }),
            el('td', { class: 'num', text: num(s.by.output_dead) }),
            barCell,
          ]));
        });
        table.append(body);
        compareBox.append(el('p', { class: 'chart-title', text: t('adder.compareCaption', { n: num(n) }) }), table);
        progress.finish(t('adder.compareDone'));
      });

    function apply(change) {
      config = mergeQuery(config, change);
      ctx.onConfig(config);
      return run.load(config);
    }
    return {
      run,
      start: () => run.load(config),
      /** view from a link: 'live', 'sweep' (runs the seed sweep) or 'compare'. */
      setView(view) {
        if (view === 'sweep') return runSweep();
        if (view === 'compare') return runCompare();
        return undefined;
      },
      setConfig(query) {
        config = query;
        act.value = getKey(query, 'act', 'relu');
        out.value = getKey(query, 'out', 'linear');
        opt.value = getKey(query, 'opt', 'sgd');
        seed.value = Number(getKey(query, 'seed', '1'));
        if (run.query) run.load(config);
      },
    };
  },
};
