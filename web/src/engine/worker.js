// worker.js: a Web Worker hosting one engine instance (one WASM module).
// Protocol: the page posts {id, op, args}; the worker answers {id, ok: true, result}
// or {id, ok: false, error: {name, message, errors}}. Messages are handled one at a
// time in arrival order (every op is synchronous once the module is loaded).
// Live sessions stay inside the worker; the page refers to them by their numeric id.
import createRelulabModule from './generated/relulab.mjs';
import { Engine } from './engine.js';

const wasmUrl = new URL('./generated/relulab.wasm', import.meta.url);

const ready = (async () => {
  const response = await fetch(wasmUrl);
  if (!response.ok) throw new Error(`relulab.wasm: HTTP ${response.status}`);
  const wasmBinary = await response.arrayBuffer();
  const module = await createRelulabModule({ wasmBinary });
  return new Engine(module);
})();

const sessions = new Map(); // id -> Session

function session(id) {
  const s = sessions.get(id);
  if (!s) throw Object.assign(new Error(`no session ${id}`), { errors: [{ key: 'session', reason: 'is disposed', message: 'session: is disposed' }] });
  return s;
}

const ops = {
  init: (engine) => ({ version: engine.version, schema: engine.schema }),
  parse: (engine, { query }) => engine.parse(query),
  createSession: (engine, { query }) => {
    const s = engine.createSession(query);
    sessions.set(s.id, s);
    return { id: s.id, query: s.query, data: s.data() };
  },
  // One coarse call per animation frame of a live run: step k times, then read what
  // the page draws (diagnostics, new trace records, new revivals, parameters, optional
  // output grid).
  advance: (engine, { id, k, traceFrom = 0, revivalsFrom = 0, params = true, grid = null }) => {
    const s = session(id);
    const stepped = s.step(k);
    const out = { ...stepped, evaluation: s.evaluate(), trace: s.trace(traceFrom), revivals: s.revivals(revivalsFrom) };
    if (params) out.params = s.params();
    if (grid) out.grid = s.predictGrid(grid);
    return out;
  },
  evaluate: (engine, { id }) => session(id).evaluate(),
  trace: (engine, { id, from }) => session(id).trace(from),
  params: (engine, { id }) => session(id).params(),
  data: (engine, { id }) => session(id).data(),
  predictGrid: (engine, { id, grid }) => session(id).predictGrid(grid),
  dispose: (engine, { id }) => {
    const s = sessions.get(id);
    if (s) s.dispose();
    sessions.delete(id);
    return true;
  },
  sweep: (engine, { query, firstSeed, seeds, successLoss }) => engine.sweep(query, { firstSeed, seeds, successLoss }),
  landscape: (engine, { query, grid }) => engine.landscape(query, grid),
  basin: (engine, { query, grid }) => engine.basin(query, grid),
  bornDead: (engine, { query, trials }) => engine.bornDead(query, trials),
  bornDeadFormula: (engine, { width, depth }) => engine.bornDeadFormula(width, depth),
};

function transferables(value, out = []) {
  if (ArrayBuffer.isView(value)) out.push(value.buffer);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) transferables(v, out);
  return out;
}

self.onmessage = async (event) => {
  const { id, op, args } = event.data ?? {};
  try {
    const engine = await ready;
    const fn = ops[op];
    if (!fn) throw new Error(`unknown op '${op}'`);
    const result = fn(engine, args ?? {});
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
