// snapshot.js: what the page knows of one live run, built up from the answers of the
// worker's `advance` operation (ops.js): the step, the state, the latest evaluation and
// parameters, the trace records so far (loss, accuracy, dead fraction per layer, for
// small nets every parameter and, with config batch_loss, the mean batch loss since the
// record before) and the log of revivals. LiveRun (ui/runner.js) keeps
// one per run; compute/live.js builds one for a whole run at once. Pure.

/** The snapshot of a session just created (its normalized query and training data). */
export function newSnapshot(session) {
  return {
    query: session.query,
    data: session.data,
    step: 0,
    done: false,
    state: 'ok',
    evaluation: null,
    params: null,
    grid: null,
    trace: { step: [], loss: [], accuracy: [], dead: [], params: [], batchLoss: [] },
    revivals: { step: [], dead: [], revived: [] },
  };
}

/** Where the next advance should read the trace and the revivals from. */
export function readFrom(snap) {
  return { traceFrom: snap.trace.step.length, revivalsFrom: snap.revivals.step.length };
}

/** Adds the answer `r` of an advance to `snap` (in place) and returns it. */
export function applyAdvance(snap, r) {
  snap.step = r.step;
  snap.done = r.done;
  snap.state = r.state;
  snap.evaluation = r.evaluation;
  snap.params = r.params ?? snap.params;
  snap.grid = r.grid ?? null;
  const tr = r.trace;
  const L = tr.layers;
  while (snap.trace.dead.length < L) snap.trace.dead.push([]);
  while (snap.trace.params.length < tr.paramCount) snap.trace.params.push([]);
  for (let i = 0; i < tr.count; i++) {
    snap.trace.step.push(tr.step[i]);
    snap.trace.loss.push(tr.loss[i]);
    snap.trace.accuracy.push(tr.accuracy[i]);
    for (let l = 0; l < L; l++) snap.trace.dead[l].push(tr.deadFraction[i * L + l]);
    for (let p = 0; p < tr.paramCount; p++) snap.trace.params[p].push(tr.params[i * tr.paramCount + p]);
  }
  for (let i = 0; i < tr.batchLoss.length; i++) snap.trace.batchLoss.push(tr.batchLoss[i]);
  const rv = r.revivals;
  if (rv) {
    for (let i = 0; i < rv.count; i++) {
      snap.revivals.step.push(rv.step[i]);
      snap.revivals.dead.push(rv.dead[i]);
      snap.revivals.revived.push(rv.revived[i]);
    }
  }
  return snap;
}
