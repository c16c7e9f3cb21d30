// soak.mjs: a whole class period. Drives every section of the built page in headless
// Chromium the way tests/browser/class-driver.mjs does (new runs, sweeps, maps and
// probes in every cycle, every remedy side by side, the CS231n learning-rate sweep every
// fifth cycle) for --minutes, and after every cycle records what must not grow (the
// page's JS heap after a garbage collection, every engine worker's WebAssembly memory)
// and how the page answers (a click's wait, the longest task since the last cycle).
// Writes soak.csv (one row per cycle), soak.png (the chart) and SOAK.md (the verdict
// against the bound: 10% above the level at the end of the warm-up) into --out. The
// warm-up is the first --warmup minutes: while it lasts the JIT compiles the page's code
// and the browser fills its caches, and the heap grows for reasons that have nothing to
// do with what the page keeps.
//   node scripts/soak.mjs [--minutes 30] [--warmup 5] [--out docs]
//   node scripts/soak.mjs --csv docs/soak.csv [--warmup 5] [--out docs]   (the chart and
//   the verdict again from a recorded soak, without driving the page)
// scripts/soak.sh builds the page first; driving needs web/dist.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import { setup, launch, recordingPage, load } from '../tests/browser/helpers.mjs';
import { recordWorkers } from '../tests/browser/faults.mjs';
import { cycle, everyRemedy, measure, responsiveness } from '../tests/browser/class-driver.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const MINUTES = Number(option('minutes', 30));
const OUT = option('out', 'docs');
const WARMUP = Number(option('warmup', 5));
const CSV = option('csv', null);
const GROWTH = 1.1;
if (!(MINUTES > 0) || !(WARMUP >= 0) || WARMUP >= MINUTES) throw new Error('soak.mjs: --minutes must be above 0, and --warmup at least 0 and below --minutes');

const MB = 2 ** 20;
const rows = CSV ? readRows(CSV) : await drive();

/** The rows of a recorded soak (soak.csv). */
function readRows(file) {
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const columns = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [columns[i], Number(v)])));
}

/** Drives the page for MINUTES; resolves with one row per cycle. */
async function drive() {
  const env = await setup({ csp: true });
  const { page, problems } = await recordingPage(env.context, [env.base.replace(/\/$/, '')]);
  await recordWorkers(page);
  await load(page, `${env.base}?workers=2#exp=single`);
  const cdp = await page.context().newCDPSession(page);
  await everyRemedy(page);

  const rows = [];
  const t0 = Date.now();
  for (let k = 0; ; k++) {
    const took = await cycle(page, k, { cs231nSweepEvery: 5 });
    const m = await measure(page, cdp);
    const r = await responsiveness(page);
    const row = {
      seconds: (Date.now() - t0) / 1000,
      cycle: k + 1,
      networks: m.networks,
      jsHeapMB: m.jsHeap / MB,
      workers: m.workers.length,
      wasmMB: m.workers.reduce((s, w) => s + w.size, 0) / MB,
      mallocMB: m.workers.reduce((s, w) => s + w.used, 0) / MB,
      sessions: m.workers.reduce((s, w) => s + w.sessions, 0),
      clickMs: r.clickMs,
      longestTaskMs: r.longestTaskMs,
      cycleMs: Object.values(took).reduce((s, v) => s + v, 0),
    };
    rows.push(row);
    console.log(`${row.seconds.toFixed(0)} s, cycle ${row.cycle}: JS heap ${row.jsHeapMB.toFixed(2)} MB, WASM ${row.wasmMB.toFixed(1)} MB (malloc ${row.mallocMB.toFixed(1)}), click ${row.clickMs.toFixed(0)} ms`);
    if (Date.now() - t0 > MINUTES * 60000) break;
  }
  await env.close();
  if (problems.length) console.log(`console errors or failed requests: ${problems.slice(0, 5).join('; ')}`);
  rows.problems = problems.length;
  return rows;
}

// the table
const columns = Object.keys(rows[0]);
mkdirSync(OUT, { recursive: true });
if (!CSV) writeFileSync(join(OUT, 'soak.csv'), [columns.join(','), ...rows.map((r) => columns.map((c) => (Number.isInteger(r[c]) ? r[c] : r[c].toFixed(3))).join(','))].join('\n') + '\n');

