// embed.test.mjs: an experiment embedded in an iframe from a second origin and driven
// through postMessage. Origin A serves the lab from /course/lab/ under the
// strict CSP; origin B (another port on 127.0.0.1, so another origin) serves the
// example course page web/examples/embed.html (built to dist/examples/), which frames
// A and sends commands. Every request must go to A or B (or data:/blob:).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serveSite, launch, recordingPage, SHOTS } from './helpers.mjs';

let lab;
let course;
let browser;
before(async () => {
  lab = await serveSite({ base: '/course/lab/', csp: true });
  course = await serveSite({ base: '/', csp: false }); // the course page: not ours, no CSP of ours
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await lab?.close();
  await course?.close();
});

const events = (page) => page.evaluate(() => window.embedExample?.events ?? []);
const waitEvent = (page, pred, timeout = 30000) =>
  page.waitForFunction((src) => (window.embedExample?.events ?? []).some(new Function('e', `return ${src}`)), pred, { timeout, polling: 50 });
const send = (page, message) => page.evaluate((m) => window.embedExample.send(m), message);

async function openExample(query) {
  const rec = await recordingPage(browser.context, [lab.origin, course.origin], { width: 1200, height: 1000 });
  await rec.page.goto(`${course.url}examples/embed.html?lab=${encodeURIComponent(lab.url)}&${query}`);
  return rec;
}

