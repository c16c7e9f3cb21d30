// objective.h: loss of the network on a batch and its gradient, the one function the
// trainer, the landscapes and the gradient checks share. The L2 penalty
// 0.5 * l2 * sum(W^2) counts weights only, never biases (as in the CS231n notes); a
// separate 0.5 * l2_bias * sum(b^2) penalises the biases when asked for.
#pragma once
#include <algorithm>
#include <cmath>

#include "loss.h"
#include "mlp.h"

namespace relulab {

struct Objective {
  Loss loss = Loss::Mse;
  double l2 = 0;
  double l2_bias = 0;
  bool penalised() const { return l2 > 0 || l2_bias > 0; }
};

// The L2 terms of the loss, 0.5 * l2 * sum(W^2) (+ 0.5 * l2_bias * sum(b^2)), each sum
// in arena order, one chain (lane_kernels.h repeats them).
template <typename T>
T l2_term(const Layout& layout, const Objective& obj, const T* params) {
  T penalty = 0;
  for (int l = 1; l <= layout.layers(); ++l) {
    const T* w = params + layout.w_offset[l];
    const int64_t count = int64_t(layout.sizes[l]) * layout.sizes[l - 1];
    for (int64_t i = 0; i < count; ++i) penalty += w[i] * w[i];
  }
  T value = T(0.5 * obj.l2) * penalty;
  if (obj.l2_bias > 0 && layout.bias) {
    T biases = 0;
    for (int l = 1; l <= layout.layers(); ++l) {
      const T* b = params + layout.b_offset[l];
      for (int i = 0; i < layout.sizes[l]; ++i) biases += b[i] * b[i];
    }
    value += T(0.5 * obj.l2_bias) * biases;
  }
  return value;
}

// Loss of the output ws.a[L] against targets y (outputs x B). With want_delta,
// ws.delta receives dL/dz of the output layer. Includes the L2 term.
template <typename T>
T output_loss(const Layout& layout, const Activations& acts, const Objective& obj, const T* params,
              const Matrix<T>& y, Workspace<T>& ws, bool want_delta) {
  const int L = layout.layers();
  const Matrix<T>& out = ws.a[L];
  if (want_delta) ws.delta.resize(out.rows(), out.cols());
  T* delta = want_delta ? ws.delta.data() : nullptr;
  const size_t rows = static_cast<size_t>(out.rows()), cols = static_cast<size_t>(out.cols());
  T value;
  if (obj.loss == Loss::Ce) {
    value = ce_loss<T>(out.data(), y.data(), rows, cols, delta);
  } else {
    value = mse_loss<T>(out.data(), y.data(), rows, cols, delta);
    if (want_delta) {
      if (acts.output == Activation::Softmax) softmax_backward_columns<T>(out.data(), delta, rows, cols);
      else
        activation_backward<T>(acts.output, T(acts.output_alpha), ws.z[L].data(), out.data(), delta, rows * cols);
    }
  }
  if (obj.penalised()) value += l2_term<T>(layout, obj, params);
  return value;
}

// Adds the L2 terms' gradients, l2 * W to the weights' (and l2_bias * b to the biases').
template <typename T>
void add_l2_gradient(const Layout& layout, const Objective& obj, const T* params, T* grads) {
  if (obj.l2 > 0) {
    for (int l = 1; l <= layout.layers(); ++l) {
      const int64_t count = int64_t(layout.sizes[l]) * layout.sizes[l - 1];
      const T* w = params + layout.w_offset[l];
      T* g = grads + layout.w_offset[l];
      for (int64_t i = 0; i < count; ++i) g[i] += T(obj.l2) * w[i];
    }
  }
  if (obj.l2_bias > 0 && layout.bias) {
    for (int l = 1; l <= layout.layers(); ++l) {
      const T* b = params + layout.b_offset[l];
      T* g = grads + layout.b_offset[l];
      for (int i = 0; i < layout.sizes[l]; ++i) g[i] += T(obj.l2_bias) * b[i];
    }
  }
}

// For BiasUpdate::Decay: each bias's gradient becomes the bias itself (optimizer.h).
template <typename T>
void bias_gradient_to_decay(const Layout& layout, const T* params, T* grads) {
  if (!layout.bias) return;
  for (int l = 1; l <= layout.layers(); ++l)
    std::copy(params + layout.b_offset[l], params + layout.b_offset[l] + layout.sizes[l], grads + layout.b_offset[l]);
}

// Loss on the batch in ws.a[0] against y, and (grads != nullptr) its gradient,
// overwriting grads.
template <typename T>
T loss_and_gradient(const Layout& layout, const Activations& acts, const Objective& obj, const T* params,
                    const Matrix<T>& y, Workspace<T>& ws, T* grads) {
  mlp_forward<T>(layout, acts, params, ws);
  const T value = output_loss<T>(layout, acts, obj, params, y, ws, grads != nullptr);
  if (grads) {
    std::fill(grads, grads + layout.total, T(0));
    mlp_backward<T>(layout, acts, params, ws, grads);
    add_l2_gradient<T>(layout, obj, params, grads);
  }
  return value;
}

// What a training step needs of the loss on its batch: only whether it is finite
// (session.h), beside the gradient, which overwrites grads. Cross-entropy's data term
// is always finite (ce_loss), and the L2 term is at least 0, so their sum is finite
// exactly when the L2 term is: the logs are not taken. Mean squared error's sum is
// kept: it overflows when the outputs grow large, before any parameter does.
template <typename T>
bool gradient_and_loss_finite(const Layout& layout, const Activations& acts, const Objective& obj, const T* params,
                              const Matrix<T>& y, Workspace<T>& ws, T* grads) {
  if (obj.loss != Loss::Ce) return std::isfinite(loss_and_gradient<T>(layout, acts, obj, params, y, ws, grads));
  mlp_forward<T>(layout, acts, params, ws);
  const Matrix<T>& out = ws.a[layout.layers()];
  ws.delta.resize(out.rows(), out.cols());
  ce_gradient<T>(out.data(), y.data(), size_t(out.rows()), size_t(out.cols()), ws.delta.data());
  std::fill(grads, grads + layout.total, T(0));
  mlp_backward<T>(layout, acts, params, ws, grads);
  add_l2_gradient<T>(layout, obj, params, grads);
  return !obj.penalised() || std::isfinite(l2_term<T>(layout, obj, params));
}

}  // namespace relulab
