// born-dead.js: experiment 6, born dead. How often a freshly initialised deep, narrow
// ReLU network maps an input to all zeros before any training (Lu et al. 2019), by
// depth up to 50, measured over many random inits with He and with randomized
// asymmetric initialization (RAI), beside the closed form 1 - (1 - 2^-N)^H for
// bias-free nets with symmetric weights; and how often it is constant on the whole
// interval [-1, 1] (dead at x = -1 and at x = 1: a bias-free net is then zero on all of
// it, since it is positively homogeneous).
import { mergeQuery } from '../../links/query.js';

export const DEPTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 40, 50];
export const TRIALS = [500, 2000, 5000];
export const DEFAULT_TRIALS = 2000;
export const WIDTHS = { min: 1, max: 10 };
/** The two inputs of the interval curve, x = -1 and x = 1 (task=custom points; the targets are unused). */
export const INTERVAL_POINTS = '-1,0,1,1';

/** P(a fixed input x != 0 maps to all zeros) for depth H, width N, symmetric bias-free weights. */
export const formula = (width, depth) => 1 - (1 - 2 ** -width) ** depth;

/** The width of a configuration's hidden layers (the first one's). */
export const widthOf = (values) => Number(values.get('layers').split(',')[0]);
/** The layers key of `depth` layers of `width`. */
export const layersOf = (width, depth) => Array.from({ length: depth }, () => width).join(',');

/**
 * The share of dead networks at every depth of DEPTHS: {he, rai, interval, exact}
 * (interval: He networks dead on both -1 and 1); onDepth() after each probe.
 */
export async function probe(client, query, width, trials, { onDepth, signal } = {}) {
  const one = async (depth, change) => {
    const r = await client.bornDead(mergeQuery(query, { layers: layersOf(width, depth), ...change }), trials, { seed: 1, chunk: 1000 }, { signal });
    onDepth?.();
    return r.deadNetworkFraction;
  };
  const he = await Promise.all(DEPTHS.map((d) => one(d, { init: 'he_normal', bias: 0 })));
  const rai = await Promise.all(DEPTHS.map((d) => one(d, { init: 'rai', bias: 1 })));
  const interval = await Promise.all(DEPTHS.map((d) => one(d, { init: 'he_normal', bias: 0, points: INTERVAL_POINTS })));
  return { he, rai, interval, exact: DEPTHS.map((d) => formula(width, d)) };
}

/**
 * The paper's trained case: |x| on 21 points of [-1, 1] with 10 hidden layers of width
 * 2, Adam at 0.001 for 5000 full-batch steps, biases starting at 0; once with He
 * initialization, once with RAI. A run ends at a constant function when some hidden
 * layer outputs zero on every training point.
 */
export const ABS_POINTS = Array.from({ length: 21 }, (_, k) => { const x = Math.round((k / 10 - 1) * 10) / 10; return `${x},${Math.abs(x)}`; }).join(',');
export const COLLAPSE = { depth: 10, width: 2, seeds: 200, successLoss: 1e-3 };
const COLLAPSE_INITS = [{ key: 'he', change: { init: 'he_normal' } }, { key: 'rai', change: { init: 'rai' } }];
export const collapseSpecs = (query) => COLLAPSE_INITS.map(({ change }) => ({
  query: mergeQuery(query, { task: 'custom', dim: 1, points: ABS_POINTS, layers: layersOf(COLLAPSE.width, COLLAPSE.depth), bias: 1, binit: 0, opt: 'adam', lr: 0.001, steps: 5000, ...change }),
  firstSeed: 1,
  seeds: COLLAPSE.seeds,
  successLoss: COLLAPSE.successLoss,
}));
/** Both sweeps: [{key, constant, success}] (shares of the seeds). */
export async function collapseSweep(client, query, opts = {}) {
  const results = await client.sweepMany(collapseSpecs(query), {}, opts);
  return results.map((runs, k) => ({
    key: COLLAPSE_INITS[k].key,
    constant: runs.filter((o) => o.deadPerLayer.slice(0, -1).some((dead) => dead === COLLAPSE.width)).length / runs.length,
    success: runs.filter((o) => o.success).length / runs.length,
  }));
}

/** How many binomial standard errors of `trials` draws the measured share lies from the formula's. */
export const standardErrors = (measured, exact, trials) => Math.abs(measured - exact) / Math.sqrt(Math.max(exact * (1 - exact), 1e-12) / trials);

/**
 * The checkable outcomes: in the 'collapse' view, the shares of the trained |x| runs
 * that end constant and that learn, by initialization; else at the configuration's
 * width, the measured shares at depths 8, 10 and 50 (He, RAI, and He on the whole
 * interval), RAI's share over He's at depth 10 and how much less often a network is
 * dead on the whole interval than on one input, the gap between He and the formula in
 * binomial standard errors at depths 10, 20 and 50, and the largest gap over all depths.
 */
export async function measure(client, query, view, values) {
  if (view === 'collapse') {
    const rows = await collapseSweep(client, query);
    return Object.fromEntries(rows.flatMap((r) => [[`constant.${r.key}`, r.constant], [`success.${r.key}`, r.success]]));
  }
  const width = widthOf(values);
  const { he, rai, interval, exact } = await probe(client, query, width, DEFAULT_TRIALS);
  const at = (list, depth) => list[DEPTHS.indexOf(depth)];
  const z = he.map((m, k) => standardErrors(m, exact[k], DEFAULT_TRIALS));
  const out = { maxStandardErrors: Math.max(...z), 'raiOverHe.d10': at(rai, 10) / at(he, 10), 'intervalGap.d10': at(he, 10) - at(interval, 10) };
  for (const d of [8, 10, 50]) Object.assign(out, { [`he.d${d}`]: at(he, d), [`rai.d${d}`]: at(rai, d), [`interval.d${d}`]: at(interval, d), [`formula.d${d}`]: at(exact, d) });
  for (const d of [10, 20, 50]) out[`z.d${d}`] = at(z, d);
  return out;
}
