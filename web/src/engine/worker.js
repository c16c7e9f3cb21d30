// worker.js: a Web Worker hosting one engine instance (one WASM module).
// Protocol: the page posts {id, op, args} (op: one of ops.js); the worker answers
// {id, ok: true, result} or {id, ok: false, error: {name, message, errors}}. Messages
// are handled one at a time in arrival order (every op is synchronous once the module
// is loaded). Live sessions stay inside the worker; the page refers to them by id.
import createRelulabModule from './generated/relulab.mjs';
import { Engine } from './engine.js';
import { runOp } from './ops.js';

const wasmUrl = new URL('./generated/relulab.wasm', import.meta.url);

const ready = (async () => {
  const response = await fetch(wasmUrl);
  if (!response.ok) throw new Error(`relulab.wasm: HTTP ${response.status}`);
  const wasmBinary = await response.arrayBuffer();
  const module = await createRelulabModule({ wasmBinary });
  return new Engine(module);
})();

const sessions = new Map(); // id -> Session of this worker

function transferables(value, out = []) {
  if (ArrayBuffer.isView(value)) out.push(value.buffer);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) transferables(v, out);
  return out;
}

self.onmessage = async (event) => {
  const { id, op, args } = event.data ?? {};
  try {
    const engine = await ready;
    const result = runOp(engine, sessions, op, args);
    const buffers = [...new Set(transferables(result))];
    self.postMessage({ id, ok: true, result }, buffers);
  } catch (err) {
    self.postMessage({
      id,
      ok: false,
      error: { name: err?.name ?? 'Error', message: String(err?.message ?? err), errors: err?.errors ?? [] },
    });
  }
};
