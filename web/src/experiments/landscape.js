// landscape.js: experiment 2, add a bias. The loss of relu(w x + b) over (w, b) as a
// heatmap with contours; a run from the configured start draws its path (a click, or
// Enter on the focused map, moves the start there); a basin map colours every start by
// where training ends. A variant with an output weight and bias, v relu(w x + b) + c,
// is shown as 2-D slices (the view: wb, vc or wv), and as its runs from 200 random
// starts at once (the view 'runs', landscape-runs.js). The path plays by itself, with its
// own Pause; for a reader who asks for reduced motion it is drawn whole at once.
import { el } from '../ui/dom.js';
import { readouts, button } from '../ui/controls.js';
import { backgroundTask } from '../ui/background-task.js';
import { LiveRun, runPanel } from '../ui/runner.js';
import { Plot2D } from '../charts/plot2d.js';
import { sequential } from '../charts/colormap.js';
import { colorBar } from '../ui/legend.js';
import { t, sci, num, pct } from '../i18n/index.js';
import { EXTENT, NAMES, SLICES, TWO_VIEWS, MAP_SIZE, BASIN_SIZE, BASIN_CLASSES, MODEL_CHANGE, modelOf, viewFor, sliceFor, gridOf, startOf, basinMap, pathOf } from './compute/landscape.js';
import { runsView } from './landscape-runs.js';

const BASIN_COLORS = { reached: [0, 114, 178], dead: [189, 189, 189], stuck: [230, 159, 0], diverged: [0, 0, 0] };
const PATH = '#D55E00';

export const CONTROLS = [
  { key: 'layers', name: 'model', kind: 'select', label: 'land.model', options: ['one', 'two'], optionLabel: (v) => t(v === 'one' ? 'land.modelOne' : 'land.modelTwo'), read: modelOf, write: (m) => MODEL_CHANGE[m] },
  { view: true, name: 'slice', kind: 'select', label: 'land.slice', options: TWO_VIEWS, optionLabel: (v) => t(`land.slice.${v}`), enabled: (values) => modelOf(values) === 'two' },
  { key: 'lr', kind: 'select', label: 'common.lr', options: [0.01, 0.03, 0.1, 0.3, 1], optionLabel: (v) => num(Number(v)) },
  { key: 'steps', kind: 'select', label: 'common.steps', options: [100, 300, 1000], optionLabel: (v) => num(Number(v)), write: (v) => ({ steps: v, trace: Math.max(1, Math.round(Number(v) / 150)) }) },
];

