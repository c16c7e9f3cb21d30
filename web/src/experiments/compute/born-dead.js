// born-dead.js: experiment 6, born dead. How often a freshly initialised deep, narrow
// ReLU network maps an input to all zeros before any training (Lu et al. 2019), by
// depth, measured over many random inits with He and with randomized asymmetric
// initialization (RAI), beside the closed form 1 - (1 - 2^-N)^H for bias-free nets with
// symmetric weights.
import { mergeQuery } from '../../links/query.js';

export const DEPTHS = [1, 2, 3, 4, 5, 6, 7, 8];
export const TRIALS = [500, 2000, 5000];
export const DEFAULT_TRIALS = 2000;
export const WIDTHS = { min: 1, max: 8 };

/** P(a fixed input x != 0 maps to all zeros) for depth H, width N, symmetric bias-free weights. */
export const formula = (width, depth) => 1 - (1 - 2 ** -width) ** depth;

/** The width of a configuration's hidden layers (the first one's). */
export const widthOf = (values) => Number(values.get('layers').split(',')[0]);
/** The layers key of `depth` layers of `width`. */
export const layersOf = (width, depth) => Array.from({ length: depth }, () => width).join(',');

/** The share of dead networks at every depth: {he, rai, exact}; onDepth() after each probe. */
export async function probe(client, query, width, trials, { onDepth, signal } = {}) {
  const one = async (depth, change) => {
    const r = await client.bornDead(mergeQuery(query, { layers: layersOf(width, depth), ...change }), trials, { seed: 1, chunk: 1000 }, { signal });
    onDepth?.();
    return r.deadNetworkFraction;
  };
  const he = await Promise.all(DEPTHS.map((d) => one(d, { init: 'he_normal', bias: 0 })));
  const rai = await Promise.all(DEPTHS.map((d) => one(d, { init: 'rai', bias: 1 })));
  return { he, rai, exact: DEPTHS.map((d) => formula(width, d)) };
}

/**
 * The checkable outcomes at the configuration's width: the measured share at depth 8
 * (He and RAI), the formula's, and the largest gap between He and the formula over all
 * depths in binomial standard errors.
 */
export async function measure(client, query, view, values) {
  const width = widthOf(values);
  const { he, rai, exact } = await probe(client, query, width, DEFAULT_TRIALS);
  const last = DEPTHS.length - 1;
  const z = he.map((m, k) => Math.abs(m - exact[k]) / Math.sqrt(Math.max(exact[k] * (1 - exact[k]), 1e-12) / DEFAULT_TRIALS));
  return { heDeepest: he[last], raiDeepest: rai[last], formulaDeepest: exact[last], maxStandardErrors: Math.max(...z) };
}
