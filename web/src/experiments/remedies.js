// remedies.js: experiment 8, remedies side by side. The same problem, seed and data,
// trained several times at once, each with one change: leaky ReLU (slope slider), ELU,
// SELU, He init, a small positive bias, a lower learning rate, Adam, dropout, and
// reviving dead units by re-initialising them (ReDo-style). Dead fraction and loss of
// every run on shared charts, and a table of where each ended.
import { el } from '../ui/dom.js';
import { select, slider, checkbox, button } from '../ui/controls.js';
import { LiveRun } from '../ui/runner.js';
import { TimeSeries } from '../charts/timeseries.js';
import { SERIES } from '../charts/palette.js';
import { mergeQuery, getKey } from '../state.js';
import { t, num, pct, sci } from '../i18n/index.js';

const PROBLEMS = {
  spiral: 'task=spiral&layers=100&out=softmax&loss=ce&init=normal&sigma=0.01&lr=5&l2=0.001&steps=3000',
  adder: 'task=add2&layers=4,4&out=relu&init=normal&binit=normal&batch=1&steps=30000&seed=3',
};

const REMEDIES = [
  { key: 'baseline', change: () => ({}), on: true },
  { key: 'leaky', change: (alpha) => ({ act: 'leaky', alpha }), on: true },
  { key: 'elu', change: () => ({ act: 'elu' }) },
  { key: 'selu', change: () => ({ act: 'selu', init: 'lecun_normal', sigma: null }) },
  { key: 'he', change: () => ({ init: 'he_normal', sigma: null }) },
  { key: 'bias', change: () => ({ binit: 0.01 }) },
  { key: 'lowlr', change: (a, base) => ({ lr: Number(getKey(base, 'lr', '0.01')) / 5 }), on: true },
  { key: 'adam', change: () => ({ opt: 'adam', lr: 0.01 }) },
  { key: 'dropout', change: () => ({ dropout: 0.2 }) },
  { key: 'revive', change: () => ({ revive: 100 }), on: true },
];

