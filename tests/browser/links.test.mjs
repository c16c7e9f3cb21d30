// links.test.mjs: links that replay exactly. The site is served from a
// sub-path (/course/lab/) under the strict CSP header, Trusted Types required; every
// request must stay on the page's origin (or be data:/blob:), and no console error (a
// CSP violation is one) may appear. Checks presets, replaceState on control changes, hashchange without reload,
// Share (bit-for-bit replay in a second page), the Embed snippet, embed mode, lang.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveSite, launch, recordingPage, load, bannerKeys, SHOTS, ROOT } from './helpers.mjs';
import { PRESETS } from '../../web/src/links/presets.js';

let site;
let browser;
before(async () => {
  site = await serveSite({ base: '/course/lab/', csp: true });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const hashKeys = (page) => page.evaluate(() => Object.fromEntries(location.hash.slice(1).split('&').map((p) => p.split('='))));
async function applyHash(page, hash) {
  const before = await page.evaluate(() => document.body.dataset.linkApplied ?? '');
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
  await page.waitForFunction((b) => (document.body.dataset.linkApplied ?? '') !== b, before, { timeout: 30000, polling: 20 });
}

test('served from a sub-path under the strict CSP: presets resolve to explicit keys, no request leaves the origin', async () => {
  const response = await fetch(site.url);
  assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self' 'wasm-unsafe-eval'/);
  const { page, problems, requests } = await recordingPage(browser.context, [site.origin]);
  await load(page, `${site.url}#preset=keras-stuck&seed=3`);
  const keys = await hashKeys(page);
  assert.equal(keys.v, '1');
  assert.equal(keys.exp, 'single');
  assert.equal(keys.weights, '-10');
  assert.equal(keys.seed, '3', 'keys next to a preset override it');
  assert.equal(keys.preset, undefined, 'the URL shows explicit keys, not the preset');
  await page.waitForFunction(() => document.querySelector('#exp-single .experiment').dataset.w === '-10');
  assert.equal(await page.$eval('#exp-single input[name=seed]', (i) => i.value), '3');
  assert.ok(requests.every((u) => u.startsWith(`${site.origin}/course/lab/`) || u.startsWith('data:') || u.startsWith('blob:')), 'all requests under the sub-path');
  assert.ok(requests.some((u) => u.endsWith('.wasm')), 'the engine was fetched');

  // every preset opens cleanly and names its experiment; docs/PRESETS.md lists each
  const docs = readFileSync(join(ROOT, 'docs', 'PRESETS.md'), 'utf8');
  for (const preset of PRESETS) {
    assert.ok(docs.includes(`preset=${preset.name}`), `docs/PRESETS.md lists ${preset.name}`);
    await applyHash(page, `#preset=${preset.name}`);
    assert.deepEqual(await bannerKeys(page), [], `preset ${preset.name} opens without a message`);
    const k = await hashKeys(page);
    assert.equal(k.exp, preset.exp, `preset ${preset.name}`);
    if (preset.view !== 'live' && preset.view !== 'wb') assert.equal(k.view, preset.view, `view of ${preset.name}`);
    // a preset that starts a sweep: it starts, and is stopped if it still runs (a
    // 200-seed sweep can finish before a click lands), so the next preset starts its own
    if (preset.view === 'sweep' || preset.view === 'compare') {
      const box = `section[data-exp="${preset.exp}"] .experiment`;
      const state = (want) => page.waitForFunction(([sel, ok]) => ok.includes(document.querySelector(sel)?.dataset.sweepState), [box, want], { timeout: 10000 });
      await state(['running', 'done']);
      await page.$eval(box, (el) => {
        const cancel = el.querySelector('.progress[data-state=running] button[name=cancel]');
        if (cancel && !cancel.disabled) cancel.click();
      });
      await state(['done', 'cancelled']);
    }
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('Trusted Types are required: the page writes no HTML from strings, and its workers start through its one policy', async () => {
  const csp = (await fetch(site.url)).headers.get('content-security-policy') ?? '';
  assert.match(csp, /require-trusted-types-for 'script'/);
  assert.match(csp, /trusted-types relulab-worker(;|$)/);
  const { page, problems } = await recordingPage(browser.context, [site.origin]);
  await load(page, `${site.url}#exp=adder&view=sweep`);
  // the sweep ran in workers started under the policy
  await page.waitForFunction(() => document.querySelector('#exp-adder .experiment').dataset.sweepState === 'done', null, { timeout: 60000 });
  assert.ok(page.workers().length >= 2, `${page.workers().length} workers`);
  const refused = await page.evaluate(() => {
    const tries = {
      worker: () => new Worker(new URL('assets/any.js', location.href).href, { type: 'module' }),
      html: () => {
        document.createElement('div').innerHTML = '<img src=x>';
      },
      policy: () => trustedTypes.createPolicy('another', { createHTML: (s) => s }),
    };
    return Object.fromEntries(Object.entries(tries).map(([name, f]) => {
      try {
        f();
        return [name, 'allowed'];
      } catch (err) {
        return [name, err.name];
      }
    }));
  });
  assert.deepEqual(refused, { worker: 'TypeError', html: 'TypeError', policy: 'TypeError' });
  // the refusals are this test's own: the page itself caused no violation
  assert.deepEqual(problems.filter((p) => !/TrustedScriptURL|TrustedHTML|another/.test(p)), []);
  assert.equal(problems.length, 3, problems.join('\n'));
  await page.close();
});

test('controls rewrite the fragment without history entries; hashchange re-applies without a reload', async () => {
  const { page, problems } = await recordingPage(browser.context, [site.origin]);
  await load(page, `${site.url}#exp=single`);
  await page.waitForFunction(() => document.querySelector('#exp-single .experiment').dataset.w === '-10');
  const historyBefore = await page.evaluate(() => history.length);
  await page.evaluate(() => {
    window.__marker = 'still the same document';
  });
  const seed = page.locator('#exp-single input[name=seed]');
  await seed.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => /&seed=3(&|$)/.test(location.hash), null, { timeout: 5000 });
  assert.equal(await page.evaluate(() => history.length), historyBefore, 'replaceState: no history entry per control change');

  await applyHash(page, '#exp=single&weights=0.5');
  await page.waitForFunction(() => document.querySelector('#exp-single .experiment').dataset.w === '0.5', null, { timeout: 10000 });
  assert.equal(await page.evaluate(() => window.__marker), 'still the same document', 'no reload');
  assert.equal(await page.$eval('#exp-single input[name=w0]', (i) => i.value), '0.5', 'the slider follows the link');

  // lang rides along: kept when an in-page link (no lang) is followed
  await applyHash(page, '#exp=single&lang=fr');
  assert.equal((await hashKeys(page)).lang, 'fr');
  await applyHash(page, '#exp=adder');
  assert.equal((await hashKeys(page)).lang, 'fr', 'lang survives a table-of-contents link');

  // several wrong keys at once: each named, the rest used (screenshot of the banner)
  await applyHash(page, '#exp=single&lr=banana&seed=-1&lang=xx&zzz=%3Cscript%3E&weights=-2');
  const named = await bannerKeys(page);
  for (const k of ['lr', 'seed', 'lang', 'zzz']) assert.ok(named.includes(k), `banner names ${k}: ${named}`);
  await page.waitForFunction(() => document.querySelector('#exp-single .experiment').dataset.w === '-2');
  await page.locator('.banner').screenshot({ path: join(SHOTS, 'link-error-banner-many.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('Share copies a link that replays bit for bit in another page; Embed gives an iframe snippet', async () => {
  const { page, problems } = await recordingPage(browser.context, [site.origin]);
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
  await load(page, `${site.url}#exp=cs231n&lr=3&seed=4&steps=1000`);
  const sel = '#exp-cs231n';
  await page.waitForFunction((s) => document.querySelector(s).dataset.ready === '1', sel);
  await page.click(`${sel} button[name=share]`);
  await page.waitForFunction((s) => document.querySelector(`${s} .link-panel`).dataset.copied !== undefined, sel);
  const link = await page.$eval(`${sel} .link-panel .link-field`, (f) => f.value);
  assert.ok(link.startsWith(`${site.url}#v=1&exp=cs231n`), link);
  assert.match(link, /&lr=3(&|$)/);
  assert.match(link, /&seed=4(&|$)/);
  const copied = await page.$eval(`${sel} .link-panel`, (p) => p.dataset.copied);
  if (copied === '1') assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  const focused = await page.evaluate(() => document.activeElement.classList.contains('link-field') && document.activeElement.selectionEnd > 0);
  assert.ok(focused, 'the link is shown selected (the fallback when the clipboard is refused)');

  // the same number of steps in both pages gives the same numbers, to the last bit
  const train = async (p) => {
    await p.waitForFunction((s) => document.querySelector(s).dataset.ready === '1', sel);
    await p.selectOption(`${sel} select[name=speed]`, '200');
    for (let k = 0; k < 2; k++) {
      const before = await p.$eval(`${sel} dd[data-name=step]`, (d) => d.dataset.value);
      await p.click(`${sel} button[name=step]`);
      await p.waitForFunction(([s, b]) => document.querySelector(`${s} dd[data-name=step]`).dataset.value === String(Number(b) + 200), [sel, before], { timeout: 30000 });
    }
    return p.$eval(`${sel} .experiment`, (e) => [e.dataset.step, e.dataset.deadFraction, document.querySelector('#exp-cs231n dd[data-name=loss]').dataset.value]);
  };
  const here = await train(page);
  const other = await recordingPage(browser.context, [site.origin]);
  await load(other.page, link);
  const there = await train(other.page);
  assert.deepEqual(there, here, 'a shared link replays exactly');
  console.log(`# shared link replay: step ${here[0]}, dead fraction ${here[1]}, loss ${here[2]} in both pages`);
  assert.deepEqual(other.problems, []);
  await other.page.close();

  await page.click(`${sel} button[name=embed]`);
  const snippet = await page.$eval(`${sel} .link-panel textarea`, (f) => f.value);
  assert.match(snippet, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/course\/lab\/\?embed=cs231n#v=1&amp;exp=cs231n&amp;/);
  assert.match(snippet, /sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"/);
  assert.ok(!/<script|javascript:/i.test(snippet));
  const src = /src="([^"]+)"/.exec(snippet)[1].replace(/&amp;/g, '&');

  // the snippet's URL opens embed mode: one experiment, a relative link to the lesson
  const embed = await recordingPage(browser.context, [site.origin], { width: 800, height: 760 });
  await load(embed.page, src);
  assert.equal(await embed.page.$$eval('section[data-exp]', (s) => s.map((x) => x.dataset.exp).join()), 'cs231n');
  assert.equal(await embed.page.$$eval('nav.toc, header.site, #math', (n) => n.length), 0);
  const a = await embed.page.$eval('a.full-lesson', (x) => ({ href: x.getAttribute('href'), target: x.target, rel: x.rel }));
  assert.match(a.href, /^(\.\/|index\.html)#v=1&exp=cs231n&/, 'relative link');
  assert.match(a.href, /&lr=3(&|$)/);
  assert.equal(a.target, '_blank');
  assert.match(a.rel, /noopener/);
  await embed.page.waitForFunction(() => document.querySelector('section[data-exp]').dataset.ready === '1');
  await embed.page.waitForTimeout(300);
  await embed.page.screenshot({ path: join(SHOTS, 'embed-mode-cs231n.png') });
  const overflow = await embed.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `embed mode wider than an 800 px iframe by ${overflow}px`);
  assert.deepEqual(embed.problems, []);
  await embed.page.close();
  assert.deepEqual(problems, []);
  await page.close();
});
