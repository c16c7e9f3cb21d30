// first-load.mjs: what a reader's first visit costs, for the built page and, side by
// side in the same run, for another build (a baseline): the bytes the server sends until
// the first screen has loaded (English, and Chinese with its font), the main thread's
// long tasks from navigation until the first experiment answers, and when it answers: a
// Step on experiment 1 pressed as soon as it exists, timed until its readout moves, on
// an unthrottled profile and at 4x CPU throttling.
//   node bench/first-load.mjs --dist web/dist [--baseline DIR] [--runs 3] [--out FILE.json]
// Served by scripts/serve.mjs (precompressed files as the browser accepts them, Brotli
// first); headless Chromium through playwright-core. Medians over the runs, with min and max.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startServer } from '../scripts/serve.mjs';
import { launch } from '../tests/browser/helpers.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const sides = [['this build', resolve(option('dist', 'web/dist'))]];
if (option('baseline')) sides.push(['baseline', resolve(option('baseline'))]);
const RUNS = Number(option('runs', 3));

/** One visit: {bytes, longTasks: [ms], longest, answeredMs}. */
async function visit(context, url, { throttle = 1, onSend }) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((list) => window.__long.push(...list.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  const sent = onSend.start();
  await page.goto(url);
  // Step of experiment 1, pressed as soon as it exists and again every 100 ms until answered
  const answeredMs = await page.evaluate(() => new Promise((done) => {
    let lastClick = -1e9;
    const tick = () => {
      const readout = document.querySelector('#exp-single dd[data-name=step]');
      if (readout && Number(readout.dataset.value) > 0) return done(performance.now());
      const step = document.querySelector('#exp-single button[name=step]');
      if (step && !step.disabled && performance.now() - lastClick > 100) {
        step.click();
        lastClick = performance.now();
      }
      requestAnimationFrame(tick);
    };
    tick();
  }));
  const longTasks = await page.evaluate((until) => window.__long.filter(([start]) => start < until).map(([, duration]) => duration), answeredMs);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  const bytes = sent();
  await page.close();
  return { bytes, longTasks, longest: Math.max(0, ...longTasks), answeredMs };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s.at(-1) };
};

const browser = await launch('relulab-first-load-');
const results = {};
for (const [name, dist] of sides) {
  let counter = null;
  const server = await startServer({ port: 0, root: dist, csp: true, onSend: (path, bytes) => counter?.(bytes) });
  const base = `http://127.0.0.1:${server.address().port}/`;
  const onSend = {
    start() {
      let total = 0;
      counter = (bytes) => {
        total += bytes;
      };
      return () => total;
    },
  };
  const side = {};
  for (const [label, hash, throttle] of [['en', '', 1], ['zh-CN', '#lang=zh-CN', 1], ['en, 4x CPU', '', 4]]) {
    const runs = [];
    for (let k = 0; k < RUNS; k++) runs.push(await visit(browser.context, `${base}${hash}`, { throttle, onSend }));
    side[label] = {
      kilobytes: stats(runs.map((r) => r.bytes / 1024)),
      longestTaskMs: stats(runs.map((r) => r.longest)),
      answeredMs: stats(runs.map((r) => r.answeredMs)),
    };
  }
  results[name] = side;
  await new Promise((ok) => server.close(ok));
}
await browser.close();

const f = (s) => `${s.median.toFixed(0)} (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
console.log('| build | load | transferred KB | longest main-thread task ms | experiment 1 answers after ms |');
console.log('|---|---|---|---|---|');
for (const [name, side] of Object.entries(results)) {
  for (const [label, r] of Object.entries(side)) console.log(`| ${name} | ${label} | ${f(r.kilobytes)} | ${f(r.longestTaskMs)} | ${f(r.answeredMs)} |`);
}
if (option('out')) writeFileSync(option('out'), JSON.stringify(results, null, 1));
