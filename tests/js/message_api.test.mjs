// message_api.test.mjs: a seeded, bounded fuzzer for the command checker of the embed's
// postMessage API (web/src/links/message-api.js checkCommand). Every message an
// embedding page can send arrives as a structured clone of any value: wrong types,
// huge strings, deep nesting, `__proto__` and `constructor` keys, NaN and 1e308. For
// each, the checker must return exactly one of a command or an error, never throw,
// never let a field through that the command's rules refuse, never build a command
// bigger than a link may be, and never touch Object.prototype.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCommand, COMMANDS } from '../../web/src/links/message-api.js';
import { LIMITS } from '../../web/src/links/link-errors.js';

const SEED = 20240611;
const MESSAGES = 20000;
const CODES = ['bad-message', 'unknown-type', 'bad-field'];
const FIELDS = ['type', 'id', 'n', 'config', 'preset'];

// mulberry32: a small seeded generator, so a failure replays exactly
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fuzzer(seed) {
  const r = rng(seed);
  const int = (n) => Math.floor(r() * n);
  const pick = (list) => list[int(list.length)];
  const KEYS = ['type', 'id', 'n', 'config', 'preset', '__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'seed', 'lr', 'x'.repeat(41), ''];
  const NUMBERS = [NaN, Infinity, -Infinity, 1e308, -1e308, 0, -0, 1, 2, 100, 1e6, 1e6 + 1, -1, 0.5, 2 ** 53 + 1, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER];
  const HUGE = 'a'.repeat(LIMITS.linkChars + 1); // one more than a link may hold (built once)
  const string = () => {
    const k = int(10);
    if (k === 0) return HUGE;
    if (k === 1) return pick(COMMANDS);
    if (k === 2) return pick(['seed=3&lr=0.02', 'adder-fails', 'keras-stuck', '__proto__=1', 'constructor=x', '%ZZ', '\u0000', 'a=1&'.repeat(300)]);
    return Array.from({ length: int(12) }, () => String.fromCharCode(int(0x3000))).join('');
  };
  const value = (depth) => {
    const k = int(depth > 4 ? 6 : 11);
    if (k === 0) return pick([undefined, null, true, false]);
    if (k === 1 || k === 2) return pick(NUMBERS);
    if (k === 3 || k === 4) return string();
    if (k === 5) return BigInt(int(1000)) - 500n;
    if (k === 6) return Array.from({ length: int(4) }, () => value(depth + 1));
    if (k === 7) return pick([new Date(int(1e12)), /x+/g, new Map([[1, 2]]), new Set([1]), new Uint8Array(int(8)), new ArrayBuffer(4)]);
    if (k === 8) {
      // nesting far deeper than any field is read
      let v = {};
      for (let i = 0; i < 200 + int(800); i++) v = { config: v };
      return v;
    }
    return object(depth + 1);
  };
  const object = (depth) => {
    const o = int(4) === 0 ? Object.create(null) : {};
    for (let i = int(5); i > 0; i--) Object.defineProperty(o, pick(KEYS), { value: value(depth), enumerable: true, writable: true, configurable: true });
    return o;
  };
  // A valid command with one field bent.
  const command = () => {
    const type = pick(COMMANDS);
    const c = { type };
    if (int(2)) c.id = pick([int(1000), 'abc', 'x'.repeat(101), NaN, null, 1e308]);
    if (type === 'step' && int(2)) c.n = pick([...NUMBERS, int(1e6) + 1, '10']);
    if (type === 'load') {
      if (int(2)) c.preset = pick(['adder-fails', 'keras-stuck', 'nope', 'x'.repeat(65), 3]);
      if (int(2) || !('preset' in c)) c.config = pick([string(), { seed: pick(NUMBERS), lr: string() }, JSON.parse('{"__proto__": {"polluted": 1}, "seed": 2}'), { ['x'.repeat(41)]: 1 }, { a: HUGE }, Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, i]))]);
    }
    return c;
  };
  return () => {
    const k = int(4);
    if (k === 0) return value(0);
    if (k === 1) return object(0);
    if (k === 2) return JSON.parse(pick(['{"__proto__": {"type": "step"}}', '{"type": "play", "__proto__": {"n": 5}}', '{"constructor": {"prototype": {"polluted": 1}}, "type": "load", "config": "seed=1"}']));
    return command();
  };
}

/** What postMessage delivers: a structured clone (values that cannot be cloned never arrive). */
function delivered(v) {
  try {
    return { ok: true, value: structuredClone(v) };
  } catch {
    return { ok: false };
  }
}

