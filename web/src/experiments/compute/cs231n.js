// cs231n.js: experiment 5, the CS231n spiral (3 arms of 100 points, a 2-100-3 softmax
// network, full-batch gradient descent with L2): the dead fraction of a run and the dead
// fraction against the step size.
import { runToEnd } from './live.js';
import { mergeQuery } from '../../links/query.js';

export const LRS = [0.1, 0.3, 1, 2, 3, 4, 5, 10];
/** The sweep trains every rate for 3000 steps, 2 seeds each: the dead fraction has settled by then, and the curve takes under a minute on two cores. */
export const SWEEP_STEPS = 3000;
export const SWEEP_SEEDS = 2;

/** The learning-rate sweep's sweeps: SWEEP_SEEDS seeds from the configuration's, SWEEP_STEPS steps, at every rate. */
export const lrSpecs = (query, values) => LRS.map((r) => ({ query: mergeQuery(query, { lr: r, steps: SWEEP_STEPS }), seeds: SWEEP_SEEDS, firstSeed: Number(values.get('seed')), successLoss: 1e-6 }));

/** Dead fraction and accuracy at every rate of LRS (means over the seeds from the configuration's seed). */
export async function lrSweep(client, query, values, opts = {}) {
  const results = await client.sweepMany(lrSpecs(query, values), { chunk: 1 }, opts);
  const units = Number(values.get('layers').split(',')[0]);
  return {
    dead: results.map((r) => r.reduce((s, o) => s + o.deadPerLayer[0] / units, 0) / r.length),
    accuracy: results.map((r) => r.reduce((s, o) => s + (o.accuracy ?? 0), 0) / r.length),
  };
}

/**
 * The checkable outcomes: the live run's end (dead fraction at step 500 and at the end,
 * the largest fall of the dead fraction between two records, accuracy, and the accuracy
 * of a linear softmax classifier trained the same way), or the dead fraction at every rate.
 */
export async function measure(client, query, view, values) {
  if (view === 'sweep') {
    const { dead, accuracy } = await lrSweep(client, query, values);
    return Object.fromEntries(LRS.flatMap((r, k) => [[`dead.lr${r}`, dead[k]], [`accuracy.lr${r}`, accuracy[k]]]));
  }
  const snap = await runToEnd(client, query);
  const hidden = snap.evaluation.layers[0];
  const dead = snap.trace.dead[0];
  const at500 = snap.trace.step.findIndex((s) => s >= 500);
  let falls = 0;
  for (let k = 1; k < dead.length; k++) falls = Math.max(falls, dead[k - 1] - dead[k]);
  const linear = await runToEnd(client, mergeQuery(query, { layers: null }));
  return {
    deadFraction: hidden.deadFraction,
    deadAt500: dead[at500],
    deadFalls: falls,
    accuracy: snap.evaluation.accuracy,
    finalLoss: snap.evaluation.loss,
    linearAccuracy: linear.evaluation.accuracy,
  };
}
