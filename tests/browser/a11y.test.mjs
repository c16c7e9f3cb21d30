// a11y.test.mjs: no reader left out. axe-core (from npm) finds no violation on the whole
// page at desktop and phone widths, on an embed and on the two embedding examples; every
// chart has a text alternative and its numbers as a table; on a phone each experiment's
// controls and figure come within the first screen after its heading; wide formulas
// scroll by keyboard; Chinese chart legends use the bundled font and short labels do not
// break a character per line; reduced motion is respected, with a visible Pause.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { setup, openPage, waitForData, ROOT, SHOTS } from './helpers.mjs';

const AXE = readFileSync(createRequire(join(ROOT, 'web', 'package.json')).resolve('axe-core/axe.min.js'), 'utf8');

let env;
before(async () => {
  env = await setup({ csp: true });
});
after(async () => {
  await env?.close();
});

/** Scrolls through every section so that each starts and draws. */
async function visitAll(page) {
  for (const id of await page.$$eval('section[id]', (s) => s.map((x) => x.id))) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    if (id !== 'math' && id !== 'references') await page.waitForFunction((s) => ['1', 'error'].includes(document.getElementById(s).dataset.ready), id, { timeout: 60000 });
  }
  await page.waitForTimeout(500);
}

/** axe-core's violations on the page now, as "rule: where" lines. */
async function axeViolations(page) {
  await page.evaluate(AXE); // through the debugger, as a tool does: the page's CSP does not apply
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('axe-core finds no violation: the page at 1280 and 390 px, an embed at 600 x 500, the two embedding examples', async () => {
  for (const [path, width, height, all] of [['', 1280, 900, true], ['', 390, 844, true], ['?embed=adder&lesson=1', 600, 500, false], ['examples/embed.html?exp=adder', 1000, 900, false], ['examples/component.html', 1000, 900, false]]) {
    const { page, problems } = await openPage(env, path.startsWith('examples') ? '' : path, { width, height });
    if (path.startsWith('examples')) {
      await page.goto(env.base + path);
      await page.waitForTimeout(3000);
    } else if (all) await visitAll(page);
    else await page.waitForTimeout(1500);
    assert.deepEqual(await axeViolations(page), [], `${path || 'the page'} at ${width} px`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('every chart has a text alternative and offers its numbers as a table', async () => {
  const { page, problems } = await openPage(env, '#exp=cs231n');
  await page.waitForFunction(() => document.getElementById('exp-cs231n').dataset.ready === '1', null, { timeout: 60000 });
  await page.selectOption('#exp-cs231n select[name=speed]', '1000');
  await page.click('#exp-cs231n button[name=step]');
  await waitForData(page, '#exp-cs231n .experiment', 'step');
  const unlabelled = await page.$$eval('canvas', (cs) => cs.filter((c) => c.getAttribute('role') !== 'img' || !c.getAttribute('aria-label')).length);
  assert.equal(unlabelled, 0, 'every canvas is an image with a label');
  const figures = await page.$$eval('#exp-cs231n figure.chart:not([hidden])', (fs) => fs.length);
  const tools = await page.$$eval('#exp-cs231n figure.chart:not([hidden]) button[name=table]', (bs) => bs.length);
  assert.equal(tools, figures, 'every chart shown has a Table button');
  const loss = '#exp-cs231n figure.chart:has(canvas[aria-label="Loss (log scale)"])';
  await page.click(`${loss} button[name=table]`);
  const table = await page.$eval(`${loss} .chart-table table`, (t) => ({ heads: [...t.querySelectorAll('th')].map((h) => h.textContent), rows: t.querySelectorAll('tbody tr').length }));
  assert.deepEqual(table.heads, ['step', 'loss']);
  assert.ok(table.rows >= 2, `${table.rows} rows`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('on a phone each experiment\'s controls and figure are within the first screen after its heading', async () => {
  const { page, problems } = await openPage(env, '', { width: 390, height: 844 });
  const far = [];
  for (const id of await page.$$eval('section[data-exp]', (s) => s.map((x) => x.id))) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await page.waitForFunction((s) => document.getElementById(s).dataset.ready === '1', id, { timeout: 60000 });
    const at = await page.evaluate((s) => {
      const section = document.getElementById(s);
      const top = section.querySelector('h2').getBoundingClientRect().top;
      const below = (el) => (el ? Math.round(el.getBoundingClientRect().bottom - top) : null);
      return { figure: below(section.querySelector('.experiment canvas')), control: below(section.querySelector('.experiment input, .experiment select, .experiment button')) };
    }, id);
    if (!(at.figure <= 844 && at.control <= 844)) far.push(`${id}: ${JSON.stringify(at)}`);
  }
  assert.deepEqual(far, []);
  // a wide formula scrolls sideways, by keyboard too (the math loads when its section comes near)
  await page.locator('#math').scrollIntoViewIfNeeded();
  const formula = page.locator('#math .formula').nth(1);
  await formula.scrollIntoViewIfNeeded();
  const wide = await formula.evaluate((f) => f.scrollWidth > f.clientWidth);
  assert.ok(wide, 'the backward-pass formula is wider than a phone');
  await formula.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((el) => el.scrollLeft > 0, await formula.elementHandle(), { timeout: 3000 }).catch(() => assert.fail('arrow keys scroll it')); // (the browser scrolls smoothly)
  await page.locator('#math').screenshot({ path: join(SHOTS, 'a11y-phone-math.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('Chinese: chart legends use the bundled font, and short labels keep to one line', async () => {
  const { page, problems } = await openPage(env, '#exp=adder&lang=zh-CN');
  await page.waitForFunction(() => document.getElementById('exp-adder').dataset.ready === '1', null, { timeout: 60000 });
  await page.waitForFunction(() => document.fonts.status === 'loaded');
  const legend = await page.$eval('#exp-adder .u-legend', (l) => getComputedStyle(l).fontFamily);
  assert.match(legend, /Noto Sans SC/);
  const label = await page.$eval('#exp-adder .run-controls label', (l) => ({ text: l.textContent, lines: Math.round(l.getBoundingClientRect().height / parseFloat(getComputedStyle(l).lineHeight)) }));
  assert.equal(label.lines, 1, `"${label.text}" on one line`);
  await page.locator('#exp-adder').screenshot({ path: join(SHOTS, 'a11y-zh-CN-legend.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('reduced motion: the landscape draws its path whole at once; otherwise it plays with a visible Pause', async () => {
  const reduced = await openPage(env, '#exp=landscape');
  await reduced.page.emulateMedia({ reducedMotion: 'reduce' });
  await reduced.page.evaluate(() => {
    location.hash = '#exp=landscape&weights=1.8,1.5';
  });
  await waitForData(reduced.page, '#exp-landscape .experiment', 'runDone', '1', 60000);
  assert.equal(await reduced.page.$eval('#exp-landscape button[name=play]', (b) => b.getAttribute('aria-pressed')), 'false', 'it never played');
  assert.deepEqual(reduced.problems, []);
  await reduced.page.close();

  const moving = await openPage(env, '#exp=landscape&weights=1.8,1.5&steps=1000&trace=7');
  await moving.page.waitForFunction(() => document.querySelector('#exp-landscape button[name=play]')?.getAttribute('aria-pressed') === 'true', null, { timeout: 60000, polling: 20 });
  const pause = moving.page.locator('#exp-landscape button[name=play]');
  assert.equal(await pause.textContent(), 'Pause');
  assert.ok(await pause.isVisible());
  await pause.click();
  const at = await moving.page.$eval('#exp-landscape .experiment', (b) => b.dataset.pathPoints);
  await moving.page.waitForTimeout(500);
  assert.equal(await moving.page.$eval('#exp-landscape .experiment', (b) => b.dataset.pathPoints), at, 'paused');
  assert.deepEqual(moving.problems, []);
  await moving.page.close();
});
