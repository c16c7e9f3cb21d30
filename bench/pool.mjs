// pool.mjs: the page's worker pool on the adder sweep: the same
// 200-seed sweep in the built page (web/dist) with ?workers=1 and ?workers=2, in
// headless Chromium, timed by the page itself from the click's handler until the
// histogram is in the page (data-sweep-ms: the harness's own latency is not the
// page's, and the wait for the next frame, up to 16.7 ms, is the display's; counting it
// made the times jump in steps of a frame). The two pages take turns. The per-seed
// results of both must be identical before any time is kept.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../scripts/serve.mjs';
import { waitQuiet } from './quiet.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'web', 'package.json'));

// One sweep, clicked and awaited inside the page, as a user would click: once the page
// has drawn the last result (two animation frames, then a moment), and with nothing
// polling it meanwhile (playwright's click and waitForFunction poll on animation
// frames, which keeps the page's thread rendering while the workers compute; with two
// workers on two cores, that thread takes its time from them). A MutationObserver
// wakes on data-sweep-ms.
async function sweepOnce(page) {
  await page.evaluate(() => new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(drawn, 30)))));
  return page.evaluate(() => new Promise((resolve) => {
    const box = document.querySelector('#exp-adder .experiment');
    const done = new MutationObserver(() => {
      if (!box.dataset.sweepMs) return;
      done.disconnect();
      resolve({ ms: Number(box.dataset.sweepMs), results: box.dataset.sweepResults });
    });
    done.observe(box, { attributes: true, attributeFilter: ['data-sweep-ms'] });
    document.querySelector('#exp-adder button[name=sweep]').click();
  }));
}

/**
 * {times_ms: {1: [...], 2: [...]}, alongside: [...]}; throws if the two worker counts
 * disagree on any seed. `chromium`: the caller's playwright-core browser type (one copy
 * of playwright per process; by default the page's own). `alongside()`, if given, runs
 * once after each round of the two pages (while both pages are idle), and its answers
 * are kept in order: bench/run.mjs times the native build's sweep on one and on two
 * threads there, so that what two cores give the page and what they give native code
 * are measured in the same minutes of this shared machine.
 */
export async function measurePool({ repeats = 5, warmups = 3, warmMs = 3000, alongside = null, chromium = require('playwright-core').chromium } = {}) {
  const server = await startServer({ port: 0, root: path.join(root, 'web', 'dist') });
  const out = { times_ms: {}, results: {}, alongside: [] };
  let browser = null;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run'],
    });
    const pages = {};
    for (const workers of [1, 2]) {
      const page = (pages[workers] = await browser.newPage());
      await page.goto(`http://127.0.0.1:${server.address().port}/?workers=${workers}#exp=adder`);
      await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 60000 });
      await page.locator('#exp-adder').scrollIntoViewIfNeeded();
      // Warm-up: the workers start, and each one's WASM compiles and tiers up (V8 does
      // that per worker, for the functions that worker has run hot, on a background
      // thread that the busy workers leave little of the 2 cores to: sweeps stay up to
      // 3x slower for about a second and a half).
      const t0 = performance.now();
      for (let w = 0; w < warmups || performance.now() - t0 < warmMs; ++w) await sweepOnce(page);
      out.times_ms[workers] = [];
    }
    await waitQuiet();
    // The two pages take turns, so that a slow spell of the shared machine falls on both.
    for (let r = 0; r < repeats; r++) {
      for (const workers of [1, 2]) {
        const { ms, results } = await sweepOnce(pages[workers]);
        out.times_ms[workers].push(ms);
        out.results[workers] = results;
      }
      if (alongside) out.alongside.push(alongside());
    }
  } finally {
    await browser?.close();
    server.close();
  }
  if (out.results[1] !== out.results[2]) throw new Error('1 and 2 workers gave different per-seed results');
  return out;
}
