// init.js: experiment 7, initialization. A 5-layer, 100-unit ReLU MLP at step 0 (the
// Intoli article's picture): the pre-activation distribution of every layer with the
// z = 0 line, and the mean square of the activations layer by layer against the
// prediction that each ReLU layer multiplies it by 100 sigma^2 / 2.
import { el } from '../ui/dom.js';
import { select, slider, readouts } from '../ui/controls.js';
import { Histograms } from '../charts/bars.js';
import { TimeSeries } from '../charts/timeseries.js';
import { mergeQuery, getKey } from '../state.js';
import { t, num, sci, pct } from '../i18n/index.js';

export default {
  mount(box, ctx) {
    let config = ctx.config;
    const init = select({
      label: t('init.init'),
      name: 'init',
      options: ['normal', 'he_normal', 'glorot_normal', 'lecun_normal', 'rai'].map((v) => ({ value: v, label: t(`init.${v}`) })),
      value: getKey(config, 'init', 'normal'),
      onChange: (v) => {
        sigma.input.disabled = v !== 'normal';
        apply({ init: v, bias: v === 'rai' ? 1 : null });
      },
    });
    const sigma = slider({ label: t('init.sigma'), name: 'sigma', min: 0.05, max: 0.5, log: true, value: Number(getKey(config, 'sigma', '0.14')), format: (v) => num(v, { maximumFractionDigits: 3 }), onChange: (v) => apply({ sigma: v }) });
    const presets = el('div', { class: 'button-row', role: 'group', 'aria-label': t('init.presets') },
      [0.1, 0.14, 0.28].map((s) => {
        const b = el('button', { type: 'button', class: 'btn', text: `σ = ${num(s)}`, onclick: () => { init.value = 'normal'; sigma.input.disabled = false; sigma.value = s; apply({ init: 'normal', sigma: s }); } });
        return b;
      }));
    box.append(el('div', { class: 'controls' }, [init.element, sigma.element]), presets);
    const info = readouts([
      ['ratio', t('init.ratio')],
      ['observed', t('init.observed')],
      ['dead', t('init.dead')],
    ]);
    box.append(info.element);
    const histFig = el('figure', { class: 'chart' }, [el('figcaption', { text: t('init.hist') })]);
    box.append(histFig);
    const hist = new Histograms(histFig, { label: t('init.hist') });
    const ms = new TimeSeries(box, { title: t('init.msChart'), xLabel: t('init.layer'), yLabel: t('init.ms'), logY: true, series: [{ label: t('init.measured'), points: true }, { label: t('init.predicted'), points: false }], height: 200 });

    // One network for the histograms; the mean square averaged over SEEDS fresh
    // networks, since one draw of 100 units per layer scatters around the prediction.
    const SEEDS = 16;
    async function compute() {
      const seed0 = Number(getKey(config, 'seed', '1'));
      const measured = [0, 0, 0, 0, 0];
      let first = null;
      for (let k = 0; k < SEEDS; k++) {
        const session = await ctx.client.createSession(mergeQuery(config, { seed: seed0 + k }));
        try {
          const ev = await session.evaluate();
          const hidden = ev.layers.filter((l) => !l.output);
          if (k === 0) first = hidden;
          hidden.forEach((l, i) => {
            measured[i] += l.meanSquare / SEEDS;
          });
        } finally {
          session.dispose();
        }
      }
      hist.update(first.map((l, k) => ({ histogram: l.histogram, title: t('init.layerTitle', { n: k + 1, dead: pct(l.deadFraction) }) })));
      const s = Number(getKey(config, 'sigma', '1'));
      const ratio = getKey(config, 'init') === 'normal' ? (100 * s * s) / 2 : null;
      const predicted = measured.map((m, k) => (ratio === null ? null : measured[0] * ratio ** k));
      ms.setData([first.map((_, k) => k + 1), measured, predicted]);
      info.set('ratio', ratio === null ? '—' : num(ratio, { maximumFractionDigits: 2 }), ratio ?? '');
      const observed = (measured[measured.length - 1] / measured[0]) ** (1 / (measured.length - 1));
      info.set('observed', num(observed, { maximumFractionDigits: 2 }), observed);
      const deadTotal = first.reduce((a, l) => a + l.deadCount, 0);
      info.set('dead', t('init.deadValue', { k: num(deadTotal), n: num(first.reduce((a, l) => a + l.units, 0)) }), deadTotal);
      box.dataset.meanSquare = JSON.stringify(measured);
    }

    function apply(change) {
      config = mergeQuery(config, change);
      ctx.onConfig(config);
      return compute().catch(ctx.error);
    }
    return {
      start: () => compute(),
      setConfig(query) {
        config = query;
        init.value = getKey(query, 'init', 'he_normal');
        sigma.value = Number(getKey(query, 'sigma', '1'));
        sigma.input.disabled = init.value !== 'normal';
      },
    };
  },
};
