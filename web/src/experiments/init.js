// init.js: experiment 7, initialization. A 5-layer, 100-unit ReLU MLP at step 0 (the
// Intoli article's picture): the pre-activation distribution of every layer on one
// shared scale, with the z = 0 line, and the mean square of the activations layer by
// layer against the prediction that each ReLU layer multiplies it by 100 sigma^2 / 2
// (compute/init.js).
import { el } from '../ui/dom.js';
import { readouts } from '../ui/controls.js';
import { Histograms } from '../charts/bars.js';
import { TimeSeries } from '../charts/timeseries.js';
import { t, num, pct } from '../i18n/index.js';
import { SIGMA_PRESETS, layerStats, sharedRange } from './compute/init.js';

export const CONTROLS = [
  { key: 'init', kind: 'select', label: 'init.init', options: ['normal', 'he_normal', 'glorot_normal', 'lecun_normal', 'rai'], optionLabel: (v) => t(`init.${v}`) },
  { key: 'sigma', kind: 'slider', label: 'init.sigma', min: 0.05, max: 0.5, log: true, format: (v) => num(v, { maximumFractionDigits: 3 }), enabled: (values) => values.get('init') === 'normal' },
];

export default {
  mount(box, ctx) {
    box.append(ctx.controls(CONTROLS).element);
    const presets = el('div', { class: 'button-row', role: 'group', 'aria-label': t('init.presets') },
      SIGMA_PRESETS.map((s) => el('button', { type: 'button', class: 'btn', name: `sigma-${s}`, text: `σ = ${num(s)}`, onclick: () => ctx.update({ init: 'normal', sigma: s }) })));
    box.append(presets);
    const info = readouts([
      ['ratio', t('init.ratio')],
      ['observed', t('init.observed')],
      ['dead', t('init.dead')],
    ]);
    box.append(info.element);
    const histFig = el('figure', { class: 'chart' }, [el('figcaption', { text: t('init.hist') })]);
    box.append(histFig);
    const hist = new Histograms(histFig, { label: t('init.hist') });
    const ms = new TimeSeries(box, { name: 'mean-square', title: t('init.msChart'), xLabel: t('init.layer'), yLabel: t('init.ms'), xInteger: true, logY: true, series: [{ label: t('init.measured'), points: true }, { label: t('init.predicted'), points: false }], height: 200 });

    async function compute() {
      const { query, values } = ctx.entry();
      const { first, measured, observed, predicted } = await layerStats(ctx.client, query, values);
      hist.update(first.map((l, k) => ({ histogram: l.histogram, title: t('init.layerTitle', { n: k + 1, dead: pct(l.deadFraction) }) })), { range: sharedRange(first) });
      ms.setData([first.map((_, k) => k + 1), measured, measured.map((m, k) => (predicted === null ? null : measured[0] * predicted ** k))]);
      info.set('ratio', predicted === null ? '—' : num(predicted, { maximumFractionDigits: 2 }), predicted ?? '');
      info.set('observed', num(observed, { maximumFractionDigits: 2 }), observed);
      const deadTotal = first.reduce((a, l) => a + l.deadCount, 0);
      info.set('dead', t('init.deadValue', { k: num(deadTotal), n: num(first.reduce((a, l) => a + l.units, 0)) }), deadTotal);
      box.dataset.meanSquare = JSON.stringify(measured);
    }
    return { start: () => compute(), configChanged: () => compute().catch(ctx.error) };
  },
};
