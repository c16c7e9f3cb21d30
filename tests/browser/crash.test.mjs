// crash.test.mjs: engine workers that die, under the strict CSP. A pool worker
// terminated in the middle of a sweep job, or whose engine traps in one, is replaced
// and the job runs again on a fresh worker: the sweep's outcomes are those of a sweep
// nobody disturbed. A job that kills its worker twice ends the sweep with an error
// naming its seeds, and the rest of the page goes on working. A live run whose worker
// dies (a trap while stepping, or terminated while idle) says so and comes back with
// Reset. Through all of it the link stays what it was, and reproduces the run.
// The faults are real: workers terminated from the test, traps raised by the engine's
// own debugTrap call (faults.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, recordingPage, load, waitForData, SHOTS } from './helpers.mjs';
import { recordWorkers } from './faults.mjs';

let env;
before(async () => {
  env = await setup({ csp: true });
});
after(async () => {
  await env?.close();
});

/** A recording page with recorded workers, loaded at `path`. */
async function faultPage(path) {
  const { page, problems } = await recordingPage(env.context, [env.base.replace(/\/$/, '')]);
  await recordWorkers(page);
  await load(page, env.base + path);
  return { page, problems };
}

const ADDER = '#exp-adder .experiment';

/** Runs the adder's seed sweep from its button; resolves with its state and outcomes once it has ended. */
async function adderSweep(page) {
  await page.$eval(ADDER, (box) => {
    box.dataset.sweepState = 'waiting';
  });
  await page.click('#exp-adder button[name=sweep]');
  await page.waitForFunction((sel) => ['done', 'error', 'cancelled'].includes(document.querySelector(sel).dataset.sweepState), ADDER, { timeout: 120000, polling: 100 });
  return page.$eval(ADDER, (box) => ({ state: box.dataset.sweepState, results: box.dataset.sweepResults, error: box.querySelector(':scope > .error[data-source=task]:not([hidden])')?.textContent ?? '' }));
}

const stepOf = (page, exp) => page.$eval(`#exp-${exp} dd[data-name=step]`, (d) => Number(d.dataset.value ?? -1));
const runError = (page, exp) => page.$eval(`#exp-${exp} .experiment`, (box) => box.querySelector(':scope > .error[data-source=run]:not([hidden])')?.textContent ?? '');

