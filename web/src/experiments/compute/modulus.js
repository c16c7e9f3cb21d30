// modulus.js: experiment 4, |x + iy| with a few ReLUs: each hidden unit's state, the
// success rate as the hidden layer widens, and the advice the question got (dropout of
// 10%, ELU, SELU) over the same seeds.
import { runToEnd } from './live.js';
import { mergeQuery } from '../../links/query.js';

export const WIDTHS = [1, 2, 3, 4, 5, 6, 8];
export const SEEDS = 40;
/** A run below this loss has learned the cone. */
export const SUCCESS_LOSS = 0.01;

/** Each unit of the first hidden layer: 'live', 'dormant', 'dead' or 'nan'. */
export function unitStates(evaluation) {
  const hidden = evaluation.layers[0];
  return Array.from({ length: hidden.units }, (_, u) => (hidden.nan[u] ? 'nan' : hidden.dead[u] ? 'dead' : hidden.dormant[u] ? 'dormant' : 'live'));
}

/** The width sweep's sweeps: seeds 1..SEEDS at every width. */
export const widthSpecs = (query) => WIDTHS.map((w) => ({ query: mergeQuery(query, { layers: w }), firstSeed: 1, seeds: SEEDS, successLoss: SUCCESS_LOSS }));

/** Seeds 1..SEEDS at every width: {rates (success), anyDead (share with a dead unit)} by width. */
export async function widthSweep(client, query, opts = {}) {
  const results = await client.sweepMany(widthSpecs(query), {}, opts);
  return {
    rates: results.map((r) => r.filter((o) => o.success).length / r.length),
    anyDead: results.map((r) => r.filter((o) => o.deadPerLayer[0] > 0).length / r.length),
  };
}

/** The advice the question got, each a change of the live run's configuration. */
export const ADVICE = [
  { key: 'relu', change: { act: 'relu', dropout: 0 } },
  { key: 'dropout', change: { act: 'relu', dropout: 0.1 } },
  { key: 'elu', change: { act: 'elu', dropout: 0 } },
  { key: 'selu', change: { act: 'selu', dropout: 0 } },
];

/** The advice's sweeps: seeds 1..SEEDS of each variant. */
export const adviceSpecs = (query) => ADVICE.map((a) => ({ query: mergeQuery(query, a.change), firstSeed: 1, seeds: SEEDS, successLoss: SUCCESS_LOSS }));

/** Each variant over seeds 1..SEEDS: [{key, success, anyDead, medianLoss}] (shares of the seeds; the median final loss). */
export async function compareAdvice(client, query, opts = {}) {
  const results = await client.sweepMany(adviceSpecs(query), {}, opts);
  return results.map((r, k) => {
    const losses = r.map((o) => o.finalLoss).sort((a, b) => a - b);
    const middle = losses.length >> 1;
    return {
      key: ADVICE[k].key,
      success: r.filter((o) => o.success).length / r.length,
      anyDead: r.filter((o) => o.deadPerLayer[0] > 0).length / r.length,
      medianLoss: losses.length % 2 ? losses[middle] : (losses[middle - 1] + losses[middle]) / 2,
    };
  });
}

/**
 * The checkable outcomes: the live run's end (loss, live, dead and collapsed units), the
 * success rate by width, or for each variant of the advice its success rate and share of
 * seeds with a dead unit.
 */
export async function measure(client, query, view) {
  if (view === 'sweep') {
    const { rates } = await widthSweep(client, query);
    return Object.fromEntries(WIDTHS.map((w, k) => [`success.w${w}`, rates[k]]));
  }
  if (view === 'advice') {
    const rows = await compareAdvice(client, query);
    return Object.fromEntries(rows.flatMap((r) => [[`success.${r.key}`, r.success], [`anyDead.${r.key}`, r.anyDead]]));
  }
  const snap = await runToEnd(client, query);
  const states = unitStates(snap.evaluation);
  return {
    finalLoss: snap.evaluation.loss,
    success: snap.evaluation.loss < SUCCESS_LOSS ? 1 : 0,
    liveUnits: states.filter((s) => s === 'live').length,
    deadUnits: states.filter((s) => s === 'dead').length,
    collapsedPairs: snap.evaluation.collapsed.filter((p) => p.layer === 0).length,
  };
}
