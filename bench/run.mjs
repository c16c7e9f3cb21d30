// run.mjs: the benchmark, side by side in one run (scripts/bench.sh calls it).
//   node --no-experimental-fetch bench/run.mjs --wasm DIR --native FILE --out DIR [--quick]
// Sides: our native build (near-limit reference), our WASM in Node, the same WASM in
// headless Chromium, flat Float32Array JS (bench/flat_js.mjs), TF.js cpu and TF.js wasm
// (bench/tfjs.mjs). Outcomes are checked before times are kept; every time is a median
// of several repeats after a warm-up, with min and max. Writes benchmarks.json and
// BENCHMARKS.md into --out.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

import * as flat from './flat_js.mjs';
import { QUERIES, landscapeOutcome, settle, timeFreshArray, timeOurs, timeOursTurn, timeRuns, warmUpOurs } from './ours.mjs';
import { fmt, median, report } from './report.mjs';
import { measureLive } from './live.mjs';
import * as tfjs from './tfjs.mjs';
import { measurePool } from './pool.mjs';
import { waitQuiet } from './quiet.mjs';
import { allCpus, pin } from './pin.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const quick = args.includes('--quick');
const wasmDir = path.resolve(opt('--wasm', 'build/bench-wasm'));
const nativeBench = path.resolve(opt('--native', 'build/bench-native/relulab_bench'));
const outDir = path.resolve(opt('--out', 'docs'));
const R = quick ? 3 : 7; // timed repeats per side (after the warm-up, ours.mjs)
const W2_SEEDS = quick ? 48 : 200;
const TF_W2_STEPS = quick ? 600 : 3000; // TF.js: one seed, this many steps, extrapolated
const TF_W3_STEPS = quick ? 100 : 500; // TF.js: per-step time from this many steps
const log = (...a) => console.error('[bench]', ...a);
const TURN_MS = 250; // Chromium and Node take turns of this long (at least one run each)
const W4_INTO = 'fills the caller\'s array (landscape(query, grid, {into})), as a page redrawing a landscape would';
const freshArray = {}; // runtime -> median ms of a fresh 256 KB Float32Array written once (ours.mjs)
const w4FreshNote = () => `a fresh Float32Array per call (the default); a fresh 256 KB array written once, in plain JS: ${fmt(freshArray.node)} ms in Node, ${fmt(freshArray.chromium)} ms in Chromium (new memory)`;

const stats = (times, scale = 1, note = '') => ({
  median_ms: median(times) * scale, min_ms: Math.min(...times) * scale, max_ms: Math.max(...times) * scale,
  runs: times.length, times_ms: times, note,
});
function timeJs(fn, repeats = R) {
  const { times_ms: times, outcome } = timeRuns(fn, repeats);
  return { times, outcome };
}

// ---- our engine: Node ------------------------------------------------------------
const factory = require(path.join(wasmDir, 'relulab_node.cjs'));
const module = await factory({ wasmBinary: fs.readFileSync(path.join(wasmDir, 'relulab_node.wasm')) });
const { Engine } = await import(path.join(root, 'web/src/engine/engine.js'));
const engine = new Engine(module);

// Same data and initial weights for every side, from our engine.
const sessionOf = (q) => engine.createSession(q);
const w2Initials = [];
for (let seed = 1; seed <= W2_SEEDS; seed++) {
  const s = sessionOf(QUERIES.w2 + '&seed=' + seed);
  w2Initials.push(Float32Array.from(s.params()));
  s.dispose();
}
const spiral = sessionOf(QUERIES.w3 + '1');
const spiralData = spiral.data(), spiralInit = Float32Array.from(spiral.params());
spiral.dispose();
const spiralX = Float32Array.from(spiralData.x), spiralLabels = Int32Array.from(spiralData.labels);
const w4s = sessionOf(QUERIES.w4);
const w4x = Float32Array.from(w4s.data().x);
w4s.dispose();

const results = {}; // workload -> side -> stats + outcome
const put = (w, side, s, outcome) => ((results[w] ??= {})[side] = { ...s, outcome });
const native = (w, seeds = 200, repeats = R) =>
  JSON.parse(execFileSync(nativeBench, [w, String(repeats), String(seeds)], { encoding: 'utf8' }));
const checks = {}; // workload -> its outcome check, for the native turns below
const check = (cond, what) => {
  if (!cond) throw new Error('outcome check failed: ' + what);
};

// Every workload once, untimed, before any is timed (here and in Chromium): the first
// workload timed must not share the machine's 2 cores with the compilation of the rest.
settle(engine, W2_SEEDS);