test('a pool worker that dies in a sweep job (terminated, or its engine traps) is replaced and the job runs again: the outcomes are an undisturbed sweep\'s', async () => {
  const { page, problems } = await faultPage('?workers=2#exp=adder');
  await page.waitForFunction(() => document.getElementById('exp-adder').dataset.ready === '1', null, { timeout: 60000 });
  const reference = await adderSweep(page);
  assert.equal(reference.state, 'done');
  const link = await page.evaluate(() => location.hash);
  const workers = await page.evaluate(() => window.faults.count());

  // the worker is terminated as the job of seeds 1..100 is posted to it (a job of the
  // adder can end within milliseconds, so a later moment could miss it)
  await page.evaluate(() => window.faults.rule({ op: 'sweep', firstSeed: 1, action: 'terminate', after: 0 }));
  const terminated = await adderSweep(page);
  assert.equal(terminated.state, 'done', terminated.error);
  assert.equal(terminated.results, reference.results, 'the same outcomes, seed by seed');
  assert.equal(await page.evaluate(() => window.faults.count()), workers + 1, 'one fresh worker replaced the dead one');

  // the engine traps in the job of seeds 101..200
  await page.evaluate(() => window.faults.rule({ op: 'sweep', firstSeed: 101, action: 'trap' }));
  const trapped = await adderSweep(page);
  assert.equal(trapped.state, 'done', trapped.error);
  assert.equal(trapped.results, reference.results);
  assert.equal(await page.evaluate(() => window.faults.count()), workers + 2);
  assert.equal(await page.evaluate(() => location.hash), link, 'the link is untouched');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a job that kills its worker twice ends the sweep with an error naming its seeds; the rest of the page goes on working', async () => {
  const { page, problems } = await faultPage('?workers=2#exp=adder');
  await page.waitForFunction(() => document.getElementById('exp-adder').dataset.ready === '1', null, { timeout: 60000 });
  await page.evaluate(() => window.faults.rule({ op: 'sweep', firstSeed: 101, action: 'trap', times: 2 }));
  const failed = await adderSweep(page);
  const link = await page.evaluate(() => location.hash); // the Sweep button's view=sweep, and the configuration
  assert.match(link, /^#v=1&exp=adder&view=sweep&.*task=add2&layers=4,4/);
  assert.equal(failed.state, 'error');
  assert.match(failed.error, /seeds 101 to 200 stopped the engine twice/);
  assert.match(failed.error, /internal fault \(unreachable\)/);
  await page.locator('#exp-adder').screenshot({ path: join(SHOTS, 'crash-sweep-failed.png') });
  // the live run and the next sweep work, and the failed sweep's error is taken back
  const before = await stepOf(page, 'adder');
  await page.click('#exp-adder button[name=step]');
  await page.waitForFunction((b) => Number(document.querySelector('#exp-adder dd[data-name=step]').dataset.value) > b, before, { timeout: 30000 });
  const again = await adderSweep(page);
  assert.equal(again.state, 'done');
  assert.equal(again.error, '');
  assert.equal(JSON.parse(again.results).length, 200);
  assert.equal(await page.evaluate(() => location.hash), link);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a live run whose worker dies, trapping while it steps or terminated while idle, shows the error and comes back with Reset; the link reproduces it', async () => {
  const { page, problems } = await faultPage('#exp=lab&seed=5');
  await page.waitForFunction(() => document.getElementById('exp-lab').dataset.ready === '1', null, { timeout: 60000 });
  const link = await page.evaluate(() => location.hash);

  // a trap while stepping: the lab's run has a worker of its own
  await page.evaluate(() => window.faults.rule({ op: 'advance', action: 'trap' }));
  await page.click('#exp-lab button[name=step]');
  await page.waitForFunction(() => /internal fault/.test(document.querySelector('#exp-lab .experiment > .error[data-source=run]:not([hidden])')?.textContent ?? ''), null, { timeout: 30000 });
  assert.match(await runError(page, 'lab'), /Reset starts the run again/);
  await page.locator('#exp-lab').screenshot({ path: join(SHOTS, 'crash-live-run.png') });
  // the experiments of the shared live worker never noticed
  await page.evaluate(() => {
    location.hash = '#exp=adder';
  });
  await page.waitForFunction(() => document.getElementById('exp-adder').dataset.ready === '1', null, { timeout: 60000 });
  await page.click('#exp-adder button[name=step]');
  await page.waitForFunction(() => Number(document.querySelector('#exp-adder dd[data-name=step]').dataset.value) > 0, null, { timeout: 30000 });
  assert.equal(await runError(page, 'adder'), '');

  // Reset: a fresh worker, a new session, the error taken back
  await page.click('#exp-lab button[name=reset]');
  await page.waitForFunction(() => !document.querySelector('#exp-lab .experiment > .error[data-source=run]:not([hidden])'), null, { timeout: 30000 });
  await page.click('#exp-lab button[name=step]');
  await page.waitForFunction(() => Number(document.querySelector('#exp-lab dd[data-name=step]').dataset.value) > 0, null, { timeout: 30000 });

  // terminated while idle: the run hears of it at once (the worker's Web Lock is let go)
  const hostWorker = await page.evaluate(() => window.faults.count() - 1); // the lab's fresh worker, the last started
  await page.evaluate((k) => window.faults.terminate(k), hostWorker);
  await page.waitForFunction(() => /worker stopped/.test(document.querySelector('#exp-lab .experiment > .error[data-source=run]:not([hidden])')?.textContent ?? ''), null, { timeout: 10000 });
  await page.click('#exp-lab button[name=reset]');
  await page.waitForFunction(() => !document.querySelector('#exp-lab .experiment > .error[data-source=run]:not([hidden])'), null, { timeout: 30000 });
  // Step trains `speed` steps, in as many requests as the time budget needs: the state
  // is read when all of them are done
  const speed = await page.$eval('#exp-lab select[name=speed]', (s) => s.value);
  await page.click('#exp-lab button[name=step]');
  await page.waitForFunction((s) => document.querySelector('#exp-lab dd[data-name=step]').dataset.value === s, speed, { timeout: 30000 });
  const after = await page.evaluate(() => ({ step: document.querySelector('#exp-lab dd[data-name=step]').dataset.value, loss: document.querySelector('#exp-lab dd[data-name=loss]').dataset.value }));

  // nothing lost: the lab's link is the one it had, and opened afresh it gives the same run
  await page.evaluate(() => {
    location.hash = '#exp=lab';
  });
  const labLink = await page.evaluate(() => location.hash);
  assert.equal(labLink, link);
  const fresh = await faultPage(labLink);
  await fresh.page.waitForFunction(() => document.getElementById('exp-lab').dataset.ready === '1', null, { timeout: 60000 });
  await fresh.page.click('#exp-lab button[name=step]');
  await fresh.page.waitForFunction((s) => document.querySelector('#exp-lab dd[data-name=step]').dataset.value === s, after.step, { timeout: 30000 });
  const replay = await fresh.page.evaluate(() => document.querySelector('#exp-lab dd[data-name=loss]').dataset.value);
  assert.equal(replay, after.loss, 'the same loss after the same steps');
  assert.deepEqual([...problems, ...fresh.problems], []);
  await fresh.page.close();
  await page.close();
});
