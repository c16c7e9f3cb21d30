#!/usr/bin/env node
// presets-doc.mjs: writes docs/PRESETS.md from the presets table (web/src/links/presets.js):
// every preset's link, experiment, keys, view, what it shows and what its runs must show.
//   node scripts/presets-doc.mjs           writes docs/PRESETS.md
//   node scripts/presets-doc.mjs --check   exits 1 when docs/PRESETS.md is not up to date
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PRESETS } from '../web/src/links/presets.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FILE = join(ROOT, 'docs', 'PRESETS.md');

const cell = (s) => String(s).replace(/\|/g, '\\|');
const bound = (v) => (v === Infinity ? '∞' : v === -Infinity ? '−∞' : String(v));
function expectation([measure, { in: [lo, hi] }]) {
  const range = lo === hi ? `= ${bound(lo)}` : `in [${bound(lo)}, ${bound(hi)}]`;
  return `\`${measure}\` ${range}`;
}

export function presetsDoc() {
  const lines = [
    '# Presets',
    '',
    'Named links, one for every figure the lesson talks about. Open one with',
    '`#preset=<name>` after the page\'s address, e.g. `https://your.site/relu-lab/#preset=keras-stuck`.',
    'The page resolves the preset to its experiment, configuration and view, then rewrites',
    'the address to the explicit keys (`#v=1&exp=single&...`), so the link you copy afterwards',
    'keeps meaning the same thing even if a preset changes later. Keys next to a preset',
    'override it: `#preset=adder-fails&seed=5`. In an embed, `{type: \'load\', preset}` does the same.',
    '',
    'Every preset says what it shows and what its runs must show. The last column lists its',
    'expectations: numbers measured on the real engine by the same code the page runs',
    '(`web/src/experiments/compute/`), each with the interval it must fall in;',
    '`tests/js/presets.test.mjs` runs every preset and checks them, so what a link promises',
    'here is what it shows. The lesson\'s texts state outcomes only through these numbers.',
    '',
    'This file is made from `web/src/links/presets.js` by `node scripts/presets-doc.mjs`;',
    'a test fails when it is out of date.',
    '',
    '| Link | Experiment | Keys over the experiment\'s default | View | What it shows | What its runs must show |',
    '|---|---|---|---|---|---|',
  ];
  for (const p of PRESETS) {
    const keys = p.config ? `\`${p.config}\`` : '—';
    const expects = Object.entries(p.expect).map(expectation).join('; ');
    lines.push(`| \`#preset=${p.name}\` | ${p.exp} | ${cell(keys)} | ${p.view} | ${cell(p.shows)} | ${cell(expects)} |`);
  }
  lines.push(
    '',
    'Views: `live` is the live run (the default); `sweep` and `compare` start that',
    'experiment\'s sweep when the link opens (with its progress bar and Cancel); for the',
    'landscape, `wb`, `vc` and `wv` pick the 2-D slice of the parameters.',
    '',
  );
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = presetsDoc();
  if (process.argv.includes('--check')) {
    const same = readFileSync(FILE, 'utf8') === text;
    if (!same) console.error('docs/PRESETS.md is out of date: run node scripts/presets-doc.mjs');
    process.exit(same ? 0 : 1);
  }
  writeFileSync(FILE, text);
  console.log(`wrote ${FILE} (${PRESETS.length} presets)`);
}
