// claims.test.mjs: the lesson states outcomes only through checked expectations. An
// outcome number in a lesson or "What to look for" text is a claim placeholder,
// {@preset.measure}, which the page replaces with that preset's expectation's `say`
// (web/src/links/presets.js; presets.test.mjs runs every expectation on the engine).
// Here, for every locale: each placeholder names an expectation that has something to
// say; each text uses the same placeholders as English; every "What to look for" text
// is backed by a preset; and a literal number in a text is one of the numbers the
// English text sets up or cites (listed below), never a stray outcome, so a number that
// a run could contradict cannot be typed into the lesson.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SUPPORTED_LOCALES, CLAIM, claimOf, setLocale, t } from '../../web/src/i18n/index.js';
import { PRESETS } from '../../web/src/links/presets.js';

const tables = {};
for (const name of SUPPORTED_LOCALES) tables[name] = (await import(`../../web/src/i18n/${name}.js`)).default;
const en = tables.en;

/** The texts that state outcomes: every experiment's lesson and "What to look for", and the math section's prose. */
const TEXT_KEYS = Object.keys(en).filter((k) => (/\.(lesson|lookFor)(\.\w+)?$/.test(k) && !k.startsWith('common.')) || /^math\.p\d+$/.test(k));

// The numbers each English text may write out: the setup it describes (sizes, rates,
// steps, starting values, slider values), a definition (1% for dormant), formulas
// (100·σ²/2 and its values, 1 − (3/4)⁸ ≈ 0.90), and numbers cited from a source (the
// notes' 40% and 98%). Anything else a text says about a run's outcome is a claim
// placeholder. Written as they are read: "-10" for −10, "10" and "-3" for 10⁻³.
const SETUP = {
  'dead.lesson': ['0', '1', '1%'],
  'single.lesson': ['1', '1000', '0.01', '2000', '20', '100', '-10', '0', '1×1'],
  'single.lookFor': ['-10', '0', '0.5', '1', '1000', '100', '1%'],
  'landscape.lesson': ['1', '0', '32', '2', '200'],
  'landscape.lookFor': ['0.3', '-2.5', '-0.5', '-1', '0.5'],
  'adder.lesson': ['2', '4', '1', '0.01', '5000', '0', '6', '8'],
  'adder.lookFor': ['5000', '200000', '0.1', '100000', '600000', '1'],
  'modulus.lesson': ['0', '1', '2', '3', '-1'],
  'modulus.lookFor': ['7', '3', '8', '10%'],
  'cs231n.lesson': ['40%', '100', '2', '3', '0.01', '0', '1', '10', '-3', '1.0', '98%', '5', '500'],
  'cs231n.lookFor': ['5', '1', '40%', '2', '3'],
  'borndead.lesson': ['1', '2', '-N', 'N', 'H'],
  'borndead.lookFor': ['2', '8', '50', '3', '10', '-1', '1', '200', '21', '0.001', '5000', '0'],
  'init.lesson': ['5', '100', '0', '2', '0.50', '0.10', '0.98', '0.14', '3.92', '0.28', '16', '1', '500', '-1'],
  'init.lookFor': ['0.10', '0.28'],
  'remedies.lesson': ['0', '0.01', '0.3', '100', '0.5', '2', '6'],
  'remedies.lookFor.spiral': ['5', '0', '0.01'],
  'remedies.lookFor.adder': ['3', '0.01', '0', '6'],
  'lab.lesson': ['8', '512', '3', '1', '50', '0', '100', '2097152'],
  'lab.lookFor': ['0'],
  'math.p2': ['1', '0'],
  'math.p5': [],
  'math.p6': ['0'],
  'math.p7': ['1', '0'],
  'math.p8': ['1', '0', '1'],
  'math.p9': ['6'],
  'math.p10': ['2', '8', '1', '3', '4', '0.90'],
};

/**
 * The numbers a text writes out, normalized: decimal commas and Unicode minus signs read
 * as "." and "-", group separators dropped, superscript digits read as digits. Numbers
 * inside words (CS231n), code spans (configuration values) and link targets are not
 * statements; in "2-4-4-1" the dashes join, they are not minus signs.
 */
