// embed-fit.test.mjs: embeds that fit the page they are put in. The lab is served on
// one origin (/course/lab/), course pages on another; each course page embeds the lab
// the way docs/EMBEDDING.md says: the plain iframe snippet (its height measured for the
// experiment at the chosen width), the snippet with its one script tag, and the
// <relu-lab> web component. The frame's height must follow the content after a sweep,
// the height messages of course platforms must arrive, and a 600 x 500 frame must show
// the experiment's figure and its Play control without scrolling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startServer } from '../../scripts/serve.mjs';
import { serveSite, launch, recordingPage, load, SHOTS } from './helpers.mjs';

let lab;
let course; // a course site of our own pages, on a second origin
let courseDir;
let browser;
let pages = 0;
before(async () => {
  lab = await serveSite({ base: '/course/lab/', csp: true });
  courseDir = mkdtempSync(join(tmpdir(), 'relulab-course-'));
  const server = await startServer({ port: 0, root: courseDir });
  course = { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await lab?.close();
  await course?.close();
  rmSync(courseDir, { recursive: true, force: true });
});

/** A page on the course's origin whose body is `html`; it records every message it gets. */
async function coursePage(html, { width = 1000, height = 900 } = {}) {
  const rec = await recordingPage(browser.context, [lab.origin, course.origin], { width, height });
  const name = `page-${++pages}.html`;
  writeFileSync(join(courseDir, name), `<!doctype html><html><head><meta charset="utf-8"><title>course</title><link rel="icon" href="data:,">
    <script>window.got = []; addEventListener('message', (e) => window.got.push(e.data));</script></head>
    <body><h1>Week 4</h1>${html}</body></html>`);
  await rec.page.goto(`${course.origin}/${name}`);
  return rec;
}

/** The embedded lab's frame of `page` once ready, and the iframe element that holds it. */
async function labFrame(page) {
  await page.waitForFunction(() => window.got.some((m) => m?.source === 'relulab' && m.type === 'ready'), null, { timeout: 60000 });
  return page.frames().find((f) => f.url().startsWith(lab.url));
}
const contentHeight = (frame) => frame.evaluate(() => Math.ceil(document.documentElement.scrollHeight));
async function frameHeight(page, shadow = false) {
  return page.evaluate((inShadow) => {
    const frame = inShadow ? document.querySelector('relu-lab').shadowRoot.querySelector('iframe') : document.querySelector('iframe');
    return frame.getBoundingClientRect().height;
  }, shadow);
}
/** Runs the adder's sweep inside the frame and waits for its end. */
async function sweepInFrame(frame) {
  await frame.click('button[name=sweep]');
  await frame.waitForFunction(() => document.querySelector('.experiment').dataset.sweepState === 'done', null, { timeout: 60000 });
}

test('the Embed snippet\'s height is measured for the experiment at its width, and works without any script', async () => {
  const rec = await recordingPage(browser.context, [lab.origin]);
  await load(rec.page, `${lab.url}#exp=adder`);
  await rec.page.locator('#exp-adder').scrollIntoViewIfNeeded();
  await rec.page.waitForFunction(() => document.getElementById('exp-adder').dataset.ready === '1', null, { timeout: 60000 });
  await rec.page.click('#exp-adder button[name=embed]');
  await rec.page.selectOption('#exp-adder select[name=embed-width]', '600');
  await rec.page.waitForFunction(() => document.querySelector('#exp-adder .embed-options').dataset.measured, null, { timeout: 60000 });
  const snippet = await rec.page.$eval('#exp-adder .link-panel textarea', (f) => f.value);
  assert.doesNotMatch(snippet, /<script/, 'the default snippet needs no script');
  const height = Number(/height:(\d+)px/.exec(snippet)[1]);
  assert.match(snippet, /max-width:600px/);
  assert.deepEqual(rec.problems, []);
  await rec.page.close();

  // the same embed in a 600 px frame of a course page on another origin: it fits
  const { page, problems } = await coursePage(snippet);
  const frame = await labFrame(page);
  const content = await contentHeight(frame);
  assert.ok(Math.abs(content - height) <= 8, `measured ${height} px, the content is ${content} px at 600 px`);
  assert.equal(Math.round(await frameHeight(page)), height, 'without the script the frame keeps the measured height');
  // the platforms' messages arrive beside our own
  const got = await page.evaluate(() => window.got);
  const ours = got.filter((m) => m?.source === 'relulab' && m.type === 'resize').at(-1).height;
  assert.ok(got.some((m) => m?.subject === 'lti.frameResize' && m.height === ours), 'Canvas LMS\'s lti.frameResize');
  assert.ok(got.some((m) => m?.context === 'iframe.resize' && m.height === ours), 'the Embedly-style iframe.resize');
  assert.deepEqual(problems, []);
  await page.close();
});

test('with its one script tag the iframe follows its content, after a sweep too', async () => {
  const src = `${lab.url}index.html?embed=adder#exp=adder&seed=1`;
  const { page, problems } = await coursePage(`<iframe src="${src}" title="lab" style="width:100%;max-width:720px;height:400px;border:0"></iframe><script src="${lab.url}relu-lab.js" async></script>`);
  const frame = await labFrame(page);
  const check = async (when) => {
    const want = await contentHeight(frame);
    await page.waitForFunction((h) => Math.abs(document.querySelector('iframe').getBoundingClientRect().height - h) <= 2, want, { timeout: 10000 })
      .catch(() => assert.fail(`${when}: the frame is not ${want} px`));
    return want;
  };
  const first = await check('at first');
  await sweepInFrame(frame);
  const after = await check('after the sweep');
  assert.ok(after > first, `the sweep's chart and text made the content taller: ${first} -> ${after} px`);
  await page.screenshot({ path: join(SHOTS, 'embed-script-after-sweep.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the <relu-lab> web component sizes itself after a sweep, follows its attributes, and keeps the host\'s CSS out', async () => {
  const { page, problems } = await coursePage(`<style>iframe, button { border: 9px solid red !important; display: none !important; }</style>
    <script src="${lab.url}relu-lab.js"></script><relu-lab experiment="adder" preset="adder-sweep" lang="fr"></relu-lab>`);
  const frame = await labFrame(page);
  assert.equal(await frame.evaluate(() => document.documentElement.lang), 'fr');
  // the preset's sweep runs as it opens; its chart and text make the content taller
  await frame.waitForFunction(() => document.querySelector('.experiment').dataset.sweepState === 'done', null, { timeout: 60000 });
  const shown = await page.evaluate(() => getComputedStyle(document.querySelector('relu-lab').shadowRoot.querySelector('iframe')).display);
  assert.equal(shown, 'block', 'the page\'s CSS does not reach the iframe in the shadow root');
  const want = await contentHeight(frame);
  await page.waitForFunction((h) => Math.abs(document.querySelector('relu-lab').shadowRoot.querySelector('iframe').getBoundingClientRect().height - h) <= 2, want, { timeout: 10000 })
    .catch(() => assert.fail(`the component is not sized to its content of ${want} px after the sweep`));
  // a new attribute loads the new state
  await page.evaluate(() => document.querySelector('relu-lab').setAttribute('preset', 'adder-fails'));
  await page.waitForFunction(() => {
    const f = document.querySelector('relu-lab').shadowRoot.querySelector('iframe');
    return f.src.includes('preset=adder-fails');
  });
  // only the fragment changed: the lab applies the new preset as a followed link, without a reload
  await frame.waitForFunction(() => /(^#|&)seed=3(&|$)/.test(location.hash), null, { timeout: 30000 });
  await page.screenshot({ path: join(SHOTS, 'embed-web-component.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a 600 x 500 frame shows the experiment\'s figure and its Play control without scrolling', async () => {
  const figures = { adder: 'canvas.network-diagram', single: 'figure.chart canvas', modulus: 'canvas.pickable, figure.chart canvas', cs231n: 'figure.chart canvas' };
  for (const [exp, figure] of Object.entries(figures)) {
    const rec = await recordingPage(browser.context, [lab.origin], { width: 600, height: 500 });
    await load(rec.page, `${lab.url}?embed=${exp}&lesson=1`);
    await rec.page.waitForFunction(() => document.querySelector('section[data-exp]').dataset.ready === '1', null, { timeout: 60000 });
    await rec.page.waitForTimeout(300);
    const boxes = await rec.page.evaluate((sel) => {
      const rect = (el) => el && el.getBoundingClientRect();
      const f = rect(document.querySelector(sel));
      const p = rect(document.querySelector('button[name=play]'));
      return { figure: f && [f.top, f.bottom], play: p && [p.top, p.bottom], scrollY: window.scrollY };
    }, figure);
    assert.ok(boxes.figure && boxes.figure[0] >= 0 && boxes.figure[1] <= 500, `${exp}: the figure within the first 500 px: ${boxes.figure}`);
    assert.ok(boxes.play && boxes.play[1] <= 500, `${exp}: Play within the first screen: ${boxes.play}`);
    await rec.page.screenshot({ path: join(SHOTS, `embed-600x500-${exp}.png`) });
    // the lesson text is one click away
    assert.equal(await rec.page.$eval('.lesson-text', (t) => t.hidden), true);
    await rec.page.click('button[name=lesson]');
    assert.equal(await rec.page.$eval('.lesson-text', (t) => t.hidden), false);
    assert.deepEqual(rec.problems, []);
    await rec.page.close();
  }
});
