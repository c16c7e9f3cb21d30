// engine_api.test.mjs: the JS API of the engine under Node, through the page's own
// wrapper: create, step, read, dispose, and every error path. Each error must be an
// EngineError naming the key and the reason, and must leave the engine usable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { EngineError } from '../../web/src/engine/engine.js';
import { loadEngine, NATIVE_CLI } from './load_engine.mjs';
import { nodeClient } from './node_client.mjs';
import { paramLayout, unitParams } from '../../web/src/engine/layout.js';
import { seedChunk } from '../../web/src/engine/client.js';

const engine = await loadEngine();
const KERAS = 'task=relu1d&out=relu&bias=0&weights=-10&fresh=1&steps=2000';

test('version and schema are the engine\'s, the same as the native CLI prints', () => {
  assert.match(engine.version, /^\d+\.\d+\.\d+$/);
  const native = JSON.parse(execFileSync(NATIVE_CLI, ['schema', '--json'], { encoding: 'utf8' }));
  assert.deepEqual(engine.schema, native);
  const names = engine.schema.map((k) => k.name);
  for (const key of ['task', 'n', 'noise', 'layers', 'act', 'out', 'alpha', 'bias', 'init', 'sigma', 'binit', 'weights',
    'loss', 'opt', 'lr', 'mom', 'batch', 'fresh', 'steps', 'l2', 'dropout', 'revive', 'seed'])
    assert.ok(names.includes(key), `schema has ${key}`);
  const lr = engine.schema.find((k) => k.name === 'lr');
  assert.deepEqual([lr.type, lr.default, lr.min, lr.max, lr.minOpen], ['number', '0.01', 0, 100, true]);
});

// The page reads the parameter arena through the layout each evaluation carries.
test('an evaluation carries the parameter layout; the engine says how many lanes it trains', () => {
  // 2-3-1 with biases: W1 (3 x 2) at 0, b1 at 6, W2 (1 x 3) at 9, b2 at 12.
  const weights = [1, 2, 3, 4, 5, 6, 0.1, 0.2, 0.3, 7, 8, 9, 0.5];
  const s = engine.createSession(`task=add2&layers=3&weights=${weights.join(',')}&steps=0`);
  const layout = paramLayout(s.evaluate());
  assert.deepEqual(layout, { total: 13, layers: [{ inputs: 2, units: 3, w: 0, b: 6 }, { inputs: 3, units: 1, w: 9, b: 12 }] });
  const params = s.params();
  assert.deepEqual(unitParams(layout, params, 0, 2), { w: [5, 6], b: Math.fround(0.3) });
  assert.deepEqual(unitParams(layout, params, 1, 0), { w: [7, 8, 9], b: 0.5 });
  s.dispose();
  const bare = engine.createSession('task=add2&layers=3&bias=0&steps=0');
  assert.deepEqual(paramLayout(bare.evaluate()).layers.map((l) => [l.w, l.b]), [[0, -1], [6, -1]]);
  bare.dispose();
  assert.equal(engine.lanes, 8);
  assert.deepEqual([seedChunk(2000, 2, engine.lanes), seedChunk(20, 2, engine.lanes), seedChunk(20, 2, 4)], [250, 16, 10]);
});

