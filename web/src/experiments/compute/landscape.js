// landscape.js: experiment 2, the loss of relu(w x + b) over (w, b), and of
// v relu(w x + b) + c over 2-D slices of its four parameters: the grid of the maps, the
// basin map's classes, and a run's path through the slice.
import { runToEnd } from './live.js';

export const EXTENT = [-3, 3, -3, 3];
export const NAMES = { one: ['w', 'b'], two: ['w', 'b', 'v', 'c'] };
/** The parameters each view shows: its x and y axes (indices into the parameters). */
export const SLICES = { wb: [0, 1], vc: [2, 3], wv: [0, 2] };
export const BASIN_SIZE = 32;
export const MAP_SIZE = 64;
export const BASIN_CLASSES = ['reached', 'dead', 'stuck', 'diverged'];

/** 'one' (relu(w x + b)) or 'two' (v relu(w x + b) + c), from the configuration. */
export const modelOf = (values) => (values.get('layers') === '1' ? 'two' : 'one');

/** The change of configuration that switches to `model` (its default start). */
export const MODEL_CHANGE = {
  one: { layers: null, out: 'relu', weights: '0.5,0' },
  two: { layers: '1', out: 'linear', weights: '0.5,0,1,0' },
};

/** The view a slice name asks for, within what `model` has. */
export const sliceFor = (model, view) => (model === 'two' && SLICES[view] ? view : 'wb');

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

/**
 * The checkable outcomes of the run from the configured start, drawn on slice `view`:
 * its path (points drawn, distance from start to end), its final loss, whether the unit
 * ends dead and on what share of the points it fires; and the basin map's shares.
 */
export async function measure(client, query, view, values) {
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
