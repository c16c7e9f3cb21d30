// ours.mjs: the benchmark workloads on our engine through its JS API (web/src/engine/
// engine.js), shared by the Node run (bench/run.mjs) and the headless Chromium run
// (bench/browser.html). The same configurations as bench/native_bench.cpp.
export const QUERIES = {
  w1: 'task=relu1d&layers=&out=relu&bias=0&fresh=1&batch=1000&lr=0.01&steps=2000&trace=2000&weights=',
  w2: 'task=add2&layers=4,4&out=relu&init=normal&binit=normal&batch=1&steps=30000',
  w3: 'task=spiral&layers=100&out=softmax&loss=ce&init=normal&sigma=0.01&l2=0.001&steps=10000&trace=10000&lr=',
  w4: 'task=relu1d&layers=&out=relu&bias=1&steps=0',
};

const W4_GRID = { i: 0, j: 1, x0: -3, x1: 3, y0: -3, y1: 3, nx: 256, ny: 256 };
const w4Loss = new Float32Array(256 * 256);

// Runs one workload once; returns its outcome (checked by the caller).
export function runOurs(engine, workload, seeds = 200) {
  if (workload === 'w1neg' || workload === 'w1pos') {
    const s = engine.createSession(QUERIES.w1 + (workload === 'w1neg' ? '-10' : '0.5'));
    try {
      s.step(2000);
      return { w: s.params()[0], loss: s.evaluate().loss };
    } finally {
      s.dispose();
    }
  }
  if (workload === 'w2') {
    const out = engine.sweep(QUERIES.w2, { firstSeed: 1, seeds, successLoss: 1e-3 });
    return {
      seeds,
      success: out.filter((o) => o.success).length,
      output_dead: out.filter((o) => o.failure === 'output_dead').length,
    };
  }
  if (workload === 'w3' || workload === 'w3lr10') {
    const s = engine.createSession(QUERIES.w3 + (workload === 'w3' ? '1' : '10'));
    try {
      s.step(10000);
      const e = s.evaluate();
      return { accuracy: e.accuracy, loss: e.loss, dead_fraction: e.layers[0].deadFraction };
    } finally {
      s.dispose();
    }
  }
  // w4 fills one array of the caller's, every cell overwritten by every run, as a page
  // redrawing a landscape would; w4fresh takes a fresh array per call (the default).
  if (workload === 'w4') return landscapeOutcome(engine.landscape(QUERIES.w4, W4_GRID, { into: w4Loss }));
  if (workload === 'w4fresh') return landscapeOutcome(engine.landscape(QUERIES.w4, W4_GRID));
  throw new Error('unknown workload ' + workload);
}

// Every workload once, untimed (see bench/run.mjs).
export function settle(engine, seeds) {
  for (const w of ['w1neg', 'w1pos', 'w2', 'w3', 'w3lr10', 'w4', 'w4fresh']) runOurs(engine, w, w === 'w2' ? seeds : 200);
}

export function landscapeOutcome(loss) {
  let best = 0;
  for (let i = 1; i < loss.length; i++) if (loss[i] < loss[best]) best = i;
  const at = (k) => -3 + (6 * k) / 255;
  return { min_loss: loss[best], min_w: at(best % 256), min_b: at(Math.floor(best / 256)), loss_at_0: loss[0] };
}

// Untimed warm-up: at least one run, and runs until WARM_MS have passed, so that a
// workload of a few milliseconds does not start timing while V8 (Node or Chromium) is
// still optimizing its code in the background. The same rule for every side.
export const WARM_MS = 1000;
function warmUp(fn) {
  const t0 = performance.now();
  let outcome;
  do outcome = fn();
  while (performance.now() - t0 < WARM_MS);
  return outcome;
}

// Timed runs: at least `runs`, and more until `ms` have been timed. Returns {times_ms, outcome}.
function timeUntil(fn, runs, ms) {
  const times = [];
  let outcome;
  for (let total = 0; times.length < runs || total < ms;) {
    const t0 = performance.now();
    outcome = fn();
    times.push(performance.now() - t0);
    total += times[times.length - 1];
  }
  return { times_ms: times, outcome };
}

// Timed runs after the warm-up: at least `repeats`, and more until MIN_TIMED_MS have
// been timed, so that the median of a workload of a few milliseconds rests on enough
// runs that one GC pause or Chromium's 0.1 ms clock does not move it. The same rule
// for every JS side. Returns {times_ms, outcome}.
export const MIN_TIMED_MS = 500;
export function timeRuns(fn, repeats) {
  warmUp(fn);
  return timeUntil(fn, repeats, MIN_TIMED_MS);
}

// A fresh 256 KB Float32Array (W4's result), written once: the runtime's cost of new memory.
export function timeFreshArray(repeats) {
  return timeRuns(() => new Float32Array(65536).fill(1)[65535], repeats);
}

// One turn of a side that takes turns with another (bench/run.mjs: WASM in Chromium
// and in Node): the (warm) workload for at least `ms` and at least once.
export function timeOursTurn(engine, workload, ms, seeds) {
  return timeUntil(() => runOurs(engine, workload, seeds), 1, ms);
}

// The warm-up alone (before a side's turns).
export function warmUpOurs(engine, workload, seeds) {
  return warmUp(() => runOurs(engine, workload, seeds));
}

export function timeOurs(engine, workload, repeats, seeds) {
  return timeRuns(() => runOurs(engine, workload, seeds), repeats);
}
