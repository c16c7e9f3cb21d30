// tfjs.mjs: the benchmark workloads written as a TensorFlow.js user would: variables,
// tf.train.sgd, optimizer.minimize inside tf.tidy. Runs on the `cpu` backend or the
// `wasm` backend (SIMD on, one thread). Same data and initial weights as our engine.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
let tf = null;

export async function setupTf(backend) {
  if (!tf) {
    tf = require('@tensorflow/tfjs');
    require('@tensorflow/tfjs-backend-cpu');
    const wasm = require('@tensorflow/tfjs-backend-wasm');
    const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    wasm.setWasmPaths(dist + path.sep);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false); // one thread, as our engine
  }
  await tf.setBackend(backend);
  await tf.ready();
  return { backend: tf.getBackend(), simd: backend === 'wasm' ? await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') : null };
}

// W1: y = relu(w x), fresh N(0,1) batch of 1000 every step (tf.randomNormal).
export function w1(w0, steps = 2000) {
  const w = tf.variable(tf.scalar(w0));
  const opt = tf.train.sgd(0.01);
  for (let s = 0; s < steps; s++)
    tf.tidy(() => {
      const x = tf.randomNormal([1000]);
      opt.minimize(() => tf.mean(tf.square(tf.sub(tf.relu(tf.mul(w, x)), tf.relu(x)))));
    });
  const out = w.dataSync()[0];
  w.dispose();
  opt.dispose();
  return { w: out, loss: null };
}

// Our arena layer (W out x in row-major, then b) as tf variables [in, out] and [out].
function layerVars(p, offset, out, inp) {
  const W = new Float32Array(inp * out);
  for (let i = 0; i < out; i++) for (let k = 0; k < inp; k++) W[k * out + i] = p[offset + i * inp + k];
  return [tf.variable(tf.tensor2d(W, [inp, out])), tf.variable(tf.tensor1d(p.slice(offset + inp * out, offset + inp * out + out)))];
}

const ADD2_X = [0.1, 0.2, 0.5, 0.3, 0.2, 0.4, 0.3, 0.7, 0.5, 0.5, 0.4, 0.3];

// W2 for one seed: per-sample SGD over the six points, `steps` steps.
export function w2Seed(p0, steps = 30000) {
  const [W1, b1] = layerVars(p0, 0, 4, 2), [W2, b2] = layerVars(p0, 12, 4, 4), [W3, b3] = layerVars(p0, 32, 1, 4);
  const vars = [W1, b1, W2, b2, W3, b3];
  const xs = [], ys = [];
  for (let k = 0; k < 6; k++) {
    xs.push(tf.tensor2d([ADD2_X[2 * k], ADD2_X[2 * k + 1]], [1, 2]));
    ys.push(tf.tensor2d([ADD2_X[2 * k] + ADD2_X[2 * k + 1]], [1, 1]));
  }
  const net = (x) => tf.relu(tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, W1), b1)), W2), b2)), W3), b3));
  const opt = tf.train.sgd(0.01);
  for (let s = 0; s < steps; s++) tf.tidy(() => opt.minimize(() => tf.mean(tf.square(tf.sub(net(xs[s % 6]), ys[s % 6])))));
  const loss = tf.tidy(() => tf.mean(tf.square(tf.sub(net(tf.concat(xs)), tf.concat(ys)))).dataSync()[0]);
  for (const t of [...vars, ...xs, ...ys]) t.dispose();
  opt.dispose();
  return { loss };
}

// W3: the spiral net, full batch, `steps` steps; returns the loss after them.
export function w3(x, labels, p0, steps, lr, l2 = 1e-3) {
  const N = labels.length;
  const [W1, b1] = layerVars(p0, 0, 100, 2), [W2, b2] = layerVars(p0, 300, 3, 100);
  const X = tf.tensor2d(Float32Array.from(x), [N, 2]);
  const Y = tf.oneHot(tf.tensor1d(Int32Array.from(labels), 'int32'), 3);
  const lossOf = () => {
    const logits = tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(X, W1), b1)), W2), b2);
    const data = tf.losses.softmaxCrossEntropy(Y, logits);
    return tf.add(data, tf.mul(0.5 * l2, tf.add(tf.sum(tf.square(W1)), tf.sum(tf.square(W2)))));
  };
  const opt = tf.train.sgd(lr);
  for (let s = 0; s < steps; s++) tf.tidy(() => opt.minimize(lossOf));
  const loss = tf.tidy(() => lossOf().dataSync()[0]);
  for (const t of [W1, b1, W2, b2, X, Y]) t.dispose();
  opt.dispose();
  return { loss };
}

// W4: the 256 x 256 grid, 4096 grid points per batch of tensor ops.
export function w4(x, points = 256 * 256) {
  const n = x.length, nx = 256, ny = 256, chunk = 4096;
  const out = new Float32Array(points);
  const X = tf.tensor2d(Float32Array.from(x), [1, n]);
  const T = tf.relu(X);
  for (let first = 0; first < points; first += chunk) {
    const w = new Float32Array(chunk), b = new Float32Array(chunk);
    for (let j = 0; j < chunk; j++) {
      const at = first + j;
      w[j] = -3 + (6 * (at % nx)) / (nx - 1);
      b[j] = -3 + (6 * Math.floor(at / nx)) / (ny - 1);
    }
    const loss = tf.tidy(() => {
      const z = tf.add(tf.mul(tf.tensor2d(w, [chunk, 1]), X), tf.tensor2d(b, [chunk, 1]));
      return tf.mean(tf.square(tf.sub(tf.relu(z), T)), 1);
    });
    out.set(loss.dataSync(), first);
    loss.dispose();
  }
  X.dispose();
  T.dispose();
  return out;
}
