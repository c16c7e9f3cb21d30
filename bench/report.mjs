// report.mjs: docs/BENCHMARKS.md from one run's measurements (bench/run.mjs): the
// method, what each side computes per step, the goals, the page's worker pool and live
// runs, and a table per workload with median, min and max.
import { MIN_TIMED_MS, WARM_MS } from './ours.mjs';

export const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export function fmt(v) {
  return v == null ? '-' : v < 0.1 ? v.toPrecision(2) : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}
const spread = (v) => `${fmt(median(v))} (${fmt(Math.min(...v))}-${fmt(Math.max(...v))})`;

const SIDES = ['native', 'native_lanes', 'wasm_node', 'wasm_chromium', 'wasm_node_fresh', 'wasm_chromium_fresh', 'flat_js', 'tfjs_cpu', 'tfjs_wasm'];
const NAMES = {
  native: 'ours, native', native_lanes: 'ours, native, brute force', wasm_node: 'ours, WASM in Node', wasm_chromium: 'ours, WASM in Chromium',
  wasm_node_fresh: 'ours, WASM in Node, fresh array', wasm_chromium_fresh: 'ours, WASM in Chromium, fresh array',
  flat_js: 'flat JS', tfjs_cpu: 'TF.js cpu', tfjs_wasm: 'TF.js wasm (SIMD)',
};

// What each side computes per step (or per grid point), so that a reader can judge
// that the sides do the same work. Ours: wasm/core; flat JS: bench/flat_js.mjs;
// TF.js: bench/tfjs.mjs.
const WORK = [
  ['W1', 'Draws 1000 N(0,1) samples (vectorised Box-Muller, normal_bulk.h) and their targets relu(x); in one pass relu(w x), the mean squared error and dL/dw (the error is kept: an error that overflows is how a diverging regression stops); SGD. No evaluation between the first and the last step (trace=2000).',
    'Draws 1000 samples (sfc32 and the polar method) one at a time and adds each one\'s term of dL/dw in the same loop (no batch array, no loss); SGD. The loss once, at the end.',
    'tf.randomNormal batch; minimize: forward, the loss (TF.js\'s minimize always computes it) and the gradient by autodiff; SGD.'],
  ['W2', '8 seeds side by side, one per SIMD lane; per step one sample: forward 2-4-4-1 for every unit, the squared error and its delta, and the backward with each weight updated as soon as it has been read; a seed ends when an epoch changed no bit of its parameters (it would repeat forever: a dead output, a fixed point) or its 30000 steps are done; a seed whose first-layer units died (dead on all 6 samples) moves to lanes of the network without them (2-3-4-1 or 2-2-4-1), bit for bit the same run; each of these shapes has a step compiled for its sizes, z, h and deltas in registers.',
    'One seed at a time; per step one sample: forward 2-4-4-1 (an output that does not fire ends the step: every gradient is 0), then the backward and the updates through the units that fire only; a seed ends after an epoch that changed no parameter (its output fired on no sample, a flag set in the loop; or no update moved a float, the 37 parameters compared with the start of the epoch), or after its 30000 steps. No loss until the end.',
    'One seed, per step one sample: minimize (forward, loss, autodiff gradient), SGD; 3000 steps timed, scaled to 200 seeds x 30000 steps.'],
  ['W3', 'One fused pass over the 300 points (full_batch_relu_ce.h, bit for bit the general pass): forward 4 points at a time through the hidden units that fired at the previous step (a unit that fired nowhere only has its pre-activations computed, up to the first point where it fires), the three logits summed in the same loop; softmax and dL/dlogits per point (3 exp); backward 4 hidden units at a time; the L2 gradient; SGD. No loss: only whether its L2 term is finite (a non-finite loss stops a run). Evaluations (forward, loss, dead units) at step 0, 9000 (the last tenth\'s loss) and 10000 only.',
    'Per point: the pre-activation of each of the 100 units, the units that fire listed with their three output sums added in the same loop; softmax (3 exp); the gradient through the units that fire only. Then the L2 gradient and SGD. No loss until the end.',
    'minimize: forward (matMul, relu, matMul), softmax cross-entropy and the L2 term, the gradient by autodiff; SGD. 500 steps timed, scaled to 10000.'],
  ['W4', 'The loss of the 65536 grid points from sorted moments of the 1000 points (landscape_exact.h): no per-point work per grid point. The brute-force row: every grid point over every point, 8 grid points per SIMD lane.',
    'Every grid point over every point: relu(w x + b) - relu(x), squared, summed.',
    'Every grid point over every point, 4096 grid points per batch of tensor ops (cpu: 1/8 of the grid timed, scaled).'],
];