// ---- W1 ----------------------------------------------------------------------------
for (const w of ['w1neg', 'w1pos']) {
  const w0 = w === 'w1neg' ? -10 : 0.5, want = w === 'w1neg' ? 0 : 1;
  log(w);
  const ok = (o, who) => check(Math.abs(o.w - want) < 1e-3, `${w} ${who}: w ended at ${o.w}, want about ${want}`);
  checks[w] = ok;
  const o = timeOurs(engine, w, R); ok(o.outcome, 'wasm'); put(w, 'wasm_node', stats(o.times_ms), o.outcome);
  const f = timeJs(() => flat.w1(w0)); ok(f.outcome, 'flat js'); put(w, 'flat_js', stats(f.times), f.outcome);
}

// ---- W2 ----------------------------------------------------------------------------
{
  log('w2', W2_SEEDS, 'seeds');
  const share = (o) => o.success / o.seeds;
  const ok = (o, who) => check(share(o) > 0.35 && share(o) < 0.62, `w2 ${who}: success share ${share(o)}`);
  checks.w2 = ok;
  // The goal with the least room: the two sides take turns (ours for about as long as
  // one flat JS run, then that run), so a slow spell of the shared machine falls on both.
  const o = timeOurs(engine, 'w2', R, W2_SEEDS); ok(o.outcome, 'wasm');
  const f = timeJs(() => flat.w2(w2Initials), 1); ok(f.outcome, 'flat js');
  const turnMs = median(f.times);
  for (let turn = 0; turn < (quick ? 2 : 4); ++turn) {
    o.times_ms.push(...timeOursTurn(engine, 'w2', turnMs, W2_SEEDS).times_ms);
    const t0 = performance.now();
    flat.w2(w2Initials);
    f.times.push(performance.now() - t0);
  }
  put('w2', 'wasm_node', stats(o.times_ms), o.outcome);
  put('w2', 'flat_js', stats(f.times), f.outcome);
}

// ---- W3 ----------------------------------------------------------------------------
for (const w of ['w3', 'w3lr10']) {
  log(w);
  const lr = w === 'w3' ? 1 : 10;
  const ok = (o, who) =>
    check(w === 'w3' ? o.accuracy > 0.95 : o.dead_fraction > 0.5, `${w} ${who}: ${JSON.stringify(o)}`);
  checks[w] = ok;
  // Ours and flat JS take turns, as for W2: ours for about as long as one flat JS run.
  const o = timeOurs(engine, w, R); ok(o.outcome, 'wasm');
  const f = timeJs(() => flat.w3(spiralX, spiralLabels, spiralInit, 10000, lr), 1); ok(f.outcome, 'flat js');
  for (let turn = 0; turn < (quick ? 1 : 4); ++turn) {
    o.times_ms.push(...timeOursTurn(engine, w, median(f.times)).times_ms);
    const t0 = performance.now();
    flat.w3(spiralX, spiralLabels, spiralInit, 10000, lr);
    f.times.push(performance.now() - t0);
  }
  put(w, 'wasm_node', stats(o.times_ms), o.outcome);
  put(w, 'flat_js', stats(f.times), f.outcome);
}

// ---- W4 ----------------------------------------------------------------------------
{
  log('w4');
  const ok = (o, who) =>
    check(Math.abs(o.min_w - 1) < 0.05 && Math.abs(o.min_b) < 0.05 && o.min_loss < 1e-3, `w4 ${who}: ${JSON.stringify(o)}`);
  checks.w4 = ok;
  const b = native('w4lanes'); ok(b.outcome, 'native brute force');
  put('w4', 'native_lanes', stats(b.times_ms, 1, 'every grid point evaluated, 8 per SIMD lane: the general path, which the engine no longer takes for this slice'), b.outcome);
  const o = timeOurs(engine, 'w4', R); ok(o.outcome, 'wasm'); put('w4', 'wasm_node', stats(o.times_ms, 1, W4_INTO), o.outcome);
  const fresh = timeOurs(engine, 'w4fresh', R); ok(fresh.outcome, 'wasm, fresh array');
  put('w4', 'wasm_node_fresh', stats(fresh.times_ms), fresh.outcome);
  freshArray.node = median(timeFreshArray(R).times_ms);
  const f = timeJs(() => landscapeOutcome(flat.w4(w4x))); ok(f.outcome, 'flat js');
  check(Math.abs(f.outcome.loss_at_0 - o.outcome.loss_at_0) < 1e-4 * o.outcome.loss_at_0, 'w4 flat js loss at a corner');
  put('w4', 'flat_js', stats(f.times), f.outcome);
}