export default {
  mount(box, ctx) {
    let problem = 'spiral';
    let base = ctx.config;
    const problemSel = select({
      label: t('rem.problem'),
      name: 'problem',
      options: Object.keys(PROBLEMS).map((k) => ({ value: k, label: t(`rem.problem.${k}`) })),
      value: problem,
      onChange: (v) => {
        problem = v;
        base = PROBLEMS[v];
        ctx.onConfig(base);
        load();
      },
    });
    const alpha = slider({ label: t('rem.alpha'), name: 'alpha', min: 0.01, max: 0.3, step: 0.01, value: 0.01, format: (v) => num(v), onChange: () => load() });
    const seed = slider({ label: t('common.seed'), name: 'seed', min: 1, max: 20, step: 1, value: Number(getKey(base, 'seed', '1')), onChange: (v) => { base = mergeQuery(base, { seed: v }); ctx.onConfig(base); load(); } });
    const boxes = REMEDIES.map((r) => checkbox({ label: t(`rem.${r.key}`), name: r.key, checked: Boolean(r.on), onChange: () => load() }));
    const fieldset = el('fieldset', { class: 'remedy-list' }, [el('legend', { text: t('rem.choose') }), ...boxes.map((b) => b.element)]);
    box.append(el('div', { class: 'controls' }, [problemSel.element, alpha.element, seed.element]), fieldset);
    const playButton = button(t('run.play'), () => (playing ? pause() : play()), { cls: 'primary', name: 'play' });
    const resetButton = button(t('run.reset'), () => load(), { name: 'reset' });
    box.append(el('div', { class: 'button-row' }, [playButton, resetButton]));
    const chartsBox = el('div', { class: 'grid-2' });
    box.append(chartsBox);
    let deadChart = null;
    let lossChart = null;
    const tableBox = el('div', { class: 'table-wrap' });
    box.append(tableBox);

    let runs = [];
    let playing = false;
    const setPlaying = (p) => {
      playing = p;
      playButton.textContent = p ? t('run.pause') : t('run.play');
      playButton.setAttribute('aria-pressed', String(p));
    };

    function chosen() {
      return REMEDIES.filter((r, k) => boxes[k].value);
    }

    async function load() {
      pause();
      for (const r of runs) r.run.dispose();
      const list = chosen();
      chartsBox.textContent = '';
      const series = list.map((r, k) => ({ label: t(`rem.${r.key}`), color: SERIES[k % SERIES.length] }));
      deadChart = new TimeSeries(chartsBox, { title: t('rem.deadChart'), xLabel: t('common.step'), yLabel: t('view.deadAxis'), yMin: 0, yMax: 1, series, height: 220 });
      lossChart = new TimeSeries(chartsBox, { title: t('rem.lossChart'), xLabel: t('common.step'), yLabel: t('common.loss'), logY: true, series, height: 220 });
      runs = list.map((r) => ({ remedy: r, snap: null, run: new LiveRun(ctx.client, { onUpdate: () => draw(), onError: ctx.error, speed: problem === 'adder' ? 1000 : 100 }) }));
      for (const r of runs) r.run.onUpdate = (s) => { r.snap = s; draw(); };
      await Promise.all(runs.map((r) => r.run.load(mergeQuery(base, r.remedy.change(alpha.value, base)))));
    }

    function hiddenDead(s, k) {
      const sizes = s.evaluation.sizes.slice(1, -1);
      const total = sizes.reduce((a, b) => a + b, 0);
      return sizes.reduce((a, units, l) => a + units * (s.trace.dead[l]?.[k] ?? 0), 0) / total;
    }

    function draw() {
      const ready = runs.filter((r) => r.snap);
      if (!ready.length) return;
      const longest = runs.reduce((a, r) => (r.snap && r.snap.trace.step.length > a.trace.step.length ? r.snap : a), ready[0].snap);
      const xs = longest.trace.step;
      deadChart.setData([xs, ...runs.map((r) => (r.snap ? r.snap.trace.step.map((_, k) => hiddenDead(r.snap, k)) : []))]);
      lossChart.setData([xs, ...runs.map((r) => (r.snap ? r.snap.trace.loss : []))]);
      tableBox.textContent = '';
      const table = el('table', { class: 'compare' }, [
        el('caption', { class: 'visually-hidden', text: t('rem.table') }),
        el('thead', {}, [el('tr', {}, [t('rem.remedy'), t('common.step'), t('common.loss'), t('rem.deadNow'), t('common.accuracy')].map((h) => el('th', { scope: 'col', text: h })))]),
      ]);
      const body = el('tbody');
      for (const r of runs) {
        const s = r.snap;
        if (!s) continue;
        const ev = s.evaluation;
        const hidden = ev.layers.filter((l) => !l.output);
        const dead = hidden.reduce((a, l) => a + l.deadCount, 0);
        const units = hidden.reduce((a, l) => a + l.units, 0);
        body.append(el('tr', { dataset: { remedy: r.remedy.key, deadFraction: String(dead / units), step: String(s.step) } }, [
          el('th', { scope: 'row', text: t(`rem.${r.remedy.key}`) }),
          el('td', { class: 'num', text: num(s.step) }),
          el('td', { class: 'num', text: s.state === 'diverged' ? t('common.diverged') : sci(ev.loss, 3) }),
          el('td', { class: 'num', text: `${num(dead)} / ${num(units)}` }),
          el('td', { class: 'num', text: ev.accuracy === null ? '—' : pct(ev.accuracy, 1) }),
        ]));
      }
      table.append(body);
      tableBox.append(table);
      box.dataset.done = runs.every((r) => r.snap?.done) ? '1' : '0';
    }

    async function play() {
      if (!runs.length) return;
      setPlaying(true);
      await Promise.all(runs.map((r) => r.run.play()));
      setPlaying(false);
    }
    function pause() {
      for (const r of runs) r.run.pause();
      setPlaying(false);
    }

    return {
      start: () => load(),
      setConfig(query) {
        base = query;
        problem = getKey(query, 'task') === 'add2' ? 'adder' : 'spiral';
        problemSel.value = problem;
        seed.value = Number(getKey(query, 'seed', '1'));
      },
    };
  },
};
