// truth.test.mjs: what the page draws agrees with what the lesson says, where a number
// from the engine cannot tell (tests/js/presets.test.mjs checks the numbers): each
// preset below is opened in headless Chromium and its picture is checked through what
// the charts record of what they drew (data-* attributes of their canvases and figures).
// Screenshots go to test-artifacts/screenshots/truth-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, waitForData, SHOTS } from './helpers.mjs';
import { PRESETS } from '../../web/src/links/presets.js';

let env;
before(async () => {
  env = await setup({ csp: true });
});
after(async () => {
  await env?.close();
});

async function ready(page, section) {
  await page.locator(`#${section}`).scrollIntoViewIfNeeded();
  await page.waitForFunction((s) => document.getElementById(s).dataset.ready === '1', section, { timeout: 60000 });
}

/**
 * Each row's numbers (measures, by the row's `key`) lie in the intervals of preset
 * `name`'s expectations `${measure}.${row[key]}`: the numbers the lesson states
 * (tests/js/presets.test.mjs checks them in Node).
 */
function assertRowsInPreset(rows, name, key, measures) {
  const { expect } = PRESETS.find((p) => p.name === name);
  for (const r of rows)
    for (const m of measures) {
      const [lo, hi] = expect[`${m}.${r[key]}`].in;
      assert.ok(r[m] >= lo && r[m] <= hi, `${r[key]} ${m} = ${r[m]}, the lesson's interval is [${lo}, ${hi}]`);
    }
}

async function playToEnd(page, section, speed) {
  if (speed) await page.selectOption(`#${section} select[name=speed]`, String(speed));
  await page.click(`#${section} button[name=play]`);
  await waitForData(page, `#${section} .experiment`, 'done', '1', 120000);
  await page.waitForTimeout(300); // charts draw on the next animation frame
}

