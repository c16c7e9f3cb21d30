// dead-unit.js: the data and the arithmetic of the opening figure: one unit
// z = w·x + b over a fixed training set of 200 inputs (the quantiles of a standard
// normal, so the set looks like a sample of experiment 1's inputs and its tails are
// sparse). A unit is dead when it fires (z > 0) on no point, dormant when it fires on
// fewer than 1% of them (the engine's rule, wasm/core/diagnostics.cpp), live otherwise.
// With 200 points a unit that fires on exactly one point is dormant.

export const POINTS = 200;
export const DORMANT_RATE = 0.01;
/** The sliders' ranges and steps (the figure's controls). */
export const W_RANGE = { min: -2, max: 2, step: 0.05 };
export const B_RANGE = { min: -6, max: 3, step: 0.05 };
export const START = { w: 1, b: 0.5 };
export const X_EXTENT = [-3, 3];

// erf by its Taylor series: exact to double precision for |x| < 3, which is all the
// quantiles below need (the largest is about 2.8).
function erf(x) {
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
const normalCdf = (x) => 0.5 * (1 + erf(x / Math.SQRT2));

/** The p-quantile of N(0, 1), by bisection on the CDF. */
export function normalQuantile(p) {
  let lo = -4;
  let hi = 4;
  for (let k = 0; k < 80; k++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The training set: x_i = the (i + 1/2)/200 quantile of N(0, 1). */
export const XS = Array.from({ length: POINTS }, (_, i) => normalQuantile((i + 0.5) / POINTS));

/** Where unit (w, b) fires: {fires, rate, state: 'live' | 'dormant' | 'dead'}. */
export function firing(w, b) {
  let fires = 0;
  for (const x of XS) if (w * x + b > 0) fires++;
  const rate = fires / POINTS;
  return { fires, rate, state: fires === 0 ? 'dead' : rate < DORMANT_RATE ? 'dormant' : 'live' };
}

/** The plot's vertical range for (w, b): at least [-3, 3], and wide enough for every point and the line's ends. */
export function zExtent(w, b) {
  const zs = [...X_EXTENT.map((x) => w * x + b), ...XS.map((x) => w * x + b)];
  return [Math.min(-3, Math.min(...zs) - 0.5), Math.max(3, Math.max(...zs) + 0.5)];
}

/** Every slider position (w, b), for checks over the whole figure. */
export function* sliderPositions() {
  const steps = (r) => Math.round((r.max - r.min) / r.step);
  for (let i = 0; i <= steps(W_RANGE); i++) {
    for (let j = 0; j <= steps(B_RANGE); j++) yield { w: W_RANGE.min + i * W_RANGE.step, b: B_RANGE.min + j * B_RANGE.step };
  }
}

/** The figure's checkable outcomes (see links/presets.js). */
export function measure() {
  let dormant = 0;
  let hidden = 0;
  for (const { w, b } of sliderPositions()) {
    if (firing(w, b).state === 'dormant') dormant++;
    const [lo, hi] = zExtent(w, b);
    if (XS.some((x) => w * x + b < lo || w * x + b > hi)) hidden++;
  }
  const start = firing(START.w, START.b);
  return {
    startRate: start.rate,
    startLive: start.state === 'live' ? 1 : 0,
    deadAtLowestBias: firing(START.w, B_RANGE.min).state === 'dead' ? 1 : 0,
    dormantPositions: dormant,
    hiddenPointPositions: hidden,
  };
}
