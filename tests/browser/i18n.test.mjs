// i18n.test.mjs: the page in every language, in headless Chromium under the
// strict CSP. Every section in every locale: <html lang>, no text that overflows or is
// clipped by its box, nothing past the right edge at 360 px; the Bengali and Chinese
// fonts load from our own origin (and only for their locale); the language menu, the
// `lang` key of the link, the browser's preferred language; engine errors and numbers
// in the reader's language. Screenshots: test-artifacts/screenshots/i18n-<lang>-<section>.png
// (1280 px) and i18n-360-<lang>-<section>.png. Needs the built site (scripts/build.sh web).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, SHOTS } from './helpers.mjs';

const LOCALES = ['en', 'bn', 'fr', 'zh-CN', 'pl'];
const SECTIONS = ['what-is-dead', 'exp-single', 'exp-landscape', 'exp-adder', 'exp-modulus', 'exp-cs231n', 'exp-borndead', 'exp-init', 'exp-remedies', 'exp-lab', 'math', 'references'];
const NARROW_SHOTS = ['what-is-dead', 'exp-adder', 'exp-remedies', 'exp-lab'];
const FONTS = { bn: { family: 'Noto Sans Bengali', sample: 'বাংলা' }, 'zh-CN': { family: 'Noto Sans SC', sample: '死亡神经元' } };

let env;
before(async () => {
  env = await setup({ csp: true });
});
after(async () => {
  await env?.close();
});

/**
 * Text that does not fit, inside `root` (a selector): elements whose content is wider
 * (or, when they clip, taller) than their box, text past the viewport's edges, and
 * selects too narrow for the option they show. Boxes that are meant to scroll
 * sideways (tables and display formulas on a narrow screen) are allowed to.
 */
function findOverflow(rootSelector) {
  const root = document.querySelector(rootSelector);
  const problems = [];
  const vw = document.documentElement.clientWidth;
  const scrollers = '.table-wrap, .katex-display, .formula';
  const canvas = document.createElement('canvas').getContext('2d');
  const name = (el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''} “${(el.innerText ?? el.textContent ?? '').trim().slice(0, 40)}”`;
  for (const el of [root, ...root.querySelectorAll('*')]) {
    if (el.closest('.visually-hidden, .katex, svg, canvas')) continue;
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden' || !el.getClientRects().length) continue;
    const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const anyText = (el.textContent ?? '').trim() !== '' || el.tagName === 'SELECT';
    if (!anyText) continue;
    const r = el.getBoundingClientRect();
    if (ownText && !el.closest(scrollers) && (r.right > vw + 1 || r.left < -1)) problems.push(`${name(el)}: past the viewport (${Math.round(r.left)}..${Math.round(r.right)} of ${vw})`);
    if (cs.display === 'inline' || el.closest(scrollers)) continue;
    const wide = el.scrollWidth - el.clientWidth;
    const clips = ['hidden', 'clip', 'auto', 'scroll'].includes(cs.overflowX);
    if (wide > 1 && (clips || ownText || ['BUTTON', 'LABEL', 'DT', 'DD', 'TH', 'TD', 'FIGCAPTION', 'LEGEND', 'OUTPUT'].includes(el.tagName)))
      problems.push(`${name(el)}: content ${wide}px wider than its box (overflow-x ${cs.overflowX})`);
    if (['hidden', 'clip'].includes(cs.overflowY) && el.scrollHeight - el.clientHeight > 1 && ownText) problems.push(`${name(el)}: text clipped vertically by ${el.scrollHeight - el.clientHeight}px`);
    if (el.tagName === 'SELECT' && el.selectedOptions[0]) {
      canvas.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      const text = canvas.measureText(el.selectedOptions[0].textContent).width;
      const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 18; // 18: the arrow
      if (text > room + 1) problems.push(`${name(el)}: shows “${el.selectedOptions[0].textContent}” (${Math.round(text)}px) in ${Math.round(room)}px`);
    }
  }
  return problems;
}

/** Visits every section (starting its experiment), checks it and saves screenshots. */
async function visitAll(page, lang, width, shots) {
  const problems = [];
  for (const id of SECTIONS) {
    const section = page.locator(`#${id}`);
    await section.scrollIntoViewIfNeeded();
    if (id.startsWith('exp-') || id === 'what-is-dead') {
      await page.waitForFunction((sid) => ['1', 'error'].includes(document.getElementById(sid).dataset.ready), id, { timeout: 60000 });
      assert.equal(await section.getAttribute('data-ready'), '1', `${lang}: section ${id} started without error`);
    }
    await page.waitForTimeout(width === 1280 ? 200 : 80); // charts draw on their animation frames
    problems.push(...(await page.evaluate(findOverflow, `#${id}`)).map((p) => `${lang} ${width}px #${id}: ${p}`));
    if (shots.includes(id)) await section.screenshot({ path: join(SHOTS, width === 1280 ? `i18n-${lang}-${id}.png` : `i18n-${width}-${lang}-${id}.png`) });
  }
  problems.push(...(await page.evaluate(findOverflow, 'header.site')).map((p) => `${lang} ${width}px header: ${p}`));
  problems.push(...(await page.evaluate(findOverflow, 'nav.toc')).map((p) => `${lang} ${width}px contents: ${p}`));
  return problems;
}

