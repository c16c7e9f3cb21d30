// single.js: experiment 1, one ReLU learning a ReLU (the Keras question):
// y_hat = relu(w x), no bias, target relu(x), x ~ N(0, 1), fresh batches, MSE, plain SGD.
import { runToEnd, paramsAfter } from './live.js';
import { mergeQuery } from '../../links/query.js';

/** Population loss of relu(w x) against relu(x), x ~ N(0, 1): (1 + w²)/2 for w <= 0, (w - 1)²/2 for w >= 0. */
export const populationLoss = (w) => (w <= 0 ? (1 + w * w) / 2 : ((w - 1) ** 2) / 2);

/** The seeds the experiment's seed slider offers. */
export const SEEDS = { min: 1, max: 50 };

/** Steps per epoch of the Keras view: the question's epochs of 100 batches. */
export const EPOCH_STEPS = 100;

/**
 * The loss as Keras logs it, from a trace with batch losses (config batch_loss): for each
 * complete epoch of EPOCH_STEPS steps, the mean of its batches' losses, each taken before
 * its update, and w at the epoch's end: {epoch: [1, 2, ...], loss, w}. Exact when the
 * records fall on every epoch's last step (a record every step, as the experiment has).
 */
export function epochView(trace) {
  const out = { epoch: [], loss: [], w: [] };
  let sum = 0;
  let steps = 0;
  let previous = 0;
  trace.step.forEach((step, r) => {
    if (step === 0 || r >= trace.batchLoss.length) return;
    sum += trace.batchLoss[r] * (step - previous);
    steps += step - previous;
    previous = step;
    if (step % EPOCH_STEPS !== 0) return;
    out.epoch.push(step / EPOCH_STEPS);
    out.loss.push(sum / steps);
    out.w.push(trace.params[0]?.[r] ?? NaN);
    sum = 0;
    steps = 0;
  });
  return out;
}

const learned = (w) => Math.abs(w - 1) < 0.01;

/**
 * In the 'epochs' view: the loss at the start, the epoch means of epochs 1 to 4
 * (epochView), the lowest and highest of the epochs from the sixth on, the number of
 * epochs and the final w. Else a run's checkable outcomes: its final w, loss and firing rate, w after the first step,
 * the first traced step at which w is within 1% of 1; over every seed the slider offers,
 * how many end at w = 1 (within 1%) and how many just below 0 (in (-1e-6, 0)); and the
 * share of those seeds that learn when w starts as Keras starts a 1x1 Dense layer
 * (glorot_uniform, symmetric around 0) instead of at the configured weight.
 */
export async function measure(client, query, view) {
  const snap = await runToEnd(client, query);
  if (view === 'epochs') {
    const epochs = epochView(snap.trace);
    const at = (e) => epochs.loss[e - 1];
    const late = epochs.loss.slice(5);
    return { startLoss: snap.trace.loss[0], epoch1: at(1), epoch2: at(2), epoch3: at(3), epoch4: at(4), lateMin: Math.min(...late), lateMax: Math.max(...late), epochs: epochs.epoch.length, finalW: snap.params[0] };
  }
  const [wAfterStep1] = await paramsAfter(client, query, 1);
  const ws = snap.trace.params[0];
  const first = ws.findIndex(learned);
  let seedsLearning = 0;
  let seedsStuck = 0;
  let glorot = 0;
  for (let seed = SEEDS.min; seed <= SEEDS.max; seed++) {
    const [w] = await paramsAfter(client, mergeQuery(query, { seed }), Infinity);
    if (learned(w)) seedsLearning++;
    if (w < 0 && w > -1e-6) seedsStuck++;
    const [g] = await paramsAfter(client, mergeQuery(query, { seed, weights: null, init: 'glorot_uniform' }), Infinity);
    if (learned(g)) glorot++;
  }
  return {
    finalW: snap.params[0],
    finalLoss: snap.evaluation.loss,
    firingRate: snap.evaluation.layers[0].firingRate[0],
    wAfterStep1,
    stepsToOne: first < 0 ? Infinity : snap.trace.step[first],
    seedsLearning,
    seedsStuck,
    glorotLearning: glorot / (SEEDS.max - SEEDS.min + 1),
  };
}
