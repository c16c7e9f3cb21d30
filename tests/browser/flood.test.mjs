// flood.test.mjs: a hostile or clumsy parent. The example course page (origin B) frames
// the lab (origin A, strict CSP) and sends it 10 000 messages of random shape in about
// ten seconds (wrong types, 10 MB strings, deeply nested objects, own __proto__ and
// constructor keys, NaN and 1e308) and, beside them, valid commands at 1000 a second. While the flood
// lasts, clicks in the frame must be answered within 200 ms; an allowed parent gets
// error events for the malformed commands, no more than the rate limit lets through;
// a parent whose origin is not accepted changes nothing at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveSite, launch, recordingPage } from './helpers.mjs';

let lab;
let course;
let browser;
before(async () => {
  lab = await serveSite({ base: '/course/lab/', csp: true });
  course = await serveSite({ base: '/', csp: false });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await lab?.close();
  await course?.close();
});

// the message API's limits (web/src/links/message-api.js): a burst of 20 error events,
// then 10 a second
const ERROR_BURST = 20;
const ERROR_RATE = 10;

async function openExample(query) {
  const rec = await recordingPage(browser.context, [lab.origin, course.origin], { width: 1200, height: 1000 });
  await rec.page.goto(`${course.url}examples/embed.html?lab=${encodeURIComponent(lab.url)}&${query}`);
  let frame = null;
  for (let k = 0; k < 100 && !frame; k++) {
    frame = rec.page.frames().find((f) => f.url().startsWith(lab.url)) ?? null;
    if (!frame) await rec.page.waitForTimeout(100);
  }
  assert.ok(frame, 'the lab frame loads');
  await frame.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 60000 });
  return { ...rec, frame };
}

/**
 * Sends `count` messages of random shape from the parent page to the frame at `rate` a
 * second, and beside them valid commands (status, pause, single steps) at `rate` a
 * second too, drawn by a seeded generator; resolves with what was sent by kind.
 */
