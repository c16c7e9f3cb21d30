// flat_js.mjs: the benchmark workloads in plain JavaScript over flat Float32Arrays,
// written by hand the way a careful JS programmer would: the best plain JS can do, and
// our honest peer. Each step does only the work its outcome needs (a loss is computed
// where it is reported, at the end, never inside the training loop), loops are fused
// where the data allows (a sample's forward and backward in one pass over the units
// that fire), nothing is allocated inside a training loop, and numbers stay JS doubles
// between the stores to Float32Array parameters. The data and initial weights come
// from our engine (bench/run.mjs), so every side does the same work from the same start.
// What each workload computes per step is listed in docs/BENCHMARKS.md.

// W1: y = relu(w x), no bias, a fresh batch of 1000 N(0,1) samples per step, MSE, SGD.
// The samples are drawn and used in one loop (no batch array): a seeded sfc32
// generator and Marsaglia's polar method, two normals per accepted pair.
export function w1(w0, steps = 2000, lr = 0.01, batch = 1000) {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = 12345;
  let spare = 0, hasSpare = false;
  const normal = () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    for (;;) {
      let t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (c << 21) | (c >>> 11); c = (c + t) | 0;
      const u = (t >>> 0) * (2 / 4294967296) - 1;
      t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (c << 21) | (c >>> 11); c = (c + t) | 0;
      const v = (t >>> 0) * (2 / 4294967296) - 1;
      const s = u * u + v * v;
      if (s >= 1 || s === 0) continue;
      const f = Math.sqrt((-2 * Math.log(s)) / s);
      spare = v * f;
      hasSpare = true;
      return u * f;
    }
  };
  for (let i = 0; i < 12; i++) normal();
  let w = Math.fround(w0);
  for (let s = 0; s < steps; s++) {
    // dL/dw = 2/B sum over samples with w x > 0 of (w x - relu(x)) x
    let grad = 0;
    for (let i = 0; i < batch; i++) {
      const x = normal(), z = w * x;
      if (z > 0) grad += (z - (x > 0 ? x : 0)) * x;
    }
    w = Math.fround(w - lr * ((2 * grad) / batch));
  }
  let loss = 0;
  for (let i = 0; i < batch; i++) {
    const x = normal(), z = w * x, e = (z > 0 ? z : 0) - (x > 0 ? x : 0);
    loss += e * e;
  }
  return { w, loss: loss / batch };
}

const ADD2_X = new Float32Array([0.1, 0.2, 0.5, 0.3, 0.2, 0.4, 0.3, 0.7, 0.5, 0.5, 0.4, 0.3]);