function numbers(text) {
  const SUP = { '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-' };
  const plain = String(text)
    .replace(CLAIM, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/`[^`]*`/g, ' ')
    .replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+/g, (m) => ` ${[...m].map((c) => SUP[c]).join('')} `)
    .replace(/(\d)[\u00a0\u202f\u2009 ](?=\d{3}(?!\d))/g, '$1')
    .replace(/(\d)[\u00a0\u202f ]%/g, '$1%')
    .replace(/−/g, '-');
  return [...plain.matchAll(/(?<![\p{L}\p{N}.,-])(-?)(?<![\p{L}\p{N}])(\d+(?:[.,]\d+)?)(%?)(?![\p{L}\p{N}])/gu)].map((m) => `${m[1]}${m[2].replace(',', '.')}${m[3]}`);
}

const placeholdersOf = (s) => [...String(s).matchAll(CLAIM)].map((m) => m[1]).sort();

test('every claim placeholder, in every language, names an expectation with a value to say', () => {
  const bad = [];
  for (const name of SUPPORTED_LOCALES)
    for (const [key, text] of Object.entries(tables[name]))
      for (const ref of placeholdersOf(text)) {
        const claim = claimOf(ref);
        if (!claim) bad.push(`${name} ${key}: {@${ref}} names no expectation`);
        else if (claim.expectation.say === undefined) bad.push(`${name} ${key}: {@${ref}} has nothing to say`);
        else if (!claim.preset.backs.includes(key)) bad.push(`${name} ${key}: {@${ref}}: preset ${claim.preset.name} does not list ${key} in backs`);
      }
  assert.deepEqual(bad, []);
});

test('every language states the same checked outcomes as English, text by text', () => {
  const bad = [];
  for (const name of SUPPORTED_LOCALES.filter((l) => l !== 'en'))
    for (const key of Object.keys(en)) if (placeholdersOf(tables[name][key]).join() !== placeholdersOf(en[key]).join()) bad.push(`${name} ${key}`);
  assert.deepEqual(bad, []);
});

test('every "What to look for" text is backed by presets whose runs check what it says', () => {
  const backed = new Set(PRESETS.flatMap((p) => p.backs));
  const lookFor = Object.keys(en).filter((k) => /\.lookFor(\.\w+)?$/.test(k) && !k.startsWith('common.'));
  assert.ok(lookFor.length >= 10);
  assert.deepEqual(lookFor.filter((k) => !backed.has(k)), [], 'lookFor texts no preset backs');
  for (const p of PRESETS) for (const key of p.backs) assert.ok(Object.hasOwn(en, key), `${p.name} backs ${key}, which is not a text`);
});

test('a text writes out only the numbers of its setup, definitions, formulas and sources (English)', () => {
  const bad = [];
  for (const key of TEXT_KEYS) {
    const allowed = new Set(SETUP[key] ?? []);
    const extra = numbers(en[key]).filter((n) => !allowed.has(n));
    if (extra.length) bad.push(`${key}: ${[...new Set(extra)].join(' ')}`);
  }
  assert.deepEqual(bad, [], 'a number that is an outcome must be a {@preset.measure} placeholder; a setup number must be listed in SETUP');
});

test('a translation writes out no number its English text does not', () => {
  const bad = [];
  for (const name of SUPPORTED_LOCALES.filter((l) => l !== 'en'))
    for (const key of TEXT_KEYS) {
      const english = new Set([...numbers(en[key]), ...(SETUP[key] ?? [])]);
      const extra = numbers(tables[name][key]).filter((n) => !english.has(n));
      if (extra.length) bad.push(`${name} ${key}: ${[...new Set(extra)].join(' ')}`);
    }
  assert.deepEqual(bad, []);
});

test('placeholders become the checked values, formatted for each language', () => {
  setLocale('en', en);
  const rate = PRESETS.find((p) => p.name === 'adder-sweep').expect.failureRate.say;
  assert.match(t('adder.lookFor'), new RegExp(`about ${Math.round(rate * 100)}% of the seeds fail`));
  setLocale('fr', tables.fr);
  assert.doesNotMatch(t('adder.lookFor'), /\{@/);
  assert.match(t('single.lesson'), /0,5/);
  setLocale('en', en);
});