// ---- native and WASM in Node, in turns ----------------------------------------------
// The WASM/native goals compare these: both on one core (pin.mjs; the native process
// inherits this process's core), taking turns: one timed native run (its own process,
// after an untimed one), then ours in Node for as long, R times.
pin([process.pid], '0');
for (const w of ['w1neg', 'w1pos', 'w2', 'w3', 'w3lr10', 'w4']) {
  log('native turns', w);
  const seeds = w === 'w2' ? W2_SEEDS : 200;
  const times = [], node = [];
  let outcome;
  for (let k = 0; k < R; k++) {
    const n = native(w, seeds, 1);
    checks[w](n.outcome, 'native');
    times.push(...n.times_ms);
    outcome = n.outcome;
    node.push(...timeOursTurn(engine, w, n.times_ms[0], seeds).times_ms);
  }
  put(w, 'native', { ...stats(times), node_turns: stats(node) }, outcome);
}
pin([process.pid], allCpus());

// ---- TF.js -------------------------------------------------------------------------
for (const backend of ['cpu', 'wasm']) {
  const side = 'tfjs_' + backend;
  const info = await tfjs.setupTf(backend);
  log(side, JSON.stringify(info));
  for (const w of ['w1neg', 'w1pos']) {
    const want = w === 'w1neg' ? 0 : 1;
    const steps = quick ? 400 : 2000;
    const t = timeJs(() => tfjs.w1(w === 'w1neg' ? -10 : 0.5, steps), quick ? 2 : 3);
    if (steps === 2000) check(Math.abs(t.outcome.w - want) < 1e-3, `${w} ${side}: w ${t.outcome.w}`);
    put(w, side, stats(t.times, 2000 / steps, steps < 2000 ? `${steps} of 2000 steps timed, scaled` : ''), t.outcome);
  }
  {
    // One seed, TF_W2_STEPS per-sample steps, scaled to 200 seeds x 30000 steps.
    const t = timeJs(() => tfjs.w2Seed(w2Initials[0], TF_W2_STEPS), 2);
    check(Number.isFinite(t.outcome.loss), `w2 ${side}: loss ${t.outcome.loss}`);
    const scale = (200 * 30000) / TF_W2_STEPS;
    put('w2', side, stats(t.times, scale, `extrapolated: 1 seed x ${TF_W2_STEPS} steps timed, scaled x${scale} to 200 seeds x 30000 steps`), t.outcome);
  }
  for (const w of ['w3', 'w3lr10']) {
    // Same start as every side: after TF_W3_STEPS steps the loss must equal flat JS's.
    const lr = w === 'w3' ? 1 : 10;
    const t = timeJs(() => tfjs.w3(spiralX, spiralLabels, spiralInit, TF_W3_STEPS, lr), 2);
    const ref = flat.w3(spiralX, spiralLabels, spiralInit, TF_W3_STEPS, lr).loss;
    // At step 1 the runs track each other; at step 10 the dynamics are chaotic (every
    // side diverges from the others within steps), so only finiteness is checked there.
    if (w === 'w3') check(Math.abs(t.outcome.loss - ref) < 1e-2 * Math.max(1, Math.abs(ref)), `${w} ${side}: loss ${t.outcome.loss} vs flat js ${ref}`);
    else check(Number.isFinite(t.outcome.loss), `${w} ${side}: loss ${t.outcome.loss}`);
    const scale = 10000 / TF_W3_STEPS;
    put(w, side, stats(t.times, scale, `${TF_W3_STEPS} of 10000 steps timed, scaled${w === 'w3' ? " (loss after them within 1% of flat JS's: float rounding lets units die a few steps apart)" : ''}`), { ...t.outcome, flat_js_loss: ref });
  }
  {
    const fraction = backend === 'cpu' ? 8 : 1; // TF.js cpu: 1/8 of the grid, scaled
    const t = timeJs(() => {
      if (fraction === 1) return landscapeOutcome(tfjs.w4(w4x));
      return { loss_at_0: tfjs.w4(w4x, 65536 / fraction)[0] };
    }, backend === 'cpu' ? 1 : R);
    check(Math.abs(t.outcome.loss_at_0 - results.w4.wasm_node.outcome.loss_at_0) < 1e-4 * t.outcome.loss_at_0, `w4 ${side}`);
    put('w4', side, stats(t.times, fraction, fraction > 1 ? `1/${fraction} of the grid timed, scaled x${fraction}` : ''), t.outcome);
  }
}

