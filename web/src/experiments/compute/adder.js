// adder.js: experiment 3, the 2-4-4-1 network that adds two numbers: a run's verdict,
// the seed sweep and the comparison of activations and optimizers over the same seeds.
import { runToEnd } from './live.js';
import { summarize } from './sweep.js';
import { mergeQuery } from '../../links/query.js';

/** A run below this loss has learned the sum. */
export const SUCCESS_LOSS = 1e-3;
/** A run still improving: its loss fell by more than this share over the last tenth of its steps (the engine's rule). */
export const IMPROVING_DROP = 1e-4;
export const SWEEP_SEEDS = [50, 100, 200, 400, 1000, 2000];
export const DEFAULT_SEEDS = 200;
export const COMPARE_SEEDS = 100;

/**
 * The variants of the comparison: each changes the activation, the output's, the
 * optimizer or how biases learn (the question's code: b -= lr * b, `bias_update=decay`).
 */
const CORRECT = { bias_update: 'gradient' };
export const VARIANTS = [
  { key: 'relu', change: { act: 'relu', out: 'relu', opt: 'sgd', ...CORRECT } },
  { key: 'reluLinear', change: { act: 'relu', out: 'linear', opt: 'sgd', ...CORRECT } },
  { key: 'leaky', change: { act: 'leaky', out: 'leaky', opt: 'sgd', ...CORRECT } },
  { key: 'elu', change: { act: 'elu', out: 'elu', opt: 'sgd', ...CORRECT } },
  { key: 'tanh', change: { act: 'tanh', out: 'linear', opt: 'sgd', ...CORRECT } },
  { key: 'sigmoid', change: { act: 'sigmoid', out: 'linear', opt: 'sgd', ...CORRECT } },
  { key: 'momentum', change: { act: 'relu', out: 'relu', opt: 'momentum', ...CORRECT } },
  { key: 'adam', change: { act: 'relu', out: 'relu', opt: 'adam', ...CORRECT } },
  { key: 'biasDecay', change: { act: 'relu', out: 'relu', opt: 'sgd', bias_update: 'decay' } },
];

/**
 * The verdict on a live run, by the rule the engine's sweep applies to a finished one:
 * 'diverged', 'solved' (loss below SUCCESS_LOSS), 'outputDead' (its ReLU output fires on
 * no point: nothing can change), 'layerDead' (a whole ReLU hidden layer is dead), else
 * 'training' until it has taken its steps, then 'improving' or 'stuck'. Where the
 * biases keep moving whatever the data (biasesDrift), a dead output or layer can fire
 * again: until the run ends that is 'outputDeadForNow' or 'training', not frozen.
 */
export function verdict(snap, { biasesDrift = false } = {}) {
  const ev = snap.evaluation;
  if (snap.state === 'diverged' || !Number.isFinite(ev.loss)) return 'diverged';
  if (ev.loss < SUCCESS_LOSS) return 'solved';
  const output = ev.layers[ev.layers.length - 1];
  const outputDead = output.relu && output.deadCount === output.units;
  if (biasesDrift && !snap.done) return outputDead ? 'outputDeadForNow' : 'training';
  if (outputDead) return 'outputDead';
  if (ev.layers.some((l) => !l.output && l.relu && l.deadCount === l.units)) return 'layerDead';
  if (!snap.done) return 'training';
  return stillImproving(ev.lossAtLastTenth, ev.loss) ? 'improving' : 'stuck';
}

/** Whether a configuration (its values) moves the biases without the data: b -= lr * b, or an L2 penalty on them. */
export const biasesDrift = (values) => values.get('bias_update') === 'decay' || Number(values.get('l2_bias')) > 0;

/** The engine's rule for a run that ended: its loss fell by more than IMPROVING_DROP over the last tenth of the steps. */
export function stillImproving(before, after) {
  return Number.isFinite(before) && before > 0 && before - after > IMPROVING_DROP * before;
}

