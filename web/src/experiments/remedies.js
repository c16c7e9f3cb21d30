// remedies.js: experiment 8, remedies side by side. The same problem, seed and data,
// trained several times at once, each with one change: leaky ReLU (slope slider), ELU,
// SELU, He init, a small positive bias, a lower learning rate, Adam, dropout, and
// reviving dead units by re-initialising them (ReDo-style). Dead fraction and loss of
// every run on shared charts, and a table of where each run is (compute/remedies.js).
import { el } from '../ui/dom.js';
import { slider, checkbox, button } from '../ui/controls.js';
import { LiveRun } from '../ui/runner.js';
import { showTable } from '../ui/compare-table.js';
import { TimeSeries } from '../charts/timeseries.js';
import { SERIES } from '../charts/palette.js';
import { t, num, pct, sci } from '../i18n/index.js';
import { PROBLEMS, REMEDIES, DEFAULT_ALPHA, problemOf, remedyQuery, rowOf, hiddenDeadSeries } from './compute/remedies.js';

export const CONTROLS = [
  { key: 'task', name: 'problem', kind: 'select', label: 'rem.problem', options: Object.keys(PROBLEMS), optionLabel: (v) => t(`rem.problem.${v}`), read: problemOf, write: (p) => PROBLEMS[p] },
  { key: 'seed', kind: 'slider', label: 'common.seed', min: 1, max: 20, step: 1 },
];

