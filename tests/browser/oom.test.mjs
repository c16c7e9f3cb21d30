// oom.test.mjs: an engine whose heap cannot grow. Chromium is started with WebAssembly
// memories held to 64 MiB (V8's --wasm-max-mem-pages=1024), far below what the page
// allows (docs/RELIABILITY.md), so configurations the page accepts run out of memory as
// they would on a machine with none to spare. The learner must get a clear error at
// the experiment that ran out, not a silently dead worker: the lab's run says its
// engine ran out of memory and at what heap size, a sweep says which seeds did it, and
// the rest of the page, the link included, is untouched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, SHOTS } from './helpers.mjs';

const PAGES = 1024; // 64 KiB pages: 64 MiB

let env;
before(async () => {
  env = await setup({ csp: true, args: [`--js-flags=--wasm-max-mem-pages=${PAGES}`] });
});
after(async () => {
  await env?.close();
});

const visibleError = (page, exp, source) =>
  page.$eval(`#exp-${exp} .experiment`, (box, s) => box.querySelector(`:scope > .error[data-source=${s}]:not([hidden])`)?.textContent ?? '', source);

async function applyHash(page, hash) {
  const before = await page.evaluate(() => document.body.dataset.linkApplied ?? '');
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
  await page.waitForFunction((b) => (document.body.dataset.linkApplied ?? '') !== b, before, { timeout: 30000, polling: 20 });
}

test('a live run whose engine runs out of memory says so, with the heap it reached; the page and the link are untouched, and a smaller network runs', async () => {
  // 100 000 points x 105 units: about 300 MB of engine memory, within the lab's limits
  const { page, problems } = await openPage(env, '#exp=lab&task=spiral&n=100000&layers=100');
  const link = await page.evaluate(() => location.hash);
  await page.waitForFunction(() => /ran out of memory/.test(document.querySelector('#exp-lab .experiment > .error[data-source=run]:not([hidden])')?.textContent ?? ''), null, { timeout: 60000, polling: 100 });
  const message = await visibleError(page, 'lab', 'run');
  const mb = Number(/heap had reached ([\d,]+) MB/.exec(message)?.[1].replace(/,/g, ''));
  // the heap when the next growth failed: past the 24 MiB it starts with, within the cap
  assert.ok(mb > 24 && mb <= (PAGES * 65536) / 1e6 + 1, `the heap it reached: ${message}`);
  assert.match(message, /Reset starts the run again/);
  await page.locator('#exp-lab').screenshot({ path: join(SHOTS, 'oom-live-run.png') });
  assert.equal(await page.evaluate(() => location.hash), link, 'the link still holds the configuration');
  assert.match(link, /&task=spiral&layers=100&.*&n=100000&/);

  // the other experiments' worker never noticed
  await applyHash(page, '#exp=adder');
  await page.waitForFunction(() => document.getElementById('exp-adder').dataset.ready === '1', null, { timeout: 60000 });
  await page.click('#exp-adder button[name=step]');
  await page.waitForFunction(() => Number(document.querySelector('#exp-adder dd[data-name=step]')?.dataset.value) > 0, null, { timeout: 30000 });

  // a network that fits runs on a fresh engine, and the error is taken back
  await applyHash(page, '#exp=lab&task=spiral&n=300&layers=8,8');
  await page.waitForFunction(() => !document.querySelector('#exp-lab .experiment > .error[data-source=run]:not([hidden])'), null, { timeout: 30000 });
  await page.click('#exp-lab button[name=step]');
  await page.waitForFunction(() => Number(document.querySelector('#exp-lab dd[data-name=step]')?.dataset.value) > 0, null, { timeout: 30000 });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a sweep whose jobs run out of memory ends with an error naming the seeds and the cause; the live run of the same section goes on', async () => {
  // eight lanes of a 1000-point, 512-512 network on full batches: about 155 MB for a sweep
  // job; the live run itself needs 33 MB
  const { page, problems } = await openPage(env, '?workers=2#exp=adder&view=sweep&task=spiral&n=1000&layers=512,512&batch=0&steps=10');
  await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('#exp-adder .experiment').dataset.sweepState), null, { timeout: 120000, polling: 100 });
  const message = await visibleError(page, 'adder', 'task');
  assert.match(message, /seeds 1 to 100 stopped the engine twice|seeds 101 to 200 stopped the engine twice/);
  assert.match(message, /ran out of memory \(its heap had reached [\d,]+ MB\)/);
  assert.match(message, /The rest of the page still works/);
  await page.locator('#exp-adder').screenshot({ path: join(SHOTS, 'oom-sweep.png') });
  await page.click('#exp-adder button[name=step]');
  await page.waitForFunction(() => Number(document.querySelector('#exp-adder dd[data-name=step]')?.dataset.value) > 0, null, { timeout: 60000 });
  assert.equal(await visibleError(page, 'adder', 'run'), '');
  assert.equal(await page.evaluate(() => location.hash), '#v=1&exp=adder&view=sweep&lang=en&task=spiral&layers=512,512&out=relu&init=normal&binit=normal&batch=0&steps=10&n=1000&seed=1', 'the link holds the configuration');
  assert.deepEqual(problems, []);
  await page.close();
});