/** The sweep of seeds 1..n of `query`: {query, firstSeed, seeds, successLoss}. */
export const sweepSpec = (query, n) => ({ query, firstSeed: 1, seeds: n, successLoss: SUCCESS_LOSS });

/** Seeds 1..n of `query`: one outcome per seed. */
export function seedSweep(client, query, n, opts = {}) {
  const { firstSeed, seeds, successLoss } = sweepSpec(query, n);
  return client.sweep(query, { firstSeed, seeds, successLoss }, opts);
}

/** The comparison's sweeps: one per variant, seeds 1..n each. */
export const variantSpecs = (query, n) => VARIANTS.map((v) => sweepSpec(mergeQuery(query, v.change), n));

/** Every variant over seeds 1..n: [{key, outcomes, summary}]. */
export async function compareVariants(client, query, n, opts = {}) {
  const results = await client.sweepMany(variantSpecs(query, n), {}, opts);
  return results.map((outcomes, k) => ({ key: VARIANTS[k].key, outcomes, summary: summarize(outcomes) }));
}

/**
 * The checkable outcomes of a view: the live run's end (and whether its output was
 * dead before the first step, its loss after 5000 epochs and how often the loss rose
 * from one trace record to the next); the sweep's failure rate, the shares of its
 * failures with a dead output and still improving, the share of seeds whose output is
 * dead before the first step, and the share of those whose output fires again by the
 * end; or for each variant the failure rate, the share of seeds with a dead output and
 * the share of failures still improving, and how many fewer seeds fail under
 * bias_update=decay than under the correct rule.
 */
export async function measure(client, query, view) {
  if (view === 'sweep') {
    const outcomes = await seedSweep(client, query, DEFAULT_SEEDS);
    const s = summarize(outcomes);
    const atStart = await client.sweep(mergeQuery(query, { steps: 0 }), { firstSeed: 1, seeds: DEFAULT_SEEDS, successLoss: SUCCESS_LOSS });
    const deadAtStart = atStart.filter((o) => o.outputDead).map((o) => o.seed);
    const bySeed = new Map(outcomes.map((o) => [o.seed, o]));
    const firesAgain = deadAtStart.filter((seed) => !bySeed.get(seed).outputDead).length;
    return {
      failureRate: s.failureRate,
      outputDeadShare: s.failed ? s.by.output_dead / s.failed : 0,
      improvingShare: s.failed ? s.by.improving / s.failed : 0,
      outputDeadAtStart: deadAtStart.length / atStart.length,
      outputFiresAgain: deadAtStart.length ? firesAgain / deadAtStart.length : 0,
    };
  }
  if (view === 'compare') {
    const out = {};
    for (const { key, summary } of await compareVariants(client, query, COMPARE_SEEDS)) {
      out[`failureRate.${key}`] = summary.failureRate;
      out[`outputDead.${key}`] = summary.by.output_dead / summary.total;
      out[`improvingShare.${key}`] = summary.failed ? summary.by.improving / summary.failed : 0;
    }
    // the question's update of the biases against the correct one, over the same seeds
    out.fewerFailuresWithDecay = out['failureRate.relu'] - out['failureRate.biasDecay'];
    return out;
  }
  const snap = await runToEnd(client, query);
  const ev = snap.evaluation;
  const output = ev.layers[ev.layers.length - 1];
  const { step, loss, dead } = snap.trace;
  const at5000Epochs = step.indexOf(5000 * snap.data.n);
  return {
    finalLoss: ev.loss,
    lossAt5000: at5000Epochs >= 0 ? loss[at5000Epochs] : NaN,
    lossRises: loss.filter((l, k) => k > 0 && l > loss[k - 1]).length,
    outputDeadAtStart: dead[dead.length - 1][0] === 1 ? 1 : 0, // the output's dead fraction at the record of step 0
    outputDead: output.dead[0] ? 1 : 0,
    outputDiedAt: output.diedAt[0],
    solved: verdict(snap) === 'solved' ? 1 : 0,
  };
}