function flood(page, { count = 10000, rate = 1000, seed = 7 } = {}) {
  return page.evaluate(
    ({ count, rate, seed }) =>
      new Promise((done) => {
        let s = seed >>> 0;
        const random = () => {
          s = (s + 0x6d2b79f5) >>> 0;
          let t = s;
          t = Math.imul(t ^ (t >>> 15), t | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
        };
        const pick = (xs) => xs[Math.floor(random() * xs.length)];
        const huge = 'x'.repeat(10 * 1024 * 1024);
        const nested = (depth) => {
          let o = { type: 'step', n: 1 };
          for (let k = 0; k < depth; k++) o = { type: 'load', config: o };
          return o;
        };
        // an own __proto__ key changes nothing: that one is a valid status command
        const valid = () => pick([{ type: 'status', id: Math.floor(random() * 1e6) }, { type: 'pause' }, { type: 'step', n: 1 }, JSON.parse('{"__proto__": {"type": "reset"}, "type": "status"}')]);
        const kinds = {
          wrongType: () => pick([42, 'play', null, true, [1, 2], { type: 7 }, { type: ['step'] }, { type: 'step', n: '5' }, { type: 'load', preset: 3 }]),
          hugeString: () => pick([huge, { type: huge }, { type: 'load', preset: huge }, { type: 'load', config: huge }, { type: 'status', id: huge }]),
          nested: () => nested(Math.floor(200 + random() * 800)),
          protoKeys: () =>
            pick([
              JSON.parse('{"type": "load", "config": {"__proto__": {"seed": 3}, "constructor": {"prototype": {"polluted": 1}}}}'),
              { type: 'constructor' },
              { type: '__proto__' },
              { type: 'hasOwnProperty' },
            ]),
          numbers: () => pick([{ type: 'step', n: NaN }, { type: 'step', n: 1e308 }, { type: 'step', n: -Infinity }, { type: 'step', n: -1 }, { type: 'load', config: { lr: 1e308, seed: NaN } }, NaN, 1e308]),
        };
        const names = Object.keys(kinds).filter((x) => x !== 'hugeString');
        const sent = Object.fromEntries([...Object.keys(kinds), 'valid'].map((n) => [n, 0]));
        const target = window.embedExample.frame.contentWindow;
        const t0 = performance.now();
        let n = 0;
        const tick = () => {
          const due = Math.min(count, Math.floor(((performance.now() - t0) / 1000) * rate) + 1);
          for (; n < due; n++) {
            // about one message in a thousand is a 10 MB string (about ten in the flood)
            const name = random() < 0.001 ? 'hugeString' : pick(names);
            sent[name]++;
            target.postMessage(kinds[name](), '*');
            sent.valid++;
            target.postMessage(valid(), '*');
          }
          if (n < count) setTimeout(tick, 5);
          else done(sent);
        };
        tick();
      }),
    { count, rate, seed },
  );
}

/** Clicks the frame's settings disclosure `times` times during the flood; resolves with each click's wait (event to the next frame), ms. */
async function clicksDuring(frame, times) {
  await frame.evaluate(() => {
    window.__clickWaits = [];
    document.addEventListener('click', (event) => requestAnimationFrame(() => window.__clickWaits.push(performance.now() - event.timeStamp)), true);
  });
  for (let k = 0; k < times; k++) {
    await frame.click('details.settings > summary');
    await frame.waitForTimeout(400);
  }
  return frame.evaluate(() => window.__clickWaits);
}

const stateOf = (frame) => frame.evaluate(() => ({ hash: location.hash, step: document.querySelector('dd[data-name=step]')?.dataset.value }));

test('an allowed parent floods the lab: clicks are answered, malformed commands get error events, no more than the rate limit', async () => {
  const { page, frame, problems } = await openExample(`exp=single&origins=${encodeURIComponent(course.origin)}`);
  await page.waitForFunction(() => window.embedExample.events.some((e) => e.type === 'ready'), null, { timeout: 30000 });
  const errorsBefore = await page.evaluate(() => window.embedExample.events.filter((e) => e.type === 'error').length);
  const t0 = Date.now();
  const [sent, waits] = await Promise.all([flood(page), page.waitForTimeout(1500).then(() => clicksDuring(frame, 8))]);
  const seconds = (Date.now() - t0) / 1000;
  const total = Object.values(sent).reduce((a, b) => a + b, 0);
  assert.equal(total - sent.valid, 10000);
  assert.equal(sent.valid, 10000);
  assert.ok(sent.hugeString >= 3, `${sent.hugeString} 10 MB strings sent`);
  assert.equal(waits.length, 8);
  assert.ok(Math.max(...waits) < 200, `clicks during the flood waited ${waits.map((w) => w.toFixed(0)).join(', ')} ms`);

  // the malformed ones were answered with error events, as many as the bucket allows
  await page.waitForTimeout(500);
  const errors = (await page.evaluate(() => window.embedExample.events.filter((e) => e.type === 'error'))).slice(errorsBefore);
  const allowed = ERROR_BURST + ERROR_RATE * (seconds + 1);
  assert.ok(errors.length >= ERROR_BURST, `${errors.length} error events`);
  assert.ok(errors.length <= allowed, `${errors.length} error events in ${seconds.toFixed(1)} s: the limit lets ${allowed.toFixed(0)} through`);
  const codes = new Set(errors.map((e) => e.code));
  assert.ok(codes.has('bad-message') || codes.has('bad-field') || codes.has('unknown-type'), [...codes].join(', '));
  // after a pause the bucket has refilled: the next malformed command is answered. Each
  // event sent carries how many were dropped since the one before it, so the events and
  // their drops account for every malformed message (and for any 'busy' refusals)
  await page.waitForTimeout(2500);
  await page.evaluate(() => window.embedExample.send({ type: 'step', n: 'lots', id: 'after' }));
  await page.waitForFunction(() => window.embedExample.events.some((e) => e.type === 'error' && e.id === 'after'), null, { timeout: 10000 });
  const after = await page.evaluate(() => window.embedExample.events.find((e) => e.type === 'error' && e.id === 'after'));
  const dropped = errors.reduce((sum, e) => sum + (e.dropped ?? 0), 0) + (after.dropped ?? 0);
  assert.ok(errors.length + dropped >= total - sent.valid, `${errors.length} error events and ${dropped} dropped for ${total - sent.valid} malformed messages`);
  // nothing leaked into the lab's objects, and it still answers
  assert.equal(await frame.evaluate(() => ({}).polluted ?? Object.prototype.type ?? null), null);
  await page.evaluate(() => window.embedExample.send({ type: 'status', id: 'still' }));
  await page.waitForFunction(() => window.embedExample.events.some((e) => e.type === 'status' && e.id === 'still'), null, { timeout: 10000 });
  console.log(`# flood from an allowed parent: ${total} messages in ${seconds.toFixed(1)} s (${JSON.stringify(sent)}); clicks waited ${waits.map((w) => w.toFixed(0)).join(', ')} ms; ${errors.length} error events, ${dropped} dropped`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a parent whose origin is not accepted floods the lab: nothing changes, its refusals are rate-limited', async () => {
  const { page, frame, problems } = await openExample('exp=single&origins=https://teacher.example');
  const before = await stateOf(frame);
  const t0 = Date.now();
  const [, waits] = await Promise.all([flood(page, { seed: 11 }), page.waitForTimeout(1500).then(() => clicksDuring(frame, 5))]);
  const seconds = (Date.now() - t0) / 1000;
  await page.waitForTimeout(1000);
  assert.ok(Math.max(...waits) < 200, `clicks during the flood waited ${waits.map((w) => w.toFixed(0)).join(', ')} ms`);
  assert.deepEqual(await stateOf(frame), before, 'the link and the run are what they were');
  const got = await page.evaluate(() => window.embedExample.events);
  assert.deepEqual([...new Set(got.map((e) => `${e.type}:${e.code}`))], ['error:origin-not-allowed'], 'only refusals reach it');
  assert.ok(got.length <= ERROR_BURST + ERROR_RATE * (seconds + 1), `${got.length} refusals in ${seconds.toFixed(1)} s`);
  console.log(`# flood from a refused parent: ${got.length} refusals in ${seconds.toFixed(1)} s; state unchanged`);
  assert.deepEqual(problems, []);
  await page.close();
});
