// i18n.test.mjs: the locale tables of the page (web/src/i18n) against en.js:
// every key present in every locale and no extra ones, the same {placeholders} key by
// key, the same links (count and URLs) and the same `code` spans, no key unused by the
// page's source, a template for every engine error code, and French typography.
// Pure Node: the tables are plain ES modules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const I18N = join(ROOT, 'web', 'src', 'i18n');
const { SUPPORTED_LOCALES, setLocale } = await import(pathToFileURL(join(I18N, 'index.js')));
const { describeError } = await import(pathToFileURL(join(I18N, 'errors.js')));
const en = (await import(pathToFileURL(join(I18N, 'en.js')))).default;

const OTHERS = SUPPORTED_LOCALES.filter((l) => l !== 'en');
const tables = {};
for (const name of OTHERS) {
  const file = join(I18N, `${name}.js`);
  tables[name] = existsSync(file) ? (await import(pathToFileURL(file))).default : null;
}

const placeholders = (s) => [...String(s).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const links = (s) => [...String(s).matchAll(/\[([^\]]+)\]\(([^)\s]+)\)/g)].map((m) => m[2]);
const codeSpans = (s) => [...String(s).matchAll(/`([^`]+)`/g)].map((m) => m[1]).sort();

test('the supported locales are en, bn, fr, zh-CN and pl, each with a table file', () => {
  assert.deepEqual([...SUPPORTED_LOCALES], ['en', 'bn', 'fr', 'zh-CN', 'pl']);
  const missing = OTHERS.filter((l) => !tables[l]);
  assert.deepEqual(missing, [], `locale tables missing: ${missing.join(', ')}`);
});

for (const name of OTHERS) {
  test(`${name}: every key of en.js and no other`, (t) => {
    const table = tables[name];
    if (!table) return assert.fail(`web/src/i18n/${name}.js does not exist`);
    const missing = Object.keys(en).filter((k) => !Object.hasOwn(table, k));
    const extra = Object.keys(table).filter((k) => !Object.hasOwn(en, k));
    assert.deepEqual(missing, [], `${name} lacks ${missing.length} keys: ${missing.join(', ')}`);
    assert.deepEqual(extra, [], `${name} has keys en.js does not: ${extra.join(', ')}`);
  });

  test(`${name}: strings are non-empty and the placeholders match en.js key by key`, () => {
    const table = tables[name];
    if (!table) return assert.fail(`web/src/i18n/${name}.js does not exist`);
    const bad = [];
    for (const [key, value] of Object.entries(table)) {
      if (!Object.hasOwn(en, key)) continue;
      if (typeof value !== 'string' || (value.trim() === '' && en[key].trim() !== '')) bad.push(`${key}: empty or not a string`);
      else if (placeholders(value).join() !== placeholders(en[key]).join())
        bad.push(`${key}: {${placeholders(value).join('},{')}} instead of {${placeholders(en[key]).join('},{')}}`);
    }
    assert.deepEqual(bad, []);
  });

  test(`${name}: the markup is balanced: same links (count and URLs), same code spans, paired ** and backticks`, () => {
    const table = tables[name];
    if (!table) return assert.fail(`web/src/i18n/${name}.js does not exist`);
    const bad = [];
    for (const [key, value] of Object.entries(table)) {
      if (!Object.hasOwn(en, key) || typeof value !== 'string') continue;
      if (links(value).join(' ') !== links(en[key]).join(' ')) bad.push(`${key}: links [${links(value).join(' ')}] instead of [${links(en[key]).join(' ')}]`);
      if (codeSpans(value).join('|') !== codeSpans(en[key]).join('|')) bad.push(`${key}: code spans ${codeSpans(value).join('|')} instead of ${codeSpans(en[key]).join('|')}`);
      if ((value.match(/\*\*/g) ?? []).length % 2) bad.push(`${key}: unpaired **`);
      if ((value.match(/`/g) ?? []).length % 2) bad.push(`${key}: unpaired backtick`);
      if ((value.match(/\[/g) ?? []).length !== (value.match(/\]/g) ?? []).length && /\]\(/.test(en[key])) bad.push(`${key}: unbalanced [ ]`);
    }
    assert.deepEqual(bad, []);
  });
}

