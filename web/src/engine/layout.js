// layout.js: where each layer's parameters sit in the engine's flat parameter array
// (mirrors wasm/core/mlp.h Layout: per layer W (out x in, row-major), then biases).
export function paramLayout(sizes, bias = true) {
  const layers = [];
  let total = 0;
  for (let l = 1; l < sizes.length; l++) {
    const w = total;
    total += sizes[l] * sizes[l - 1];
    let b = -1;
    if (bias) {
      b = total;
      total += sizes[l];
    }
    layers.push({ inputs: sizes[l - 1], units: sizes[l], w, b });
  }
  return { sizes, bias, layers, total };
}

/** Incoming weights and bias of unit u of hidden/output layer l (0-based over layers). */
export function unitParams(layout, params, l, u) {
  const L = layout.layers[l];
  const w = [];
  for (let i = 0; i < L.inputs; i++) w.push(params[L.w + u * L.inputs + i]);
  return { w, b: L.b >= 0 ? params[L.b + u] : 0 };
}
