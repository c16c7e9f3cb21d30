// links.test.mjs: the page's link reader (web/src/links/link.js) and presets under Node,
// with the real engine as the validator: what a stranger's link turns into before the
// page uses it. The browser tests drive the same code through the page; these pin its
// rules one by one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readLink, splitLink, parseOrigins, validateConfig, LINK_VERSION } from '../../web/src/links/link.js';
import { mergeQuery } from '../../web/src/links/query.js';
import { experiment, EXPERIMENTS } from '../../web/src/experiments/registry.js';
import { PRESETS } from '../../web/src/links/presets.js';
import { loadEngine } from './load_engine.mjs';

const engine = await loadEngine();
// The page validates through a worker; here the same engine answers directly.
const client = { schema: engine.schema, parse: async (query) => engine.parse(query) };
const codes = (errors) => errors.map((e) => `${e.key}:${e.code}`);

test('a plain link gives its experiment, view, language and config keys', () => {
  const r = readLink({ hash: `#v=${LINK_VERSION}&exp=adder&view=sweep&lang=FR&seed=3&lr=0.02` });
  assert.deepEqual(r.errors, []);
  assert.equal(r.anchor, false);
  assert.deepEqual([r.state.exp, r.state.view, r.state.lang], ['adder', 'sweep', 'fr'], 'locales match without regard to case');
  assert.deepEqual([...r.config], [['seed', '3'], ['lr', '0.02']]);
});

test('bad page keys are named, dropped, and the rest of the link stays', () => {
  const r = readLink({ hash: '#v=abc&exp=nope&view=wide&lang=xx&seed=5' });
  assert.deepEqual(codes(r.errors), ['v:link.badVersion', 'exp:link.unknownExperiment', 'view:link.unknownView', 'lang:link.unknownLang']);
  assert.equal(r.state.exp, null);
  assert.equal(r.state.view, null, 'a view without its experiment is dropped too');
  assert.deepEqual([...r.config], [['seed', '5']]);
  const newer = readLink({ hash: `#v=${LINK_VERSION + 1}&exp=single` });
  assert.deepEqual(codes(newer.errors), ['v:link.newerVersion']);
  assert.equal(newer.state.exp, 'single', 'a link from a newer version still opens');
});

test('duplicates, broken escapes, control characters and odd key names', () => {
  const r = readLink({ hash: '#lr=1&lr=2&a%ZZ=1&seed=%ZZ&steps=1%0A2&<script>=1&' + 'k'.repeat(41) + '=1' });
  // An overlong key is named by its first 40 characters.
  assert.deepEqual(codes(r.errors).sort(), ['<script>:link.unknownKey', 'a%ZZ:link.badEncoding', 'k'.repeat(40) + '…:link.unknownKey',
    'lr:link.duplicate', 'seed:link.badEncoding', 'steps:link.controlChar'].sort());
  assert.deepEqual([...r.config], [['lr', '2']], 'the last of duplicate keys wins');
});

test('limits: an overlong link or too many keys is refused with the limit named', () => {
  const long = readLink({ hash: '#seed=' + '1'.repeat(1_000_001) });
  assert.deepEqual(codes(long.errors), ['link:link.tooLong']);
  assert.equal(long.config.size, 0);
  const many = readLink({ hash: '#' + Array.from({ length: 250 }, (_, i) => `k${i}=1`).join('&') });
  assert.ok(codes(many.errors).includes('link:link.tooManyKeys'));
  assert.equal(many.config.size, 200);
});

test('an in-page anchor is not state; an empty fragment is an empty state', () => {
  assert.equal(readLink({ hash: '#math' }).anchor, true);
  assert.equal(splitLink('#math'), null);
  const empty = readLink({ hash: '' });
  assert.deepEqual([empty.anchor, empty.errors.length, empty.config.size], [false, 0, 0]);
});

test('presets resolve to experiment, view and config; keys beside them override', () => {
  const r = readLink({ hash: '#preset=adder-fails&seed=5' });
  assert.deepEqual(r.errors, []);
  assert.equal(r.state.exp, 'adder');
  assert.equal(r.config.get('seed'), '5');
  const conflict = readLink({ hash: '#preset=adder-fails&exp=single' });
  assert.deepEqual(codes(conflict.errors), ['exp:link.presetConflict']);
  assert.deepEqual(codes(readLink({ hash: '#preset=nope' }).errors), ['preset:link.unknownPreset']);
});

test('every preset is a valid configuration of its experiment in the engine', () => {
  assert.ok(PRESETS.length >= 20);
  for (const p of PRESETS) {
    const spec = experiment(p.exp);
    assert.ok(spec, `${p.name}: experiment ${p.exp} exists`);
    const parsed = engine.parse(mergeQuery(spec.config, p.config));
    assert.deepEqual(parsed.errors, [], `${p.name}: ${p.config}`);
  }
  for (const e of EXPERIMENTS) assert.deepEqual(engine.parse(e.config).errors, [], `default of ${e.id}`);
});

test('embedding: ?embed picks the experiment; origins are parsed strictly', () => {
  const r = readLink({ search: '?embed=cs231n&origins=https://a.example,http://b.example:8080/', hash: '#seed=2' });
  assert.deepEqual(r.errors, []);
  assert.equal(r.state.exp, 'cs231n');
  assert.deepEqual(r.state.origins, ['https://a.example', 'http://b.example:8080']);
  const bad = readLink({ search: '?embed=zzz&origins=javascript:alert(1),ftp://x' });
  assert.deepEqual(codes(bad.errors), ['embed:link.unknownEmbed', 'origins:link.badOrigin', 'origins:link.badOrigin']);
  assert.deepEqual(bad.state.origins, [], 'given but all bad: nobody may command, never everybody');
  assert.deepEqual(parseOrigins('https://a.example/path').origins, [], 'an origin has no path');
});

test('config keys are validated by the engine: bad ones fall back, the rest is kept', async () => {
  const r = readLink({ hash: '#exp=adder&seed=7&lr=abc&layers=4,1000&bogus=1' });
  const { query, errors } = await validateConfig(client, r.state.exp, r.config);
  assert.deepEqual(errors.map((e) => e.key).sort(), ['bogus', 'layers', 'lr']);
  assert.match(query, /(^|&)seed=7(&|$)/);
  assert.match(query, /(^|&)layers=4,4(&|$)/, "the experiment's own layers stay");
  assert.deepEqual(engine.parse(query).errors, [], 'what the page uses is a valid config');
  // A key that is only wrong with the experiment's own keys (a weights list of the
  // wrong length for the adder's network) is refused too.
  const w = await validateConfig(client, 'adder', new Map([['weights', '1,2,3']]));
  assert.deepEqual(w.errors.map((e) => e.code), ['weights_count']);
  assert.deepEqual(engine.parse(w.query).errors, []);
});
