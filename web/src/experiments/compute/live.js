// live.js: one run of a configuration from its start to its end in one go, as the
// snapshot a live run would have built step by step (engine/snapshot.js). The measures
// of the presets use it; so does anything that needs a run's end without drawing it.
import { newSnapshot, applyAdvance, readFrom } from '../../engine/snapshot.js';

/** The most steps any configuration takes (the engine's cap). */
const ALL_STEPS = 1_000_000;

/** Runs `query` to its end on `client`: the final snapshot. `steps` stops earlier. */
export async function runToEnd(client, query, { steps = ALL_STEPS, grid = null } = {}) {
  const session = await client.createSession(query);
  try {
    const snap = newSnapshot(session);
    applyAdvance(snap, await session.advance(Math.min(steps, ALL_STEPS), { ...readFrom(snap), grid }));
    return snap;
  } finally {
    await session.dispose();
  }
}

/** The parameters after exactly `steps` steps of `query`. */
export async function paramsAfter(client, query, steps) {
  return (await runToEnd(client, query, { steps })).params;
}

/** Hidden and output units that are dead / NaN / all, over the layers of an evaluation. */
export function unitCounts(evaluation, { output = true } = {}) {
  const layers = evaluation.layers.filter((l) => output || !l.output);
  const count = (f) => layers.reduce((s, l) => s + f(l), 0);
  return {
    units: count((l) => l.units),
    dead: count((l) => l.deadCount),
    nan: count((l) => l.nan.filter(Boolean).length),
  };
}