/** The faces of `family` the page has loaded, and whether check() says they are ready. */
async function fontState(page, family, sample) {
  return page.evaluate(
    async ([fam, text]) => {
      await document.fonts.ready;
      const faces = [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === fam);
      return { declared: faces.length, loaded: faces.filter((f) => f.status === 'loaded').length, check: document.fonts.check(`16px "${fam}"`, text) };
    },
    [family, sample],
  );
}

for (const lang of LOCALES) {
  test(`${lang}: every section at 1280 px and 360 px: <html lang>, no overflowing or clipped text, fonts from our origin`, async () => {
    const started = Date.now();
    const { page, problems } = await openPage(env, `#lang=${lang}`, { width: 1280, height: 900 });
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    assert.equal(await page.evaluate(() => document.body.dataset.locale), lang);
    assert.equal(await page.$eval('select[name=lang]', (s) => s.value), lang);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, `i18n-${lang}-top.png`) }); // header, menu, contents
    const overflow = await visitAll(page, lang, 1280, SECTIONS);

    // fonts: Bengali and Chinese load their bundled face (from our origin); the others load none
    for (const [locale, { family, sample }] of Object.entries(FONTS)) {
      const state = await fontState(page, family, sample);
      if (locale === lang) {
        assert.ok(state.loaded > 0 && state.check, `${lang}: ${family} declared ${state.declared}, loaded ${state.loaded}, check ${state.check}`);
      } else assert.equal(state.declared, 0, `${lang}: ${family} is not even declared`);
    }
    // every Noto font file the page fetched (Resource Timing sees the requests made before the test could listen)
    const fontRequests = await page.evaluate(() =>
      performance.getEntriesByType('resource').filter((e) => /noto-sans.*\.woff2(\?|$)/.test(e.name)).map((e) => ({ url: e.name, bytes: e.encodedBodySize })),
    );
    if (FONTS[lang]) {
      assert.ok(fontRequests.length > 0, `${lang}: font files were fetched`);
      for (const r of fontRequests) assert.ok(r.url.startsWith(env.base), `${r.url} is from our origin`);
      const kb = Math.round(fontRequests.reduce((s, r) => s + r.bytes, 0) / 1024);
      console.log(`# ${lang}: ${fontRequests.length} font files, ${kb} KB`);
    } else assert.deepEqual(fontRequests, [], `${lang}: no Noto font file is fetched`);


    // the same page (its experiments started and drawn) narrowed to a phone's 360 px
    await page.setViewportSize({ width: 360, height: 740 });
    await page.waitForTimeout(300); // charts follow their boxes' width on the next frames
    overflow.push(...(await visitAll(page, lang, 360, NARROW_SHOTS)));
    const wider = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(wider <= 0, `${lang}: page wider than 360 px by ${wider}px`);
    assert.deepEqual(overflow, []);
    assert.deepEqual(problems, []);
    await page.close();
    console.log(`# ${lang}: ${Math.round((Date.now() - started) / 1000)} s`);
  });
}

