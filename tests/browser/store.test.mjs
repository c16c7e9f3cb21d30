// store.test.mjs: the page's state lives in one store and flows one way (store.js).
// What a learner meets when it does not: a link rewritten by an experiment they did not
// touch, a first click that does nothing, an error banner they never see.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, waitForData, SHOTS } from './helpers.mjs';

let env;
before(async () => {
  env = await setup({ csp: true });
});
after(async () => {
  await env?.close();
});

const hashKeys = (page) => page.evaluate(() => Object.fromEntries(location.hash.slice(1).split('&').map((p) => p.split('='))));

test('a link to section 7 stays a link to section 7 while other sections compute, and reopens there', async () => {
  const { page, problems } = await openPage(env, '#preset=init-large');
  await page.waitForFunction(() => document.getElementById('exp-init').dataset.ready === '1', null, { timeout: 60000 });
  // the reader scrolls up to section 6, which computes on its own when it comes into view
  await page.locator('#exp-borndead').scrollIntoViewIfNeeded();
  await waitForData(page, '#exp-borndead .experiment', 'measured', undefined, 60000);
  await page.waitForTimeout(300);
  const keys = await hashKeys(page);
  assert.equal(keys.exp, 'init', `the link still names section 7: ${JSON.stringify(keys)}`);
  assert.equal(keys.sigma, '0.28');
  const link = await page.evaluate(() => location.hash);
  await page.close();

  const again = await openPage(env, link);
  await again.page.waitForFunction(() => document.getElementById('exp-init').dataset.ready === '1', null, { timeout: 60000 });
  const sigma = await again.page.$eval('#exp-init input[name=sigma]', (i) => 10 ** Number(i.value));
  assert.ok(Math.abs(sigma - 0.28) < 1e-9, `σ = ${sigma} is the link's (the slider is logarithmic)`);
  const top = await again.page.$eval('#exp-init', (s) => s.getBoundingClientRect().top);
  assert.ok(Math.abs(top) < 50, `the page opens at section 7 (its top at ${top} px)`);
  assert.deepEqual([...problems, ...again.problems], []);
  await again.page.close();
});

test('a first click is never lost: on a slow machine, Step pressed as soon as it appears runs once the engine can', async () => {
  const page = await env.context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(err.message));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 }); // a slow phone
  await page.goto(`${env.base}#exp=adder`);
  // the click lands in the very frame the button first exists, as an impatient finger's would
  await page.waitForFunction(() => {
    const step = document.querySelector('#exp-adder button[name=step]');
    if (!step || step.disabled) return false;
    step.click();
    return true;
  }, null, { polling: 'raf', timeout: 60000 });
  const pendingSeen = await page.evaluate(() => document.querySelector('#exp-adder .run-controls').dataset.pending === '1');
  await page.waitForFunction(() => Number(document.querySelector('#exp-adder dd[data-name=step]')?.dataset.value) > 0, null, { timeout: 120000, polling: 100 });
  console.log(`# first Step click: ${pendingSeen ? 'shown as pending, then' : ''} answered`);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a bad link\'s banner appears at the experiment it names, where the page scrolls, and stays until dismissed', async () => {
  const { page, problems } = await openPage(env, '#exp=cs231n&lr=banana&seed=4');
  // the link is applied (and the page scrolled to its experiment) once linkApplied is set
  await page.waitForFunction(() => document.getElementById('exp-cs231n').dataset.ready === '1' && document.body.dataset.linkApplied, null, { timeout: 60000 });
  const where = () => page.$eval('.banner', (b) => {
    const r = b.getBoundingClientRect();
    return { hidden: b.hidden, inSection: Boolean(b.closest('#exp-cs231n')), inView: r.bottom > 0 && r.top < window.innerHeight, keys: b.dataset.keys };
  });
  // the sections above may still grow for a moment (they mount as they come near the
  // view): the page keeps the experiment at the top until its layout is still
  await page.waitForTimeout(2000);
  assert.deepEqual(await where(), { hidden: false, inSection: true, inView: true, keys: 'lr' }, 'at the experiment, in view, and it stays');
  await page.locator('#exp-cs231n').screenshot({ path: join(SHOTS, 'store-banner-at-experiment.png') });
  assert.equal(await page.$eval('#exp-cs231n input[name=seed]', (i) => i.value), '4', 'the rest of the link was used');
  await page.click('.banner button[name=dismiss-banner]');
  assert.equal((await where()).hidden, true, 'until dismissed');
  assert.deepEqual(problems, []);
  await page.close();
});
