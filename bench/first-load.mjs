// first-load.mjs: what a reader's first visit costs, for the built page and, side by
// side in the same run, for another build (a baseline): the bytes the server sends until
// the first screen has loaded (English, and Chinese with its font), the main thread's
// long tasks from navigation until the first experiment answers, and when it answers: a
// Step on experiment 1 pressed as soon as it exists, timed until its readout moves, on
// an unthrottled profile and at 4x CPU throttling. Each side starts with one visit that
// is not counted (its longest task is kept in the JSON as warmUpLongestTaskMs).
//   node bench/first-load.mjs --dist web/dist [--baseline DIR] [--runs 3] [--out FILE.json] [--doc FILE.md]
// Served by scripts/serve.mjs (precompressed files as the browser accepts them, Brotli
// first); headless Chromium through playwright-core. Medians over the runs, with min and max.
import { statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
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
  return { bytes: bytes.sent, uncompressed: bytes.uncompressed, longTasks, longest: Math.max(0, ...longTasks), answeredMs };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s.at(-1) };
};

const browser = await launch('relulab-first-load-');
const results = {};
for (const [name, dist] of sides) {
  let counter = null;
  const server = await startServer({ port: 0, root: dist, csp: true, onSend: (path, bytes) => counter?.(bytes, statSync(join(dist, path)).size) });
  const base = `http://127.0.0.1:${server.address().port}/`;
  const onSend = {
    start() {
      const total = { sent: 0, uncompressed: 0 };
      counter = (bytes, size) => {
        total.sent += bytes;
        total.uncompressed += size;
      };
      return () => ({ ...total });
    },
  };
  const side = {};
  // one visit not counted, so that each side starts from a warm browser: the very first
  // page of a just-started browser pays for its renderer's start (a task of 60-90 ms here)
  const warmUp = await visit(browser.context, base, { throttle: 1, onSend });
  side.warmUpLongestTaskMs = warmUp.longest;
  for (const [label, hash, throttle] of [['en', '', 1], ['zh-CN', '#lang=zh-CN', 1], ['en, 4x CPU', '', 4]]) {
    const runs = [];
    for (let k = 0; k < RUNS; k++) runs.push(await visit(browser.context, `${base}${hash}`, { throttle, onSend }));
    side[label] = {
      kilobytes: stats(runs.map((r) => r.bytes / 1024)),
      uncompressedKilobytes: stats(runs.map((r) => r.uncompressed / 1024)),
      longestTaskMs: stats(runs.map((r) => r.longest)),
      answeredMs: stats(runs.map((r) => r.answeredMs)),
    };
  }
  results[name] = side;
  await new Promise((ok) => server.close(ok));
}
await browser.close();

const f = (s) => `${s.median.toFixed(0)} (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
const table = ['| build | load | transferred KB | the same files uncompressed, KB | longest main-thread task ms | experiment 1 answers after ms |', '|---|---|---|---|---|---|'];
for (const [name, side] of Object.entries(results)) {
  for (const [label, r] of Object.entries(side)) {
    if (r.kilobytes) table.push(`| ${name} | ${label} | ${f(r.kilobytes)} | ${f(r.uncompressedKilobytes)} | ${f(r.longestTaskMs)} | ${f(r.answeredMs)} |`);
  }
}
console.log(table.join('\n'));
if (option('out')) writeFileSync(option('out'), JSON.stringify(results, null, 1));

if (option('doc')) {
  const ours = results['this build'];
  const goal = (what, value, target, met) => `| ${what} | ${value.toFixed(0)} | ${target} | ${met ? 'yes' : 'no'} |`;
  const doc = [
    '# First load',
    '',
    `Generated by \`node bench/first-load.mjs\` on ${new Date().toISOString()}. Do not edit by hand.`,
    '',
    `What a reader's first visit costs: the built page served by scripts/serve.mjs (precompressed files, Brotli first) to headless Chromium, ${RUNS} fresh visits per row (medians, with min and max), after one visit that is not counted so that each build starts from a warm browser. "Transferred" counts the bodies the server sent until the page was idle; "uncompressed" is what the same files weigh on disk. Long tasks are the main thread's tasks over 50 ms (PerformanceObserver "longtask") from navigation until experiment 1 answers: its Step, pressed as soon as it exists, moves the step readout. Machine: ${os.cpus().length} cores (shared), Node ${process.version}.${sides.length > 1 ? ' The baseline is another build served and measured in the same run, after this one.' : ''}`,
    '',
    '## Goals (this build)',
    '',
    '| goal | measured | target | met |',
    '|---|---|---|---|',
    goal('first English load, transferred KB', ours.en.kilobytes.median, '< 300', ours.en.kilobytes.median < 300),
    goal('first Chinese load (with its font), transferred KB', ours['zh-CN'].kilobytes.median, '< 600', ours['zh-CN'].kilobytes.median < 600),
    goal('longest main-thread task until experiment 1 answers, ms (worst visit)', Math.max(ours.en.longestTaskMs.max, ours['zh-CN'].longestTaskMs.max), '<= 50', Math.max(ours.en.longestTaskMs.max, ours['zh-CN'].longestTaskMs.max) <= 50),
    goal('experiment 1 answers after, ms (unthrottled, worst visit)', ours.en.answeredMs.max, '< 1000', ours.en.answeredMs.max < 1000),
    goal('experiment 1 answers after, ms (4x CPU throttling, worst visit)', ours['en, 4x CPU'].answeredMs.max, '< 5000', ours['en, 4x CPU'].answeredMs.max < 5000),
    '',
    '## Every row',
    '',
    ...table,
    '',
    `At 4x CPU throttling the longest task is ${f(ours['en, 4x CPU'].longestTaskMs)} ms: the tasks that take under 50 ms unthrottled (evaluating the main script and the first layout, building a section) take about four times as long.`,
    '',
  ];
  writeFileSync(option('doc'), doc.join('\n'));
}
