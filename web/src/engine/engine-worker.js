// engine-worker.js: the page's handle on one engine Web Worker (worker.js): calls as
// Promises, and what happens when the worker dies. A worker dies when its engine faults
// (it says so and closes: a trap, a heap that cannot grow), when it fails to load, or
// when it ends without a word (terminated, or killed by the browser): the Web Lock the
// worker holds for its lifetime is then granted to the page. Either way every call it
// still owed is rejected with a WorkerCrash error, the handle's listeners hear of it,
// and the next call starts a fresh worker (with a fresh engine and none of the old
// sessions). `generation` counts the workers this handle has started, so that a
// session can tell that the worker it lived in is gone.
import { engineWorkerScript } from './worker-url.js';
import { WorkerError, WorkerCrash } from './faults.js';

let workersStarted = 0;

export class EngineWorker {
  constructor() {
    this.next = 1;
    this.pending = new Map(); // id -> {resolve, reject, op, args}, in the order sent
    this.busy = 0;
    this.generation = 0;
    this.current = null; // {worker, generation, stopWatching}
    this.crashListeners = new Set();
    this.crashes = new Map(); // generation -> the WorkerCrash that ended it
  }

  #spawn() {
    const generation = ++this.generation;
    const name = `relulab-engine-${Date.now().toString(36)}-${++workersStarted}-${Math.random().toString(36).slice(2)}`;
    const worker = new Worker(engineWorkerScript(), { type: 'module', name });
    const watch = new AbortController();
    this.current = { worker, generation, stopWatching: () => watch.abort() };
    worker.onmessage = (event) => {
      const data = event.data ?? {};
      if (data.held) {
        // granted once the worker has ended and let its lock go
        navigator.locks.request(name, { signal: watch.signal }, () => this.#died(generation, { kind: 'stopped' })).catch(() => {});
        return;
      }
      const p = this.pending.get(data.id);
      if (data.crashed) {
        this.#died(generation, data.error, data.id);
        return;
      }
      if (!p) return;
      this.pending.delete(data.id);
      this.busy--;
      if (data.ok) p.resolve(data.result);
      else p.reject(new WorkerError(data.error));
    };
    // a script that fails to load or an error no handler caught
    worker.onerror = (event) => {
      event.preventDefault();
      this.#died(generation, { kind: 'start', message: event.message || 'the engine worker failed to start' });
    };
  }

  /** The worker of `generation` has died: reject what it owed, tell the listeners. */
  #died(generation, info, culpritId = null) {
    if (!this.current || this.current.generation !== generation) return; // that worker is already replaced
    this.current.stopWatching();
    this.current.worker.terminate();
    this.current = null;
    const owed = [...this.pending];
    this.pending.clear();
    this.busy = 0;
    // the worker answers in order, so without a word the first call owed was running
    const running = culpritId ?? owed[0]?.[0];
    for (const [id, p] of owed) p.reject(new WorkerCrash(info, { culprit: id === running }));
    const err = new WorkerCrash(info, { culprit: false });
    this.crashes.set(generation, err);
    for (const fn of [...this.crashListeners]) fn(err, generation);
  }

  /** fn(crash, generation) when a worker of this handle dies; returns an unsubscribe. */
  onCrash(fn) {
    this.crashListeners.add(fn);
    return () => this.crashListeners.delete(fn);
  }

  /** Whether the worker of `generation` is the one running now. */
  holds(generation) {
    return this.generation === generation && this.current !== null;
  }

  /** The WorkerCrash that ended the worker of `generation` (undefined if it did not die). */
  crashOf(generation) {
    return this.crashes.get(generation);
  }

  call(op, args = {}) {
    if (!this.current) this.#spawn();
    const id = this.next++;
    this.busy++;
    const promise = new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, op, args });
      this.current.worker.postMessage({ id, op, args });
    });
    promise.callId = id;
    promise.generation = this.generation;
    return promise;
  }

  /**
   * Stops the call `id` now, however long it would run: the worker is replaced by a
   * fresh one and every other pending call is sent again (jobs are deterministic in
   * their arguments, so their answers do not change). The dropped call never settles.
   * A handle whose worker holds sessions is never dropped from (sessions would be lost).
   */
  drop(id) {
    if (!this.pending.has(id)) return;
    this.#stop();
    this.pending.delete(id);
    const keep = [...this.pending];
    this.busy = keep.length;
    this.#spawn();
    for (const [callId, { op, args }] of keep) this.current.worker.postMessage({ id: callId, op, args });
  }

  /** Ends the worker; calls still owed never settle. */
  terminate() {
    this.#stop();
    this.pending.clear();
    this.busy = 0;
  }

  #stop() {
    if (!this.current) return;
    this.current.stopWatching();
    this.current.worker.terminate();
    this.current = null;
  }
}
