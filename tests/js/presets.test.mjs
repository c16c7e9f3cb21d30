// presets.test.mjs: every preset's expectations, run on the real engine. Each preset of
// web/src/links/presets.js is opened as the page opens it (its experiment's default
// config with the preset's keys, normalized by the engine) and measured by the code the
// page runs (web/src/experiments/compute), through the page's EngineClient over
// in-process workers (node_client.mjs); every expected number must fall in its interval.
// A preset without expectations, or an expectation of a number its measure does not
// produce, fails. The intervals are the claims of the lesson (a "say" value is what the
// texts print, and lies inside); the runs are deterministic, so a failure means the
// engine or the experiment changed what a learner sees, and the text must change too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRESETS } from '../../web/src/links/presets.js';
import { experiment } from '../../web/src/experiments/registry.js';
import { MEASURES } from '../../web/src/experiments/compute/measures.js';
import { mergeQuery, parseQuery } from '../../web/src/links/query.js';
import { nodeClient } from './node_client.mjs';

const client = await nodeClient({ workers: 2 });

/** The preset's configuration as the page holds it: {query, values}. */
async function open(preset) {
  const parsed = await client.parse(mergeQuery(experiment(preset.exp).config, preset.config));
  assert.deepEqual(parsed.errors, [], `${preset.name}: its configuration is valid`);
  return { query: parsed.query, values: parseQuery(parsed.fullQuery) };
}

test('every preset has expectations, texts it backs, and says values inside its intervals', () => {
  assert.ok(PRESETS.length >= 30);
  for (const p of PRESETS) {
    assert.ok(p.shows && p.shows.length > 20, `${p.name}: says what it shows`);
    const entries = Object.entries(p.expect ?? {});
    assert.ok(entries.length > 0, `${p.name}: has an expectation`);
    assert.ok((p.backs ?? []).length > 0, `${p.name}: names the texts it backs`);
    for (const [name, e] of entries) {
      assert.ok(Array.isArray(e.in) && e.in.length === 2 && e.in[0] <= e.in[1], `${p.name}.${name}: an interval [lo, hi]`);
      if (e.say !== undefined) assert.ok(e.say >= e.in[0] && e.say <= e.in[1], `${p.name}.${name}: says ${e.say}, outside [${e.in}]`);
      assert.ok(e.as === undefined || ['num', 'pct', 'sci'].includes(e.as), `${p.name}.${name}: format ${e.as}`);
    }
  }
});

for (const preset of PRESETS) {
  test(`preset ${preset.name}: ${preset.shows}`, async () => {
    const { query, values } = await open(preset);
    const measured = await MEASURES[preset.exp](client, query, preset.view, values);
    const report = Object.fromEntries(Object.keys(preset.expect).map((k) => [k, measured[k]]));
    console.log(`# ${preset.name}: ${JSON.stringify(report)}`);
    for (const [name, { in: [lo, hi] }] of Object.entries(preset.expect)) {
      const v = measured[name];
      assert.equal(typeof v, 'number', `${preset.name}: the measure gives ${name}`);
      assert.ok(v >= lo && v <= hi, `${preset.name}: ${name} = ${v}, expected in [${lo}, ${hi}]`);
    }
  });
}

test('docs/PRESETS.md is made from the presets table (node scripts/presets-doc.mjs)', async () => {
  const { readFileSync } = await import('node:fs');
  const { presetsDoc } = await import('../../scripts/presets-doc.mjs');
  const { ROOT } = await import('./load_engine.mjs');
  assert.equal(readFileSync(`${ROOT}/docs/PRESETS.md`, 'utf8'), presetsDoc());
});
