// live.mjs: the page's live runs, measured in the built page (web/dist) in headless
// Chromium: the CS231n live run as the page opens it (the spiral, 2-100-3) and the
// free lab on the same 2-100-3 network (the W3 benchmark's configuration), each at
// its default speed and at its highest (steps asked per animation frame). Both links
// ask for 10^6 steps, so that no run ends inside a window. After Play and a warm-up,
// the page is watched over windows of WINDOW_MS, by the page's own clock:
//   steps per second: the step the page shows (its step readout's value);
//   frames per second: requestAnimationFrame callbacks on the page's main thread, the
//     frames the display gets (headless Chromium's display runs at 60 Hz);
//   draws per second: updates of the step readout, each one a redraw of the charts.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../scripts/serve.mjs';
import { waitQuiet } from './quiet.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'web', 'package.json'));

const WINDOW_MS = 1000;
const WARM_MS = 2000;
const SPIRAL = 'task=spiral&layers=100&out=softmax&loss=ce&init=normal&sigma=0.01&l2=0.001&steps=1000000';
const CASES = [
  { label: 'CS231n live run (step 5, as the page opens it)', section: 'exp-cs231n', link: 'exp=cs231n&steps=1000000', speeds: [50, 10000] },
  { label: 'free lab at 2-100-3 (the W3 spiral, step 1)', section: 'exp-lab', link: `exp=lab&${SPIRAL}&lr=1`, speeds: [20, 1000] },
];

// Counts frames and updates of the step readout in the page, from now on.
function installCounters(section) {
  const readout = document.querySelector(`#${section} dd[data-name=step]`);
  const c = { frames: 0, draws: 0, step: () => Number(readout.dataset.value ?? 0) };
  const frame = () => {
    c.frames++;
    c.raf = requestAnimationFrame(frame);
  };
  c.raf = requestAnimationFrame(frame);
  new MutationObserver(() => c.draws++).observe(readout, { attributes: true, attributeFilter: ['data-value'] });
  window.liveCounters = c;
}

// One window, timed by the page: {ms, steps, frames, draws}.
function countWindow(ms) {
  const c = window.liveCounters;
  const t0 = performance.now(), s0 = c.step(), f0 = c.frames, d0 = c.draws;
  return new Promise((resolve) =>
    setTimeout(() => resolve({ ms: performance.now() - t0, steps: c.step() - s0, frames: c.frames - f0, draws: c.draws - d0, step: c.step() }), ms));
}

/** {method, rows: [{label, speed, steps_per_s, frames_per_s, draws_per_s, last_step}]} (per-window samples). */
export async function measureLive({ windows = 7, chromium = require('playwright-core').chromium } = {}) {
  const server = await startServer({ port: 0, root: path.join(root, 'web', 'dist') });
  const rows = [];
  let browser = null;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run'],
    });
    for (const c of CASES) {
      for (const speed of c.speeds) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        await page.goto(`http://127.0.0.1:${server.address().port}/#${c.link}`);
        await page.waitForFunction((id) => document.getElementById(id)?.dataset.ready === '1', c.section, { timeout: 60000 });
        await page.locator(`#${c.section}`).scrollIntoViewIfNeeded();
        await page.selectOption(`#${c.section} select[name=speed]`, String(speed));
        await page.evaluate(installCounters, c.section);
        await waitQuiet();
        await page.click(`#${c.section} button[name=play]`);
        await page.waitForTimeout(WARM_MS);
        const row = { label: c.label, speed, steps_per_s: [], frames_per_s: [], draws_per_s: [], last_step: 0 };
        for (let k = 0; k < windows; k++) {
          const w = await page.evaluate(countWindow, WINDOW_MS);
          row.steps_per_s.push((1000 * w.steps) / w.ms);
          row.frames_per_s.push((1000 * w.frames) / w.ms);
          row.draws_per_s.push((1000 * w.draws) / w.ms);
          row.last_step = w.step;
        }
        await page.click(`#${c.section} button[name=play]`); // pause
        if (!(row.last_step > 0) || Math.min(...row.steps_per_s) <= 0) throw new Error(`${c.label} at speed ${speed}: the run did not advance`);
        rows.push(row);
        await page.close();
      }
    }
  } finally {
    await browser?.close();
    server.close();
  }
  const method = 'The built page (web/dist) in headless Chromium (display at 60 Hz), one page per row: Play at the given speed ' +
    `(steps asked per animation frame; the page\'s worker trains, the page draws each answer), ${WARM_MS / 1000} s of warm-up, then ` +
    `${windows} windows of ${WINDOW_MS / 1000} s timed by the page: steps per second from the step the page shows, frames per second ` +
    'from requestAnimationFrame callbacks on the page\'s main thread (what the display gets while the worker trains), draws per ' +
    'second from the updates of the step shown (each one redraws the charts). Both links ask for 10^6 steps, so no run ends in a window.';
  return { method, rows };
}
