// memory_budget.test.mjs: no configuration the page accepts runs a worker's engine out
// of memory. The page keeps three kinds of engine workers (web/src/engine/client.js):
// the lab's own, which holds one run at the engine's own cap; the shared live worker,
// which holds every other experiment's runs (eighteen at most: remedies' twelve, five
// single runs and a picture's one-off) at the page's limit; and the pool's, which run
// one job at a time, each training eight networks side by side in SIMD lanes. Each
// worst case is built at the limits of web/src/links/budget.js, checked to be accepted
// by them and to sit at them, run on the real WASM engine, and its heap measured: it
// must stay under the bound docs/RELIABILITY.md states, itself well under the 1 GiB
// the module may grow to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEngine } from './load_engine.mjs';
import { budgetErrors, footprint, ENGINE_VALUES, SHARED_VALUES, MAX_RECORDS } from '../../web/src/links/budget.js';

const MiB = 2 ** 20;
// The bounds docs/RELIABILITY.md states, per worker, in bytes of WebAssembly memory.
const BOUND = { lab: 640 * MiB, shared: 540 * MiB, pool: 540 * MiB };
const DEEP = Array(8).fill(512).join(',');

/** A fresh engine, the parse of `query`, and a check that the page takes it for `exp` and that it sits at `limit`. */
async function atLimit(exp, query, limit) {
  const engine = await loadEngine();
  const parsed = engine.parse(query);
  assert.deepEqual(parsed.errors, [], query);
  assert.deepEqual(budgetErrors(exp, parsed, []), [], `the page accepts ${query}`);
  const { values } = footprint(parsed);
  assert.ok(values > 0.95 * limit && values <= limit, `${values} activation values, at the limit of ${limit}`);
  return engine;
}

const heapOf = (engine) => engine.heap().size;

test(`the lab's worker: one run at the engine's cap of ${ENGINE_VALUES} activation values stays under ${BOUND.lab / MiB} MiB`, async () => {
  // one wide layer over the most points, every per-parameter and per-unit buffer on:
  // dropout masks, Adam's two moments, a fresh batch as large as the training set
  const query = 'task=spiral&classes=10&n=100000&layers=155&dropout=0.5&opt=adam&fresh=1&steps=100';
  const engine = await atLimit('lab', query, ENGINE_VALUES);
  const session = engine.createSession(query);
  session.step(2);
  session.evaluate();
  session.trace(0);
  session.params();
  const size = heapOf(engine);
  console.log(`# lab worst case: ${(size / MiB).toFixed(0)} MiB`);
  assert.ok(size <= BOUND.lab, `${size} bytes`);
});

test(`the shared live worker: eighteen runs at the page's limit of ${SHARED_VALUES} activation values, and traces of ${MAX_RECORDS} records, stay under ${BOUND.shared / MiB} MiB`, async () => {
  const query = 'task=spiral&classes=10&n=6000&layers=155&dropout=0.5&opt=adam&fresh=1&steps=100';
  const engine = await atLimit('remedies', query, SHARED_VALUES);
  const sessions = [];
  for (let k = 0; k < 17; k++) {
    const s = engine.createSession(`${query}&seed=${k + 1}`);
    s.step(2);
    s.evaluate();
    sessions.push(s);
  }
  // the eighteenth keeps the longest trace a run may keep, of every parameter of a net small enough to record them
  const traced = `task=spiral&layers=10&act=tanh&steps=${MAX_RECORDS - 1}&trace=1`;
  assert.equal(footprint(engine.parse(traced)).records, MAX_RECORDS);
  assert.deepEqual(budgetErrors('remedies', engine.parse(traced), []), []);
  const long = engine.createSession(traced);
  long.step(MAX_RECORDS);
  const trace = long.trace(0);
  assert.equal(trace.count, MAX_RECORDS, 'as many records as footprint() counts');
  assert.equal(trace.paramCount, 63, 'every parameter recorded (at most 64 are)');
  const size = heapOf(engine);
  console.log(`# shared worker worst case: ${(size / MiB).toFixed(0)} MiB`);
  assert.ok(size <= BOUND.shared, `${size} bytes`);
});

test(`a pool worker: a sweep job of eight lanes at the page's limit stays under ${BOUND.pool / MiB} MiB (wide, and deep with Adam)`, async () => {
  for (const query of [
    'task=spiral&classes=10&n=6000&layers=155&opt=adam&steps=1',
    // the most parameters (8 x 512 units) with the most points the limit leaves them
    `task=spiral&n=250&layers=${DEEP}&opt=adam&steps=1`,
  ]) {
    const engine = await atLimit('adder', query, SHARED_VALUES);
    const outcomes = engine.sweep(query, { firstSeed: 1, seeds: engine.lanes });
    assert.equal(outcomes.length, engine.lanes);
    const size = heapOf(engine);
    console.log(`# pool worst case, ${query.slice(0, 40)}...: ${(size / MiB).toFixed(0)} MiB`);
    assert.ok(size <= BOUND.pool, `${size} bytes`);
  }
});

test('the page refuses what would go past its limits, naming the key that does it', async () => {
  const engine = await loadEngine();
  const over = (exp, query, keys) => budgetErrors(exp, engine.parse(query), keys).map((e) => [e.key, e.code]);
  // 6300 points x 167 units: more than an experiment of the lesson may hold, within the lab's
  assert.deepEqual(over('remedies', 'task=spiral&classes=10&n=6300&layers=155', ['n']), [['n', 'link.overValues']]);
  assert.deepEqual(over('lab', 'task=spiral&classes=10&n=6300&layers=155', ['n']), []);
  // a fresh batch larger than the training set counts as the rows it holds (the engine's own
  // check counts only the points: this configuration passes it and would need about 6 GB)
  const fresh = 'task=spiral&n=100&fresh=1&batch=100000&layers=512,512,512,512,512,512,512,512';
  assert.deepEqual(engine.parse(fresh).errors, []);
  assert.deepEqual(over('lab', fresh, ['batch']), [['batch', 'link.overValues']]);
  // a trace of every step of a million
  assert.deepEqual(over('lab', 'steps=1000000&trace=1', ['trace']), [['trace', 'link.overRecords']]);
  assert.deepEqual(over('lab', 'steps=1000000', ['steps']), []);
});