test('the example course page drives an embedded experiment from another origin', async () => {
  const { page, problems } = await openExample('exp=adder&preset=adder-learns');
  await waitEvent(page, "e.type === 'ready'");
  const ready = (await events(page)).find((e) => e.type === 'ready');
  assert.equal(ready.experiment, 'adder');
  assert.ok(ready.presets.includes('adder-fails'));
  assert.deepEqual(ready.commands, ['load', 'play', 'pause', 'step', 'reset', 'status']);
  assert.match(ready.config, /seed=1(&|$)/, 'the preset in the iframe URL was applied');

  // load a preset; play: progress events; then step to the end: dead counts and finished
  await send(page, { type: 'load', preset: 'adder-fails', id: 7 });
  await waitEvent(page, "e.type === 'loaded' && e.id === 7");
  const loaded = (await events(page)).find((e) => e.type === 'loaded' && e.id === 7);
  assert.match(loaded.config, /seed=3(&|$)/);
  const mark = (await events(page)).length;
  await send(page, { type: 'play' });
  await page.waitForFunction((m) => window.embedExample.events.slice(m).filter((e) => e.type === 'progress' && e.step > 0).length >= 2, mark, { timeout: 30000 });
  await send(page, { type: 'step', n: 30000, id: 'to-the-end' });
  await waitEvent(page, "e.type === 'finished'", 60000);
  const all = await events(page);
  const finished = all.find((e) => e.type === 'finished');
  assert.equal(finished.step, 30000);
  assert.equal(finished.done, true);
  assert.ok(finished.loss > 0.1, `seed 3 fails: loss ${finished.loss}`);
  const dead = all.filter((e) => e.type === 'dead').at(-1);
  assert.equal(dead.layers.at(-1).output, true);
  assert.equal(dead.layers.at(-1).dead, 1, 'the output unit is dead');
  assert.ok(all.every((e) => e.source === 'relulab' && e.version === 1 && e.experiment === 'adder'));
  const progressCount = all.filter((e) => e.type === 'progress').length;

  // malformed messages: an error event each, never an exception
  const bad = [
    'just a string',
    null,
    [1, 2, 3],
    { type: 'explode' },
    { type: 42 },
    { type: 'step', n: 'lots' },
    { type: 'step', n: 1e9 },
    { type: 'step', n: 1.5 },
    { type: 'load' },
    { type: 'load', config: 5 },
    { type: 'load', config: 'seed=1', preset: 'adder-fails' },
    { type: 'load', preset: 'nope' },
    { type: 'load', preset: 'keras-stuck' },
    { type: 'load', config: { seed: { deep: 1 } } },
    { type: 'load', config: 'x'.repeat(2_000_000) },
    { type: 'play', id: { not: 'an id' } },
    { type: '__proto__' },
    { type: 'toString' },
  ];
  const before = (await events(page)).filter((e) => e.type === 'error').length;
  for (const m of bad) await send(page, m);
  await page.waitForFunction((n) => window.embedExample.events.filter((e) => e.type === 'error').length >= n, before + bad.length, { timeout: 15000 });
  const errors = (await events(page)).filter((e) => e.type === 'error').slice(before);
  assert.equal(errors.length, bad.length, 'one error event per bad message');
  const codes = errors.map((e) => e.code);
  assert.deepEqual(codes, ['bad-message', 'bad-message', 'bad-message', 'unknown-type', 'bad-message', 'bad-field', 'bad-field', 'bad-field', 'bad-field', 'bad-field', 'bad-field', 'unknown-preset', 'other-experiment', 'bad-field', 'bad-field', 'bad-field', 'unknown-type', 'unknown-type']);
  // a config with bad keys loads the rest and reports the bad ones
  await send(page, { type: 'load', config: 'seed=5&lr=banana', id: 'partly' });
  await waitEvent(page, "e.type === 'loaded' && e.id === 'partly'");
  const partly = (await events(page)).filter((e) => e.id === 'partly');
  assert.equal(partly[0].type, 'error');
  assert.equal(partly[0].errors[0].key, 'lr');
  assert.match(partly[1].config, /seed=5(&|$)/);
  // and it still works: status answers
  await send(page, { type: 'status', id: 's' });
  await waitEvent(page, "e.type === 'status' && e.id === 's'");
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, 'embed-example-page.png'), fullPage: false });
  const frame = page.frames().find((f) => f.url().startsWith(lab.url));
  await frame.locator('section[data-exp]').screenshot({ path: join(SHOTS, 'embed-mode-adder.png') });
  const href = await frame.$eval('a.full-lesson', (a) => a.getAttribute('href'));
  assert.match(href, /^(\.\/|index\.html)#v=1&exp=adder&/);
  console.log(`# embed: ${progressCount} progress events, finished at step ${finished.step}, output dead; ${bad.length} malformed messages -> ${errors.length} error events`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a parent origin that is not allowed is refused, and gets no events', async () => {
  const { page, problems } = await openExample('exp=single&origins=https://teacher.example');
  await page.waitForFunction(() => window.embedExample?.frame.contentWindow, null, { timeout: 10000 });
  const frame = await (async () => {
    for (let k = 0; k < 100; k++) {
      const f = page.frames().find((x) => x.url().startsWith(lab.url));
      if (f) return f;
      await page.waitForTimeout(100);
    }
    throw new Error('no frame');
  })();
  await frame.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 30000 });
  await send(page, { type: 'step', n: 50 });
  await send(page, { type: 'play' });
  await waitEvent(page, "e.type === 'error' && e.code === 'origin-not-allowed'");
  await page.waitForTimeout(1000);
  const got = await events(page);
  assert.deepEqual([...new Set(got.map((e) => e.type))], ['error'], 'only the refusals reach it');
  assert.equal(await frame.$eval('section[data-exp=single] dd[data-name=step]', (d) => d.dataset.value), '0', 'the commands did nothing');
  assert.deepEqual(problems, []);
  await page.close();
});

test('without ?origins any parent may command, and events go to it', async () => {
  const { page, problems } = await openExample('exp=single&origins=*');
  await waitEvent(page, "e.type === 'ready'");
  await send(page, { type: 'step', n: 40, id: 'x' });
  await waitEvent(page, "e.type === 'progress' && e.id === 'x' && e.step === 40");
  assert.deepEqual(problems, []);
  await page.close();
});
