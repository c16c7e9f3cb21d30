// architecture.test.mjs: rules of the page's structure that a reader should be able to
// rely on, checked on the source: the configuration flows one way (only the store writes
// the link; no module keeps a fallback default of an engine key), every experiment's
// controls are a table the binder builds, and no source file grows past about 400 lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './load_engine.mjs';
import { EXPERIMENTS } from '../../web/src/experiments/registry.js';

const WEB = join(ROOT, 'web', 'src');

function files(dir, pattern) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'generated' && name !== 'node_modules') out.push(...files(path, pattern));
    } else if (pattern.test(name)) out.push(path);
  }
  return out;
}
const source = (path) => readFileSync(path, 'utf8');
const rel = (path) => relative(ROOT, path);

test('only the store writes the link', () => {
  const writes = /history\.(replaceState|pushState)|location\.(hash|href|search)\s*=|location\.(replace|assign)\(/;
  const writers = files(WEB, /\.js$/).filter((f) => writes.test(source(f))).map(rel);
  assert.deepEqual(writers, [join('web', 'src', 'store.js')]);
});

test('no module keeps its own default of an engine key (the schema holds them all)', () => {
  const fallbacks = files(WEB, /\.js$/).filter((f) => /getKey\(|\.get\('\w+'\)\s*\?\?/.test(source(f))).map(rel);
  assert.deepEqual(fallbacks, []);
  // each experiment's default configuration is written once, in the registry (a preset
  // is a link's explicit keys, and may repeat them on purpose)
  for (const spec of EXPERIMENTS.filter((e) => e.config)) {
    const copies = files(WEB, /\.js$/).filter((f) => !/presets(-\w+)?\.js$/.test(f) && source(f).includes(spec.config)).map(rel);
    assert.deepEqual(copies, [join('web', 'src', 'experiments', 'registry.js')], `${spec.id}'s default config`);
  }
});

test('every experiment with configuration keys declares its controls as a table for the binder', () => {
  for (const spec of EXPERIMENTS.filter((e) => e.id !== 'dead')) {
    const file = join(WEB, 'experiments', `${spec.id === 'borndead' ? 'born-dead' : spec.id}.js`);
    const text = source(file);
    assert.match(text, /export (const CONTROLS|function labControls)/, `${rel(file)} declares a table`);
    assert.match(text, /ctx\.controls\(/, `${rel(file)} has the binder build it`);
    assert.doesNotMatch(text, /setConfig|function apply\(/, `${rel(file)} keeps no config of its own`);
  }
});

test('no source file is longer than about 400 lines (the locale tables aside)', () => {
  const limit = 420;
  const all = [...files(WEB, /\.(js|css)$/), ...files(join(ROOT, 'wasm'), /\.(h|cpp)$/), ...files(join(ROOT, 'tests'), /\.(mjs|cpp|h)$/), ...files(join(ROOT, 'scripts'), /\.(sh|mjs)$/)];
  const long = all
    .filter((f) => !f.startsWith(join(WEB, 'i18n')) || f.endsWith('index.js') || f.endsWith('errors.js') || f.endsWith('load.js'))
    .map((f) => [rel(f), source(f).split('\n').length])
    .filter(([, n]) => n > limit);
  assert.deepEqual(long, []);
});