/** The rules a checked command must satisfy; [] when it does. */
function commandProblems(c) {
  const bad = [];
  if (Object.getPrototypeOf(c) !== Object.prototype) bad.push('prototype');
  if (!COMMANDS.includes(c.type)) bad.push(`type ${c.type}`);
  for (const k of Object.keys(c)) if (!FIELDS.includes(k)) bad.push(`field ${k}`);
  if ('id' in c && !((typeof c.id === 'string' && c.id.length <= 100) || (typeof c.id === 'number' && Number.isFinite(c.id)))) bad.push('id');
  if (c.type === 'step' && !(Number.isInteger(c.n) && c.n >= 1 && c.n <= 1e6)) bad.push(`n ${c.n}`);
  if (c.type !== 'step' && 'n' in c) bad.push('n on another type');
  if (c.type === 'load') {
    if (('preset' in c) === ('config' in c)) bad.push('preset xor config');
    if ('preset' in c && !(typeof c.preset === 'string' && c.preset.length <= 64)) bad.push('preset');
    if ('config' in c && !(typeof c.config === 'string' && c.config.length <= 3 * LIMITS.linkChars)) bad.push('config');
  } else if ('preset' in c || 'config' in c) bad.push('load fields on another type');
  return bad;
}

test(`checkCommand: ${MESSAGES} seeded random messages, each a command that keeps the rules or a named error, never a throw`, () => {
  const next = fuzzer(SEED);
  const protoKeys = Object.getOwnPropertyNames(Object.prototype).join();
  const seen = { commands: 0, errors: Object.fromEntries(CODES.map((c) => [c, 0])), types: new Set() };
  let slowest = 0;
  let total = 0;
  const bad = [];
  for (let i = 0; i < MESSAGES; i++) {
    const message = delivered(next());
    if (!message.ok) continue;
    const t0 = performance.now();
    let out;
    try {
      out = checkCommand(message.value);
    } catch (err) {
      bad.push(`#${i}: threw ${err.message}`);
      continue;
    }
    const ms = performance.now() - t0;
    slowest = Math.max(slowest, ms);
    total += ms;
    if (('command' in out) === ('error' in out)) bad.push(`#${i}: neither or both of command and error`);
    else if (out.error) {
      const { code, message: text, field } = out.error;
      if (!CODES.includes(code)) bad.push(`#${i}: code ${code}`);
      if (!FIELDS.includes(field)) bad.push(`#${i}: field ${field}`);
      if (typeof text !== 'string' || text.length === 0 || text.length > 300) bad.push(`#${i}: message of ${String(text).length} characters`);
      seen.errors[code]++;
    } else {
      const problems = commandProblems(out.command);
      if (problems.length) bad.push(`#${i}: ${problems.join(', ')}`);
      seen.commands++;
      seen.types.add(out.command.type);
    }
  }
  assert.deepEqual(bad.slice(0, 10), []);
  assert.equal(Object.getOwnPropertyNames(Object.prototype).join(), protoKeys, 'Object.prototype unchanged');
  assert.equal({}.polluted, undefined);
  // the fuzzer reaches both sides of every rule: commands of every type, every error code
  assert.ok(seen.commands >= MESSAGES * 0.05, `${seen.commands} commands`);
  assert.deepEqual([...seen.types].sort(), [...COMMANDS].sort());
  for (const code of CODES) assert.ok(seen.errors[code] >= 100, `${seen.errors[code]} ${code} errors`);
  // a check is cheap whatever the message (a 1 MB string is refused by its length); the
  // bounds leave room for a garbage collection landing in one check on a loaded machine
  assert.ok(total < 3000, `${MESSAGES} checks took ${total.toFixed(0)} ms`);
  assert.ok(slowest < 250, `slowest check ${slowest.toFixed(1)} ms`);
});

test('checkCommand: the edge values, one by one', () => {
  const code = (m) => checkCommand(m).error?.code ?? 'ok';
  assert.equal(code({ type: 'step', n: NaN }), 'bad-field');
  assert.equal(code({ type: 'step', n: 1e308 }), 'bad-field');
  assert.equal(code({ type: 'step', n: 1e6 }), 'ok');
  assert.equal(code({ type: 'step', n: 1e6 + 1 }), 'bad-field');
  assert.equal(code({ type: 'play', id: NaN }), 'bad-field');
  assert.equal(code({ type: '__proto__' }), 'unknown-type');
  assert.equal(code({ type: 'constructor' }), 'unknown-type');
  assert.equal(code(JSON.parse('{"__proto__": {"type": "play"}}')), 'bad-message');
  assert.equal(code(Object.assign(Object.create(null), { type: 'play' })), 'ok'); // what a clone of it delivers is a plain object
  assert.equal(code([{ type: 'play' }]), 'bad-message');
  // a config object: at most LIMITS.pairs keys and LIMITS.linkChars characters in all
  const many = Object.fromEntries(Array.from({ length: LIMITS.pairs + 1 }, (_, i) => [`k${i}`, 1]));
  assert.equal(code({ type: 'load', config: many }), 'bad-field');
  const big = Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`k${i}`, 'x'.repeat(LIMITS.linkChars / 2)]));
  assert.equal(code({ type: 'load', config: big }), 'bad-field');
  assert.equal(checkCommand({ type: 'load', config: JSON.parse('{"__proto__": "1", "seed": 2}') }).command.config, '__proto__=1&seed=2');
});
