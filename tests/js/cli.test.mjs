// cli.test.mjs: the native command-line tool, relulab: output shapes, the science it
// prints, and clear messages with exit code 2 for bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NATIVE_CLI, ROOT } from './load_engine.mjs';

const run = (...args) => spawnSync(NATIVE_CLI, args, { encoding: 'utf8' });

test('train --json prints the normalized config, final loss, parameters, trace and diagnostics', () => {
  const r = run('train', '--config', 'task=relu1d&out=relu&bias=0&weights=0.5&fresh=1&steps=2000', '--json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.match(out.config, /^task=relu1d&n=0&.*&weights=0.5&.*&steps=2000&/);
  assert.ok(out.finalLoss < 1e-6);
  assert.equal(out.params.length, 1);
  assert.ok(Math.abs(out.params[0] - 1) < 1e-3);
  assert.equal(out.trace.step.length, out.trace.loss.length);
  assert.equal(out.diagnostics.layers[0].deadCount, 0);
  assert.equal(out.diagnostics.state, 'ok');
  assert.equal(typeof out.diagnostics.lossAtLastTenth, 'number');
  assert.deepEqual(out.revivals, { step: [], dead: [], revived: [] });
  const revived = JSON.parse(run('train', '--config', 'task=modulus&layers=8&revive=10&steps=30', '--json').stdout);
  assert.deepEqual(revived.revivals.step, [10, 20, 30]);
  assert.equal(revived.revivals.revived.reduce((a, b) => a + b, 0), revived.diagnostics.revivedUnits);
  // the commenter's rule frees the stuck single unit: w0 = -10 is drawn again until positive, then learns
  const redrawn = JSON.parse(run('train', '--config', 'task=relu1d&out=relu&bias=0&weights=-10&fresh=1&steps=2000&revive=100&revive_rule=negative', '--json').stdout);
  assert.ok(Math.abs(redrawn.params[0] - 1) < 0.01, `w = ${redrawn.params[0]}`);
  assert.ok(redrawn.revivals.revived[0] === 1, 'the first revival drew the negative weight again');
});

test('sweep --json: the adder fails about half the time, mostly with a dead output unit', () => {
  const r = run('sweep', '--config', 'task=add2&layers=4,4&out=relu&init=normal&binit=normal&batch=1&steps=30000',
    '--seeds', '40', '--json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.runs.length, 40);
  assert.equal(out.successLoss, 1e-3);
  const successes = out.runs.filter((x) => x.success).length;
  assert.equal(out.successShare, successes / 40);
  // Binomial(40, 1/2) lies in [10, 30] with probability > 0.998.
  assert.ok(successes >= 10 && successes <= 30, `${successes} of 40`);
  const failures = out.runs.filter((x) => !x.success);
  assert.equal(out.failuresWithDeadOutput, failures.filter((x) => x.outputDead).length);
  assert.ok(out.failuresWithDeadOutput > failures.length / 2, 'most failures have a dead output unit');
  assert.deepEqual(out.runs.map((x) => x.seed).slice(0, 3), [1, 2, 3]);
  for (const x of out.runs) assert.equal(typeof x.lossAtLastTenth, 'number');
  const deadOutput = out.runs.find((x) => x.failure === 'output_dead');
  assert.equal(deadOutput.lossAtLastTenth, deadOutput.finalLoss, 'a dead output unit froze the run before its last tenth');
  const shifted = JSON.parse(run('sweep', '--config', 'task=add2&layers=4,4&out=relu&init=normal&binit=normal&batch=1&steps=3000',
    '--seeds', '2', '--first-seed', '7', '--success-loss', '0.5', '--json').stdout);
  assert.deepEqual(shifted.runs.map((x) => x.seed), [7, 8]);
  assert.equal(shifted.successLoss, 0.5);
});

test('bad input: a message naming what was wrong, exit code 2', () => {
  const cases = [
    [['train', '--config', 'lr=abc'], /lr: must be a number in \(0, 100\], got 'abc'/],
    [['train', '--config', `layers=${Array(101).fill(2).join(',')}`], /layers: must be a comma-separated list of at most 100 whole numbers/],
    [['train', '--config', `layers=${Array(9).fill(512).join(',')}`], /layers: the network's 2102785 weights and biases exceed the limit of 2097152/],
    [['train', '--config', 'task=add2&n=100'], /n: task=add2 has a fixed set of 6 points, got n=100/],
    [['train', '--bogus'], /unknown option '--bogus'/],
    [['train', '--config'], /option '--config' needs a value/],
    [['sweep', '--config', 'task=add2'], /sweep needs --seeds N/],
    [['sweep', '--config', 'task=add2', '--seeds', 'many'], /--seeds must be a whole number in \[1, 100000\], got 'many'/],
    [['sweep', '--config', 'task=add2', '--seeds', '2', '--success-loss', '-1'], /--success-loss must be a number in \(0, 1000000\], got '-1'/],
    [['fly'], /unknown command 'fly'/],
    [[], /no command/],
  ];
  for (const [args, message] of cases) {
    const r = run(...args);
    assert.equal(r.status, 2, `exit code for ${args.join(' ')}`);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '', 'nothing on stdout');
  }
});

test('schema and help', () => {
  const schema = JSON.parse(run('schema', '--json').stdout);
  assert.ok(schema.length >= 25);
  assert.match(run('--help').stdout, /relulab train --config 'QUERY'/);
  assert.match(run('--version').stdout, /^relulab \d+\.\d+\.\d+/);
});

// README's table of keys names every key of the schema once, with its default (a
// default in words: "empty", or a parenthesized note for an empty one).
test('the README lists every key of the schema with its default', () => {
  const schema = JSON.parse(run('schema', '--json').stdout);
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const rows = readme.slice(readme.indexOf('| key | meaning | default |')).split('\n').slice(2);
  const listed = {};
  for (const row of rows.slice(0, rows.findIndex((r) => !r.startsWith('|')))) {
    const [, keys, , defaults] = row.split('|');
    const names = [...keys.matchAll(/`(\w+)`/g)].map((m) => m[1]);
    const values = defaults.trim().split(', ').map((d) => (d === 'empty' || d.startsWith('(') ? '' : d));
    names.forEach((name, i) => {
      assert.ok(!(name in listed), `${name} listed twice`);
      listed[name] = values.length === 1 ? values[0] : values[i];
    });
  }
  assert.deepEqual(listed, Object.fromEntries(schema.map((k) => [k.name, k.default])));
});
