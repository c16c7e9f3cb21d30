// init.js: experiment 7, initialization. A 5-layer, 100-unit ReLU MLP at step 0: the
// pre-activations of every layer of one network, and the mean square of the
// activations layer by layer averaged over several networks, against the prediction
// that each ReLU layer multiplies it by 100 sigma^2 / 2 (for init=normal).
import { mergeQuery } from '../../links/query.js';

/** Networks the mean square is averaged over: one draw of 100 units per layer scatters around the prediction. */
export const SEEDS = 16;
export const SIGMA_PRESETS = [0.1, 0.14, 0.28];

/**
 * {first: the first network's hidden layers (evaluation), measured: mean square per
 * layer over SEEDS networks, observed: the geometric mean factor per layer, predicted:
 * 100 sigma^2 / 2 (null unless init=normal)}.
 */
export async function layerStats(client, query, values) {
  const seed0 = Number(values.get('seed'));
  let first = null;
  let measured = null;
  for (let k = 0; k < SEEDS; k++) {
    const session = await client.createSession(mergeQuery(query, { seed: seed0 + k }));
    try {
      const hidden = (await session.evaluate()).layers.filter((l) => !l.output);
      if (k === 0) {
        first = hidden;
        measured = hidden.map(() => 0);
      }
      hidden.forEach((l, i) => {
        measured[i] += l.meanSquare / SEEDS;
      });
    } finally {
      session.dispose();
    }
  }
  const sigma = Number(values.get('sigma'));
  const width = first[0]?.units ?? 0;
  const predicted = values.get('init') === 'normal' ? (width * sigma * sigma) / 2 : null;
  const observed = (measured[measured.length - 1] / measured[0]) ** (1 / (measured.length - 1));
  return { first, measured, observed, predicted };
}

/** One scale for every layer's histogram: the range that holds them all. */
export function sharedRange(layers) {
  const lo = Math.min(...layers.map((l) => l.histogram.lo));
  const hi = Math.max(...layers.map((l) => l.histogram.hi));
  return [lo, hi];
}

/**
 * The checkable outcomes: the measured factor per layer and the predicted one, the dead
 * units at step 0, how the spread of the pre-activations changes from the first layer
 * to the last, and how far the mean squares are from a straight line on a log axis.
 */
export async function measure(client, query, view, values) {
  const { first, measured, observed, predicted } = await layerStats(client, query, values);
  const spread = (l) => l.histogram.hi - l.histogram.lo;
  // how far the mean squares are from a straight line on a log axis through the first
  // and the last (in decades)
  const line = (k) => Math.log10(measured[0]) + (k * Math.log10(measured[measured.length - 1] / measured[0])) / (measured.length - 1);
  return {
    observedFactor: observed,
    predictedFactor: predicted ?? NaN,
    deadAtStep0: first.reduce((s, l) => s + l.deadCount, 0),
    spreadRatio: spread(first[first.length - 1]) / spread(first[0]),
    lineDeviation: Math.max(...measured.map((m, k) => Math.abs(Math.log10(m) - line(k)))),
  };
}
