// pool.mjs: the page's worker pool on the adder sweep (issue 5's last goal): the same
// 200-seed sweep in the built page (web/dist) with ?workers=1 and ?workers=2, in
// headless Chromium, timed by the page itself from the click's handler until the
// histogram is in the page (data-sweep-ms: the harness's own click and polling
// latency are not the page's, and the wait for the next frame, up to 16.7 ms, is the
// display's; counting it made the times jump in steps of a frame). The per-seed results of both must be identical
// before any time is kept.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../scripts/serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'web', 'package.json'));

async function sweepOnce(page) {
  const box = '#exp-adder .experiment';
  await page.click('#exp-adder button[name=sweep]');
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.sweepMs, box, { timeout: 300000 });
  return page.$eval(box, (el) => ({ ms: Number(el.dataset.sweepMs), results: el.dataset.sweepResults }));
}

/**
 * {times_ms: {1: [...], 2: [...]}}; throws if the two worker counts disagree on any seed.
 * `chromium`: the caller's playwright-core browser type (one copy of playwright per
 * process; by default the page's own).
 */
export async function measurePool({ repeats = 5, warmups = 3, chromium = require('playwright-core').chromium } = {}) {
  const server = await startServer({ port: 0, root: path.join(root, 'web', 'dist') });
  const out = { times_ms: {}, results: {} };
  let browser = null;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run'],
    });
    for (const workers of [1, 2]) {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${server.address().port}/?workers=${workers}#exp=adder`);
      await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 60000 });
      await page.locator('#exp-adder').scrollIntoViewIfNeeded();
      // Warm-up: the workers start, and each one's WASM compiles and tiers up (V8 does
      // that per worker, for the functions that worker has run hot).
      for (let w = 0; w < warmups; ++w) await sweepOnce(page);
      const times = [];
      for (let r = 0; r < repeats; r++) {
        const { ms, results } = await sweepOnce(page);
        times.push(ms);
        out.results[workers] = results;
      }
      out.times_ms[workers] = times;
      await page.close();
    }
  } finally {
    await browser?.close();
    server.close();
  }
  if (out.results[1] !== out.results[2]) throw new Error('1 and 2 workers gave different per-seed results');
  return out;
}
