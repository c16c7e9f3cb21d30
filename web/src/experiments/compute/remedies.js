// remedies.js: experiment 8, remedies side by side: the same problem, seed and data,
// trained once per remedy, each changing one thing. What each run's row reports.
import { runToEnd } from './live.js';
import { mergeQuery } from '../../links/query.js';
import { experiment } from '../registry.js';

/** The problems: the spiral at step size 5 (the experiment's default), and the adder with seed 3, whose output unit is dead from the start. */
export const PROBLEMS = {
  spiral: experiment('remedies').config,
  adder: mergeQuery(experiment('adder').config, { seed: 3 }),
};
/** The problem a configuration is (the adder's task, else the spiral). */
export const problemOf = (values) => (values.get('task') === 'add2' ? 'adder' : 'spiral');

// An activation remedy replaces every ReLU: the hidden units', and the output's when it
// is a ReLU (the adder's), since a dead ReLU output freezes the whole network.
const everywhere = (act, values) => ({ act, ...(values.get('out') === 'relu' ? { out: act } : {}) });

/** Steps in one pass over the training set (an epoch): one for a full batch, else the batches it takes (shape: the engine's parse's). */
export function stepsPerEpoch(values, shape) {
  const batch = Number(values.get('batch'));
  return batch > 0 && batch < shape.points ? Math.ceil(shape.points / batch) : 1;
}

/** The remedies, in table order: key, the change it makes to the problem's configuration, and whether it is shown at first. */
export const REMEDIES = [
  { key: 'baseline', change: () => ({}), on: true },
  { key: 'leaky', change: (values, alpha) => ({ ...everywhere('leaky', values), alpha }), on: true },
  { key: 'elu', change: (values) => everywhere('elu', values) },
  { key: 'selu', change: (values) => ({ ...everywhere('selu', values), init: 'lecun_normal', sigma: null }) },
  { key: 'he', change: () => ({ init: 'he_normal', sigma: null }) },
  { key: 'bias', change: () => ({ binit: 0.01 }) },
  { key: 'lowlr', change: (values) => ({ lr: Number(values.get('lr')) / 5 }), on: true },
  { key: 'adam', change: () => ({ opt: 'adam', lr: 0.01 }) },
  { key: 'dropout', change: () => ({ dropout: 0.2 }) },
  { key: 'revive', change: () => ({ revive: 100 }), on: true },
  { key: 'redraw', change: (values, alpha, shape) => ({ revive: stepsPerEpoch(values, shape), revive_rule: 'negative' }) },
  { key: 'biasL2', change: () => ({ l2_bias: 0.01 }) },
];
export const DEFAULT_ALPHA = 0.01;

/** The configuration of `remedy` on the problem `query` (values: its full configuration; shape: its parse's). */
export const remedyQuery = (query, values, shape, remedy, alpha = DEFAULT_ALPHA) => mergeQuery(query, remedy.change(values, alpha, shape));

/** The hidden units dead, as a share, at trace record k. */
function hiddenDeadAt(snap, k) {
  const sizes = snap.evaluation.sizes.slice(1, -1);
  const total = sizes.reduce((a, b) => a + b, 0);
  return sizes.reduce((a, units, l) => a + units * (snap.trace.dead[l]?.[k] ?? 0), 0) / total;
}

/** The share of hidden units dead at every trace record (the dead-fraction chart). */
export const hiddenDeadSeries = (snap) => snap.trace.step.map((_, k) => hiddenDeadAt(snap, k));

/**
 * What a run's row reports: step, loss, accuracy, state; hidden units dead now and the
 * share dead on average over the last third of the steps so far (from the trace); the
 * output unit's state when it is a ReLU; and for a run that revives units, how many were
 * dead just before each revival in the last third of the run (mean and most).
 */
export function rowOf(snap) {
  const ev = snap.evaluation;
  const hidden = ev.layers.filter((l) => !l.output);
  const output = ev.layers[ev.layers.length - 1];
  const units = hidden.reduce((a, l) => a + l.units, 0);
  const since = (2 / 3) * snap.step;
  const recent = snap.trace.step.map((s, k) => [s, k]).filter(([s]) => s >= since).map(([, k]) => hiddenDeadAt(snap, k));
  const revived = snap.revivals.step.map((s, k) => [s, snap.revivals.dead[k]]).filter(([s]) => s >= since).map(([, d]) => d / units);
  return {
    step: snap.step,
    loss: ev.loss,
    accuracy: ev.accuracy,
    state: snap.state,
    units,
    deadNow: hidden.reduce((a, l) => a + l.deadCount, 0),
    deadMean: recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : NaN,
    outputDead: output.relu ? (output.deadCount === output.units ? 1 : 0) : null,
    revivals: snap.revivals.step.length,
    deadBeforeRevival: revived.length ? revived.reduce((a, b) => a + b, 0) / revived.length : null,
    deadBeforeRevivalMax: revived.length ? Math.max(...revived) : null,
  };
}

/** The checkable outcomes: every remedy run to its end on the problem, its row's numbers by remedy. */
export async function measure(client, query, view, values) {
  const out = {};
  const { shape } = await client.parse(query);
  for (const remedy of REMEDIES) {
    const row = rowOf(await runToEnd(client, remedyQuery(query, values, shape, remedy)));
    for (const [name, value] of Object.entries(row)) if (typeof value === 'number') out[`${name}.${remedy.key}`] = name === 'deadNow' ? value / row.units : value;
  }
  return out;
}
