// client.js: the page's Promise API over the engine workers. One "live" worker hosts
// the interactive sessions; a pool of compute workers (one per core, capped) runs
// sweeps, landscapes, basin maps and born-dead probes, split into small jobs (seed
// ranges, row bands) handed to whichever worker is free. Every job is deterministic
// in its own arguments and the results are put back in job order, so the answer does
// not depend on the number of workers. Long jobs report progress and can be cancelled
// (no new job is started after cancel, and a worker busy with one of its jobs is
// replaced by a fresh one, so a job that would take minutes does not hold the pool).

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export class WorkerError extends Error {
  constructor({ name, message, errors }) {
    super(message);
    this.name = name === 'EngineError' ? 'EngineError' : 'WorkerError';
    this.errors = errors ?? [];
  }
}

class EngineWorker {
  constructor() {
    this.next = 1;
    this.pending = new Map(); // id -> {resolve, reject, op, args}
    this.busy = 0;
    this.#spawn();
  }
  #spawn() {
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    this.worker.onmessage = (event) => {
      const { id, ok, result, error } = event.data;
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      this.busy--;
      if (ok) p.resolve(result);
      else p.reject(new WorkerError(error));
    };
    this.worker.onerror = (event) => {
      const err = new WorkerError({ name: 'WorkerError', message: event.message || 'worker failed to start' });
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      this.busy = 0;
    };
  }
  call(op, args = {}) {
    const id = this.next++;
    this.busy++;
    const promise = new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, op, args });
      this.worker.postMessage({ id, op, args });
    });
    promise.callId = id;
    return promise;
  }
  /**
   * Stops the call `id` now, however long it would run: the worker is replaced by a
   * fresh one and every other pending call is sent again (jobs are deterministic in
   * their arguments, so their answers do not change). The dropped call never settles.
   */
  drop(id) {
    if (!this.pending.has(id)) return;
    this.worker.terminate();
    this.pending.delete(id);
    const keep = [...this.pending];
    this.busy = keep.length;
    this.#spawn();
    for (const [callId, { op, args }] of keep) this.worker.postMessage({ id: callId, op, args });
  }
  terminate() {
    this.worker.terminate();
  }
}

/** Worker count: one per core, at least 1, at most `cap`. */
export function defaultWorkerCount(cap = 8) {
  const cores = globalThis.navigator?.hardwareConcurrency || 2;
  return Math.max(1, Math.min(cap, cores));
}

/** A contiguous split of [0, total) into pieces of `size` (the last may be shorter). */
export function ranges(total, size) {
  const out = [];
  for (let start = 0; start < total; start += size) out.push([start, Math.min(total, start + size)]);
  return out;
}

// Seeds per sweep job. The engine trains `lanes` seeds side by side, one per SIMD lane
// (init's answer; wasm/core/lanes.h), hands a lane whose run has ended to the next seed
// of its job, and moves runs between lane groups (sweep.cpp): the more seeds a job
// holds, the fuller its lanes stay to its end, so a sweep costs least as one job per
// worker (docs/BENCHMARKS.md measures it). At most 250 seeds a job, so that the
// progress bar of a long sweep still moves and a cancelled sweep frees its workers
// soon; at least two lanes' worth, so that a job fills its lanes.
export function seedChunk(seeds, workers, lanes) {
  return Math.max(2 * lanes, Math.min(250, Math.ceil(seeds / workers)));
}

export class EngineClient {
  /**
   * workers: size of the compute pool. spawn: makes one worker, an object with
   * call(op, args) -> Promise (carrying .callId), drop(callId) and terminate(); the page
   * uses Web Workers, the Node tests an in-process worker over the same ops.js.
   */
  constructor({ workers = defaultWorkerCount(), spawn = () => new EngineWorker() } = {}) {
    this.workerCount = workers;
    this.spawn = spawn;
    this.live = spawn();
    this.pool = [];
    this.info = null;
  }

