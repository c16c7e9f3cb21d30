// landscape.js: experiment 2, the loss of relu(w x + b) over (w, b), and of
// v relu(w x + b) + c over 2-D slices of its four parameters: the grid of the maps, the
// basin map's classes, a run's path through the slice, and the 'runs' view: the
// 4-parameter model trained from many random starts, sorted by which way each start and
// each end is flipped.
import { runToEnd } from './live.js';
import { mergeQuery } from '../../links/query.js';
import { CancelledError } from '../../engine/client.js';

export const EXTENT = [-3, 3, -3, 3];
export const NAMES = { one: ['w', 'b'], two: ['w', 'b', 'v', 'c'] };
/** The parameters each view shows: its x and y axes (indices into the parameters). */
export const SLICES = { wb: [0, 1], vc: [2, 3], wv: [0, 2] };
export const BASIN_SIZE = 32;
export const MAP_SIZE = 64;
export const BASIN_CLASSES = ['reached', 'dead', 'stuck', 'diverged'];

/** The views of the 4-parameter model: its slices, and its runs from random starts (drawn in the (w, v) plane). */
export const TWO_VIEWS = [...Object.keys(SLICES), 'runs'];

/** The view a link or the menu asks for, within what `model` has (the 1-parameter-pair model has only wb). */
export const viewFor = (model, view) => (model === 'two' && TWO_VIEWS.includes(view) ? view : 'wb');

/** 'one' (relu(w x + b)) or 'two' (v relu(w x + b) + c), from the configuration. */
export const modelOf = (values) => (values.get('layers') === '1' ? 'two' : 'one');

/** The change of configuration that switches to `model` (its default start). */
export const MODEL_CHANGE = {
  one: { layers: null, out: 'relu', weights: '0.5,0' },
  two: { layers: '1', out: 'linear', weights: '0.5,0,1,0' },
};

/** The slice the maps show for a view: the runs are drawn over the (w, v) slice. */
export const sliceFor = (model, view) => {
  const v = viewFor(model, view);
  return v === 'runs' ? 'wv' : v;
};

/** The grid of a map of `view`, n x n points over EXTENT. */
export function gridOf(view, n) {
  const [i, j] = SLICES[view];
  return { i, j, x0: EXTENT[0], x1: EXTENT[1], y0: EXTENT[2], y1: EXTENT[3], nx: n, ny: n };
}

/** The starting parameters of a configuration. */
export const startOf = (values) => values.get('weights').split(',').map(Number);

/**
 * Where training from one start ended. Dead: the unit's line w x + b is <= 0 on every
 * training point. When the slice holds (w, b) the basin map returns their end, which
 * decides it exactly; otherwise a loss equal to that of a constant output (zero, or the
 * mean of the targets) does. Reached: within 1e-3 of the best final loss of the map.
 */
export function classifyEnd({ loss, diverged, floor, endX, endY }, view, data) {
  if (diverged || !Number.isFinite(loss)) return 'diverged';
  if (loss < floor + 1e-3) return 'reached';
  if (view === 'wb') {
    let max = -Infinity;
    for (let k = 0; k < data.x.length; k++) max = Math.max(max, endX * data.x[k] + endY);
    return max <= 0 ? 'dead' : 'stuck';
  }
  const y = Array.from(data.y);
  const mean = y.reduce((s, v) => s + v, 0) / y.length;
  const constants = [y.reduce((s, v) => s + v * v, 0) / y.length, y.reduce((s, v) => s + (v - mean) ** 2, 0) / y.length];
  return constants.some((d) => Math.abs(loss - d) < 1e-4 * Math.max(1, d)) ? 'dead' : 'stuck';
}

/** The basin map of `view`: {kinds (y outer), shares: {class: fraction}}. */
export async function basinMap(client, query, view, data, opts = {}) {
  const b = await client.basin(query, gridOf(view, BASIN_SIZE), opts);
  const floor = Math.min(...Array.from(b.finalLoss).filter(Number.isFinite));
  const kinds = Array.from(b.finalLoss, (loss, k) => classifyEnd({ loss, diverged: b.diverged[k], floor, endX: b.endX[k], endY: b.endY[k] }, view, data));
  const shares = Object.fromEntries(BASIN_CLASSES.map((c) => [c, kinds.filter((v) => v === c).length / kinds.length]));
  return { kinds, shares };
}

/** A run's path through the slice `view`: [[x, y], ...] from the trace, ending where it is now. */
export function pathOf(snap, view) {
  const [i, j] = SLICES[view];
  const xs = snap.trace.params[i] ?? [];
  const ys = snap.trace.params[j] ?? [];
  const points = xs.map((v, k) => [v, ys[k]]);
  if (snap.params) points.push([snap.params[i], snap.params[j]]);
  return points;
}