test('a session trains the Keras question to the closed form and reports it', () => {
  const s = engine.createSession(KERAS);
  assert.equal(s.query, KERAS.replace('task=relu1d&', ''), 'normalized: keys at their default are left out');
  const first = s.step(500);
  assert.deepEqual(first, { taken: 500, step: 500, done: false, state: 'ok' });
  const rest = s.step(1e6);
  assert.deepEqual(rest, { taken: 1500, step: 2000, done: true, state: 'ok' });
  assert.deepEqual(s.step(10), { taken: 0, step: 2000, done: true, state: 'ok' }, 'a finished run takes no more steps');
  const [w] = s.params();
  // E[w_t] = w0 (1 - lr)^t = -10 * 0.99^2000 = -1.86e-8; the per-step factor's noise
  // (variance 5/B, B = 1000) spreads this by a few tens of percent at most.
  assert.ok(w < 0 && w > -1e-6, `w = ${w}`);
  const ev = s.evaluate();
  assert.equal(ev.step, 2000);
  assert.equal(ev.state, 'ok');
  assert.ok(Math.abs(ev.loss - 0.5) < 0.06, `loss ${ev.loss} near the population value 1/2`);
  assert.equal(ev.accuracy, null, 'regression has no accuracy');
  assert.deepEqual(ev.sizes, [1, 1]);
  assert.equal(ev.layers.length, 1);
  // The unit is not dead: it fires (with the wrong sign) on x < 0, about half the points.
  assert.equal(ev.layers[0].deadCount, 0);
  assert.ok(Math.abs(ev.layers[0].firingRate[0] - 0.5) < 0.06);
  const trace = s.trace();
  assert.equal(trace.count, 1001, 'records at steps 0, 2, ..., 2000');
  assert.equal(trace.step[0], 0);
  assert.equal(trace.step[trace.count - 1], 2000);
  assert.equal(trace.paramCount, 1);
  assert.equal(trace.params[0], -10);
  assert.ok(trace.params instanceof Float32Array && trace.loss instanceof Float32Array);
  const tail = s.trace(1000);
  assert.equal(tail.from, 1000);
  assert.equal(tail.count, 1);
  assert.equal(tail.loss[0], trace.loss[1000]);
  s.dispose();
  assert.ok(s.disposed);
});

test('from w0 = 0.5 the same run reaches w = 1', () => {
  const s = engine.createSession(KERAS.replace('weights=-10', 'weights=0.5'));
  s.step(2000);
  const [w] = s.params();
  assert.ok(Math.abs(w - 1) < 1e-3, `w = ${w}`);
  s.dispose();
});

test('the session report gives the loss where the last tenth of training began, null before', () => {
  // steps = 100: the last tenth begins at step 100 - floor(100 / 10) = 90.
  const s = engine.createSession('task=xor&layers=6&act=tanh&out=sigmoid&lr=0.1&steps=100&seed=2');
  s.step(89);
  assert.equal(s.evaluate().lossAtLastTenth, null);
  s.step(1);
  const atC = s.evaluate();
  assert.equal(atC.lossAtLastTenth, atC.loss);
  s.step(10);
  const end = s.evaluate();
  assert.equal(end.lossAtLastTenth, atC.loss);
  assert.ok(end.loss < atC.loss, `${end.loss} < ${atC.loss}`);
  s.dispose();
});

// The spiral at step 5 with revival every 100 steps: most units die again between
// revivals, which the log shows and an evaluation right after a revival does not.
test('a session logs what each revival found, read from an index on', () => {
  const s = engine.createSession('task=spiral&layers=100&out=softmax&loss=ce&init=normal&sigma=0.01&lr=5&l2=0.001&steps=3000&revive=100');
  assert.deepEqual(s.revivals(), { from: 0, count: 0, step: new Float64Array(0), dead: new Int32Array(0), revived: new Int32Array(0) });
  s.step(1500);
  const first = s.revivals();
  assert.equal(first.count, 15);
  assert.deepEqual(Array.from(first.step), Array.from({ length: 15 }, (_, k) => 100 * (k + 1)));
  assert.ok(first.dead instanceof Int32Array && first.revived instanceof Int32Array);
  assert.deepEqual(Array.from(first.revived), Array.from(first.dead), 'revive_tau = 0 revives exactly the dead units');
  const most = Math.max(...first.dead);
  assert.ok(most >= 70 && most <= 100, `at most ${most} of 100 dead before a revival`);
  assert.equal(s.evaluate().layers[0].deadCount, 0, 'right after the revival at step 1500 none is dead');
  s.step(1500);
  const rest = s.revivals(15);
  assert.deepEqual([rest.from, rest.count, rest.step[0], rest.step[14]], [15, 15, 1600, 3000]);
  const all = s.revivals();
  assert.deepEqual(Array.from(all.dead.slice(0, 15)), Array.from(first.dead));
  assert.equal(all.revived.reduce((a, b) => a + b, 0), s.evaluate().revivedUnits);
  assert.equal(s.revivals(99).count, 0);
  s.dispose();
});

