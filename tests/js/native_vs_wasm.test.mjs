// native_vs_wasm.test.mjs: the WASM build (under Node) against the native build of the
// same core. Both use the engine's own RNG, so data and initial weights are identical;
// only the floating-point evaluation order of matrix products may differ (Eigen
// vectorises natively, runs scalar under WASM) and libm's log/exp may differ in the
// last bit. So on runs that are not chaotic the two must agree to float rounding
// grown over the run: 1e-4 relative on parameters and loss.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { loadEngine, NATIVE_CLI } from './load_engine.mjs';

const engine = await loadEngine();

const CONFIGS = [
  'task=relu1d&out=relu&bias=0&weights=-10&fresh=1&steps=2000',
  'task=relu1d&out=relu&bias=0&weights=0.5&fresh=1&steps=2000',
  'task=modulus&layers=3&steps=500&lr=0.05&seed=4',
  'task=spiral&layers=100&out=softmax&loss=ce&init=normal&sigma=0.01&lr=1&l2=0.001&steps=60',
  'task=gauss&layers=8,8&act=tanh&out=softmax&loss=ce&opt=adam&lr=0.01&batch=20&shuffle=1&steps=300&seed=9',
  'task=circle&layers=6&act=elu&out=sigmoid&opt=momentum&lr=0.05&steps=300&init=glorot_uniform&binit=0.01',
];

function close(a, b, rel, what) {
  const scale = Math.max(1e-3, Math.abs(a), Math.abs(b));
  assert.ok(Math.abs(a - b) <= rel * scale, `${what}: native ${a} vs wasm ${b}`);
}

for (const config of CONFIGS) {
  test(`native and WASM agree: ${config}`, () => {
    const native = JSON.parse(execFileSync(NATIVE_CLI, ['train', '--config', config, '--json'], { encoding: 'utf8' }));
    const s = engine.createSession(config);
    s.step(1e6);
    const params = s.params();
    const ev = s.evaluate();
    s.dispose();
    assert.equal(params.length, native.params.length);
    close(ev.loss, native.finalLoss, 1e-4, 'loss');
    native.params.forEach((p, i) => close(params[i], p, 1e-4, `param ${i}`));
    assert.deepEqual(ev.layers.map((l) => l.deadCount), native.diagnostics.layers.map((l) => l.deadCount));
  });
}
