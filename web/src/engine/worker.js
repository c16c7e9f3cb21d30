// worker.js: a Web Worker hosting one engine instance (one WASM module).
// Protocol: the page posts {id, op, args} (op: one of ops.js); the worker answers
// {id, ok: true, result} or {id, ok: false, error: {name, message, errors}}. Messages
// are handled one at a time in arrival order (every op is synchronous once the module
// is loaded). Live sessions stay inside the worker; the page refers to them by id.
//
// Faults. An EngineError is an answer (a request the engine refused). Anything else
// thrown while an op runs is a fault: a WebAssembly trap, the heap unable to grow
// ("Aborted(OOM)", the module is linked with ABORTING_MALLOC), JS unable to allocate a
// result, or a module that would not load. A module that faulted cannot be trusted
// again (a trap leaves C++ half unwound), so the worker answers that call with
// {id, ok: false, crashed: true, error: {name: 'WorkerCrash', kind, message, heap}}
// and closes itself; the page replaces it (engine-worker.js).
//
// The worker also holds a Web Lock named after itself (the Worker's `name`) for as
// long as it lives, and says {held: true} once it has it: the page asks for the same
// lock and is granted it when this worker has ended, however it ended (closed,
// terminated, or killed with nothing said).
import createRelulabModule from './generated/relulab.mjs';
import { Engine, EngineError } from './engine.js';
import { runOp } from './ops.js';

const wasmUrl = new URL('./generated/relulab.wasm', import.meta.url);

const ready = (async () => {
  const response = await fetch(wasmUrl);
  if (!response.ok) throw new Error(`relulab.wasm: HTTP ${response.status}`);
  const wasmBinary = await response.arrayBuffer();
  const module = await createRelulabModule({ wasmBinary });
  return new Engine(module);
})();
ready.catch(() => {}); // a module that would not load is reported with the first call

if (self.name && self.navigator?.locks) {
  self.navigator.locks.request(self.name, () => {
    self.postMessage({ held: true });
    return new Promise(() => {}); // held until the worker ends
  });
}

const sessions = new Map(); // id -> Session of this worker
let crashed = false;

function transferables(value, out = []) {
  if (ArrayBuffer.isView(value)) out.push(value.buffer);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) transferables(v, out);
  return out;
}

/**
 * What kind of fault `err` is: 'memory' (the heap could not grow, or JS could not
 * allocate), 'trap' (the module trapped or aborted), 'start' (the module did not load),
 * with the module's heap size in bytes when it is known.
 */
function fault(err, engine) {
  const message = String(err?.message ?? err).slice(0, 300);
  let heap = null;
  try {
    heap = engine ? engine.module.HEAP8.buffer.byteLength : null;
  } catch {
    heap = null;
  }
  const memory = /Aborted\(OOM\)/.test(message) || (err instanceof RangeError && /memory|allocat/i.test(message));
  const kind = !engine ? 'start' : memory ? 'memory' : 'trap';
  return { name: 'WorkerCrash', kind, message, heap };
}

self.onmessage = async (event) => {
  const { id, op, args } = event.data ?? {};
  if (crashed) return; // closing: nothing more is answered
  let engine = null;
  try {
    engine = await ready;
    const result = runOp(engine, sessions, op, args);
    const buffers = [...new Set(transferables(result))];
    self.postMessage({ id, ok: true, result }, buffers);
  } catch (err) {
    if (err instanceof EngineError) {
      self.postMessage({ id, ok: false, error: { name: err.name, message: err.message, errors: err.errors } });
      return;
    }
    crashed = true;
    self.postMessage({ id, ok: false, crashed: true, error: fault(err, engine) });
    self.close();
  }
};