// ---- no unused keys --------------------------------------------------------------
// A key is used when its literal ('key', "key" or `key`) appears in web/src outside the
// locale tables. Keys built at run time are matched by these prefixes instead, each
// with where it is built:
const DYNAMIC = [
  // main.js: `${spec.id}.title|short|lesson|lookFor` for every experiment id; remedies.js: `remedies.lookFor.${problem}`
  ...['dead', 'single', 'landscape', 'adder', 'modulus', 'cs231n', 'borndead', 'init', 'remedies', 'lab'].flatMap((id) => ['title', 'short', 'lesson', 'lookFor'].map((p) => `${id}.${p}`)),
  'act.', // adder.js: `act.${v}`
  'opt.', // adder.js: `opt.${v}`
  'failure.', // sweep-view.js: `failure.${f.key}`
  'adder.verdict.', // adder.js: `adder.verdict.${verdict}`
  'adder.variant.', // adder.js: `adder.variant.${key}`
  'adder.biasUpdate.', // adder.js: `adder.biasUpdate.${v}`
  'single.view.', // single.js: `single.view.${v}`
  'land.runs.', // landscape-runs.js: `land.runs.${g.key}`, `land.runs.from.${name}`
  'mod.advice.', // modulus.js: `mod.advice.${r.key}`
  'born.init.', // born-dead.js: `born.init.${r.key}`
  'mod.unit.', // modulus.js: `mod.unit.${state}`
  'rem.', // remedies.js: `rem.${r.key}`, `rem.problem.${k}`
  'land.slice.', // landscape.js: `land.slice.${k}`
  'land.basin.', // landscape.js: `land.basin.${k}`
  'init.', // init.js: `init.${v}` for the initializations
  'dead.', // dead-unit.js: `dead.${state}`
  'lab.state.', // lab.js: `lab.state.${s.state}`
  'lab.group.', // lab.js: `lab.group.${group}` for the schema's groups
  'key.', // lab.js: `key.${key.name}` for every schema key
  'refs.r', // math.js: `refs.r${k}`
  'math.p', // math.js: the paragraphs 'math.p1'..'math.p10' in a table
  'math.f.', // math.js: @word@ in a formula -> `math.f.${word}`
  'engine.', // i18n/errors.js: `engine.${code}`, `engine.kind.${kind}`
  'link.', // links/link.js: linkError(key, code) with code a link.* key; the link.why.* in a table
  'api.', // links/message-api.js: error codes that are api.* keys
  'chart.save.', // ui/chart-tools.js: `chart.save.${ext}`
  'share.', 'embed.', 'command.', // links/share.js: `${kind}.label`, `${kind}.help`, `${kind}.copied` for the three link tools
];

function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'generated') out.push(...sourceFiles(path));
    } else if (/\.(js|mjs|html)$/.test(name)) out.push(path);
  }
  return out;
}

test('every key of en.js is used by the page (literally, or by a listed dynamic prefix)', () => {
  const tableFiles = new Set(SUPPORTED_LOCALES.map((l) => join(I18N, `${l}.js`)));
  const files = [...sourceFiles(join(ROOT, 'web', 'src')), ...(existsSync(join(ROOT, 'web', 'examples')) ? sourceFiles(join(ROOT, 'web', 'examples')) : [])];
  const source = files.filter((f) => !tableFiles.has(f)).map((f) => readFileSync(f, 'utf8')).join('\n');
  const unused = Object.keys(en).filter((key) => {
    if (DYNAMIC.some((p) => key === p || key.startsWith(p))) return false;
    return !['\'', '"', '`'].some((q) => source.includes(`${q}${key}${q}`));
  });
  assert.deepEqual(unused, [], `keys in en.js that no source file uses: ${unused.join(', ')}`);
});

// ---- engine errors -----------------------------------------------------------------