// W2, one seed: the 2-4-4-1 ReLU net, per-sample SGD over the six points in order.
// p: 37 parameters in our arena order (W1 4x2, b1, W2 4x4, b2, W3 1x4, b3). A sample
// whose output does not fire changes nothing (every gradient is zero). An epoch that
// left every parameter as it was (none of its six samples fired, or every update was
// too small to move a float) repeats in every later epoch: the run stops there, its
// outcome settled, as our engine's runs do. The flag answers the first case without
// comparing the 37 parameters.
export function w2Seed(p0, steps = 30000, lr = 0.01) {
  const p = Float32Array.from(p0);
  const z1 = new Float64Array(4), h1 = new Float64Array(4), z2 = new Float64Array(4), h2 = new Float64Array(4);
  const d2 = new Float64Array(4);
  const atEpochStart = Float32Array.from(p);
  let firedThisEpoch = false;
  for (let s = 0; s < steps; s++) {
    const k = s % 6;
    if (k === 0 && s > 0) {
      if (!firedThisEpoch) break;
      firedThisEpoch = false;
      let same = true;
      for (let i = 0; i < 37; i++) if (p[i] !== atEpochStart[i]) { same = false; break; }
      if (same) break;
      atEpochStart.set(p);
    }
    const x0 = ADD2_X[2 * k], x1 = ADD2_X[2 * k + 1];
    for (let i = 0; i < 4; i++) {
      const z = p[2 * i] * x0 + p[2 * i + 1] * x1 + p[8 + i];
      z1[i] = z;
      h1[i] = z > 0 ? z : 0;
    }
    let zo = p[36];
    for (let i = 0; i < 4; i++) {
      const r = 12 + 4 * i;
      const z = p[r] * h1[0] + p[r + 1] * h1[1] + p[r + 2] * h1[2] + p[r + 3] * h1[3] + p[28 + i];
      z2[i] = z;
      h2[i] = z > 0 ? z : 0;
      zo += p[32 + i] * h2[i];
    }
    if (!(zo > 0)) continue;
    firedThisEpoch = true;
    const g = lr * 2 * (zo - (x0 + x1)); // lr * dL/dzo
    for (let j = 0; j < 4; j++) d2[j] = z2[j] > 0 ? p[32 + j] * g : 0;
    for (let i = 0; i < 4; i++) {
      if (!(z1[i] > 0)) continue;
      const d1 = p[12 + i] * d2[0] + p[16 + i] * d2[1] + p[20 + i] * d2[2] + p[24 + i] * d2[3];
      p[2 * i] -= d1 * x0;
      p[2 * i + 1] -= d1 * x1;
      p[8 + i] -= d1;
    }
    for (let j = 0; j < 4; j++) {
      const dj = d2[j];
      if (dj !== 0) {
        const r = 12 + 4 * j;
        p[r] -= dj * h1[0]; p[r + 1] -= dj * h1[1]; p[r + 2] -= dj * h1[2]; p[r + 3] -= dj * h1[3];
        p[28 + j] -= dj;
      }
      p[32 + j] -= g * h2[j];
    }
    p[36] -= g;
  }
  let loss = 0, outFires = 0;
  for (let k = 0; k < 6; k++) {
    const x0 = ADD2_X[2 * k], x1 = ADD2_X[2 * k + 1];
    for (let i = 0; i < 4; i++) h1[i] = Math.max(0, p[2 * i] * x0 + p[2 * i + 1] * x1 + p[8 + i]);
    let zo = p[36];
    for (let i = 0; i < 4; i++) {
      const r = 12 + 4 * i;
      zo += p[32 + i] * Math.max(0, p[r] * h1[0] + p[r + 1] * h1[1] + p[r + 2] * h1[2] + p[r + 3] * h1[3] + p[28 + i]);
    }
    outFires += zo > 0;
    const e = Math.max(0, zo) - (x0 + x1);
    loss += e * e;
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

// W3: the CS231n spiral, 2-100-3, softmax cross-entropy, L2 on the weights, full-batch
// gradient descent. x: 2 x N column-major (x[2n], x[2n + 1]); labels: N class indices;
// p0: our arena (W1 100x2, b1 100, W2 3x100, b2 3). One pass per point: the hidden
// units that fire (their index and value kept in a list), the three output sums in
// the same loop, the softmax, then the gradient over that list only. The loss is not
// needed to descend: it is measured once, after the last step.
export function w3(x, labels, p0, steps, lr, l2 = 1e-3) {
  const N = labels.length, H = 100, K = 3, invN = 1 / N;
  const p = Float32Array.from(p0);
  const W1 = p.subarray(0, 2 * H), b1 = p.subarray(2 * H, 3 * H);
  const W2 = p.subarray(3 * H, 3 * H + K * H), b2 = p.subarray(3 * H + K * H);
  const dW1 = new Float64Array(2 * H), db1 = new Float64Array(H), dW2 = new Float64Array(K * H);
  const firing = new Int32Array(H), hFiring = new Float64Array(H);
  for (let s = 0; s < steps; s++) {
    dW1.fill(0); db1.fill(0); dW2.fill(0);
    let db20 = 0, db21 = 0, db22 = 0;
    for (let n = 0; n < N; n++) {
      const x0 = x[2 * n], x1 = x[2 * n + 1];
      let o0 = b2[0], o1 = b2[1], o2 = b2[2], count = 0;
      for (let i = 0; i < H; i++) {
        const z = W1[2 * i] * x0 + W1[2 * i + 1] * x1 + b1[i];
        if (z > 0) {
          firing[count] = i;
          hFiring[count++] = z;
          o0 += W2[i] * z; o1 += W2[H + i] * z; o2 += W2[2 * H + i] * z;
        }
      }
      const m = o0 > o1 ? (o0 > o2 ? o0 : o2) : o1 > o2 ? o1 : o2;
      const e0 = Math.exp(o0 - m), e1 = Math.exp(o1 - m), e2 = Math.exp(o2 - m);
      const scale = invN / (e0 + e1 + e2), label = labels[n];
      // dL/dlogits of this point: (softmax - one-hot) / N
      const g0 = e0 * scale - (label === 0 ? invN : 0), g1 = e1 * scale - (label === 1 ? invN : 0),
        g2 = e2 * scale - (label === 2 ? invN : 0);
      db20 += g0; db21 += g1; db22 += g2;
      for (let j = 0; j < count; j++) {
        const i = firing[j], h = hFiring[j];
        dW2[i] += g0 * h; dW2[H + i] += g1 * h; dW2[2 * H + i] += g2 * h;
        const d = W2[i] * g0 + W2[H + i] * g1 + W2[2 * H + i] * g2;
        dW1[2 * i] += d * x0; dW1[2 * i + 1] += d * x1; db1[i] += d;
      }
    }
    for (let i = 0; i < 2 * H; i++) W1[i] -= lr * (dW1[i] + l2 * W1[i]);
    for (let i = 0; i < H; i++) b1[i] -= lr * db1[i];
    for (let i = 0; i < K * H; i++) W2[i] -= lr * (dW2[i] + l2 * W2[i]);
    b2[0] -= lr * db20; b2[1] -= lr * db21; b2[2] -= lr * db22;
  }
  // The outcome, once: loss (with the L2 term), accuracy and the units dead on every point.
  let dataLoss = 0, right = 0;
  const fires = new Uint8Array(H);
  for (let n = 0; n < N; n++) {
    const x0 = x[2 * n], x1 = x[2 * n + 1];
    let o0 = b2[0], o1 = b2[1], o2 = b2[2];
    for (let i = 0; i < H; i++) {
      const z = W1[2 * i] * x0 + W1[2 * i + 1] * x1 + b1[i];
      if (z > 0) {
        fires[i] = 1;
        o0 += W2[i] * z; o1 += W2[H + i] * z; o2 += W2[2 * H + i] * z;
      }
    }
    const o = [o0, o1, o2], m = Math.max(o0, o1, o2);
    const sum = Math.exp(o0 - m) + Math.exp(o1 - m) + Math.exp(o2 - m);
    dataLoss -= Math.log(Math.max(Math.exp(o[labels[n]] - m) / sum, 1e-30));
    right += o.indexOf(m) === labels[n];
  }
  let reg = 0;
  for (let i = 0; i < W1.length; i++) reg += W1[i] * W1[i];
  for (let i = 0; i < W2.length; i++) reg += W2[i] * W2[i];
  let dead = 0;
  for (let i = 0; i < H; i++) dead += !fires[i];
  return { accuracy: right / N, loss: dataLoss / N + 0.5 * l2 * reg, dead_fraction: dead / H };
}

// W4: MSE of relu(w x + b) against relu(x) over a 256 x 256 grid of (w, b) in [-3, 3]^2,
// point by point (the work the peers all do; ours has a faster algorithm for this slice).
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
