// adder.js: experiment 3, the 2-4-4-1 network that adds two numbers and fails about
// half the time (ReLU on every layer including the output, N(0, 1) weights and
// biases, per-sample SGD at 0.01, 5000 epochs of the six points). One run live with
// dead units marked; a sweep over seeds with the failure rate and the reasons; the
// same sweep for other activations and optimizers, and for the question's own update of
// the biases, b -= lr * b (compute/adder.js).
import { el } from '../ui/dom.js';
import { select, readouts, button } from '../ui/controls.js';
import { backgroundTask } from '../ui/background-task.js';
import { compareTable } from '../ui/compare-table.js';
import { LiveRun, runPanel } from '../ui/runner.js';
import { liveView } from '../ui/live-view.js';
import { sweepView } from '../ui/sweep-view.js';
import { t, num, pct, sci } from '../i18n/index.js';
import { SWEEP_SEEDS, DEFAULT_SEEDS, COMPARE_SEEDS, verdict, biasesDrift, seedSweep, compareVariants, sweepSpec, variantSpecs } from './compute/adder.js';
import { commandLine } from '../links/share.js';

const actLabel = (v) => t(`act.${v}`);

export const CONTROLS = [
  { key: 'act', kind: 'select', label: 'adder.act', options: ['relu', 'leaky', 'elu', 'tanh', 'sigmoid'], optionLabel: actLabel },
  { key: 'out', kind: 'select', label: 'adder.out', options: ['relu', 'linear', 'leaky', 'elu', 'sigmoid'], optionLabel: actLabel },
  { key: 'opt', kind: 'select', label: 'common.optimizer', options: ['sgd', 'momentum', 'adam'], optionLabel: (v) => t(`opt.${v}`) },
  { key: 'bias_update', kind: 'select', label: 'adder.biasUpdate', options: ['gradient', 'decay'], optionLabel: (v) => t(`adder.biasUpdate.${v}`) },
  { key: 'seed', kind: 'slider', label: 'common.seed', min: 1, max: 200, step: 1 },
];

export default {
  mount(box, ctx) {
    box.append(ctx.controls(CONTROLS).element);
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
      const v = verdict(s, { biasesDrift: biasesDrift(ctx.entry().values) });
      info.set('state', t(`adder.verdict.${v}`), v);
      box.dataset.traceRecords = String(s.trace.step.length);
    }

    // ---- sweep over seeds ----
    box.append(el('h3', { text: t('adder.sweepTitle') }));
    const seeds = select({
      label: t('sweep.seeds'),
      name: 'seeds',
      options: SWEEP_SEEDS.map((v) => ({ value: v, label: num(v) })),
      value: DEFAULT_SEEDS,
    });
    const task = backgroundTask({ box, onError: ctx.error });
    const progress = task.progress;
    const runButton = button(t('sweep.run'), () => {
      ctx.setView('sweep');
      runSweep();
    }, { cls: 'primary', name: 'sweep' });
    const compareButton = button(t('adder.compare'), () => {
      ctx.setView('compare');
      runCompare();
    }, { name: 'compare' });
    task.disables(runButton, compareButton);
    box.append(el('div', { class: 'button-row' }, [seeds.element, runButton, compareButton]), progress.element);
    const sweep = sweepView(box, { label: t('adder.sweepChart') });
    const compareBox = el('div', { class: 'table-wrap', tabindex: '0', role: 'group', 'aria-label': t('adder.compare') });
    box.append(compareBox);

    const runSweep = () =>
      task.run(async (signal) => {
        const n = Number(seeds.value);
        const started = performance.now();
        const outcomes = await seedSweep(ctx.client, ctx.entry().query, n, { signal, onProgress: (d, total) => progress.update(d, total) });
        const s = sweep.show(outcomes);
        box.dataset.failureRate = String(s.failureRate);
        box.dataset.sweepResults = JSON.stringify(outcomes.map((o) => [o.seed, o.finalLoss, o.failure]));
        progress.finish(t('sweep.done', { n: num(n), seconds: num((performance.now() - started) / 1000, { maximumFractionDigits: 1 }) }));
      });

    const runCompare = () =>
      task.run(async (signal) => {
        const results = await compareVariants(ctx.client, ctx.entry().query, COMPARE_SEEDS, { signal, onProgress: (d, total) => progress.update(d, total) });
        compareBox.textContent = '';
        const caption = t('adder.compareCaption', { n: num(COMPARE_SEEDS) });
        const rows = results.map(({ key, summary: s }) => {
          const bar = el('span', { class: 'rate-bar' });
          bar.style.width = `${Math.round(s.failureRate * 100)}%`;
          return {
            label: t(`adder.variant.${key}`),
            dataset: { variant: key, failureRate: String(s.failureRate) },
            cells: [`${num(s.failed)} / ${num(s.total)} (${pct(s.failureRate)})`, num(s.by.output_dead), num(s.by.improving), el('td', { class: 'bar-cell' }, [bar])],
          };
        });
        const heads = [t('adder.variant'), t('adder.failed'), t('adder.outputDeadCol'), t('adder.improvingCol'), ''];
        compareBox.append(el('p', { class: 'chart-title', text: caption }), compareTable({ caption, heads, rows }));
        progress.finish(t('adder.compareDone'));
      });

    return {
      run,
      start: () => run.load(ctx.entry().query),
      configChanged: (entry) => run.load(entry.query),
      /** The relulab commands of what the view shows: the run, the sweep, or the comparison's sweeps. */
      commands() {
        const { query, view } = ctx.entry();
        if (view === 'sweep') return [commandLine(query, sweepSpec(query, Number(seeds.value)))];
        if (view === 'compare') return variantSpecs(query, COMPARE_SEEDS).map((s) => commandLine(s.query, s));
        return [commandLine(query)];
      },
      /** view from a link: 'live', 'sweep' (runs the seed sweep) or 'compare'. */
      showView(view) {
        if (view === 'sweep') return runSweep();
        if (view === 'compare') return runCompare();
        return undefined;
      },
    };
  },
};