/** Every error code the engine can return, read from its own source. */
function engineCodes() {
  const codes = new Set();
  // the code tables in comments: the configuration's (config_query.h) and the maps' (landscape.h)
  for (const file of ['config_query.h', 'landscape.h']) {
    const header = readFileSync(join(ROOT, 'wasm', 'core', file), 'utf8');
    for (const m of header.matchAll(/^\/\/\s+((?:[a-z_]+\s+\{[^}]*\}\s*)+)/gm)) for (const c of m[1].matchAll(/([a-z_]+)\s+\{/g)) codes.add(c[1]);
  }
  const bindings = readFileSync(join(ROOT, 'wasm', 'bindings', 'relulab_bindings.cpp'), 'utf8');
  for (const m of bindings.matchAll(/(?:failure|out_of_range)\(\s*"[^"]*",\s*"([a-z_]+)"/g)) codes.add(m[1]);
  const engine = readFileSync(join(ROOT, 'web', 'src', 'engine', 'engine.js'), 'utf8');
  for (const m of engine.matchAll(/code: '([a-z_]+)'/g)) codes.add(m[1]);
  return codes;
}

// The args of each code (config_query.h, landscape.h), to word a sample of every error in every locale.
const SAMPLE_ARGS = {
  invalid: { kind: 'int', range: '[0, 10]', choices: 'a, b', max: '8', got: "'x'" },
  too_many_items: { kind: 'intList', range: '[1, 512]', max: '8', count: '9' },
  invalid_item: { kind: 'numberList', range: '[-1, 1]', max: '8', got: "'5'" },
  query_too_long: { length: '70000', limit: '65536' },
  broken_escape: { got: "'%zz'" },
  custom_points: { stride: '3', count: '4' },
  points_unused: { task: 'spiral' },
  fixed_points: { task: 'add2', points: '6', n: '10' },
  spiral_points: { classes: '3', n: '2' },
  fresh_fixed: { task: 'add2' },
  ce_task: { task: 'relu1d' },
  ce_softmax: { out: 'relu' },
  softmax_outputs: { task: 'relu1d', outputs: '1' },
  activation_budget: { points: '100000', units: '4096', limit: '50000000' },
  parameter_budget: { parameters: '26265601', limit: '2097152' },
  weights_count: { shape: '1-1-1', bias: '0', want: '2', got: '3' },
  no_session: { id: '7' },
  grid_size: { limit: '65536' },
  bad_into: { cells: '4' },
  inputs_shape: { dim: '2', limit: '100000' },
  bad_steps: { limit: '1000000' },
  bad_seeds: { limit: '100000' },
  bad_first_seed: { limit: '4294967295' },
  bad_success_loss: { limit: '1000000' },
  bad_trials: { limit: '1000000' },
  grid_parameters: { count: '4' },
  grid_range: { limit: '1000000' },
};

test('every engine error code has an engine.<code> template, and each is worded in every locale', () => {
  const codes = [...engineCodes()].sort();
  const known = ['invalid', 'too_many_items', 'invalid_item', 'query_too_long', 'broken_escape', 'unknown_key', 'duplicate_key', 'custom_points', 'points_unused',
    'fixed_points', 'spiral_points', 'fresh_fixed', 'ce_task', 'ce_softmax', 'softmax_outputs', 'activation_budget', 'parameter_budget', 'weights_count', 'no_session', 'disposed',
    'bad_steps', 'grid_inputs', 'grid_size', 'inputs_shape', 'bad_seeds', 'bad_first_seed', 'bad_success_loss', 'grid_parameters', 'grid_range', 'bad_trials', 'bad_into'];
  assert.deepEqual(known.filter((c) => !codes.includes(c)), [], 'the scan of the engine source finds every code known when this test was written');
  const missing = codes.filter((c) => !Object.hasOwn(en, `engine.${c}`));
  assert.deepEqual(missing, [], `codes without an engine.<code> key in en.js: ${missing.join(', ')}`);
  for (const kind of ['int', 'number', 'bool', 'choice', 'intList', 'numberList', 'biasInit']) assert.ok(Object.hasOwn(en, `engine.kind.${kind}`), `engine.kind.${kind}`);
  for (const name of SUPPORTED_LOCALES) {
    if (name !== 'en' && !tables[name]) continue; // reported by the key tests
    setLocale(name, name === 'en' ? en : tables[name]);
    for (const code of codes) {
      const text = describeError({ key: 'layers', reason: 'x', message: 'layers: English', code, args: SAMPLE_ARGS[code] ?? {} });
      assert.doesNotMatch(text, /\{\w+\}/, `${name} ${code}: a placeholder was left: ${text}`);
      assert.notEqual(text, 'layers: English', `${name} ${code}: fell back to the English message`);
    }
    for (const kind of ['int', 'number', 'bool', 'choice', 'intList', 'numberList', 'biasInit']) {
      const text = describeError({ key: 'k', message: 'English', code: 'invalid', args: { ...SAMPLE_ARGS.invalid, kind } });
      assert.doesNotMatch(text, /\{\w+\}/, `${name} invalid/${kind}: ${text}`);
    }
  }
  setLocale('en', en);
  // an unknown code falls back to the English message; a link.* code is a locale key
  assert.equal(describeError({ key: 'k', message: 'k: something new', code: 'brand_new', args: {} }), 'k: something new');
  assert.equal(describeError({ key: 'lang', message: 'x', code: 'link.unknownLang', args: { key: 'lang', value: 'xx', list: 'en, fr' } }), en['link.unknownLang'].replace('{key}', 'lang').replace('{value}', 'xx').replace('{list}', 'en, fr'));
});

test('engine errors are worded in the locale, with counts through Intl', () => {
  if (!tables.fr) return assert.fail('fr.js missing');
  setLocale('fr', tables.fr);
  const text = describeError({ key: 'n', message: 'n: English', code: 'activation_budget', args: { points: '100000', units: '4096', limit: '50000000' } });
  setLocale('en', en);
  assert.match(text, /^n\u00a0: 100\u202f000 points × 4\u202f096 neurones/);
});

// ---- French typography ---------------------------------------------------------------
test('fr: French typography: no-break spaces before : ; ? ! and inside « », no plain space there', () => {
  if (!tables.fr) return assert.fail('fr.js missing');
  const bad = [];
  for (const [key, value] of Object.entries(tables.fr)) {
    if (/ [:;?!](?=[\s'"»)]|$)/m.test(value)) bad.push(`${key}: a plain space before : ; ? or !`);
    if (/« | »/.test(value)) bad.push(`${key}: a plain space inside « »`);
    if (/[^\s\u00a0\u202f([{]«|»[^\s\u00a0\u202f.,;:)\]}]/.test(value)) bad.push(`${key}: « » glued to a word`);
    if (/[“”]/.test(value)) bad.push(`${key}: English quotation marks`);
  }
  assert.deepEqual(bad, []);
});

test('pl: Polish quotation marks „…”, never English “…”', () => {
  if (!tables.pl) return assert.fail('pl.js missing');
  const bad = Object.entries(tables.pl).filter(([, v]) => /“/.test(v) || (v.match(/„/g) ?? []).length !== (v.match(/”/g) ?? []).length).map(([k]) => k);
  assert.deepEqual(bad, []);
});

test('the source files of the page are listed relative to the repo (sanity of the unused-key scan)', () => {
  const files = sourceFiles(join(ROOT, 'web', 'src')).map((f) => relative(ROOT, f));
  assert.ok(files.includes(join('web', 'src', 'main.js')));
  assert.ok(!files.some((f) => f.includes('generated')));
});

test('every key the lab offers has a label (key.<name>) in every locale', async () => {
  const { loadEngine } = await import('./load_engine.mjs');
  const { HIDDEN_KEYS } = await import('../../web/src/experiments/compute/lab.js');
  const engine = await loadEngine();
  const offered = engine.schema.map((k) => k.name).filter((name) => !HIDDEN_KEYS.has(name));
  for (const name of SUPPORTED_LOCALES) {
    const table = name === 'en' ? en : tables[name];
    assert.deepEqual(offered.filter((key) => !Object.hasOwn(table, `key.${key}`)), [], `${name}: lab keys without a label`);
  }
});