export function report({ machine, R, W2_SEEDS, TURN_MS, results, goals, pool, live, ratio }) {
  const titles = {
    w1neg: 'W1 relu(w x), w0 = -10, 2000 steps of 1000 fresh samples', w1pos: 'W1 relu(w x), w0 = 0.5, 2000 steps of 1000 fresh samples',
    w2: `W2 add2 sweep, ${W2_SEEDS} seeds x 30000 per-sample steps`, w3: 'W3 spiral 2-100-3, 10000 full-batch steps, step 1',
    w3lr10: 'W3 spiral at step 10 (everything dies: the denormal case)', w4: 'W4 landscape of relu(w x + b), 256 x 256 grid, 1000 points',
  };
  let md = `# Benchmarks\n\nGenerated by \`scripts/bench.sh${machine.quick ? ' --quick' : ''}\` on ${machine.date}. Do not edit by hand.\n\n`;
  md += `Machine: ${machine.cpu}, ${machine.cores} cores (shared), ${machine.memory_gb} GiB, Node ${machine.node}, ${machine.platform}; `;
  md += `load average at the end ${machine.load_average.map((x) => x.toFixed(2)).join(' ')}. One thread everywhere. `;
  md += `Times are medians of at least ${R} runs (fewer for the slowest peers, as noted) and of as many more as fill ${MIN_TIMED_MS} ms (the runs column), after a warm-up of at least one run and ${WARM_MS} ms (one run for the native build, which needs no JIT; and before any timing, one untimed run of each of our workloads, in Node and in Chromium) (min and max beside them); ratios are of medians measured in this one run (for W2 and W3, ours and flat JS in Node also take turns, so that a slow spell of the machine falls on both; the native build and ours in Node take turns on one core, one native run and then ours for as long, and WASM / native compares those). Before Chromium's workloads, the run waits until the machine is quiet (its start-up keeps other processes busy for seconds); then Chromium and Node, both on one core (at times one core of this machine runs 1.5x slower than the other), take turns of ${TURN_MS} ms on each workload, ${R} turns each, and Chromium is compared with those Node runs. `;
  md += `Absolute times on a shared machine are noise; the ratios are what the goals are about.\n\n`;
  md += 'Every side starts from the same data and the same initial weights (taken from our engine); outcomes are checked before times are kept ';
  md += '(W1: w ends at 0 or 1; W2: 35-62% of seeds succeed; W3: accuracy > 95% at step 1, most units dead at step 10; W4: minimum at w = 1, b = 0). ';
  md += 'W1 peers draw their own normal numbers (same distribution, not the same samples). ';
  md += 'The flat JS peer (bench/flat_js.mjs) is the best plain JavaScript we can write: no work its outcome does not need, loops fused where the data allows, no allocation inside a training loop.\n\n';
  md += '## What each side computes per step\n\n| workload | ours (wasm/core) | flat JS | TF.js |\n|---|---|---|---|\n';
  for (const [w, ours, flat, tf] of WORK) md += `| ${w} | ${ours} | ${flat} | ${tf} |\n`;
  md += '\n## Goals\n\n| goal | measured | target | met |\n|---|---|---|---|\n';
  const target = (g) => (g.kind === 'x faster' ? `>= ${g.target}x` : g.kind === 'at least' ? `>= ${g.target}` : `<= ${g.target}`);
  for (const g of goals) md += `| ${g.name} | ${fmt(g.value)} | ${target(g)} | ${g.met == null ? 'not measured' : g.met ? 'yes' : '**no**'} |\n`;
  if (pool) {
    md += `\nThe page's worker pool (the built page, headless Chromium, the adder's 200-seed sweep from click to histogram; `;
    md += `a page with 1 worker and one with 2 take turns, ${pool.times_ms[1].length} sweeps each after 3 s of warm-up; `;
    md += `per-seed results identical with 1 and 2 workers): 1 worker ${spread(pool.times_ms[1])} ms, 2 workers ${spread(pool.times_ms[2])} ms (median, min-max). `;
    md += `After each round of the two pages, the native build ran the same sweep on one thread and on two (the page's two jobs, seeds 1-100 and 101-200, at once; the same outcome): `;
    md += `1 thread ${spread(pool.native[1])} ms, 2 threads ${spread(pool.native[2])} ms, a speed-up of ${fmt(median(pool.native[1]) / median(pool.native[2]))}x: `;
    md += `what two cores of this shared machine gave code that shares nothing, in the same minutes. The second pool goal compares the page's speed-up with it.\n`;
  }
  if (live) {
    md += `\n## The page's live runs\n\n${live.method}\n\n| live run | speed (steps per frame) | steps per second | frames per second | draws per second | steps reached |\n|---|---|---|---|---|---|\n`;
    for (const r of live.rows)
      md += `| ${r.label} | ${r.speed} | ${spread(r.steps_per_s)} | ${spread(r.frames_per_s)} | ${spread(r.draws_per_s)} | ${r.last_step} |\n`;
    md += '\nEach cell: median (min-max) over the windows.\n';
  }
  for (const w of Object.keys(titles)) {
    if (!results[w]) continue;
    md += `\n## ${titles[w]}\n\n| side | median ms | min | max | runs | vs ours (WASM, Node) | outcome | note |\n|---|---|---|---|---|---|---|---|\n`;
    for (const s of SIDES) {
      const r = results[w][s];
      if (!r) continue;
      const rel = ratio(w, s, 'wasm_node');
      const turns = r.node_turns ? `taking turns with Node (${fmt(r.node_turns.median_ms)} ms there, ${r.node_turns.runs} runs), which "vs ours" compares with` : '';
      const note = [r.note, turns].filter(Boolean).join('; ');
      md += `| ${NAMES[s]} | ${fmt(r.median_ms)} | ${fmt(r.min_ms)} | ${fmt(r.max_ms)} | ${r.runs} | ${rel == null ? '-' : fmt(rel) + 'x'} | \`${JSON.stringify(r.outcome)}\` | ${note} |\n`;
    }
  }
  md += '\n"vs ours" is the side\'s median time over ours: above 1 means ours is faster.\n';
  return md;
}