/** How many starts the 'runs' view trains from. */
export const RUN_SEEDS = 200;

/**
 * Which way a start or an end of v relu(w x + b) + c is flipped against the target
 * relu(x): '++' as the target, '+-' upside down (v < 0), '-+' mirrored left-right (w < 0:
 * the unit fires on the other side), '--' both.
 */
export const ORIENTATIONS = ['++', '+-', '-+', '--'];
export const orientationOf = ([w, , v]) => `${w > 0 ? '+' : '-'}${v > 0 ? '+' : '-'}`;

/** Where a run ends: learned (loss below 1e-3), its unit dead, else the way its end is flipped. */
export const RUN_ENDS = ['learned', 'dead', '--', '+-', '-+', '++'];
export const endOf = ({ loss, dead, end }) => (loss < 1e-3 ? 'learned' : dead ? 'dead' : orientationOf(end));

/**
 * The 4-parameter model trained from RUN_SEEDS starts drawn as Keras draws a Dense
 * layer's (weights glorot_uniform, biases 0): per seed {seed, start, end, loss, dead,
 * path} (path: the (w, v) points of its trace), a few runs at a time on the client's workers.
 */
export async function runsFromStarts(client, query, { seeds = RUN_SEEDS, signal, onProgress } = {}) {
  const runs = [];
  const batch = 8;
  for (let first = 1; first <= seeds; first += batch) {
    if (signal?.aborted) throw new CancelledError();
    const last = Math.min(seeds, first + batch - 1);
    const done = await Promise.all(Array.from({ length: last - first + 1 }, async (_, k) => {
      const seed = first + k;
      const snap = await runToEnd(client, mergeQuery(query, { seed, weights: null, init: 'glorot_uniform' }));
      const start = snap.trace.params.map((p) => p[0]);
      return { seed, start, end: snap.params, loss: snap.evaluation.loss, dead: snap.evaluation.layers[0].dead[0], path: pathOf(snap, 'wv') };
    }));
    runs.push(...done);
    onProgress?.(runs.length, seeds);
  }
  return runs;
}

/** Counts of the runs by the way they start (rows, ORIENTATIONS) and where they end (RUN_ENDS). */
export function runsTable(runs) {
  const table = Object.fromEntries(ORIENTATIONS.map((o) => [o, Object.fromEntries(RUN_ENDS.map((e) => [e, 0]))]));
  for (const r of runs) table[orientationOf(r.start)][endOf(r)]++;
  return table;
}

/**
 * The runs' checkable outcomes: per starting orientation, the shares that learn, die or
 * end flipped both ways (those the lesson states); over all runs, the share in which w, or v, ends with the other
 * sign than it started with; the mean final loss of the runs that end flipped both ways.
 */
export function runsMeasure(runs) {
  const table = runsTable(runs);
  const share = (o, e) => {
    const n = Object.values(table[o]).reduce((s, v) => s + v, 0);
    return n ? table[o][e] / n : NaN;
  };
  const both = runs.filter((r) => endOf(r) === '--');
  return {
    learnedAsTarget: share('++', 'learned'),
    learnedUpsideDown: share('+-', 'learned'),
    learnedMirrored: share('-+', 'learned'),
    deadMirrored: share('-+', 'dead'),
    bothFromMirrored: share('-+', '--'),
    stayBoth: share('--', '--'),
    wCrossed: runs.filter((r) => Math.sign(r.end[0]) !== Math.sign(r.start[0])).length / runs.length,
    vCrossed: runs.filter((r) => Math.sign(r.end[2]) !== Math.sign(r.start[2])).length / runs.length,
    bothLoss: both.reduce((s, r) => s + r.loss, 0) / both.length,
  };
}

/**
 * The checkable outcomes of the run from the configured start, drawn on slice `view`:
 * its path (points drawn, distance from start to end), its final loss, whether the unit
 * ends dead and on what share of the points it fires; and the basin map's shares.
 */
export async function measure(client, query, view, values) {
  if (viewFor(modelOf(values), view) === 'runs') return runsMeasure(await runsFromStarts(client, query));
  const slice = sliceFor(modelOf(values), view);
  const snap = await runToEnd(client, query);
  const path = pathOf(snap, slice);
  const [x0, y0] = path[0];
  const [x1, y1] = path[path.length - 1];
  const basin = await basinMap(client, query, slice, snap.data);
  return {
    pathPoints: path.length,
    moved: Math.hypot(x1 - x0, y1 - y0),
    finalLoss: snap.evaluation.loss,
    unitDead: snap.evaluation.layers[0].dead[0] ? 1 : 0,
    finalFiringRate: snap.evaluation.layers[0].firingRate[0],
    reached: basin.shares.reached,
    dead: basin.shares.dead,
    stuck: basin.shares.stuck,
    diverged: basin.shares.diverged,
  };
}