// ---- our WASM in headless Chromium ------------------------------------------------------
async function chromium() {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(req.url.split('?')[0]);
    let file = null;
    if (url.startsWith('/wasm/')) file = path.join(wasmDir, url.slice(6));
    else if (url.startsWith('/web/') || url.startsWith('/bench/')) file = path.join(root, url);
    if (!file || !fs.existsSync(file)) return res.writeHead(404).end();
    const type = file.endsWith('.wasm') ? 'application/wasm' : file.endsWith('.html') ? 'text/html' : 'text/javascript';
    res.writeHead(200, { 'content-type': type }).end(fs.readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { chromium: pw } = require('playwright-core');
  // playwright gives the browser a fresh temporary profile of its own.
  const browser = await pw.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => log('page error', e.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/bench/browser.html`);
    await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60000 });
    log('chromium: quiet?', JSON.stringify(await waitQuiet()));
    // This process and its children (Chromium's processes): all on cpu 0.
    log('chromium: pinned to cpu 0 with this process:', pin([process.pid], '0'), 'processes');
    await page.evaluate(([seeds]) => window.benchSettle(seeds), [W2_SEEDS]);
    // Chromium and Node take turns of TURN_MS on each workload (after a warm-up of
    // each), both on one core (pin.mjs): the machine's slow spells last seconds to
    // minutes, and one that fell on only one side made a workload 1.4-1.6x slower in
    // Chromium, or in Node, whether the sides ran minutes apart or in turns on
    // different cores.
    for (const w of ['w1neg', 'w1pos', 'w2', 'w3', 'w3lr10', 'w4', 'w4fresh']) {
      log('chromium', w, 'quiet?', JSON.stringify(await waitQuiet()));
      const seeds = w === 'w2' ? W2_SEEDS : 200;
      const turn = () => page.evaluate(([w, ms, seeds]) => window.benchTurn(w, ms, seeds), [w, TURN_MS, seeds]);
      await page.evaluate(([w, seeds]) => window.benchWarmUp(w, seeds), [w, seeds]);
      warmUpOurs(engine, w, seeds);
      const chrome = [], node = [];
      let r;
      for (let k = 0; k < R; k++) {
        r = await turn();
        chrome.push(...r.times_ms);
        node.push(...timeOursTurn(engine, w, TURN_MS, seeds).times_ms);
      }
      // The same WASM on the same inputs: the same outcome as in Node, to the last bit.
      const nodeOutcome = (w === 'w4fresh' ? results.w4.wasm_node_fresh : results[w].wasm_node).outcome;
      check(JSON.stringify(r.outcome) === JSON.stringify(nodeOutcome), `${w} chromium: ${JSON.stringify(r.outcome)} vs node ${JSON.stringify(nodeOutcome)}`);
      const paired = { node_turns: stats(node) };
      if (w === 'w4fresh') put('w4', 'wasm_chromium_fresh', { ...stats(chrome), ...paired }, r.outcome);
      else put(w, 'wasm_chromium', { ...stats(chrome, 1, w === 'w4' ? W4_INTO : ''), ...paired }, r.outcome);
    }
    freshArray.chromium = median((await page.evaluate(([R]) => window.benchFresh(R), [R])).times_ms);
  } finally {
    pin([process.pid], allCpus()); // before the worker pool's browser starts from here
    await browser.close();
    server.close();
  }
}
try {
  await chromium();
} catch (e) {
  log('chromium run failed:', e.message);
}

// ---- the page's worker pool -----------------------------------------------------------------
let pool = null;
try {
  log('page worker pool: 1 vs 2 workers');
  // The native build's sweep on one thread and on two (its two halves at once), once
  // per round of the pages: what two cores of this machine give code that shares nothing.
  const nativeThreads = () => {
    const one = native('w2', W2_SEEDS, 1), two = native('w2x2', W2_SEEDS, 1);
    checks.w2(one.outcome, 'native'); checks.w2(two.outcome, 'native on two threads');
    check(JSON.stringify(one.outcome) === JSON.stringify(two.outcome), 'w2 native: one and two threads differ');
    return { one: one.times_ms[0], two: two.times_ms[0] };
  };
  pool = await measurePool({ repeats: 3 * R, alongside: nativeThreads, chromium: require('playwright-core').chromium });
  pool.native = { 1: pool.alongside.map((t) => t.one), 2: pool.alongside.map((t) => t.two) };
} catch (e) {
  log('worker pool run failed:', e.message);
}

// ---- the page's live runs ------------------------------------------------------------------
let live = null;
try {
  log('page live runs');
  live = await measureLive({ windows: quick ? 3 : 7, chromium: require('playwright-core').chromium });
} catch (e) {
  log('live run measurement failed:', e.message);
}

// ---- report ------------------------------------------------------------------------------
// Chromium is compared with the Node runs it took turns with.
const ratio = (w, slow, fast) => {
  const a = results[w]?.[slow]?.median_ms;
  const b = (slow.startsWith('wasm_chromium') && fast === 'wasm_node' ? results[w]?.[slow]?.node_turns : results[w]?.[fast])?.median_ms;
  // Native is compared with the Node runs it took turns with, both ways.
  if (slow === 'native' && fast === 'wasm_node') return a && results[w].native.node_turns ? a / results[w].native.node_turns.median_ms : null;
  if (slow === 'wasm_node' && fast === 'native') return b && results[w].native?.node_turns ? results[w].native.node_turns.median_ms / b : null;
  return a && b ? a / b : null;
};
const wasmBytes = fs.readFileSync(path.join(wasmDir, 'relulab.wasm'));
const goals = [
  ['W2 sweep: WASM (Node) vs flat JS', ratio('w2', 'flat_js', 'wasm_node'), 10, 'x faster'],
  ['W2 sweep: WASM (Node) vs TF.js wasm', ratio('w2', 'tfjs_wasm', 'wasm_node'), 100, 'x faster'],
  ['W3 spiral: WASM (Node) vs flat JS', ratio('w3', 'flat_js', 'wasm_node'), 4, 'x faster'],
  ['W4 landscape: WASM (Node) vs TF.js wasm', ratio('w4', 'tfjs_wasm', 'wasm_node'), 9, 'x faster'],
  ['W1 (w0 = -10): WASM (Node) vs flat JS', ratio('w1neg', 'flat_js', 'wasm_node'), 3, 'x faster'],
  ['W1 (w0 = 0.5): WASM (Node) vs flat JS', ratio('w1pos', 'flat_js', 'wasm_node'), 3, 'x faster'],
  ...['w1neg', 'w1pos', 'w2', 'w3', 'w3lr10', 'w4'].map((w) => [`${w}: WASM (Node) / native`, ratio(w, 'wasm_node', 'native'), 1.25, 'at most']),
  ['W3 at step 10 / W3 at step 1 (WASM, Node)', (results.w3lr10?.wasm_node?.median_ms ?? NaN) / (results.w3?.wasm_node?.median_ms ?? NaN), 1.5, 'at most'],
  ...['w1neg', 'w1pos', 'w2', 'w3', 'w3lr10', 'w4'].map((w) => [`${w}: WASM in Chromium / WASM in Node`, ratio(w, 'wasm_chromium', 'wasm_node'), 1.3, 'at most']),
  ['W2 in the page: one worker / worker pool of 2 (speed-up)',
    pool ? median(pool.times_ms[1]) / median(pool.times_ms[2]) : null, 1.6, 'x faster'],
  // What the pool makes of the machine's two cores, against native threads in the same minutes.
  ['W2 in the page: pool speed-up / native build\'s speed-up on two threads',
    pool ? median(pool.times_ms[1]) / median(pool.times_ms[2]) / (median(pool.native[1]) / median(pool.native[2])) : null, 0.9, 'at least'],
  ['relulab.wasm size (KB)', wasmBytes.length / 1024, 300, 'at most'],
  ['relulab.wasm gzipped (KB)', zlib.gzipSync(wasmBytes, { level: 9 }).length / 1024, 120, 'at most'],
].map(([name, value, target, kind]) => ({
  name, value, target, kind,
  met: value == null || Number.isNaN(value) ? null : kind === 'at most' ? value <= target : value >= target,
}));

for (const s of ['wasm_node_fresh', 'wasm_chromium_fresh']) if (results.w4?.[s]) results.w4[s].note = w4FreshNote();

const machine = {
  cpu: os.cpus()[0]?.model, cores: os.cpus().length, memory_gb: Math.round(os.totalmem() / 2 ** 30),
  node: process.version, platform: `${os.type()} ${os.release()}`, load_average: os.loadavg(),
  date: new Date().toISOString(), quick,
};
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, quick ? 'benchmarks-quick.json' : 'benchmarks.json'),
  JSON.stringify({ machine, repeats: R, w2_seeds: W2_SEEDS, results, pool: pool ? { page: pool.times_ms, native: pool.native } : null, live, goals }, null, 1) + '\n');

const md = report({ machine, R, W2_SEEDS, TURN_MS, results, goals, pool, live, ratio });
fs.writeFileSync(path.join(outDir, quick ? 'BENCHMARKS-quick.md' : 'BENCHMARKS.md'), md);
console.log(md);