  #poolWorkers() {
    while (this.pool.length < this.workerCount) this.pool.push(this.spawn());
    return this.pool;
  }

  /** Loads the module in the live worker: {version, schema, lanes}. */
  async init() {
    this.info ??= await this.live.call('init');
    return this.info;
  }
  get schema() {
    return this.info?.schema ?? [];
  }
  parse(query) {
    return this.live.call('parse', { query });
  }
  async createSession(query) {
    const { id, query: normalized, data } = await this.live.call('createSession', { query });
    return new LiveSession(this.live, id, normalized, data);
  }

  /**
   * Runs jobs [{op, args}] on the pool; resolves with their results in job order.
   * onProgress(done, total) after each job; signal (AbortSignal) cancels.
   */
  runJobs(jobs, { onProgress, signal } = {}) {
    const workers = this.#poolWorkers();
    const results = new Array(jobs.length);
    let nextJob = 0;
    let done = 0;
    const inFlight = new Map(workers.map((w) => [w, new Set()])); // worker -> ids of this run's calls
    return new Promise((resolve, reject) => {
      let finished = false;
      const fail = (err) => {
        if (!finished) {
          finished = true;
          reject(err);
        }
      };
      if (signal?.aborted) return fail(new CancelledError());
      signal?.addEventListener(
        'abort',
        () => {
          if (finished) return;
          fail(new CancelledError());
          for (const [w, ids] of inFlight) for (const id of ids) w.drop(id);
          inFlight.clear();
        },
        { once: true },
      );
      if (jobs.length === 0) {
        finished = true;
        resolve(results);
        return;
      }
      // A worker holds a second job while more than two rounds of jobs remain, so it
      // does not wait for the page's thread between jobs; after that, one job at a time,
      // so the last jobs go to whichever worker is free first.
      const pump = (worker) => {
        const mine = inFlight.get(worker);
        while (!finished && nextJob < jobs.length && mine.size < (jobs.length - nextJob > 2 * workers.length ? 2 : 1)) {
          const index = nextJob++;
          const { op, args } = jobs[index];
          const call = worker.call(op, args);
          mine.add(call.callId);
          call.then(
            (result) => {
              mine.delete(call.callId);
              if (finished) return;
              results[index] = result;
              done++;
              onProgress?.(done, jobs.length);
              if (done === jobs.length) {
                finished = true;
                resolve(results);
              } else pump(worker);
            },
            (err) => {
              mine.delete(call.callId);
              fail(err);
            },
          );
        }
      };
      for (const w of workers) pump(w);
    });
  }

  /** Seeds firstSeed.. in chunks; one outcome per seed, in seed order. */
  async sweep(query, { firstSeed = 1, seeds = 100, successLoss = 1e-3, chunk } = {}, opts = {}) {
    const { lanes } = await this.init();
    chunk ??= seedChunk(seeds, this.workerCount, lanes);
    const jobs = ranges(seeds, chunk).map(([a, b]) => ({
      op: 'sweep',
      args: { query, firstSeed: firstSeed + a, seeds: b - a, successLoss },
    }));
    return (await this.runJobs(jobs, opts)).flat();
  }

  /** Many sweeps at once (e.g. one per learning rate): [{query, firstSeed, seeds, successLoss}] -> [outcomes[]]. */
  async sweepMany(specs, { chunk } = {}, opts = {}) {
    const { lanes } = await this.init();
    const jobs = [];
    const owners = [];
    specs.forEach((spec, s) => {
      for (const [a, b] of ranges(spec.seeds, chunk ?? seedChunk(spec.seeds, this.workerCount, lanes))) {
        jobs.push({ op: 'sweep', args: { query: spec.query, firstSeed: (spec.firstSeed ?? 1) + a, seeds: b - a, successLoss: spec.successLoss ?? 1e-3 } });
        owners.push(s);
      }
    });
    const results = await this.runJobs(jobs, opts);
    const out = specs.map(() => []);
    results.forEach((r, k) => out[owners[k]].push(...r));
    return out;
  }

  /** Born-dead probe split by trial ranges (trial t uses seed + t; each range draws its data from its first seed). */
  async bornDead(query, trials, { seed = 1, chunk = 500 } = {}, opts = {}) {
    const jobs = ranges(trials, chunk).map(([a, b]) => ({ op: 'bornDead', args: { query, trials: b - a, seed: seed + a } }));
    const parts = await this.runJobs(jobs, opts);
    const deadNetworks = parts.reduce((s, p) => s + p.deadNetworks, 0);
    const layers = parts[0]?.deadUnitFraction.length ?? 0;
    const deadUnitFraction = Array.from({ length: layers }, (_, l) =>
      parts.reduce((s, p) => s + p.deadUnitFraction[l] * p.trials, 0) / trials);
    return { trials, deadNetworks, deadNetworkFraction: deadNetworks / trials, deadUnitFraction };
  }

  /** Splits a grid {x0,x1,y0,y1,nx,ny} into bands of rows; each band is a grid of its own. */
  static bands(grid, rowsPerBand) {
    const { y0, y1, ny } = grid;
    const y = (iy) => (ny > 1 ? y0 + ((y1 - y0) * iy) / (ny - 1) : y0);
    return ranges(ny, rowsPerBand).map(([a, b]) => ({ ...grid, y0: y(a), y1: y(b - 1), ny: b - a }));
  }

  /** Loss over a grid of two parameters (y outer). */
  async landscape(query, grid, opts = {}) {
    const bands = EngineClient.bands(grid, Math.max(1, Math.ceil(grid.ny / 8)));
    const parts = await this.runJobs(bands.map((g) => ({ op: 'landscape', args: { query, grid: g } })), opts);
    return concat(parts, Float32Array);
  }

  /** Trains from every grid start: {finalLoss, endX, endY, diverged} (y outer). */
  async basin(query, grid, opts = {}) {
    const bands = EngineClient.bands(grid, 2);
    const parts = await this.runJobs(bands.map((g) => ({ op: 'basin', args: { query, grid: g } })), opts);
    return {
      finalLoss: concat(parts.map((p) => p.finalLoss), Float32Array),
      endX: concat(parts.map((p) => p.endX), Float32Array),
      endY: concat(parts.map((p) => p.endY), Float32Array),
      diverged: concat(parts.map((p) => p.diverged), Uint8Array),
    };
  }

  terminate() {
    this.live.terminate();
    for (const w of this.pool) w.terminate();
    this.pool = [];
  }
}

function concat(parts, Type) {
  const out = new Type(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A session living in the live worker. */
export class LiveSession {
  constructor(worker, id, query, data) {
    this.worker = worker;
    this.id = id;
    this.query = query;
    this.data = data;
    this.disposed = false;
  }
  advance(k, { traceFrom = 0, revivalsFrom = 0, params = true, grid = null } = {}) {
    return this.worker.call('advance', { id: this.id, k, traceFrom, revivalsFrom, params, grid });
  }
  evaluate() {
    return this.worker.call('evaluate', { id: this.id });
  }
  predictGrid(grid) {
    return this.worker.call('predictGrid', { id: this.id, grid });
  }
  dispose() {
    if (this.disposed) return Promise.resolve(true);
    this.disposed = true;
    return this.worker.call('dispose', { id: this.id });
  }
}