test('a diverged run stops after the step that diverged and shows its non-finite units as nan', () => {
  // Inputs of 1e6 through N(0, 100^2) weights at lr 100: the update of step 2 overflows.
  const s = engine.createSession('task=custom&dim=1&points=1000000,1,-1000000,2&layers=8,8&init=normal&sigma=100&lr=100&steps=50');
  assert.deepEqual(s.step(50), { taken: 2, step: 2, done: true, state: 'diverged' });
  const ev = s.evaluate();
  assert.deepEqual([ev.step, ev.divergedAt, ev.loss], [2, 2, null]);
  assert.deepEqual(ev.layers.map((l) => l.nan.reduce((a, b) => a + b, 0)), [8, 8, 1]);
  assert.deepEqual(ev.layers.map((l) => l.deadCount), [0, 0, 0], 'a nan unit is not dead');
  const trace = s.trace();
  assert.equal(trace.step[trace.count - 1], 2);
  assert.ok(!Number.isFinite(trace.loss[trace.count - 1]));
  s.dispose();
});

test('data, predictions and grids come back as copies of the right shape', () => {
  const s = engine.createSession('task=xor&layers=8&out=softmax&loss=ce&steps=10&seed=3');
  const data = s.data();
  assert.deepEqual([data.n, data.inputs, data.outputs, data.classification], [200, 2, 2, true]);
  assert.equal(data.x.length, 400);
  assert.equal(data.labels.length, 200);
  for (let i = 0; i < data.n; i++)
    assert.equal(data.labels[i], data.x[2 * i] * data.x[2 * i + 1] > 0 ? 1 : 0);
  const out = s.predict(new Float32Array([0.5, 0.5, -0.5, 0.5]));
  assert.equal(out.length, 4);
  assert.ok(Math.abs(out[0] + out[1] - 1) < 1e-6, 'softmax outputs sum to 1');
  const grid = s.predictGrid({ nx: 5, ny: 4 });
  assert.equal(grid.length, 5 * 4 * 2);
  const params = s.params();
  params[0] = 12345; // a copy: changing it does not change the session
  assert.notEqual(s.params()[0], 12345);
  const ev = s.evaluate();
  assert.ok(ev.accuracy >= 0 && ev.accuracy <= 1);
  s.dispose();
});

test('bad configurations throw EngineError naming each key and reason', () => {
  try {
    engine.createSession('bogus=1&lr=abc&layers=4,1000&seed=2&seed=3');
    assert.fail('should throw');
  } catch (e) {
    assert.ok(e instanceof EngineError);
    assert.deepEqual(e.errors.map((x) => x.key), ['bogus', 'seed', 'lr', 'layers'], 'keys are bare');
    assert.equal(e.errors[0].code, 'unknown_key');
    assert.equal(e.errors[0].message, 'bogus: is not a configuration key');
    assert.equal(e.errors[1].code, 'duplicate_key');
    assert.equal(e.errors[1].message, 'seed: is given more than once; the last value is used');
    assert.equal(e.errors[2].message, "lr: must be a number in (0, 100], got 'abc'");
    // The same as data, for the page to word in the reader's language.
    assert.equal(e.errors[2].code, 'invalid');
    assert.deepEqual(e.errors[2].args, { kind: 'number', range: '(0, 100]', got: "'abc'" });
    assert.equal(e.errors[3].code, 'invalid_item');
    assert.deepEqual(e.errors[3].args, { kind: 'intList', range: '[1, 512]', max: '100', got: "'1000'" });
    assert.match(e.message, /layers: must be a comma-separated list of at most 100 whole numbers in \[1, 512\]/);
  }
  assert.throws(() => engine.createSession('task=add2&fresh=1'), /fresh: task=add2 has a fixed data set/);
  assert.throws(() => engine.createSession('task=spiral&loss=ce'), /loss: ce needs out=softmax, got out=linear/);
  assert.throws(() => engine.createSession('task=add2&layers=4&weights=1,2'),
    (e) => /weights: the 2-4-1 network with biases has 17 parameters, got 2/.test(e.message) &&
      e.errors[0].code === 'weights_count' &&
      JSON.stringify(e.errors[0].args) === JSON.stringify({ shape: '2-4-1', bias: '1', want: '17', got: '2' }));
  assert.throws(() => engine.createSession('n=100000&layers=512,512,512'), /exceed the limit of 16777216 activation values/);
});