export default {
  mount(box, ctx) {
    box.append(ctx.controls(CONTROLS).element);
    const mapsRow = el('div', { class: 'grid-2' });
    box.append(mapsRow);
    const lossFig = el('figure', { class: 'chart' }, [el('figcaption', { text: t('land.lossMap') })]);
    const basinFig = el('figure', { class: 'chart' }, [el('figcaption', { text: t('land.basinMap') })]);
    mapsRow.append(lossFig, basinFig);
    const pick = (x, y) => moveStart(x, y);
    const lossMap = new Plot2D(lossFig, { name: 'loss-map', extent: EXTENT, aspect: 0.9, label: t('land.lossMapLabel'), onPick: pick });
    const lossLegend = colorBar({ title: t('land.lossLegend'), low: '', high: '' });
    lossFig.append(lossLegend.element, el('p', { class: 'hint', text: t('land.clickHint') }));
    const basin = new Plot2D(basinFig, { name: 'basin-map', extent: EXTENT, aspect: 0.9, label: t('land.basinMapLabel'), onPick: pick });
    basinFig.append(el('ul', { class: 'legend' }, BASIN_CLASSES.map((k) => el('li', {}, [el('span', { class: `swatch ${k}` }), el('span', { text: t(`land.basin.${k}`) })]))));
    const task = backgroundTask({ box, onError: ctx.error });
    const progress = task.progress;
    const basinButton = button(t('land.basinButton'), () => computeBasin(), { name: 'basin' });
    task.disables(basinButton);
    box.append(el('div', { class: 'button-row' }, [basinButton]), progress.element);
    const out = readouts([
      ['step', t('common.step')],
      ['start', t('land.start')],
      ['end', t('land.end')],
      ['loss', t('common.loss')],
      ['state', t('land.state')],
    ]);
    const basinText = el('div', { class: 'result', role: 'status' });
    const runs = runsView();
    const runsTask = backgroundTask({ box, onError: ctx.error });
    box.append(out.element, basinText, runsTask.element, runs.element);

    let data = null;
    let mapsOf = null; // the configuration and view the maps were computed for
    const run = new LiveRun(ctx.client, { onUpdate: (s) => drawRun(s), onError: ctx.error, speed: 10 });
    const panel = runPanel(run, { speeds: [1, 2, 5, 10, 25], speed: 10 });
    mapsRow.before(panel.element);
    const reducedMotion = () => globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    const maps = [lossMap, basin];
    const slice = () => sliceFor(modelOf(ctx.entry().values), ctx.entry().view);
    const shownView = () => viewFor(modelOf(ctx.entry().values), ctx.entry().view);
    let runsOf = null; // the configuration the runs were trained for

    // The maps depend on everything but the start, except that the slices of the
    // 4-parameter model hold the two other parameters at their starting values.
    function mapKey() {
      const { query, values } = ctx.entry();
      const start = modelOf(values) === 'two' ? values.get('weights') : '';
      return `${query.replace(/(^|&)weights=[^&]*/, '')}|${start}|${slice()}`;
    }

    async function refresh() {
      const { query } = ctx.entry();
      const view = slice();
      const [i, j] = SLICES[view];
      for (const m of maps) {
        m.xLabel = NAMES[modelOf(ctx.entry().values)][i];
        m.yLabel = NAMES[modelOf(ctx.entry().values)][j];
      }
      const key = mapKey();
      if (key !== mapsOf) {
        mapsOf = key;
        data = (await runStart()).data;
        const loss = await ctx.client.landscape(query, gridOf(view, MAP_SIZE));
        const logs = Array.from(loss, (v) => Math.log10(Math.max(v, 1e-6)));
        const lo = Math.min(...logs);
        const hi = Math.max(...logs);
        lossMap.heat = { values: logs, nx: MAP_SIZE, ny: MAP_SIZE, color: sequential(lo, hi) };
        const grid = gridOf(view, MAP_SIZE);
        const names = NAMES[modelOf(ctx.entry().values)];
        lossMap.tools.setTable(() => ({
          columns: [names[i], names[j], 'loss'],
          rows: Array.from(loss, (v, k) => [grid.x0 + ((grid.x1 - grid.x0) * (k % MAP_SIZE)) / (MAP_SIZE - 1), grid.y0 + ((grid.y1 - grid.y0) * Math.floor(k / MAP_SIZE)) / (MAP_SIZE - 1), v]),
        }));
        lossMap.contour = { values: logs, nx: MAP_SIZE, ny: MAP_SIZE, thresholds: Array.from({ length: 12 }, (_, k) => lo + ((hi - lo) * (k + 0.5)) / 12) };
        lossLegend.set(sci(10 ** lo, 2), sci(10 ** hi, 2));
        lossMap.request();
        box.dataset.landscape = '1';
        await computeBasin();
      } else await runStart();
      await showRuns();
    }

    // The runs from random starts depend on everything but the start.
    function showRuns() {
      const on = shownView() === 'runs';
      runs.show(on);
      const { query } = ctx.entry();
      const key = query.replace(/(^|&)weights=[^&]*/, '');
      if (!on || key === runsOf) return null;
      runsOf = key;
      return runs.compute(ctx.client, query, runsTask);
    }

    // A run from the configured start, played to its end: its path is drawn on both maps.
    async function runStart() {
      const { query, values } = ctx.entry();
      const start = startOf(values);
      const [i, j] = SLICES[slice()];
      out.set('start', `(${sci(start[i], 3)}, ${sci(start[j], 3)})`);
      for (const m of maps) {
        m.paths = [];
        m.markers = [{ x: start[i], y: start[j], color: PATH, shape: 'circle', size: 6 }];
        m.request();
      }
      await run.load(query);
      if (reducedMotion()) await run.stepBy(Number(values.get('steps')));
      else run.play();
      return run.snapshot;
    }

    function moveStart(x, y) {
      const start = startOf(ctx.entry().values);
      const [i, j] = SLICES[slice()];
      start[i] = Number(x.toFixed(3));
      start[j] = Number(y.toFixed(3));
      return ctx.update({ weights: start.join(',') });
    }

    function computeBasin() {
      const { query } = ctx.entry();
      const view = slice();
      return task.run(async (signal) => {
        const { kinds, shares } = await basinMap(ctx.client, query, view, data, { signal, onProgress: (d, n) => progress.update(d, n) });
        basin.heat = { values: kinds, nx: BASIN_SIZE, ny: BASIN_SIZE, color: (k) => BASIN_COLORS[k] };
        basin.request();
        basinText.textContent = t('land.basinResult', Object.fromEntries(BASIN_CLASSES.map((c) => [c, pct(shares[c])])));
        box.dataset.basinReached = String(shares.reached);
        progress.finish(t('land.basinDone', { n: num(kinds.length) }));
      });
    }

    function drawRun(s) {
      const view = slice();
      const [i, j] = SLICES[view];
      const points = pathOf(s, view);
      for (const m of maps) {
        m.paths = [{ points, color: PATH, width: 2.5 }];
        m.request();
      }
      const [x0, y0] = points[0];
      const [x1, y1] = points[points.length - 1];
      box.dataset.pathPoints = String(points.length);
      box.dataset.moved = String(Math.hypot(x1 - x0, y1 - y0));
      box.dataset.runDone = s.done ? '1' : '0';
      out.set('step', num(s.step), s.step);
      if (s.params) out.set('end', `(${sci(s.params[i], 3)}, ${sci(s.params[j], 3)})`);
      out.set('loss', sci(s.evaluation.loss, 3), s.evaluation.loss);
      const unit = s.evaluation.layers[0];
      out.set('state', unit.dead[0] ? t('land.unitDead') : s.done ? t('land.finished') : t('land.running'), unit.dead[0] ? 'dead' : 'live');
    }

    return {
      run,
      start: () => refresh(),
      configChanged: () => {
        // the model decides which slices exist
        const shown = shownView();
        if (shown !== ctx.entry().view) ctx.setView(shown);
        return refresh();
      },
      /** view from a link: the slice shown, 'wb', 'vc' or 'wv', or 'runs' (all but wb need the 4-parameter model). */
      showView: () => refresh(),
    };
  },
};