export default {
  mount(box, ctx) {
    const controls = ctx.controls(CONTROLS);
    const alpha = slider({ label: t('rem.alpha'), name: 'alpha', min: 0.01, max: 0.3, step: 0.01, value: DEFAULT_ALPHA, format: (v) => num(v), onChange: () => load() });
    controls.element.append(alpha.element);
    const boxes = REMEDIES.map((r) => checkbox({ label: t(`rem.${r.key}`), name: r.key, checked: Boolean(r.on), onChange: () => load() }));
    const fieldset = el('fieldset', { class: 'remedy-list' }, [el('legend', { text: t('rem.choose') }), ...boxes.map((b) => b.element)]);
    box.append(controls.element, fieldset);
    const playButton = button(t('run.play'), () => (playing ? pause() : play()), { cls: 'primary', name: 'play' });
    const resetButton = button(t('run.reset'), () => load(), { name: 'reset' });
    box.append(el('div', { class: 'button-row' }, [playButton, resetButton]));
    const chartsBox = el('div', { class: 'grid-2' });
    box.append(chartsBox);
    let deadChart = null;
    let lossChart = null;
    const tableBox = el('div', { class: 'table-wrap', tabindex: '0', role: 'group', 'aria-label': t('rem.table') });
    const reviveNote = el('p', { class: 'result', role: 'status' });
    box.append(tableBox, reviveNote);

    let runs = [];
    let loading = null; // the runs being created
    let loads = 0; // loads asked for; only the newest one creates runs
    let loadAsked;
    const firstLoad = new Promise((resolve) => {
      loadAsked = resolve;
    });
    let playing = false;
    const setPlaying = (p) => {
      playing = p;
      playButton.textContent = p ? t('run.pause') : t('run.play');
      playButton.setAttribute('aria-pressed', String(p));
    };

    function load() {
      loading = create(loading, ++loads);
      loadAsked();
      return loading;
    }

    // The runs before are let go only once their sessions exist, so the shared worker
    // deletes them before it creates the new ones and never holds both sets at once; a
    // load that a newer one has replaced while it waited creates nothing.
    async function create(previous, ticket) {
      await previous?.catch(() => {});
      if (ticket !== loads) return;
      pause();
      for (const r of runs) r.run.dispose();
      const { query, values } = ctx.entry();
      const problem = problemOf(values);
      ctx.lookFor(`remedies.lookFor.${problem}`);
      const list = REMEDIES.filter((r, k) => boxes[k].value);
      deadChart?.destroy();
      lossChart?.destroy();
      chartsBox.textContent = '';
      const series = list.map((r, k) => ({ label: t(`rem.${r.key}`), color: SERIES[k % SERIES.length] }));
      deadChart = new TimeSeries(chartsBox, { name: 'dead', title: t('rem.deadChart'), xLabel: t('common.step'), yLabel: t('view.deadAxis'), yMin: 0, yMax: 1, series, height: 220 });
      lossChart = new TimeSeries(chartsBox, { name: 'loss', title: t('rem.lossChart'), xLabel: t('common.step'), yLabel: t('common.loss'), logY: true, series, height: 220 });
      runs = list.map((remedy) => {
        const entry = { remedy, snap: null };
        entry.run = new LiveRun(ctx.client, { onUpdate: (s) => { entry.snap = s; draw(); }, onError: ctx.error, speed: problem === 'adder' ? 1000 : 100 });
        return entry;
      });
      const { shape } = await ctx.client.parse(query);
      await Promise.all(runs.map((r) => r.run.load(remedyQuery(query, values, shape, r.remedy, alpha.value))));
    }

    function draw() {
      const ready = runs.filter((r) => r.snap);
      if (!ready.length) return;
      const longest = ready.reduce((a, r) => (r.snap.trace.step.length > a.trace.step.length ? r.snap : a), ready[0].snap);
      deadChart.setData([longest.trace.step, ...runs.map((r) => (r.snap ? hiddenDeadSeries(r.snap) : []))]);
      lossChart.setData([longest.trace.step, ...runs.map((r) => (r.snap ? r.snap.trace.loss : []))]);
      const rows = ready.map((r) => ({ key: r.remedy.key, row: rowOf(r.snap) }));
      // the output unit's column for a ReLU output (the adder's), the accuracy for a classifier (the spiral)
      const withOutput = rows.some(({ row }) => row.outputDead !== null);
      const withAccuracy = rows.some(({ row }) => row.accuracy !== null);
      const heads = [t('rem.remedy'), t('common.step'), t('common.loss'), ...(withAccuracy ? [t('common.accuracy')] : []), t('rem.deadNow'), t('rem.deadMean'), ...(withOutput ? [t('rem.output')] : [])];
      showTable(tableBox, {
        caption: t('rem.table'),
        heads,
        rows: rows.map(({ key, row }) => ({
          label: t(`rem.${key}`),
          dataset: { remedy: key, deadFraction: String(row.deadNow / row.units), deadMean: String(row.deadMean), outputDead: String(row.outputDead), step: String(row.step) },
          cells: [
            num(row.step),
            row.state === 'diverged' ? t('common.diverged') : sci(row.loss, 3),
            ...(withAccuracy ? [row.accuracy === null ? '—' : pct(row.accuracy, 1)] : []),
            `${num(row.deadNow)} / ${num(row.units)}`,
            Number.isFinite(row.deadMean) ? pct(row.deadMean) : '—',
            ...(withOutput ? [el('td', { text: t(row.outputDead === null ? 'rem.outputCannotDie' : row.outputDead ? 'rem.outputDead' : 'rem.outputLive') })] : []),
          ],
        })),
      });
      const revive = rows.find(({ key }) => key === 'revive')?.row;
      reviveNote.textContent = revive?.deadBeforeRevival !== null && revive ? t('rem.reviveNote', { revivals: num(revive.revivals), before: pct(revive.deadBeforeRevival), most: pct(revive.deadBeforeRevivalMax), mean: pct(revive.deadMean) }) : '';
      if (revive?.deadBeforeRevival !== null && revive) reviveNote.dataset.deadBeforeRevival = String(revive.deadBeforeRevival);
      box.dataset.done = runs.every((r) => r.snap?.done) ? '1' : '0';
    }

    async function play() {
      setPlaying(true);
      await firstLoad; // a click before the runs exist waits for them (each run also waits for its session)
      await loading;
      await Promise.all(runs.map((r) => r.run.play()));
      setPlaying(false);
    }
    function pause() {
      for (const r of runs) r.run.pause();
      setPlaying(false);
    }

    return { start: () => load(), configChanged: () => load() };
  },
};
