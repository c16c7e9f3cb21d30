// engine.js: the JS face of the WASM engine. Wraps an instantiated Emscripten module
// (the browser build web/src/engine/generated/relulab.mjs, or relulab_node.cjs under
// Node) in plain objects: Session owns a native session and frees it; every engine
// error becomes an EngineError naming the key and the reason. Synchronous: call it
// from a Web Worker (web/src/engine/worker.js), never on the page's main thread.

export class EngineError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'EngineError';
    this.errors = errors; // [{key, reason, message, code, args}]: code and args let the page translate
  }
}

function unwrap(result) {
  if (!result.ok) throw new EngineError(result.errors);
  return result;
}

export class Session {
  #engine;
  #id;
  constructor(engine, id, query) {
    this.#engine = engine;
    this.#id = id;
    this.query = query; // the normalized configuration (keys at their default left out)
  }
  get id() {
    return this.#id;
  }
  get disposed() {
    return this.#id === 0;
  }
  #native() {
    if (this.#id === 0)
      throw new EngineError([{ key: 'session', reason: 'is disposed', message: 'session: is disposed', code: 'disposed', args: {} }]);
    return this.#engine.module;
  }
  /** Trains up to k more steps. Returns {taken, step, done, state}. */
  step(k) {
    const { taken, step, done, state } = unwrap(this.#native().stepSession(this.#id, k));
    return { taken, step, done, state };
  }
  /** Diagnostics on the whole training set now: loss, accuracy, per-layer and per-unit facts. */
  evaluate() {
    return unwrap(this.#native().evaluateSession(this.#id)).report;
  }
  /** A copy of the parameters (layer by layer: weights row-major, then biases). */
  params() {
    return unwrap(this.#native().sessionParams(this.#id)).params;
  }
  /**
   * Trace records from index `from` on: {from, count, layers, step, loss, accuracy,
   * deadFraction, paramCount, params, batchLoss} (batchLoss empty unless config batch_loss).
   */
  trace(from = 0) {
    const { ok, ...trace } = unwrap(this.#native().sessionTrace(this.#id, from));
    return trace;
  }
  /**
   * Revivals (config `revive`) from index `from` on: {from, count, step, dead, revived}, per
   * revival its step, the hidden units dead just before it and the units it re-initialised.
   */
  revivals(from = 0) {
    const { ok, ...log } = unwrap(this.#native().sessionRevivals(this.#id, from));
    return log;
  }
  /** The training set: {n, inputs, outputs, classification, x, y, labels} (columns are points). */
  data() {
    const { ok, ...data } = unwrap(this.#native().sessionData(this.#id));
    return data;
  }
  /** Outputs (outputs x points, column-major) for a Float32Array of points. */
  predict(inputs) {
    return unwrap(this.#native().predict(this.#id, inputs)).outputs;
  }
  /** Outputs on an nx x ny grid (y outer) of a 2-input network. */
  predictGrid({ x0 = -1, x1 = 1, y0 = -1, y1 = 1, nx = 64, ny = 64 } = {}) {
    return unwrap(this.#native().predictGrid(this.#id, x0, x1, y0, y1, nx, ny)).outputs;
  }
  dispose() {
    if (this.#id !== 0) {
      this.#engine.module.disposeSession(this.#id);
      this.#engine.forget(this);
      this.#id = 0;
    }
  }
}

export class Engine {
  constructor(module) {
    this.module = module;
    this.version = module.version();
    this.schema = module.schema();
    this.lanes = module.lanes(); // runs the engine trains side by side (a sweep's seeds)
    this.live = new Set();
  }
  /** Lenient parse: {query, fullQuery, errors, shape}; bad keys are at their default in query. */
  parse(query) {
    const { ok, ...parsed } = this.module.parseConfig(String(query));
    return parsed;
  }
  /** A new training session; throws EngineError on any bad key. */
  createSession(query) {
    const { id, query: normalized } = unwrap(this.module.createSession(String(query)));
    const session = new Session(this, id, normalized);
    this.live.add(session);
    return session;
  }
  forget(session) {
    this.live.delete(session);
  }
  /** Trains seeds firstSeed.. firstSeed+seeds-1; one outcome per seed. */
  sweep(query, { firstSeed = 1, seeds = 1, successLoss = 1e-3 } = {}) {
    return unwrap(this.module.sweep(String(query), firstSeed, seeds, successLoss)).report;
  }
  /**
   * Loss over a grid of parameters i, j: a Float32Array (ny x nx, y outer). A fresh one,
   * or `into` (a Float32Array of nx * ny numbers) filled and returned: a page redrawing
   * a landscape saves the browser's cost of new memory (about 1 ms for 256 x 256).
   */
  landscape(query, grid, { into = null } = {}) {
    return unwrap(this.module.landscape(String(query), grid, into)).loss;
  }
  /** Training from every grid point: {finalLoss, endX, endY, diverged}. */
  basin(query, grid) {
    const { ok, ...basin } = unwrap(this.module.basin(String(query), grid));
    return basin;
  }
  /**
   * How many fresh inits are dead before training: {trials, deadNetworks, deadNetworkFraction,
   * deadUnitFraction}. Trial t initialises from seed + t, on the training set of `seed`
   * (the query's own seed is not used).
   */
  bornDead(query, trials, { seed = 1 } = {}) {
    return unwrap(this.module.bornDead(String(query), trials, seed)).report;
  }
  /** The module's memory in bytes: {size, used, max} (wasm/bindings/debug_bindings.cpp). */
  heap() {
    return this.module.heapStats();
  }
  /** A WebAssembly trap on purpose: what a bug in the engine would raise (the tests of crashed workers). */
  trap() {
    this.module.debugTrap();
  }
  /** Frees every session still open. */
  disposeAll() {
    for (const s of [...this.live]) s.dispose();
  }
}
