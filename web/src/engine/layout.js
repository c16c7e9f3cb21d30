// layout.js: where each layer's parameters sit in the engine's flat parameter array, as
// the engine reports it with every evaluation (`evaluation.layout`): per layer its
// inputs and units, and where its W (units x inputs, row-major) and its b (-1 without
// biases) start.

/** The parameter layout of the session an evaluation came from: {total, layers: [{inputs, units, w, b}]}. */
export function paramLayout(evaluation) {
  return evaluation.layout;
}

/** Incoming weights and bias of unit u of hidden/output layer l (0-based over layers). */
export function unitParams(layout, params, l, u) {
  const L = layout.layers[l];
  const w = [];
  for (let i = 0; i < L.inputs; i++) w.push(params[L.w + u * L.inputs + i]);
  return { w, b: L.b >= 0 ? params[L.b + u] : 0 };
}
