// client.js: the page's Promise API over the engine workers. One "live" worker hosts
// the interactive sessions (a run may ask for a worker of its own: a host); a pool of
// compute workers (one per core, capped) runs sweeps, landscapes, basin maps and
// born-dead probes, split into small jobs (seed ranges, row bands) handed to whichever
// worker is free. Every job is deterministic in its own arguments and the results are
// put back in job order, so the answer does not depend on the number of workers. Long
// jobs report progress and can be cancelled (no new job is started after cancel, and a
// worker busy with one of its jobs is replaced by a fresh one, so a job that would take
// minutes does not hold the pool).
//
// A worker that dies (engine-worker.js: a trap, a heap that cannot grow, terminated) is
// replaced by its handle at the next call. A job it was running is run again once, on
// the fresh worker; if that worker dies on it too, the computation ends with JobFailed,
// naming the job's seeds (or rows). Jobs that were only waiting in a dead worker are
// sent again without counting. A live session dies with its worker: its calls reject
// with the WorkerCrash, and the run that owns it starts a new session when it is reset.
import { WorkerCrash, JobFailed } from './faults.js';

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
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
   * workers: size of the compute pool. spawn: makes one worker handle, an object with
   * call(op, args) -> Promise (carrying .callId and .generation), drop(callId),
   * terminate() and, where workers can die, holds(generation), crashOf(generation) and
   * onCrash(fn); the page uses Web Workers (engine-worker.js), the Node tests an
   * in-process worker over the same ops.js.
   */
  constructor({ workers = defaultWorkerCount(), spawn }) {
    this.workerCount = workers;
    this.spawn = spawn;
    this.live = spawn();
    this.hosts = new Map(); // name -> a worker of its own for the sessions of one run
    this.pool = [];
    this.info = null;
  }

  /** The worker that hosts the sessions of `name` (undefined: the shared live worker). */
  host(name) {
    if (name === undefined) return this.live;
    if (!this.hosts.has(name)) this.hosts.set(name, this.spawn());
    return this.hosts.get(name);
  }

  /** Every worker of this client: {role, worker} (the tests and the soak read their memory). */
  workers() {
    return [{ role: 'live', worker: this.live }, ...[...this.hosts].map(([name, worker]) => ({ role: `host:${name}`, worker })), ...this.pool.map((worker, k) => ({ role: `pool:${k}`, worker }))];
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
  /** A new session of `query` in the worker of `host` (client.host). */
  async createSession(query, { host } = {}) {
    const worker = this.host(host);
    const call = worker.call('createSession', { query });
    const { id, query: normalized, data } = await call;
    return new LiveSession(worker, id, normalized, data, call.generation);
  }

  /**
   * Runs jobs [{op, args, what}] on the pool; resolves with their results in job order.
   * `what` names the part of the computation a job is ({seeds: [first, last]} or
   * {rows: [first, last]}) for the error when it fails. onProgress(done, total) after
   * each job; signal (AbortSignal) cancels.
   */
  runJobs(jobs, { onProgress, signal } = {}) {
    const workers = this.#poolWorkers();
    const results = new Array(jobs.length);
    const queue = jobs.map((_, index) => index); // jobs to send, in order; a job to run again goes first
    const crashes = new Array(jobs.length).fill(0); // deaths of a worker while it ran the job
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
        while (!finished && queue.length && mine.size < (queue.length > 2 * workers.length ? 2 : 1)) {
          const index = queue.shift();
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
              if (finished) return;
              if (!(err instanceof WorkerCrash)) return fail(err);
              if (err.culprit) crashes[index]++;
              if (crashes[index] >= 2) return fail(new JobFailed(jobs[index].what, err));
              queue.unshift(index);
              pump(worker); // the handle starts a fresh worker for it
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
      what: { seeds: [firstSeed + a, firstSeed + b - 1] },
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
        const first = (spec.firstSeed ?? 1) + a;
        jobs.push({ op: 'sweep', args: { query: spec.query, firstSeed: first, seeds: b - a, successLoss: spec.successLoss ?? 1e-3 }, what: { seeds: [first, first + b - a - 1] } });
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
    const jobs = ranges(trials, chunk).map(([a, b]) => ({ op: 'bornDead', args: { query, trials: b - a, seed: seed + a }, what: { seeds: [seed + a, seed + b - 1] } }));
    const parts = await this.runJobs(jobs, opts);
    const deadNetworks = parts.reduce((s, p) => s + p.deadNetworks, 0);
    const layers = parts[0]?.deadUnitFraction.length ?? 0;
    const deadUnitFraction = Array.from({ length: layers }, (_, l) =>
      parts.reduce((s, p) => s + p.deadUnitFraction[l] * p.trials, 0) / trials);
    return { trials, deadNetworks, deadNetworkFraction: deadNetworks / trials, deadUnitFraction };
  }

  /** Splits a grid {x0,x1,y0,y1,nx,ny} into bands of rows; each band is a grid of its own, with `rows` [first, last]. */
  static bands(grid, rowsPerBand) {
    const { y0, y1, ny } = grid;
    const y = (iy) => (ny > 1 ? y0 + ((y1 - y0) * iy) / (ny - 1) : y0);
    return ranges(ny, rowsPerBand).map(([a, b]) => ({ grid: { ...grid, y0: y(a), y1: y(b - 1), ny: b - a }, rows: [a, b - 1] }));
  }

  /** Loss over a grid of two parameters (y outer). */
  async landscape(query, grid, opts = {}) {
    const bands = EngineClient.bands(grid, Math.max(1, Math.ceil(grid.ny / 8)));
    const parts = await this.runJobs(bands.map(({ grid: g, rows }) => ({ op: 'landscape', args: { query, grid: g }, what: { rows } })), opts);
    return concat(parts, Float32Array);
  }

  /** Trains from every grid start: {finalLoss, endX, endY, diverged} (y outer). */
  async basin(query, grid, opts = {}) {
    const bands = EngineClient.bands(grid, 2);
    const parts = await this.runJobs(bands.map(({ grid: g, rows }) => ({ op: 'basin', args: { query, grid: g }, what: { rows } })), opts);
    return {
      finalLoss: concat(parts.map((p) => p.finalLoss), Float32Array),
      endX: concat(parts.map((p) => p.endX), Float32Array),
      endY: concat(parts.map((p) => p.endY), Float32Array),
      diverged: concat(parts.map((p) => p.diverged), Uint8Array),
    };
  }

  terminate() {
    this.live.terminate();
    for (const w of this.hosts.values()) w.terminate();
    for (const w of this.pool) w.terminate();
    this.hosts.clear();
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

/**
 * A session living in a worker (the live worker or a host). It dies with the worker of
 * the generation it was made in: from then on its calls reject with that worker's
 * WorkerCrash, and onLost listeners hear of it.
 */
export class LiveSession {
  constructor(worker, id, query, data, generation) {
    this.worker = worker;
    this.id = id;
    this.query = query;
    this.data = data;
    this.generation = generation;
    this.disposed = false;
  }
  /** The WorkerCrash that ended this session's worker, or null while it lives. */
  get lost() {
    if (!this.worker.holds || this.worker.holds(this.generation)) return null;
    return this.worker.crashOf(this.generation) ?? new WorkerCrash({ kind: 'stopped' });
  }
  #call(op, args) {
    const lost = this.lost;
    return lost ? Promise.reject(lost) : this.worker.call(op, args);
  }
  /** fn(crash) when the worker holding this session dies; returns an unsubscribe. */
  onLost(fn) {
    return this.worker.onCrash?.((crash, generation) => {
      if (generation === this.generation) fn(crash);
    }) ?? (() => {});
  }
  advance(k, { traceFrom = 0, revivalsFrom = 0, params = true, grid = null } = {}) {
    return this.#call('advance', { id: this.id, k, traceFrom, revivalsFrom, params, grid });
  }
  evaluate() {
    return this.#call('evaluate', { id: this.id });
  }
  predictGrid(grid) {
    return this.#call('predictGrid', { id: this.id, grid });
  }
  dispose() {
    if (this.disposed) return Promise.resolve(true);
    this.disposed = true;
    if (this.lost) return Promise.resolve(true); // gone with its worker
    return this.worker.call('dispose', { id: this.id });
  }
}