test('experiment 1 at learning rate 1: the loss reaches exactly 0 and is drawn on the axis floor, with a note', async () => {
  const { page, problems } = await openPage(env, '#preset=keras-big-step');
  await ready(page, 'exp-single');
  await playToEnd(page, 'exp-single', 2000);
  const w = Number(await page.$eval('#exp-single .experiment', (el) => el.dataset.w));
  assert.ok(Math.abs(w - 1) < 0.01, `w = ${w} reaches 1: the batch noise lets the unit escape`);
  const loss = await page.$eval('#exp-single figure.chart', (f) => ({ zeros: Number(f.dataset.zeros), note: !f.querySelector('.zero-note').hidden }));
  assert.ok(loss.zeros > 100, `${loss.zeros} records of loss 0 drawn`);
  assert.ok(loss.note, 'the note says that points on the floor are 0');
  await page.locator('#exp-single').screenshot({ path: join(SHOTS, 'truth-single-lr1.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('experiment 2: a start in the wedge is drawn with a path that does not move; one just outside escapes', async () => {
  const { page, problems } = await openPage(env, '#preset=landscape-wedge');
  await ready(page, 'exp-landscape');
  const box = '#exp-landscape .experiment';
  await waitForData(page, box, 'runDone', '1');
  await page.waitForTimeout(300);
  const drawn = await page.$$eval('#exp-landscape canvas.pickable', (cs) => cs.map((c) => ({ paths: c.dataset.paths, markers: Number(c.dataset.markers), points: Number(c.dataset.pathPoints) })));
  for (const map of drawn) {
    assert.equal(map.paths, '1', 'each map draws the path');
    assert.ok(map.markers >= 1, 'and the start point');
    assert.ok(map.points > 2, `a path of ${map.points} points`);
  }
  assert.equal(await page.$eval(box, (el) => el.dataset.moved), '0', 'the path does not move');
  assert.equal(await page.$eval('#exp-landscape dd[data-name=state]', (el) => el.dataset.value), 'dead');
  await page.locator('#exp-landscape').screenshot({ path: join(SHOTS, 'truth-landscape-wedge.png') });
  await page.evaluate(() => {
    location.hash = '#preset=landscape-escape';
  });
  await page.waitForFunction(() => Number(document.querySelector('#exp-landscape .experiment').dataset.moved) > 0.5 && document.querySelector('#exp-landscape .experiment').dataset.runDone === '1', null, { timeout: 60000 });
  assert.equal(await page.$eval('#exp-landscape dd[data-name=state]', (el) => el.dataset.value), 'live');
  assert.deepEqual(problems, []);
  await page.close();
});

test('experiment 7: every layer on one scale, which narrows at σ = 0.1 and widens at 0.28; layers are whole numbers', async () => {
  const { page, problems } = await openPage(env, '#preset=init-small');
  await ready(page, 'exp-init');
  const read = () => page.$eval('#exp-init .experiment', (box) => {
    const c = box.querySelector('canvas');
    return { range: c.dataset.range.split(',').map(Number), spans: c.dataset.spans.split(',').map(Number), ticks: box.querySelectorAll('figure.chart')[1].dataset.xTicks };
  });
  await waitForData(page, '#exp-init .experiment', 'meanSquare');
  await page.waitForTimeout(300);
  const small = await read();
  await page.locator('#exp-init').screenshot({ path: join(SHOTS, 'truth-init-0.1.png') });
  await page.click('#exp-init button[name="sigma-0.28"]');
  await page.waitForFunction((r) => document.querySelector('#exp-init canvas').dataset.range !== r, small.range.join(','), { timeout: 30000 });
  await page.waitForTimeout(300);
  const large = await read();
  await page.locator('#exp-init').screenshot({ path: join(SHOTS, 'truth-init-0.28.png') });
  for (const { range, spans } of [small, large]) {
    assert.equal(spans.length, 5);
    const width = range[1] - range[0];
    for (const s of spans) assert.ok(s <= width * 1.0001, 'every layer lies on the shared scale');
    assert.ok(Math.max(...spans) > 0.99 * width, 'the widest layer fills it');
  }
  assert.ok(large.range[1] - large.range[0] > 20 * (small.range[1] - small.range[0]), `the scale follows σ: ${small.range} vs ${large.range}`);
  assert.ok(small.spans[4] < 0.5 * small.spans[0], `σ = 0.1 narrows: ${small.spans}`);
  assert.ok(large.spans[4] > 5 * large.spans[0], `σ = 0.28 widens: ${large.spans}`);
  assert.deepEqual(small.ticks.split(',').map(Number).filter((v) => !Number.isInteger(v)), [], `layer ticks ${small.ticks}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the free lab: a diverged run draws its NaN units as NaN, and says so', async () => {
  const { page, problems } = await openPage(env, '#preset=lab-diverged');
  await ready(page, 'exp-lab');
  await playToEnd(page, 'exp-lab', 1000);
  const nan = Number(await page.$eval('#exp-lab .experiment', (el) => el.dataset.nanUnits));
  const drawn = await page.$eval('#exp-lab canvas.network-diagram', (c) => ({ nan: Number(c.dataset.nan), live: Number(c.dataset.live) }));
  assert.ok(nan > 0, `${nan} NaN units`);
  assert.equal(drawn.nan, nan, 'the network diagram draws every NaN unit as NaN');
  assert.match(await page.$eval('#exp-lab dd[data-name=state]', (el) => el.textContent), new RegExp(`${nan} units hold NaN`));
  await page.locator('#exp-lab').screenshot({ path: join(SHOTS, 'truth-lab-diverged.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('what a dead unit is: every point stays on the plot, and a unit firing on one point of 200 is dormant', async () => {
  const { page, problems } = await openPage(env, '');
  await ready(page, 'what-is-dead');
  const setBias = (v) => page.$eval('#what-is-dead input[name=b]', (el, x) => {
    el.value = String(x);
    el.dispatchEvent(new Event('input'));
  }, v);
  await setBias(-6);
  await page.waitForTimeout(200);
  assert.equal(await page.$eval('#what-is-dead dd[data-name=state]', (el) => el.dataset.value), 'dead');
  const extent = (await page.$eval('#what-is-dead canvas', (c) => c.dataset.extent)).split(',').map(Number);
  assert.ok(extent[2] <= 1 * -2.81 - 6, `the plot reaches the lowest point: ${extent}`);
  await page.locator('#what-is-dead').screenshot({ path: join(SHOTS, 'truth-dead-unit-dead.png') });
  await setBias(-2.6);
  await page.waitForTimeout(200);
  assert.equal(await page.$eval('#what-is-dead dd[data-name=state]', (el) => el.dataset.value), 'dormant');
  assert.equal(Number(await page.$eval('#what-is-dead dd[data-name=fires]', (el) => el.dataset.value)), 1 / 200);
  assert.deepEqual(problems, []);
  await page.close();
});

test('experiment 8: reviving is reported before each revival, not only right after one; each problem has its own text', async () => {
  const { page, problems } = await openPage(env, '#preset=remedies-spiral');
  await ready(page, 'exp-remedies');
  await page.click('#exp-remedies button[name=play]');
  await waitForData(page, '#exp-remedies .experiment', 'done', '1', 180000);
  await page.waitForTimeout(300);
  const revive = await page.$eval('#exp-remedies tr[data-remedy=revive]', (r) => ({ now: Number(r.dataset.deadFraction), mean: Number(r.dataset.deadMean) }));
  const before = Number(await page.$eval('#exp-remedies .result[data-dead-before-revival]', (el) => el.dataset.deadBeforeRevival));
  assert.equal(revive.now, 0, 'right after the last revival no unit is dead');
  assert.ok(before > 0.4 && revive.mean > 0.15, `but before each revival ${before} and on average ${revive.mean} are dead`);
  assert.equal(await page.$eval('#exp-remedies .look-for', (el) => el.dataset.key), 'remedies.lookFor.spiral');
  await page.locator('#exp-remedies').screenshot({ path: join(SHOTS, 'truth-remedies-spiral.png') });

  await page.selectOption('#exp-remedies select[name=problem]', 'adder');
  await page.waitForFunction(() => document.querySelector('#exp-remedies .look-for').dataset.key === 'remedies.lookFor.adder');
  await page.waitForFunction(() => document.querySelectorAll('#exp-remedies tr[data-remedy]').length === 4);
  await page.click('#exp-remedies button[name=play]');
  await waitForData(page, '#exp-remedies .experiment', 'done', '1', 180000);
  const rows = await page.$$eval('#exp-remedies tr[data-remedy]', (rs) => Object.fromEntries(rs.map((r) => [r.dataset.remedy, { output: r.dataset.outputDead, loss: Number(r.cells[2].textContent.replace(/[^\d.e-]/g, '')) }])));
  assert.equal(rows.baseline.output, '1', 'the adder\'s output unit counts: dead');
  assert.equal(rows.revive.output, '1', 'reviving never touches the output');
  assert.ok(rows.leaky.loss < 1e-3 && rows.baseline.loss > 0.5, `the remedies differ: ${JSON.stringify(rows)}`);
  await page.locator('#exp-remedies').screenshot({ path: join(SHOTS, 'truth-remedies-adder.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('experiment 1 as Keras logs it: 20 epoch means on a log axis, the per-step charts one menu away', async () => {
  const { page, problems } = await openPage(env, '#preset=keras-epochs');
  await ready(page, 'exp-single');
  await playToEnd(page, 'exp-single', 2000);
  const box = await page.$eval('#exp-single .experiment', (b) => ({ view: b.dataset.view, epochs: Number(b.dataset.epochs), loss: b.dataset.epochLoss.split(',').map(Number) }));
  assert.equal(box.view, 'epochs');
  assert.equal(box.epochs, 20);
  // each epoch's mean lies between the start's loss and the floor of 0.5 the unit settles at
  assert.ok(box.loss[0] > 20 && box.loss[0] < 25 && box.loss.slice(5).every((l) => Math.abs(l - 0.5) < 0.02), box.loss.join(' '));
  const figures = await page.$$eval('#exp-single figure.chart', (fs) => fs.map((f) => ({ title: f.querySelector('figcaption')?.textContent ?? '', hidden: f.hidden })));
  const visible = figures.filter((f) => !f.hidden).map((f) => f.title);
  assert.ok(visible.some((tt) => /^Loss per epoch/.test(tt)) && visible.some((tt) => /end of each epoch/.test(tt)), visible.join(' | '));
  assert.ok(!visible.some((tt) => tt === 'Loss (log scale) over steps'), 'the per-step loss chart is hidden');
  await page.locator('#exp-single').screenshot({ path: join(SHOTS, 'truth-single-epochs.png') });
  await page.selectOption('#exp-single select[name=lossView]', 'live');
  await page.waitForFunction(() => /[#&]view=live(&|$)/.test(location.hash) || !/[#&]view=/.test(location.hash), null, { timeout: 10000 });
  const after = await page.$$eval('#exp-single figure.chart', (fs) => fs.filter((f) => !f.hidden).map((f) => f.querySelector('figcaption')?.textContent ?? ''));
  assert.ok(after.includes('Loss (log scale) over steps') && !after.some((tt) => /^Loss per epoch/.test(tt)), after.join(' | '));
  assert.deepEqual(problems, []);
  await page.close();
});

test('experiment 3 with the question\'s update of the biases: a dead output is dead for now, not frozen, and seed 8 comes back to learn the sum', async () => {
  const { page, problems } = await openPage(env, '#preset=adder-asker-revives');
  await ready(page, 'exp-adder');
  const verdict = () => page.$eval('#exp-adder dd[data-name=state]', (d) => d.dataset.value);
  await page.waitForFunction(() => document.querySelector('#exp-adder dd[data-name=state]')?.dataset.value, null, { timeout: 30000 });
  assert.equal(await page.$eval('#exp-adder select[name=bias_update]', (s) => s.value), 'decay');
  assert.equal(await verdict(), 'outputDeadForNow', 'the output starts dead, and under b -= lr * b that is not the end');
  // the correct rule on the same seed: the same dead output is frozen
  await page.selectOption('#exp-adder select[name=bias_update]', 'gradient');
  await page.waitForFunction(() => document.querySelector('#exp-adder dd[data-name=state]').dataset.value === 'outputDead', null, { timeout: 30000 });
  await page.selectOption('#exp-adder select[name=bias_update]', 'decay');
  await page.waitForFunction(() => document.querySelector('#exp-adder dd[data-name=state]').dataset.value === 'outputDeadForNow', null, { timeout: 30000 });
  await page.selectOption('#exp-adder select[name=speed]', '5000');
  await page.click('#exp-adder button[name=play]');
  await page.waitForFunction(() => document.querySelector('#exp-adder dd[data-name=step]').dataset.value === '30000', null, { timeout: 120000, polling: 100 });
  assert.equal(await verdict(), 'solved');
  await page.locator('#exp-adder').screenshot({ path: join(SHOTS, 'truth-adder-asker-rule.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('experiment 3: sigmoid everywhere is still improving on every seed, and the sweep says so', async () => {
  const { page, problems } = await openPage(env, '#preset=adder-sigmoid');
  await ready(page, 'exp-adder');
  await waitForData(page, '#exp-adder .experiment', 'sweepState', 'done', 120000);
  const counts = await page.$eval('#exp-adder .result[data-failure-rate]', (el) => ({ total: Number(el.dataset.total), improving: Number(el.dataset.countImproving), stuck: Number(el.dataset.countStuck), text: el.textContent }));
  assert.equal(counts.improving, counts.total, `all ${counts.total} still improving: ${counts.text}`);
  assert.equal(counts.stuck, 0);
  assert.match(counts.text, /still improving when training stopped/);
  await page.locator('#exp-adder').screenshot({ path: join(SHOTS, 'truth-adder-sigmoid.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('experiment 4: the advice the question got, as a table the page computes, and the six first-layer weights grouped by unit', async () => {
  const { page, problems } = await openPage(env, '#preset=modulus-advice');
  await ready(page, 'exp-modulus');
  await page.waitForSelector('#exp-modulus table.compare tr[data-variant=selu]', { timeout: 120000 });
  const rows = await page.$$eval('#exp-modulus table.compare tbody tr', (rs) => rs.map((r) => ({ variant: r.dataset.variant, success: Number(r.dataset.success), anyDead: Number(r.dataset.anyDead) })));
  assert.deepEqual(rows.map((r) => r.variant), ['relu', 'dropout', 'elu', 'selu']);
  assertRowsInPreset(rows, 'modulus-advice', 'variant', ['success', 'anyDead']);
  // the live run's first layer: 3 units x 2 inputs, one series each in the weights chart
  const legend = await page.$$eval('#exp-modulus figure.chart', (fs) => {
    const f = fs.find((x) => /First-layer weights/.test(x.querySelector('figcaption')?.textContent ?? ''));
    return f ? [...f.querySelectorAll('.u-legend .u-series')].map((s) => s.textContent.trim()).filter((x) => x.startsWith('unit')) : null;
  });
  assert.deepEqual(legend, ['unit 1, x1', 'unit 1, x2', 'unit 2, x1', 'unit 2, x2', 'unit 3, x1', 'unit 3, x2']);
  await page.locator('#exp-modulus').screenshot({ path: join(SHOTS, 'truth-modulus-advice.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('experiment 3: the lesson\'s link runs the asker\'s first question exactly (sigmoid, rate 0.1, 100000 epochs of six points)', async () => {
  const { page, problems } = await openPage(env, '#exp=adder');
  await ready(page, 'exp-adder');
  await page.click('#exp-adder a[href="#preset=adder-sigmoid-100k"]');
  await page.waitForFunction(() => /[&]steps=600000(&|$)/.test(location.hash), null, { timeout: 20000 });
  const hash = await page.evaluate(() => location.hash);
  for (const key of ['act=sigmoid', 'out=sigmoid', 'lr=0.1', 'steps=600000', 'batch=1']) assert.match(hash, new RegExp(`[#&]${key}(&|$)`), hash);
  assert.equal(await page.$eval('#exp-adder select[name=act]', (s) => s.value), 'sigmoid');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the lab with 100 hidden layers: every unit in the diagram, 8 layers in each per-layer chart and a note naming them', async () => {
  const layers = Array(100).fill(3).join(',');
  const { page, problems } = await openPage(env, `#exp=lab&task=circle&init=rai&steps=200&layers=${layers}`);
  await ready(page, 'exp-lab');
  await page.waitForFunction(() => document.querySelector('#exp-lab figure.chart canvas[data-live]'), null, { timeout: 30000 });
  const counts = await page.$eval('#exp-lab canvas[data-live]', (c) => ['live', 'dormant', 'dead', 'nan'].reduce((s, k) => s + Number(c.dataset[k]), 0));
  assert.equal(counts, 302, '100 layers of 3 units and the two outputs of the circles, each drawn and counted');
  const notes = await page.$$eval('#exp-lab .layers-note', (ps) => ps.map((p) => p.textContent));
  assert.equal(notes.length, 3, 'the dead-fraction chart, the firing bars and the histograms each say which layers they draw');
  for (const n of notes) assert.match(n, /layers 1, 15, 29, 43, 58, 72, 86, 100 of 100/);
  const legend = await page.$$eval('#exp-lab figure.chart', (fs) => {
    const f = fs.find((x) => x.querySelector('figcaption')?.textContent === 'Dead fraction per hidden layer');
    return [...f.querySelectorAll('.u-legend .u-series')].map((s) => s.textContent.trim()).filter((x) => x.startsWith('layer'));
  });
  assert.deepEqual(legend, ['layer 1', 'layer 15', 'layer 29', 'layer 43', 'layer 58', 'layer 72', 'layer 86', 'layer 100']);
  await page.locator('#exp-lab').screenshot({ path: join(SHOTS, 'truth-lab-100-layers.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('experiment 6: the trained |x| case as a table, He against RAI, with the numbers the lesson states', async () => {
  const { page, problems } = await openPage(env, '#preset=born-dead-abs');
  await ready(page, 'exp-borndead');
  await page.waitForSelector('#exp-borndead table.compare tr[data-init=rai]', { timeout: 120000 });
  const rows = await page.$$eval('#exp-borndead table.compare tbody tr', (rs) => rs.map((r) => ({ init: r.dataset.init, constant: Number(r.dataset.constant), success: Number(r.dataset.success) })));
  assert.deepEqual(rows.map((r) => r.init), ['he', 'rai']);
  assertRowsInPreset(rows, 'born-dead-abs', 'init', ['constant', 'success']);
  await page.locator('#exp-borndead').screenshot({ path: join(SHOTS, 'truth-born-dead-abs.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('experiment 2: the 4-parameter model\'s runs from 200 starts, counted by the way each start was flipped, with the numbers the lesson states', async () => {
  const { page, problems } = await openPage(env, '#preset=landscape-runs');
  await ready(page, 'exp-landscape');
  const figure = '#exp-landscape figure[data-part=runs]';
  await page.waitForSelector(`${figure}[data-runs="200"]`, { timeout: 120000 });
  const rows = await page.$$eval(`${figure} table.compare tbody tr`, (rs) => rs.map((r) => ({ start: r.dataset.start, counts: r.dataset.counts.split(',').map(Number) })));
  assert.deepEqual(rows.map((r) => r.start), ['++', '+-', '-+', '--']);
  const row = Object.fromEntries(rows.map((r) => [r.start, r.counts]));
  // columns: learned, unit died, ended flipped both ways, ended elsewhere
  const share = (start, column) => row[start][column] / row[start].reduce((s, n) => s + n, 0);
  const measured = {
    learnedAsTarget: share('++', 0),
    learnedUpsideDown: share('+-', 0),
    learnedMirrored: share('-+', 0),
    deadMirrored: share('-+', 1),
    bothFromMirrored: share('-+', 2),
    stayBoth: share('--', 2),
    wCrossed: Number(await page.getAttribute(figure, 'data-w-crossed')),
  };
  assert.equal(rows.reduce((s, r) => s + r.counts.reduce((a, n) => a + n, 0), 0), 200);
  const { expect } = PRESETS.find((p) => p.name === 'landscape-runs');
  for (const [name, v] of Object.entries(measured)) {
    const [lo, hi] = expect[name].in;
    assert.ok(v >= lo && v <= hi, `${name} = ${v}, the lesson's interval is [${lo}, ${hi}]`);
  }
  assert.equal(await page.getAttribute(`${figure} canvas`, 'data-paths'), '200');
  await page.locator('#exp-landscape').screenshot({ path: join(SHOTS, 'truth-landscape-runs.png') });
  // another view of the same model hides the runs; the maps show its slice
  await page.selectOption('#exp-landscape select[name=slice]', 'vc');
  await page.waitForSelector(figure, { state: 'hidden' });
  assert.deepEqual(problems, []);
  await page.close();
});
