// long-session.test.mjs: a class period, shortened. The page is driven as a class would
// drive it (class-driver.mjs: every section's runs, sweeps, maps and probes, new ones in
// every cycle, every remedy live side by side) for about two minutes after a warm-up;
// what it holds must not grow: each engine worker's WebAssembly memory (the module's
// size and malloc's bytes in use) and the page's JS heap after a garbage collection stay
// within 10% above their level after the warm-up, and a click is answered within 200 ms
// after every cycle. scripts/soak.sh drives the same cycles for 30 minutes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, recordingPage, load } from './helpers.mjs';
import { recordWorkers } from './faults.mjs';
import { cycle, everyRemedy, measure, responsiveness } from './class-driver.mjs';

let env;
before(async () => {
  env = await setup({ csp: true });
});
after(async () => {
  await env?.close();
});

const SECONDS = Number(process.env.LONG_SESSION_SECONDS ?? 100);
// 10% above the level after the warm-up; the JS heap also gets 1 MB, since a few
// hundred KB come and go with whatever a chart or the garbage collector holds at the
// moment it is measured
const GROWTH = 1.1;
const JS_SLACK = 1 << 20;

test(`a class of about ${SECONDS} s: the workers' WASM memory and the JS heap stay within 10% of their level after warm-up, and clicks are answered`, async () => {
  const { page, problems } = await recordingPage(env.context, [env.base.replace(/\/$/, '')]);
  await recordWorkers(page);
  await load(page, `${env.base}?workers=2#exp=single`);
  const cdp = await page.context().newCDPSession(page);
  await everyRemedy(page);
  // warm-up: two cycles, so that every section has mounted, every worker has started and
  // every pool has grown to what a cycle needs
  for (let k = 0; k < 2; k++) await cycle(page, k);
  const base = await measure(page, cdp);
  const clicks = [];
  const t0 = Date.now();
  let cycles = 0;
  while (Date.now() - t0 < SECONDS * 1000 || cycles < 3) {
    await cycle(page, 2 + cycles);
    cycles++;
    clicks.push((await responsiveness(page)).clickMs);
  }
  const end = await measure(page, cdp);
  const mb = (b) => (b / 2 ** 20).toFixed(1);
  console.log(`# ${cycles} cycles in ${((Date.now() - t0) / 1000).toFixed(0)} s, ${end.networks - base.networks} networks; JS heap ${mb(base.jsHeap)} -> ${mb(end.jsHeap)} MB; workers ${base.workers.map((w) => `#${w.index} ${mb(w.size)}/${mb(w.used)}`).join(', ')} -> ${end.workers.map((w) => `#${w.index} ${mb(w.size)}/${mb(w.used)}`).join(', ')} MB (size/used); clicks ${clicks.map((c) => c.toFixed(0)).join(', ')} ms`);

  assert.ok(end.networks - base.networks >= 1000, `${end.networks - base.networks} networks trained or evaluated after the warm-up`);
  assert.ok(end.jsHeap <= base.jsHeap * GROWTH + JS_SLACK, `JS heap ${mb(base.jsHeap)} -> ${mb(end.jsHeap)} MB`);
  // the same workers live at the end (none died and none was added), each within bounds
  assert.deepEqual(end.workers.map((w) => w.index), base.workers.map((w) => w.index));
  for (const w of end.workers) {
    const b = base.workers.find((x) => x.index === w.index);
    assert.ok(w.size <= b.size * GROWTH, `worker ${w.index}: WASM memory ${mb(b.size)} -> ${mb(w.size)} MB`);
    assert.ok(w.used <= b.used * GROWTH, `worker ${w.index}: malloc in use ${mb(b.used)} -> ${mb(w.used)} MB`);
    assert.ok(w.sessions <= b.sessions, `worker ${w.index}: ${b.sessions} -> ${w.sessions} sessions`);
  }
  assert.ok(Math.max(...clicks) < 200, `clicks waited ${clicks.map((c) => c.toFixed(0)).join(', ')} ms`);
  assert.deepEqual(problems, []);
  await page.close();
});