test('the lenient parse keeps every good key and reports every bad one', () => {
  const parsed = engine.parse('task=add2&lr=-1&layers=4,4&opt=adamw&seed=7');
  assert.equal(parsed.query, 'task=add2&layers=4,4&seed=7');
  assert.equal(engine.parse('seed=7&lr=0.5&seed=8').query, 'lr=0.5&seed=8', 'a key given twice takes its last value');
  assert.deepEqual(parsed.errors.map((e) => e.key), ['lr', 'opt']);
  assert.deepEqual(parsed.shape, { inputs: 2, outputs: 1, classification: false, points: 6, parameters: 37 });
  assert.match(parsed.fullQuery, /&lr=0.01&/);
});

test('disposed sessions and bad arguments are errors, not crashes', () => {
  const s = engine.createSession('steps=5');
  const id = s.id;
  s.dispose();
  s.dispose(); // twice is fine
  assert.throws(() => s.step(1), /session: is disposed/);
  const missing = engine.module.stepSession(id, 1).errors[0];
  assert.equal(missing.message, `session: no session with id ${id} (disposed?)`);
  assert.deepEqual([missing.code, missing.args], ['no_session', { id: String(id) }]);
  const t = engine.createSession('steps=5');
  assert.throws(() => t.step(-1), /k: must be a whole number/);
  assert.throws(() => t.step(NaN), /k: must be a whole number/);
  assert.throws(() => t.predictGrid({}), /predictGrid needs a task with 2 inputs/);
  assert.throws(() => t.predict(new Float32Array(0)), /inputs: must hold a whole number of points/);
  t.dispose();
  assert.equal(engine.module.liveSessions(), 0, 'every session was freed');
  assert.equal(engine.live.size, 0);
});

// Each error of a call's own arguments carries the limit it broke, so a translation
// words it without a number of its own.
test('arguments out of range name their limit in the error\'s args', () => {
  const error = (call) => {
    try {
      call();
    } catch (e) {
      return [e.errors[0].key, e.errors[0].code, e.errors[0].args, e.errors[0].message];
    }
    assert.fail('should throw');
  };
  const add2 = 'task=add2&layers=4,4';
  const s = engine.createSession('task=xor&layers=4&steps=5');
  assert.deepEqual(error(() => s.step(2e6)), ['k', 'bad_steps', { limit: '1000000' }, 'k: must be a whole number in [0, 1000000]']);
  assert.deepEqual(error(() => s.predictGrid({ nx: 1000, ny: 1000 })).slice(0, 3), ['grid', 'grid_size', { limit: '262144' }]);
  s.dispose();
  assert.deepEqual(error(() => engine.sweep(add2, { seeds: 100001 })),
    ['seeds', 'bad_seeds', { limit: '100000' }, 'seeds: must be a whole number in [1, 100000]']);
  assert.deepEqual(error(() => engine.sweep(add2, { firstSeed: -1 })).slice(0, 3), ['firstSeed', 'bad_first_seed', { limit: '4294967295' }]);
  assert.deepEqual(error(() => engine.sweep(add2, { successLoss: 0 })),
    ['successLoss', 'bad_success_loss', { limit: '1000000' }, 'successLoss: must be a number in (0, 1000000]']);
  assert.deepEqual(error(() => engine.bornDead(add2, 0)).slice(0, 3), ['trials', 'bad_trials', { limit: '1000000' }]);
  assert.deepEqual(error(() => engine.landscape(add2, { i: 3, j: 3 })),
    ['grid', 'grid_parameters', { count: '37' }, 'grid: parameters i and j must be two different indices in [0, 37)']);
  assert.deepEqual(error(() => engine.basin(add2, { nx: 600, ny: 600 })).slice(0, 3), ['grid', 'grid_size', { limit: '262144' }]);
  assert.deepEqual(error(() => engine.landscape(add2, { x0: -2e6 })),
    ['grid', 'grid_range', { limit: '1000000' }, 'grid: the ranges must be finite numbers within [-1000000, 1000000]']);
});

