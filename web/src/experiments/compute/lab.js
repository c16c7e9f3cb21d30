// lab.js: experiment 9, the free lab: any configuration, run to its end.
import { runToEnd, unitCounts } from './live.js';

/** The schema keys the lab offers no control for: data and parameters given as lists, and the trace's options. */
export const HIDDEN_KEYS = new Set(['points', 'weights', 'dim', 'trace', 'batch_loss']);

/** The checkable outcomes: the run's state, loss and accuracy, and its dead and NaN units. */
export async function measure(client, query) {
  const snap = await runToEnd(client, query);
  const counts = unitCounts(snap.evaluation);
  return {
    diverged: snap.state === 'diverged' ? 1 : 0,
    finalLoss: snap.evaluation.loss,
    accuracy: snap.evaluation.accuracy ?? NaN,
    deadUnits: counts.dead,
    nanUnits: counts.nan,
  };
}
