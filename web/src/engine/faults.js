// faults.js: the errors a call to an engine worker can end with, besides an answer:
// WorkerError (the worker answered with an error: an EngineError when the engine
// refused the request), WorkerCrash (the worker died owing the call: engine-worker.js)
// and JobFailed (a job of the pool whose worker died under it twice: client.js).
// Plain classes, shared by the page and the Node tests.

/** A call answered with an error: an EngineError (the engine refused the request) or another failure. */
export class WorkerError extends Error {
  constructor({ name, message, errors }) {
    super(message);
    this.name = name === 'EngineError' ? 'EngineError' : 'WorkerError';
    this.errors = errors ?? [];
  }
}

/**
 * A worker that died owing this call. kind: 'memory' (its heap could not grow), 'trap'
 * (its engine trapped), 'start' (the engine did not load), 'stopped' (it ended without
 * a word). culprit: this call was running when it died (the others were waiting); heap:
 * the engine's heap in bytes, when known.
 */
export class WorkerCrash extends Error {
  constructor({ kind = 'stopped', message = '', heap = null } = {}, { culprit = false } = {}) {
    super(message || `the engine's worker stopped (${kind})`);
    this.name = 'WorkerCrash';
    this.kind = kind;
    this.heap = heap;
    this.culprit = culprit;
  }
}

/**
 * A job of the pool whose worker died while running it, twice (once, then again on a
 * fresh worker). what: the part of the computation it was, {seeds: [first, last]} or
 * {rows: [first, last]}; cause: the second WorkerCrash.
 */
export class JobFailed extends Error {
  constructor(what, cause) {
    const part = what.seeds ? `seeds ${what.seeds[0]} to ${what.seeds[1]}` : `rows ${what.rows[0]} to ${what.rows[1]}`;
    super(`the job of ${part} stopped its worker twice: ${cause.message}`);
    this.name = 'JobFailed';
    this.what = what;
    this.cause = cause;
  }
}