// Reports cross as JS values built by the engine, not as text to parse: a number keeps
// every bit (JSON text would round the loss to 9 digits, off the trace's float).
test('reports cross the boundary as values with every bit', () => {
  assert.doesNotMatch(readFileSync(new URL('../../web/src/engine/engine.js', import.meta.url), 'utf8'), /JSON\.parse/);
  const s = engine.createSession('task=spiral&layers=16&out=softmax&loss=ce&lr=0.5&steps=37&seed=5');
  s.step(37);
  const ev = s.evaluate();
  const trace = s.trace();
  assert.equal(ev.loss, trace.loss[trace.count - 1]);
  assert.equal(ev.layers[0].deadFraction, trace.deadFraction[(trace.count - 1) * trace.layers]);
  assert.equal(Math.fround(ev.loss), ev.loss, 'a float loss, to the bit');
  s.dispose();
});

test('sweeps, landscapes, basins and born-dead probes', () => {
  const runs = engine.sweep('task=add2&layers=4,4&out=relu&init=normal&binit=normal&batch=1&steps=30000',
    { firstSeed: 1, seeds: 20 });
  assert.equal(runs.length, 20);
  assert.deepEqual(runs.map((r) => r.seed), Array.from({ length: 20 }, (_, i) => i + 1));
  for (const r of runs) {
    assert.equal(r.success, r.failure === 'none');
    assert.equal(r.success, r.finalLoss < 1e-3);
    assert.equal(r.deadPerLayer.length, 3);
    if (r.failure === 'output_dead') assert.equal(r.deadPerLayer[2], 1);
  }
  const successes = runs.filter((r) => r.success).length;
  assert.ok(successes >= 4 && successes <= 16, `${successes} of 20 succeed (about half)`);
  // The rule the page states: a failed run with live units is improving when its loss
  // fell over the last tenth of training by more than 1e-4 of the loss there.
  const improving = (r) => r.lossAtLastTenth - r.finalLoss > 1e-4 * r.lossAtLastTenth;
  const sigmoid = engine.sweep('task=add2&layers=4,4&act=sigmoid&out=sigmoid&init=normal&binit=normal&batch=1&steps=30000',
    { firstSeed: 1, seeds: 8 });
  for (const r of [...runs, ...sigmoid]) {
    assert.equal(typeof r.lossAtLastTenth, 'number');
    if (r.failure === 'improving' || r.failure === 'stuck') assert.equal(r.failure, improving(r) ? 'improving' : 'stuck');
  }
  assert.deepEqual(sigmoid.map((r) => r.failure), Array(8).fill('improving'), 'slow, not stuck');
  const longer = engine.sweep('task=add2&layers=4,4&act=sigmoid&out=sigmoid&init=normal&binit=normal&batch=1&steps=300000',
    { firstSeed: 1, seeds: 8 });
  assert.deepEqual(longer.map((r) => r.failure), Array(8).fill('none'), 'with 10 times the steps every one succeeds');

  // relu(w x) on x ~ N(0,1): L(w, b=0) = (1 + w^2)/2 for w <= 0, (w - 1)^2/2 for w >= 0.
  const loss = engine.landscape('task=relu1d&out=relu&n=20000', { i: 0, j: 1, x0: -2, x1: 2, y0: 0, y1: 0, nx: 5, ny: 1 });
  const expected = [-2, -1, 0, 1, 2].map((w) => (w <= 0 ? (1 + w * w) / 2 : ((w - 1) ** 2) / 2));
  loss.forEach((v, k) => assert.ok(Math.abs(v - expected[k]) < 0.05 * (1 + expected[k]), `L(${k - 2}) = ${v}`));
  // Filled into the caller's array: the same numbers, the same array back.
  const into = new Float32Array(5).fill(NaN);
  assert.equal(engine.landscape('task=relu1d&out=relu&n=20000', { i: 0, j: 1, x0: -2, x1: 2, y0: 0, y1: 0, nx: 5, ny: 1 }, { into }), into);
  assert.deepEqual([...into], [...loss]);
  for (const bad of [new Float32Array(4), new Float64Array(5), [0, 0, 0, 0, 0], 'five'])
    assert.throws(() => engine.landscape('task=relu1d&out=relu', { nx: 5, ny: 1 }, { into: bad }), /into: must be a Float32Array of nx \* ny = 5 numbers/);
  assert.throws(() => engine.landscape('task=relu1d&out=relu', { i: 0, j: 0 }), /grid: parameters i and j must be two different/);
  assert.throws(() => engine.landscape('task=relu1d&out=relu', { nx: 1000, ny: 1000 }), /grid: nx \* ny must be in/);

  const basin = engine.basin('task=relu1d&out=relu&n=200&lr=0.1&steps=300', { x0: -2, x1: 2, y0: -1, y1: 1, nx: 3, ny: 3 });
  assert.equal(basin.finalLoss.length, 9);
  // From w = 2, b = 0 (the centre right) training reaches the minimum w = 1, b = 0.
  assert.ok(basin.finalLoss[5] < 1e-3, `loss from (2, 0): ${basin.finalLoss[5]}`);
  // From w = -2, b = -1 the unit is dead on most points and ends far from the minimum.
  assert.ok(basin.finalLoss[0] > 0.1, `loss from (-2, -1): ${basin.finalLoss[0]}`);

  const born = engine.bornDead('task=custom&dim=1&points=1,0&layers=2,2,2,2&bias=0', 4000);
  const p = 1 - (1 - 2 ** -2) ** 4; // Lu et al.: 1 - (1 - 2^-N)^H for width N = 2, depth H = 4
  const sd = Math.sqrt((p * (1 - p)) / 4000);
  assert.ok(Math.abs(born.deadNetworkFraction - p) < 4 * sd, `${born.deadNetworkFraction} vs ${p}`);
});

