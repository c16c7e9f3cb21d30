// ops.js: the operations an engine worker answers, as plain functions of an Engine
// (engine.js) and the worker's table of live sessions. worker.js serves them to the page
// over postMessage; the Node tests serve them in-process (tests/js/node_client.mjs), so
// the page's EngineClient runs over the same operations in both places. A request the
// operations refuse is an EngineError; anything else thrown while one runs is a fault
// of the engine (worker.js tells the two apart).
import { EngineError } from './engine.js';

/** A session of this worker by id; an EngineError when it is gone. */
function sessionOf(sessions, id) {
  const s = sessions.get(id);
  if (!s) throw new EngineError([{ key: 'session', reason: 'is disposed', message: 'session: is disposed', code: 'disposed', args: {} }]);
  return s;
}

/** The operations, each (engine, sessions, args) -> a result of plain data and typed arrays. */
export const OPS = {
  init: (engine) => ({ version: engine.version, schema: engine.schema, lanes: engine.lanes }),
  parse: (engine, sessions, { query }) => engine.parse(query),
  createSession: (engine, sessions, { query }) => {
    const s = engine.createSession(query);
    sessions.set(s.id, s);
    return { id: s.id, query: s.query, data: s.data() };
  },
  // One coarse call per animation frame of a live run: step k times, then read what
  // the page draws (diagnostics, new trace records, new revivals, parameters, optional
  // output grid).
  advance: (engine, sessions, { id, k, traceFrom = 0, revivalsFrom = 0, params = true, grid = null }) => {
    const s = sessionOf(sessions, id);
    const stepped = s.step(k);
    const out = { ...stepped, evaluation: s.evaluate(), trace: s.trace(traceFrom), revivals: s.revivals(revivalsFrom) };
    if (params) out.params = s.params();
    if (grid) out.grid = s.predictGrid(grid);
    return out;
  },
  evaluate: (engine, sessions, { id }) => sessionOf(sessions, id).evaluate(),
  predictGrid: (engine, sessions, { id, grid }) => sessionOf(sessions, id).predictGrid(grid),
  dispose: (engine, sessions, { id }) => {
    const s = sessions.get(id);
    if (s) s.dispose();
    sessions.delete(id);
    return true;
  },
  sweep: (engine, sessions, { query, firstSeed, seeds, successLoss }) => engine.sweep(query, { firstSeed, seeds, successLoss }),
  landscape: (engine, sessions, { query, grid }) => engine.landscape(query, grid),
  basin: (engine, sessions, { query, grid }) => engine.basin(query, grid),
  bornDead: (engine, sessions, { query, trials, seed }) => engine.bornDead(query, trials, { seed }),
  // What the tests and the soak read: the module's memory and the sessions this worker holds.
  memory: (engine, sessions) => ({ ...engine.heap(), sessions: sessions.size }),
  // A trap on purpose, for the tests of a worker that dies (the page never sends it).
  debugTrap: (engine) => engine.trap(),
};

/** Runs operation `op`; an EngineError for an unknown one. */
export function runOp(engine, sessions, op, args) {
  const fn = Object.hasOwn(OPS, op) ? OPS[op] : null;
  if (!fn) throw new EngineError([{ key: 'op', reason: `'${String(op).slice(0, 40)}' is not an operation`, message: `op: '${String(op).slice(0, 40)}' is not an operation`, code: 'unknown_op', args: {} }]);
  return fn(engine, sessions, args ?? {});
}
