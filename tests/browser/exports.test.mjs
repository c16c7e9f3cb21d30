// exports.test.mjs: what a learner takes away. Every chart saves its picture (PNG) and
// its data (CSV, JSON) under a name that says the experiment, the chart, the seed and
// the date; "Command" gives the relulab command line that reproduces the run or sweep
// natively, and that command, run by the native CLI, prints the page's numbers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { setup, openPage, waitForData } from './helpers.mjs';
import { NATIVE_CLI } from '../js/load_engine.mjs';

let env;
before(async () => {
  env = await setup({ csp: true });
});
after(async () => {
  await env?.close();
});

const TODAY = new Date().toISOString().slice(0, 10);

/** Clicks a save button and returns {name, text|bytes} of the download. */
async function save(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}
const csv = (bytes) => bytes.toString('utf8').trim().split('\r\n').map((line) => line.split(','));

/** The command the page gives, run by the native CLI: its JSON answer(s). */
async function runCommand(page, section) {
  await page.click(`#${section} button[name=command]`);
  const text = await page.$eval(`#${section} .link-panel .link-field`, (f) => f.value);
  return text.split('\n').map((line) => {
    const m = line.match(/^relulab (train|sweep) --config '([^']*)'(.*) --json$/);
    assert.ok(m, `a relulab command line: ${line}`);
    const args = [m[1], '--config', m[2], ...m[3].trim().split(/\s+/).filter(Boolean), '--json'];
    return JSON.parse(execFileSync(NATIVE_CLI, args, { encoding: 'utf8', maxBuffer: 64 << 20 }));
  });
}

test('a live run: its charts save PNG, CSV and JSON with the right rows, and its command prints the page\'s numbers', async () => {
  const { page, problems } = await openPage(env, '#exp=adder&seed=3&steps=3000');
  await page.waitForFunction(() => document.getElementById('exp-adder').dataset.ready === '1', null, { timeout: 60000 });
  await page.selectOption('#exp-adder select[name=speed]', '5000');
  await page.click('#exp-adder button[name=play]');
  await waitForData(page, '#exp-adder dd[data-name=state]', 'value', 'outputDead', 60000);
  await page.waitForFunction(() => document.querySelector('#exp-adder dd[data-name=step]').dataset.value === '3000', null, { timeout: 60000 });
  await page.waitForTimeout(300);
  const loss = '#exp-adder figure.chart:has(canvas[aria-label="Loss (log scale)"])';
  const data = await save(page, `${loss} button[name=save-csv]`);
  assert.equal(data.name, `relu-lab_adder_loss_seed-3_${TODAY}.csv`);
  const rows = csv(data.bytes);
  assert.deepEqual(rows[0], ['step', 'loss']);
  const records = await page.evaluate(() => document.querySelector('#exp-adder .experiment').dataset.traceRecords);
  assert.equal(rows.length - 1, Number(records), 'one row per trace record');
  assert.equal(rows.at(-1)[0], '3000');
  const json = JSON.parse((await save(page, `${loss} button[name=save-json]`)).bytes.toString('utf8'));
  assert.equal(json.experiment, 'adder');
  assert.equal(json.rows.length, rows.length - 1);
  assert.deepEqual(Object.keys(json.rows[0]), ['step', 'loss']);
  const png = await save(page, `${loss} button[name=save-png]`);
  assert.equal(png.name, `relu-lab_adder_loss_seed-3_${TODAY}.png`);
  assert.equal(png.bytes.subarray(1, 4).toString('latin1'), 'PNG');
  const width = png.bytes.readUInt32BE(16);
  assert.equal(width, await page.$eval(`${loss} canvas`, (c) => c.width), 'the canvas as drawn, at the screen\'s pixel ratio');

  const [cli] = await runCommand(page, 'exp-adder');
  const pageLoss = Number(await page.$eval('#exp-adder dd[data-name=loss]', (el) => el.dataset.value));
  // the engine computes in float; the CLI prints a float's shortest text, the page its double value
  assert.equal(Math.fround(cli.finalLoss), Math.fround(pageLoss), 'the command trains to the page\'s loss');
  assert.equal(Math.fround(Number(rows.at(-1)[1])), Math.fround(cli.trace.loss.at(-1)), 'and the CSV holds the same last loss');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a sweep saves its per-seed table, and its command reproduces every seed', async () => {
  const { page, problems } = await openPage(env, '#exp=adder');
  await page.waitForFunction(() => document.getElementById('exp-adder').dataset.ready === '1', null, { timeout: 60000 });
  await page.selectOption('#exp-adder select[name=seeds]', '50');
  await page.click('#exp-adder button[name=sweep]');
  await waitForData(page, '#exp-adder .experiment', 'sweepState', 'done', 120000);
  const file = await save(page, '#exp-adder figure.sweep button[name=save-csv]');
  assert.match(file.name, new RegExp(`^relu-lab_adder_outcomes_seed-1_${TODAY}\\.csv$`));
  const rows = csv(file.bytes);
  assert.deepEqual(rows[0], ['seed', 'final loss', 'accuracy', 'outcome', 'dead in layer 1', 'dead in layer 2', 'dead in layer 3', 'loss at the last tenth']);
  assert.equal(rows.length - 1, 50);
  const [cli] = await runCommand(page, 'exp-adder');
  assert.equal(cli.runs.length, 50);
  cli.runs.forEach((run, k) => {
    assert.equal(Number(rows[k + 1][0]), run.seed);
    assert.equal(Math.fround(Number(rows[k + 1][1])), Math.fround(run.finalLoss), `seed ${run.seed}: the same final loss`);
    assert.equal(rows[k + 1][3], run.failure, `seed ${run.seed}: the same outcome`);
  });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the landscape saves its loss grid with one row per grid point', async () => {
  const { page, problems } = await openPage(env, '#exp=landscape');
  await page.waitForFunction(() => document.getElementById('exp-landscape').dataset.ready === '1', null, { timeout: 60000 });
  const file = await save(page, '#exp-landscape button[name=save-csv] >> nth=0');
  assert.match(file.name, /^relu-lab_landscape_loss-map_seed-1_/);
  const rows = csv(file.bytes);
  assert.deepEqual(rows[0], ['w', 'b', 'loss']);
  assert.equal(rows.length - 1, 64 * 64);
  assert.deepEqual(rows[1].slice(0, 2).map(Number), [-3, -3]);
  assert.deepEqual(problems, []);
  await page.close();
});