test('the language menu: labelled, named in each language, keyboard operable; switching keeps the experiment and its config', async () => {
  const { page, problems } = await openPage(env, '#exp=adder&seed=7', { width: 1280, height: 900 });
  const menu = await page.$eval('select[name=lang]', (s) => ({
    label: document.querySelector(`label[for="${s.id}"]`)?.textContent,
    options: [...s.options].map((o) => [o.value, o.textContent, o.lang]),
  }));
  assert.equal(menu.label, 'Language');
  assert.deepEqual(menu.options, [
    ['en', 'English', 'en'],
    ['bn', 'বাংলা', 'bn'],
    ['fr', 'Français', 'fr'],
    ['zh-CN', '简体中文', 'zh-CN'],
    ['pl', 'Polski', 'pl'],
  ]);
  assert.equal(await page.$eval('#exp-adder input[name=seed]', (i) => i.value), '7');
  // keyboard: focus the menu and pick Polski with the arrow keys and Enter
  await page.focus('select[name=lang]');
  const reloaded = page.waitForEvent('load');
  await page.keyboard.press('End'); // the last option, Polski, selected: a change, then the reload
  await reloaded;
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'pl');
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /(^#|&)lang=pl(&|$)/);
  assert.match(hash, /(^#|&)exp=adder(&|$)/);
  assert.match(hash, /(^#|&)seed=7(&|$)/);
  assert.equal(await page.$eval('#exp-adder input[name=seed]', (i) => i.value), '7', 'the experiment kept its seed');
  assert.equal(await page.$eval('#exp-adder-title', (h) => h.textContent), '3 · Sieć dodająca dwie liczby zawodzi w połowie przypadków');
  // a followed link that names another language (hashchange) reopens the page in it
  const again = page.waitForEvent('load');
  await page.evaluate(() => {
    location.hash = '#lang=fr&exp=adder&seed=9';
  });
  await again;
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
  assert.equal(await page.$eval('#exp-adder input[name=seed]', (i) => i.value), '9');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the browser\'s preferred language is the default; a link\'s lang wins over it', async () => {
  const cases = [
    [['fr-CA', 'en'], '', 'fr'],
    [['zh-TW', 'pl-PL'], '', 'pl'], // Traditional Chinese is not offered: the next preference
    [['zh-Hans-CN'], '', 'zh-CN'],
    [['de-DE', 'ja'], '', 'en'],
    [['bn-IN'], '#lang=fr', 'fr'],
    [['pl'], '#lang=xx', 'pl'], // a bad lang key is reported and ignored
  ];
  for (const [languages, hash, want] of cases) {
    const page = await env.context.newPage();
    await page.addInitScript((langs) => {
      Object.defineProperty(navigator, 'languages', { get: () => langs });
      Object.defineProperty(navigator, 'language', { get: () => langs[0] });
    }, languages);
    await page.goto(env.base + hash);
    await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 30000 });
    assert.equal(await page.evaluate(() => document.documentElement.lang), want, `${languages.join(',')} ${hash}`);
    await page.close();
  }
});

test('engine errors, link errors and numbers are in the reader\'s language', async () => {
  const { page } = await openPage(env, '#lang=fr&exp=lab&layers=99999&lr=abc', { width: 1280, height: 900 });
  const banner = await page.$eval('.banner', (b) => b.innerText);
  assert.match(banner, /layers\u00a0: doit être une liste séparée par des virgules/, banner);
  assert.match(banner, /lr\u00a0: doit être un nombre dans/, banner);
  assert.doesNotMatch(banner, /must be/, 'no English engine message');
  // counts through Intl: the born-dead trials select shows 2 000 with the French group separator
  // (each experiment loads when its section comes near the view)
  for (const id of ['exp-borndead', 'exp-single']) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await page.waitForFunction((s) => document.getElementById(s).dataset.ready === '1', id, { timeout: 60000 });
  }
  const trials = await page.$eval('#exp-borndead select[name=trials]', (s) => [...s.options].map((o) => o.textContent));
  assert.deepEqual(trials, [500, 2000, 5000].map((n) => new Intl.NumberFormat('fr').format(n)));
  assert.equal(await page.$eval('#exp-single select[name=lr] option[value="0.01"]', (o) => o.textContent), '0,01');
  await page.close();

  const pl = await openPage(env, '#lang=pl&exp=lab&task=nope', { width: 1280, height: 900 });
  const text = await pl.page.$eval('.banner', (b) => b.innerText);
  assert.match(text, /task: musi być jedną z wartości/, text);
  await pl.page.close();
});
