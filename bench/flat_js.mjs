// flat_js.mjs: the benchmark workloads in plain JavaScript over flat Float32Arrays,
// written by hand the way a careful JS programmer would (no allocation in the loops,
// typed arrays, fused loops): the best plain JS can do, and our honest peer. The data
// and initial weights come from our engine (bench/run.mjs), so every side does the
// same work from the same start.

// A small seeded generator (sfc32) and Box-Muller using both values of each pair.
function normalSampler(seed) {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const u32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32();
  return (out) => {
    for (let i = 0; i < out.length; i += 2) {
      const u = (u32() + 1) / 4294967297, v = u32() / 4294967296;
      const r = Math.sqrt(-2 * Math.log(u)), t = 2 * Math.PI * v;
      out[i] = r * Math.cos(t);
      if (i + 1 < out.length) out[i + 1] = r * Math.sin(t);
    }
  };
}

// W1: y = relu(w x), no bias, fresh batch of 1000 N(0,1) per step, MSE, SGD.
export function w1(w0, steps = 2000, lr = 0.01, batch = 1000) {
  const x = new Float32Array(batch);
  const sample = normalSampler(12345);
  let w = Math.fround(w0);
  for (let s = 0; s < steps; s++) {
    sample(x);
    let grad = 0;
    for (let i = 0; i < batch; i++) {
      const xi = x[i], z = w * xi;
      if (z > 0) grad += (z - (xi > 0 ? xi : 0)) * xi;
    }
    w = Math.fround(w - lr * ((2 * grad) / batch));
  }
  sample(x);
  let loss = 0;
  for (let i = 0; i < batch; i++) {
    const z = w * x[i], d = (z > 0 ? z : 0) - (x[i] > 0 ? x[i] : 0);
    loss += d * d;
  }
  return { w, loss: loss / batch };
}

const ADD2_X = new Float32Array([0.1, 0.2, 0.5, 0.3, 0.2, 0.4, 0.3, 0.7, 0.5, 0.5, 0.4, 0.3]);

// W2, one seed: the 2-4-4-1 ReLU net, per-sample SGD over the six points.
// p: 37 parameters in our arena order (W1 4x2, b1, W2 4x4, b2, W3 1x4, b3).
export function w2Seed(p0, steps = 30000, lr = 0.01) {
  const p = Float32Array.from(p0);
  const z1 = new Float32Array(4), h1 = new Float32Array(4), z2 = new Float32Array(4), h2 = new Float32Array(4);
  const d2 = new Float32Array(4), d1 = new Float32Array(4);
  for (let s = 0; s < steps; s++) {
    const k = s % 6, x0 = ADD2_X[2 * k], x1 = ADD2_X[2 * k + 1], y = x0 + x1;
    for (let i = 0; i < 4; i++) {
      z1[i] = p[2 * i] * x0 + p[2 * i + 1] * x1 + p[8 + i];
      h1[i] = z1[i] > 0 ? z1[i] : 0;
    }
    for (let i = 0; i < 4; i++) {
      const r = 12 + 4 * i;
      z2[i] = p[r] * h1[0] + p[r + 1] * h1[1] + p[r + 2] * h1[2] + p[r + 3] * h1[3] + p[28 + i];
      h2[i] = z2[i] > 0 ? z2[i] : 0;
    }
    const zo = p[32] * h2[0] + p[33] * h2[1] + p[34] * h2[2] + p[35] * h2[3] + p[36];
    if (!(zo > 0)) continue; // dead output on this sample: every gradient is zero
    const dout = 2 * ((zo > 0 ? zo : 0) - y);
    for (let i = 0; i < 4; i++) d2[i] = z2[i] > 0 ? p[32 + i] * dout : 0;
    for (let i = 0; i < 4; i++) {
      let s1 = 0;
      for (let j = 0; j < 4; j++) s1 += p[12 + 4 * j + i] * d2[j];
      d1[i] = z1[i] > 0 ? s1 : 0;
    }
    for (let i = 0; i < 4; i++) p[32 + i] -= lr * dout * h2[i];
    p[36] -= lr * dout;
    for (let j = 0; j < 4; j++) {
      for (let i = 0; i < 4; i++) p[12 + 4 * j + i] -= lr * d2[j] * h1[i];
      p[28 + j] -= lr * d2[j];
    }
    for (let i = 0; i < 4; i++) {
      p[2 * i] -= lr * d1[i] * x0;
      p[2 * i + 1] -= lr * d1[i] * x1;
      p[8 + i] -= lr * d1[i];
    }
  }
  let loss = 0, outFires = 0;
  for (let k = 0; k < 6; k++) {
    const x0 = ADD2_X[2 * k], x1 = ADD2_X[2 * k + 1];
    for (let i = 0; i < 4; i++) h1[i] = Math.max(0, p[2 * i] * x0 + p[2 * i + 1] * x1 + p[8 + i]);
    for (let i = 0; i < 4; i++) {
      const r = 12 + 4 * i;
      h2[i] = Math.max(0, p[r] * h1[0] + p[r + 1] * h1[1] + p[r + 2] * h1[2] + p[r + 3] * h1[3] + p[28 + i]);
    }
    const zo = p[32] * h2[0] + p[33] * h2[1] + p[34] * h2[2] + p[35] * h2[3] + p[36];
    outFires += zo > 0;
    const d = Math.max(0, zo) - (x0 + x1);
    loss += d * d;
  }
  return { loss: loss / 6, outputDead: outFires === 0 };
}

