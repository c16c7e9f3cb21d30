// born-dead.js: experiment 6, born dead. How often is a freshly initialised deep,
// narrow ReLU network dead on an input before any training (Lu et al. 2019)? Measured
// over many random inits for depths 1..8 (the engine's limit on hidden layers), next
// to the closed form 1 - (1 - 2^-N)^H for bias-free nets with symmetric weights, and
// with randomized asymmetric initialization (RAI).
import { el } from '../ui/dom.js';
import { select, slider, button } from '../ui/controls.js';
import { backgroundTask } from '../ui/background-task.js';
import { TimeSeries } from '../charts/timeseries.js';
import { mergeQuery, getKey } from '../state.js';
import { t, num, pct } from '../i18n/index.js';

const DEPTHS = [1, 2, 3, 4, 5, 6, 7, 8];
export const formula = (width, depth) => 1 - (1 - 2 ** -width) ** depth;

export default {
  mount(box, ctx) {
    let config = ctx.config;
    const width = slider({ label: t('born.width'), name: 'width', min: 1, max: 8, step: 1, value: Number(getKey(config, 'layers', '2').split(',')[0]) || 2, onChange: () => compute() });
    const trials = select({
      label: t('born.trials'),
      name: 'trials',
      options: [500, 2000, 5000].map((v) => ({ value: v, label: num(v) })),
      value: 2000,
      onChange: () => compute(),
    });
    box.append(el('div', { class: 'controls' }, [width.element, trials.element]));
    const task = backgroundTask({ box, onError: ctx.error });
    const progress = task.progress;
    box.append(el('div', { class: 'button-row' }, [button(t('born.run'), () => compute(), { cls: 'primary', name: 'run' })]), progress.element);
    const chart = new TimeSeries(box, {
      title: t('born.chart'),
      xLabel: t('born.depth'),
      yLabel: t('born.pDead'),
      yMin: 0,
      yMax: 1,
      series: [
        { label: t('born.formula'), points: false },
        { label: t('born.measuredHe'), points: true },
        { label: t('born.measuredRai'), points: true },
      ],
      height: 220,
    });
    const result = el('div', { class: 'result', role: 'status' });
    box.append(result);

    function compute() {
      const w = width.value;
      const n = Number(trials.value);
      const layers = (d) => Array.from({ length: d }, () => w).join(',');
      return task.run(async (signal) => {
        const total = DEPTHS.length * 2;
        let done = 0;
        const tick = () => progress.update(++done, total);
        const one = async (d, change) => {
          const r = await ctx.client.bornDead(mergeQuery(config, { layers: layers(d), ...change }), n, { seed: 1, chunk: 1000 }, { signal });
          tick();
          return r.deadNetworkFraction;
        };
        const he = await Promise.all(DEPTHS.map((d) => one(d, { init: 'he_normal', bias: 0 })));
        const rai = await Promise.all(DEPTHS.map((d) => one(d, { init: 'rai', bias: 1 })));
        const exact = DEPTHS.map((d) => formula(w, d));
        chart.setData([DEPTHS, exact, he, rai]);
        const last = DEPTHS.length - 1;
        result.textContent = t('born.result', { width: num(w), depth: num(DEPTHS[last]), he: pct(he[last], 1), exact: pct(exact[last], 1), rai: pct(rai[last], 1), trials: num(n) });
        box.dataset.measured = JSON.stringify(he);
        box.dataset.formula = JSON.stringify(exact);
        box.dataset.rai = JSON.stringify(rai);
        progress.finish(t('sweep.finished'));
        config = mergeQuery(config, { layers: layers(8) });
        ctx.onConfig(config);
      });
    }
    return {
      start: () => compute(),
      setConfig(query) {
        config = query;
        width.value = Number(getKey(query, 'layers', '2').split(',')[0]) || 2;
      },
    };
  },
};