// Trial t of a born-dead probe initialises from seed + t, on the training set of seed;
// the numbers are those the probes gave when the seed was written into the query.
test('a born-dead probe takes its seed as an argument, trial t from seed + t', async () => {
  const fixed = 'task=custom&dim=1&points=1,0&layers=2,2&bias=0';
  const whole = engine.bornDead(fixed, 40, { seed: 10 });
  const singles = Array.from({ length: 40 }, (_, t) => engine.bornDead(fixed, 1, { seed: 10 + t }));
  assert.equal(whole.deadNetworks, singles.reduce((n, r) => n + r.deadNetworks, 0));
  assert.ok(whole.deadNetworks > 5 && whole.deadNetworks < 35, `${whole.deadNetworks} of 40 (formula 0.44)`);
  assert.equal(engine.bornDead(`${fixed}&seed=99`, 40, { seed: 10 }).deadNetworks, whole.deadNetworks, 'the query\'s seed is not used');
  const near = (got, want) => got.forEach((v, l) => assert.ok(Math.abs(v - want[l]) < 1e-8, `${got} vs ${want}`));
  const modulus = engine.bornDead('task=modulus&layers=3,3,3&bias=0', 700, { seed: 7 });
  assert.equal(modulus.deadNetworks, 22);
  near(modulus.deadUnitFraction, [0, 0.168095243, 0.29238096, 0]);
  // The page's client splits a probe into ranges of trials, each from its own first seed.
  const client = await nodeClient({ workers: 2 });
  try {
    const split = await client.bornDead('task=modulus&layers=3,3,3&bias=0', 1300, { seed: 7, chunk: 500 });
    assert.equal(split.deadNetworks, 43);
    near(split.deadUnitFraction, [0, 0.163589748, 0.29179488, 0]);
    const spiral = await client.bornDead('task=spiral&layers=4,4,4&init=normal&sigma=0.5&binit=normal&seed=3', 1300, { seed: 7, chunk: 500 });
    assert.equal(spiral.deadNetworks, 56);
    near(spiral.deadUnitFraction, [0.167115385, 0.320576923, 0.4075, 0]);
  } finally {
    client.terminate();
  }
});

test('the same configuration replays bit for bit', () => {
  const run = () => {
    const s = engine.createSession('task=spiral&layers=16,16&out=softmax&loss=ce&lr=0.5&batch=32&shuffle=1&dropout=0.1&steps=300&seed=11');
    s.step(300);
    const out = [Array.from(s.params()), Array.from(s.trace().loss)];
    s.dispose();
    return out;
  };
  assert.deepEqual(run(), run());
});