// the level at the end of the warm-up: the last cycle that ended within it
const warm = rows.filter((r) => r.seconds <= WARMUP * 60);
const base = warm.at(-1) ?? rows[0];
// the chart: three panels over time (memory against its bound, WASM memory, click waits)
const after = rows.slice(rows.indexOf(base) + 1);
const last = rows.at(-1);
const max = (key, from = after) => Math.max(...from.map((r) => r[key]));
const panels = [
  { title: 'JS heap after GC (MB); dashed: the bound, 10% above the level after warm-up', key: 'jsHeapMB', bound: base.jsHeapMB * GROWTH },
  { title: "engine workers' WASM memory, all workers (MB); dashed: the bound", key: 'wasmMB', bound: base.wasmMB * GROWTH, also: 'mallocMB' },
  { title: 'a click waits (ms); dashed: 200 ms', key: 'clickMs', bound: 200 },
];
const W = 900;
const H = 220;
const svg = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H * panels.length + 30}" font-family="sans-serif" font-size="12"><rect width="100%" height="100%" fill="#fff"/>`];
const tMax = last.seconds;
panels.forEach((p, i) => {
  const top = i * H + 30;
  const x0 = 60;
  const x1 = W - 20;
  const y0 = top + H - 50;
  const y1 = top + 10;
  const hi = Math.max(p.bound, max(p.key, rows), p.also ? max(p.also, rows) : 0) * 1.1;
  const x = (s) => x0 + ((x1 - x0) * s) / tMax;
  const y = (v) => y0 - ((y0 - y1) * v) / hi;
  svg.push(`<text x="${x0}" y="${top}" font-weight="bold">${p.title}</text>`);
  svg.push(`<line x1="${x0}" y1="${y0}" x2="${x1}" y2="${y0}" stroke="#222"/><line x1="${x0}" y1="${y0}" x2="${x0}" y2="${y1}" stroke="#222"/>`);
  for (let k = 0; k <= 4; k++) {
    const v = (hi * k) / 4;
    svg.push(`<text x="${x0 - 6}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(v < 10 ? 1 : 0)}</text><line x1="${x0}" x2="${x1}" y1="${y(v)}" y2="${y(v)}" stroke="#e3e3e3"/>`);
  }
  for (let k = 0; k <= 6; k++) svg.push(`<text x="${x((tMax * k) / 6)}" y="${y0 + 16}" text-anchor="middle">${((tMax * k) / 6 / 60).toFixed(0)} min</text>`);
  svg.push(`<line x1="${x0}" x2="${x1}" y1="${y(p.bound)}" y2="${y(p.bound)}" stroke="#D55E00" stroke-dasharray="6 4"/>`);
  svg.push(`<line x1="${x(base.seconds)}" x2="${x(base.seconds)}" y1="${y0}" y2="${y1}" stroke="#999" stroke-dasharray="2 3"/><text x="${x(base.seconds) + 4}" y="${y1 + 12}" fill="#666">end of warm-up</text>`);
  const line = (key, color) => svg.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${rows.map((r) => `${x(r.seconds).toFixed(1)},${y(r[key]).toFixed(1)}`).join(' ')}"/>`);
  line(p.key, '#0072B2');
  if (p.also) {
    line(p.also, '#009E73');
    svg.push(`<text x="${x1}" y="${y(last[p.also]) - 6}" text-anchor="end" fill="#009E73">malloc in use</text>`);
  }
});
svg.push('</svg>');
const browser = await launch('relulab-soak-chart-');
const chart = await browser.context.newPage();
await chart.setViewportSize({ width: W, height: H * panels.length + 30 });
await chart.setContent(`<body style="margin:0">${svg.join('')}</body>`);
await chart.screenshot({ path: join(OUT, 'soak.png') });
await browser.close();

// the verdict
const within = (key) => max(key) <= base[key] * GROWTH;
const verdict = [
  ['JS heap after GC, MB', base.jsHeapMB, max('jsHeapMB'), last.jsHeapMB, within('jsHeapMB')],
  ["workers' WASM memory, MB", base.wasmMB, max('wasmMB'), last.wasmMB, within('wasmMB')],
  ["workers' malloc in use, MB", base.mallocMB, max('mallocMB'), last.mallocMB, max('mallocMB') <= base.mallocMB * GROWTH + 1],
];
const clicks = after.map((r) => r.clickMs).sort((a, b) => a - b);
const doc = [
  '# Soak: a class period',
  '',
  `Generated by \`scripts/soak.sh\` on ${new Date().toISOString()}. Do not edit by hand.`,
  '',
  `The built page in headless Chromium, driven for ${(last.seconds / 60).toFixed(1)} minutes as a class would drive it (tests/browser/class-driver.mjs: every section, new runs, sweeps, maps and probes in each cycle, every remedy side by side, the CS231n learning-rate sweep every fifth cycle; 2 pool workers). After each cycle: the JS heap after a garbage collection, each engine worker's WebAssembly memory (the module's size and malloc's bytes in use, all workers summed), and a click's wait. The bound is 10% above the level at the end of the warm-up, the first ${WARMUP} minutes (${base.cycle} cycles), while the JIT compiles the page's code and the browser fills its caches (malloc in use: 10% and 1 MB, since it is near 0 when every worker is idle). Machine: ${os.cpus().length} cores (shared), Node ${process.version}.`,
  '',
  `${last.cycle} cycles, ${(last.networks - base.networks).toLocaleString('en')} networks trained or evaluated after the warm-up; ${last.workers} engine workers alive at the end.`,
  '',
  '| measure | after warm-up | highest after | at the end | within the bound |',
  '|---|---|---|---|---|',
  ...verdict.map(([name, b, hi, end, ok]) => `| ${name} | ${b.toFixed(2)} | ${hi.toFixed(2)} | ${end.toFixed(2)} | ${ok ? 'yes' : 'no'} |`),
  `| a click's wait, ms (median / 95th percentile / highest) | | ${clicks[Math.floor(clicks.length / 2)].toFixed(0)} / ${clicks[Math.floor(clicks.length * 0.95)].toFixed(0)} / ${clicks.at(-1).toFixed(0)} | | ${clicks.at(-1) < 200 ? 'yes' : 'no'} (200 ms) |`,
  `| longest main-thread task in a cycle, ms | | ${max('longestTaskMs').toFixed(0)} | | |`,
  '',
  ...(rows.problems === undefined ? [] : [`Console errors or failed requests during the soak: ${rows.problems || 'none'}.`, '']),
  '![memory and click waits over the soak](soak.png)',
  '',
  'Every cycle is a row of [soak.csv](soak.csv).',
  '',
];
writeFileSync(join(OUT, 'SOAK.md'), doc.join('\n'));
console.log(`wrote ${join(OUT, 'SOAK.md')}, soak.csv, soak.png`);
