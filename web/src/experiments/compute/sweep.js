// sweep.js: what every seed sweep reports: each run's outcome class, counted. The
// engine classifies each run (wasm/core/sweep.cpp): it reached the target; it diverged;
// its ReLU output unit is dead; a whole hidden layer is dead; it was still improving
// when training stopped (its loss fell by more than 0.01% over the last tenth of the
// steps); or it was stuck on a plateau (it did not).

/** The outcome classes in the order charts stack them, with their colours. */
export const FAILURES = [
  { key: 'none', color: '#0072B2' },
  { key: 'output_dead', color: '#bdbdbd', hatch: true },
  { key: 'layer_dead', color: '#CC79A7' },
  { key: 'improving', color: '#56B4E9', hatch: true },
  { key: 'stuck', color: '#E69F00' },
  { key: 'diverged', color: '#000000' },
];

/** Counts of a sweep's outcomes: {total, failed, by: {class: n}, failureRate}. */
export function summarize(outcomes) {
  const total = outcomes.length;
  const by = Object.fromEntries(FAILURES.map((f) => [f.key, 0]));
  for (const o of outcomes) by[o.failure] = (by[o.failure] ?? 0) + 1;
  const failed = total - by.none;
  return { total, failed, by, failureRate: total ? failed / total : 0 };
}