export function w2(initials, steps = 30000) {
  let success = 0, outputDead = 0;
  for (const p0 of initials) {
    const r = w2Seed(p0, steps);
    success += r.loss < 1e-3;
    outputDead += r.loss >= 1e-3 && r.outputDead;
  }
  return { seeds: initials.length, success, output_dead: outputDead };
}

// W3: the CS231n spiral, 2-100-3, softmax cross-entropy, L2, full-batch GD.
// x: 2 x N column-major (x[2p], x[2p+1]); labels: N class indices; p0: our arena
// (W1 100x2, b1 100, W2 3x100, b2 3).
export function w3(x, labels, p0, steps, lr, l2 = 1e-3) {
  const N = labels.length, H = 100, K = 3;
  const p = Float32Array.from(p0);
  const W1 = p.subarray(0, 2 * H), b1 = p.subarray(2 * H, 3 * H);
  const W2 = p.subarray(3 * H, 3 * H + K * H), b2 = p.subarray(3 * H + K * H);
  const h = new Float32Array(N * H), dh = new Float32Array(H), probs = new Float32Array(N * K);
  const dW1 = new Float32Array(2 * H), db1 = new Float32Array(H), dW2 = new Float32Array(K * H), db2 = new Float32Array(K);
  let loss = 0;
  const forward = () => {
    let dataLoss = 0;
    for (let n = 0; n < N; n++) {
      const x0 = x[2 * n], x1 = x[2 * n + 1], hn = n * H;
      for (let i = 0; i < H; i++) {
        const z = W1[2 * i] * x0 + W1[2 * i + 1] * x1 + b1[i];
        h[hn + i] = z > 0 ? z : 0;
      }
      let m = -Infinity;
      for (let c = 0; c < K; c++) {
        let s = b2[c];
        const r = c * H;
        for (let i = 0; i < H; i++) s += W2[r + i] * h[hn + i];
        probs[n * K + c] = s;
        if (s > m) m = s;
      }
      let sum = 0;
      for (let c = 0; c < K; c++) sum += probs[n * K + c] = Math.exp(probs[n * K + c] - m);
      for (let c = 0; c < K; c++) probs[n * K + c] /= sum;
      dataLoss -= Math.log(Math.max(probs[n * K + labels[n]], 1e-30));
    }
    let reg = 0;
    for (let i = 0; i < W1.length; i++) reg += W1[i] * W1[i];
    for (let i = 0; i < W2.length; i++) reg += W2[i] * W2[i];
    return dataLoss / N + 0.5 * l2 * reg;
  };
  for (let s = 0; s < steps; s++) {
    loss = forward();
    dW1.fill(0); db1.fill(0); dW2.fill(0); db2.fill(0);
    for (let n = 0; n < N; n++) {
      const hn = n * H, x0 = x[2 * n], x1 = x[2 * n + 1];
      const g0 = (probs[n * K] - (labels[n] === 0)) / N, g1 = (probs[n * K + 1] - (labels[n] === 1)) / N,
        g2 = (probs[n * K + 2] - (labels[n] === 2)) / N;
      db2[0] += g0; db2[1] += g1; db2[2] += g2;
      for (let i = 0; i < H; i++) {
        const hi = h[hn + i];
        if (hi <= 0) continue; // ReLU: no gradient into dead units, dW2 term is 0 too
        dW2[i] += g0 * hi; dW2[H + i] += g1 * hi; dW2[2 * H + i] += g2 * hi;
        const d = W2[i] * g0 + W2[H + i] * g1 + W2[2 * H + i] * g2;
        dW1[2 * i] += d * x0; dW1[2 * i + 1] += d * x1; db1[i] += d;
      }
    }
    for (let i = 0; i < W1.length; i++) W1[i] -= lr * (dW1[i] + l2 * W1[i]);
    for (let i = 0; i < H; i++) b1[i] -= lr * db1[i];
    for (let i = 0; i < W2.length; i++) W2[i] -= lr * (dW2[i] + l2 * W2[i]);
    for (let c = 0; c < K; c++) b2[c] -= lr * db2[c];
  }
  loss = forward();
  let right = 0, dead = 0;
  for (let n = 0; n < N; n++) {
    let best = 0;
    for (let c = 1; c < K; c++) if (probs[n * K + c] > probs[n * K + best]) best = c;
    right += best === labels[n];
  }
  for (let i = 0; i < H; i++) {
    let fires = false;
    for (let n = 0; n < N && !fires; n++) fires = W1[2 * i] * x[2 * n] + W1[2 * i + 1] * x[2 * n + 1] + b1[i] > 0;
    dead += !fires;
  }
  return { accuracy: right / N, loss, dead_fraction: dead / H };
}

// W4: MSE of relu(w x + b) against relu(x) over a 256 x 256 grid of (w, b) in [-3, 3]^2.
export function w4(x) {
  const n = x.length, nx = 256, ny = 256;
  const t = new Float32Array(n);
  for (let i = 0; i < n; i++) t[i] = x[i] > 0 ? x[i] : 0;
  const loss = new Float32Array(nx * ny);
  for (let iy = 0; iy < ny; iy++) {
    const b = -3 + (6 * iy) / (ny - 1);
    for (let ix = 0; ix < nx; ix++) {
      const w = -3 + (6 * ix) / (nx - 1);
      let s = 0;
      for (let i = 0; i < n; i++) {
        const z = w * x[i] + b, d = (z > 0 ? z : 0) - t[i];
        s += d * d;
      }
      loss[iy * nx + ix] = s / n;
    }
  }
  return loss;
}
