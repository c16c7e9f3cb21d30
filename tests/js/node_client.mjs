// node_client.mjs: the page's EngineClient (web/src/engine/client.js) under Node, over
// the real WASM engine. Each "worker" is in-process: it answers the same operations as
// the page's Web Workers (web/src/engine/ops.js), one call at a time, asynchronously,
// with its own table of sessions and its own engine instance. So the splitting of
// sweeps into jobs, the merging of their results and every experiment's computation run
// here exactly as in the page.
import { EngineClient } from '../../web/src/engine/client.js';
import { runOp } from '../../web/src/engine/ops.js';
import { loadEngine } from './load_engine.mjs';

class InProcessWorker {
  constructor(engine) {
    this.engine = engine;
    this.sessions = new Map();
    this.next = 1;
    this.queue = Promise.resolve();
  }
  call(op, args = {}) {
    const callId = this.next++;
    // Structured clone, as postMessage does: a caller never shares objects with the worker.
    const copy = structuredClone(args);
    const promise = (this.queue = this.queue.then(
      () => new Promise((resolve, reject) => {
        setImmediate(() => {
          try {
            resolve(structuredClone(runOp(this.engine, this.sessions, op, copy)));
          } catch (err) {
            reject(Object.assign(new Error(err.message), { name: err.name === 'EngineError' ? 'EngineError' : 'WorkerError', errors: err.errors ?? [] }));
          }
        });
      }),
    ));
    this.queue = this.queue.catch(() => {});
    promise.callId = callId;
    return promise;
  }
  drop() {}
  terminate() {}
}

/** An EngineClient over `workers` in-process workers (each its own engine instance), initialised. */
export async function nodeClient({ workers = 2 } = {}) {
  const engines = [];
  for (let k = 0; k < workers + 1; k++) engines.push(await loadEngine());
  let n = 0;
  const client = new EngineClient({ workers, spawn: () => new InProcessWorker(engines[n++ % engines.length]) });
  await client.init();
  return client;
}
