// landscape.js: experiment 2, add a bias. The loss of relu(w x + b) over (w, b) as a
// heatmap with contours; click (or Enter on the focused map) starts a run there and
// draws its path; a basin map colours every start by where training ends. A variant
// with an output weight and bias, v relu(w x + b) + c, is shown as 2-D slices.
import { el } from '../ui/dom.js';
import { select, readouts, button } from '../ui/controls.js';
import { backgroundTask } from '../ui/background-task.js';
import { LiveRun } from '../ui/runner.js';
import { Plot2D } from '../charts/plot2d.js';
import { sequential } from '../charts/colormap.js';
import { colorBar } from '../ui/legend.js';
import { mergeQuery, getKey } from '../state.js';
import { t, sci, num, pct } from '../i18n/index.js';

const EXTENT = [-3, 3, -3, 3];
const NAMES = { one: ['w', 'b'], two: ['w', 'b', 'v', 'c'] };
const SLICES = { wb: [0, 1], vc: [2, 3], wv: [0, 2] };
const BASIN_COLORS = { reached: [0, 114, 178], dead: [189, 189, 189], stuck: [230, 159, 0], diverged: [0, 0, 0] };

export default {
  mount(box, ctx) {
    let config = ctx.config;
    let model = getKey(config, 'layers') === '1' ? 'two' : 'one';
    let slice = 'wb';
    const modelSel = select({
      label: t('land.model'),
      name: 'model',
      options: [{ value: 'one', label: t('land.modelOne') }, { value: 'two', label: t('land.modelTwo') }],
      value: model,
      onChange: (v) => {
        model = v;
        sliceSel.input.disabled = v === 'one';
        if (v === 'one') slice = 'wb';
        sliceSel.value = slice;
        ctx.onView?.(slice);
        apply(v === 'one' ? { layers: null, out: 'relu', weights: '0.5,0' } : { layers: '1', out: 'linear', weights: '0.5,0,1,0' });
      },
    });
    const sliceSel = select({
      label: t('land.slice'),
      name: 'slice',
      options: Object.keys(SLICES).map((k) => ({ value: k, label: t(`land.slice.${k}`) })),
      value: slice,
      onChange: (v) => {
        slice = v;
        ctx.onView?.(v);
        refresh();
      },
    });
    sliceSel.input.disabled = model === 'one';
    const lr = select({
      label: t('common.lr'),
      name: 'lr',
      options: [0.01, 0.03, 0.1, 0.3, 1].map((v) => ({ value: v, label: num(v) })),
      value: getKey(config, 'lr', '0.1'),
      onChange: (v) => apply({ lr: v }),
    });
    const steps = select({
      label: t('common.steps'),
      name: 'steps',
      options: [100, 300, 1000].map((v) => ({ value: v, label: num(v) })),
      value: getKey(config, 'steps', '300'),
      onChange: (v) => apply({ steps: v, trace: Math.max(1, Math.round(Number(v) / 150)) }),
    });
    box.append(el('div', { class: 'controls' }, [modelSel.element, sliceSel.element, lr.element, steps.element]));

    const mapsRow = el('div', { class: 'grid-2' });
    box.append(mapsRow);
    const lossFig = el('figure', { class: 'chart' }, [el('figcaption', { text: t('land.lossMap') })]);
    const basinFig = el('figure', { class: 'chart' }, [el('figcaption', { text: t('land.basinMap') })]);
    mapsRow.append(lossFig, basinFig);
    const lossMap = new Plot2D(lossFig, { extent: EXTENT, aspect: 0.9, label: t('land.lossMapLabel'), onPick: (x, y) => startRun(x, y) });
    const lossLegend = colorBar({ title: t('land.lossLegend'), low: '', high: '' });
    lossFig.append(lossLegend.element, el('p', { class: 'hint', text: t('land.clickHint') }));
    const basinMap = new Plot2D(basinFig, { extent: EXTENT, aspect: 0.9, label: t('land.basinMapLabel'), onPick: (x, y) => startRun(x, y) });
    basinFig.append(
      el('ul', { class: 'legend' }, ['reached', 'dead', 'stuck', 'diverged'].map((k) => el('li', {}, [el('span', { class: `swatch ${k}` }), el('span', { text: t(`land.basin.${k}`) })]))),
    );
    const task = backgroundTask({ box, onError: ctx.error });
    const progress = task.progress;
    const basinButton = button(t('land.basinButton'), () => computeBasin(), { name: 'basin' });
    task.disables(basinButton);
    box.append(el('div', { class: 'button-row' }, [basinButton]), progress.element);
    const out = readouts([
      ['start', t('land.start')],
      ['end', t('land.end')],
      ['loss', t('common.loss')],
      ['state', t('land.state')],
    ]);
    const basinText = el('div', { class: 'result', role: 'status' });
    box.append(out.element, basinText);

    let started = false;
    let data = null;
    let gridLoss = null;
    const run = new LiveRun(ctx.client, { onUpdate: (s) => drawRun(s), onError: ctx.error, speed: 10 });

    const names = () => NAMES[model];
    const axes = () => SLICES[slice];
    function labels() {
      const [i, j] = axes();
      for (const m of [lossMap, basinMap]) {
        m.xLabel = names()[i];
        m.yLabel = names()[j];
      }
    }

    async function refresh() {
      labels();
      run.pause();
      lossMap.paths = [];
      basinMap.paths = [];
      const [i, j] = axes();
      const grid = { i, j, x0: EXTENT[0], x1: EXTENT[1], y0: EXTENT[2], y1: EXTENT[3], nx: 64, ny: 64 };
      if (!data) {
        const probe = await ctx.client.createSession(config);
        data = probe.data;
        probe.dispose();
      }
      gridLoss = await ctx.client.landscape(config, grid);
      const logs = Array.from(gridLoss, (v) => Math.log10(Math.max(v, 1e-6)));
      const lo = Math.min(...logs);
      const hi = Math.max(...logs);
      lossMap.heat = { values: logs, nx: 64, ny: 64, color: sequential(lo, hi) };
      lossMap.contour = { values: logs, nx: 64, ny: 64, thresholds: Array.from({ length: 12 }, (_, k) => lo + ((hi - lo) * (k + 0.5)) / 12) };
      lossLegend.set(sci(10 ** lo, 2), sci(10 ** hi, 2));
      lossMap.request();
      box.dataset.landscape = '1';
      await computeBasin();
    }

    function deadLosses() {
      const y = Array.from(data.y);
      const mean = y.reduce((s, v) => s + v, 0) / y.length;
      return [y.reduce((s, v) => s + v * v, 0) / y.length, y.reduce((s, v) => s + (v - mean) ** 2, 0) / y.length];
    }

    // Dead at the end: the unit's line w x + b is <= 0 on every training point. The
    // basin map returns the end of the two sliced parameters; when they are (w, b)
    // that decides it exactly, otherwise a loss equal to that of a constant output does.
    function classify(loss, diverged, floor, endX, endY) {
      if (diverged || !Number.isFinite(loss)) return 'diverged';
      if (loss < floor + 1e-3) return 'reached';
      if (slice === 'wb') {
        const xs = data.x;
        let max = -Infinity;
        for (let k = 0; k < xs.length; k++) max = Math.max(max, endX * xs[k] + endY);
        return max <= 0 ? 'dead' : 'stuck';
      }
      if (deadLosses().some((d) => Math.abs(loss - d) < 1e-4 * Math.max(1, d))) return 'dead';
      return 'stuck';
    }

    function computeBasin() {
      const [i, j] = axes();
      const grid = { i, j, x0: EXTENT[0], x1: EXTENT[1], y0: EXTENT[2], y1: EXTENT[3], nx: 32, ny: 32 };
      return task.run(async (signal) => {
        const b = await ctx.client.basin(config, grid, { signal, onProgress: (d, n) => progress.update(d, n) });
        const floor = Math.min(...Array.from(b.finalLoss).filter(Number.isFinite));
        const kinds = Array.from(b.finalLoss, (loss, k) => classify(loss, b.diverged[k], floor, b.endX[k], b.endY[k]));
        basinMap.heat = { values: kinds, nx: 32, ny: 32, color: (k) => BASIN_COLORS[k] };
        basinMap.request();
        const count = (k) => kinds.filter((v) => v === k).length;
        const total = kinds.length;
        basinText.textContent = t('land.basinResult', {
          reached: pct(count('reached') / total),
          dead: pct(count('dead') / total),
          stuck: pct(count('stuck') / total),
          diverged: pct(count('diverged') / total),
        });
        box.dataset.basinReached = String(count('reached') / total);
        progress.finish(t('land.basinDone', { n: num(total) }));
      });
    }

    async function startRun(x, y) {
      const start = (getKey(config, 'weights') || (model === 'one' ? '0.5,0' : '0.5,0,1,0')).split(',').map(Number);
      const [i, j] = axes();
      start[i] = Number(x.toFixed(3));
      start[j] = Number(y.toFixed(3));
      config = mergeQuery(config, { weights: start.join(',') });
      ctx.onConfig(config);
      out.set('start', `(${sci(start[i], 3)}, ${sci(start[j], 3)})`);
      await run.load(config);
      run.speed = Math.max(1, Math.round(Number(getKey(config, 'steps', '300')) / 40));
      run.play();
    }

    function drawRun(s) {
      const [i, j] = axes();
      const xs = s.trace.params[i] ?? [];
      const ys = s.trace.params[j] ?? [];
      const points = xs.map((v, k) => [v, ys[k]]);
      if (s.params) points.push([s.params[i], s.params[j]]);
      lossMap.paths = [{ points, color: '#D55E00', width: 2.5 }];
      basinMap.paths = [{ points, color: '#D55E00', width: 2.5 }];
      lossMap.request();
      basinMap.request();
      box.dataset.pathPoints = String(points.length);
      box.dataset.runDone = s.done ? '1' : '0';
      if (s.params) out.set('end', `(${sci(s.params[i], 3)}, ${sci(s.params[j], 3)})`);
      out.set('loss', sci(s.evaluation.loss, 3), s.evaluation.loss);
      const hidden = s.evaluation.layers[0];
      out.set('state', hidden.dead[0] ? t('land.unitDead') : s.done ? t('land.finished') : t('land.running'), hidden.dead[0] ? 'dead' : 'live');
    }

    function apply(change) {
      config = mergeQuery(config, change);
      ctx.onConfig(config);
      data = null;
      return refresh();
    }

    return {
      run,
      start: () => {
        started = true;
        return refresh();
      },
      /** view from a link: the slice shown, 'wb', 'vc' or 'wv' (the last two need the 4-parameter model). */
      setView(view) {
        const next = model === 'two' && SLICES[view] ? view : 'wb';
        if (next === slice) return undefined;
        slice = next;
        sliceSel.value = slice;
        return refresh();
      },
      setConfig(query) {
        config = query;
        model = getKey(query, 'layers') === '1' ? 'two' : 'one';
        modelSel.value = model;
        sliceSel.input.disabled = model === 'one';
        lr.value = getKey(query, 'lr', '0.01');
        steps.value = getKey(query, 'steps', '1000');
        if (model === 'one') slice = 'wb';
        sliceSel.value = slice;
        data = null;
        if (started) refresh().catch(ctx.error); // a followed link changes a running page
      },
    };
  },
};
