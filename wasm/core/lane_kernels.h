// lane_kernels.h: the arithmetic of the lane trainer and the lane loss (lanes.h,
// lane_loss.h) over lane arrays, where every scalar of the one-session path is kLanes
// consecutive floats (lane innermost). Each kernel names the one-session code it
// repeats, float operation for float operation; keep them in step (the lane tests fail
// loudly when they drift apart). Inline, so that the training step that calls them is
// compiled as one piece, as it would be in one file.
#pragma once
#include <cmath>
#include <cstring>
#include <utility>
#include <vector>

#include "activation.h"
#include "mlp.h"
#include "objective.h"
#include "optimizer.h"
#include "simd4.h"

// GCC and clang warn that 32-byte vectors passed by value change the ABI without AVX;
// they pass only between these inline helpers and the files that use them.
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

#ifndef RELULAB_LANES
#define RELULAB_LANES 8
#endif

namespace relulab {

constexpr int kLanes = RELULAB_LANES;

namespace lane_kernels {

constexpr int L = kLanes;
typedef float lanef __attribute__((vector_size(L * sizeof(float))));

inline lanef ld(const float* p) {
  lanef v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void st(float* p, lanef v) { std::memcpy(p, &v, sizeof v); }
// Broadcast as one initializer list (a loop of v[j] = x compiles, under em++, to
// stores and reloads through the stack on every call).
template <size_t... I>
inline lanef splat_of(float x, std::index_sequence<I...>) {
  return lanef{((void)I, x)...};
}
inline lanef splat(float x) { return splat_of(x, std::make_index_sequence<L>{}); }

// The elementwise rules that compare (SGD's flush, ReLU) go 4 floats at a time whatever
// kLanes is (GCC scalarizes compares on vectors wider than its target's registers).
using simd::f32x4;
using simd::i32x4;
static_assert(L % 4 == 0, "kLanes must be a multiple of 4");
constexpr int C = L / 4;  // groups of 4 lanes

// |v|, clearing the sign bit.
inline f32x4 magnitude(f32x4 v) {
  const i32x4 bits = {0x7fffffff, 0x7fffffff, 0x7fffffff, 0x7fffffff};
  return (f32x4)((i32x4)v & bits);
}

// OptimizerState's flush: |v| < 1e-30 gives +0. A NaN compares false and is kept, as
// std::fabs(NaN) < x is false in the Session's rule.
inline f32x4 flushed(f32x4 v) { return (f32x4)((i32x4)v & ~(magnitude(v) < simd::splat(kFlushBelow))); }

// OptimizerState::update's plain SGD for 4 lanes of one parameter.
inline f32x4 sgd(f32x4 p, f32x4 g, f32x4 lr) { return flushed(p - lr * g); }

// ReLU and its derivative, 4 lanes: z > 0 keeps z's (or grad's) bits; anything else,
// NaN and -0 included, gives +0, as the scalar loops of activation.h do.
inline f32x4 relu(f32x4 z) { return simd::pmax(simd::splat(0.0f), z); }
inline f32x4 relu_grad(f32x4 grad, f32x4 z) { return (f32x4)((i32x4)grad & (z > simd::splat(0.0f))); }

// activation_forward and activation_backward (activation.h) over lane arrays (n is a
// multiple of 4): ReLU, the case that matters here, inline and 4 floats at a time;
// every other activation through the shared loops.
inline void activation_forward_lanes(Activation f, float alpha, const float* z, float* a, size_t n) {
  if (f != Activation::Relu) return activation_forward<float>(f, alpha, z, a, n);
  for (size_t i = 0; i < n; i += 4) simd::store(a + i, relu(simd::load(z + i)));
}

inline void activation_backward_lanes(Activation f, float alpha, const float* z, const float* a, float* grad,
                                      size_t n) {
  if (f != Activation::Relu) return activation_backward<float>(f, alpha, z, a, grad, n);
  for (size_t i = 0; i < n; i += 4) simd::store(grad + i, relu_grad(simd::load(grad + i), simd::load(z + i)));
}

// softmax_columns (activation.h) for every lane: column c of lane j is at
// za[(c * rows + r) * L + j].
inline void softmax_columns_lanes(float* za, size_t rows, size_t cols) {
  for (size_t c = 0; c < cols; ++c)
    for (int j = 0; j < L; ++j) {
      float* col = za + c * rows * L + j;
      float m = col[0];
      for (size_t r = 1; r < rows; ++r) m = col[r * L] > m ? col[r * L] : m;
      float sum = 0;
      for (size_t r = 0; r < rows; ++r) {
        const float d = col[r * L] - m;
        col[r * L] = d < -69.0f ? 0.0f : std::exp(d);
        sum += col[r * L];
      }
      for (size_t r = 0; r < rows; ++r) col[r * L] /= sum;
    }
}

// softmax_backward_columns (activation.h) for every lane.
inline void softmax_backward_columns_lanes(const float* p, float* grad, size_t rows, size_t cols) {
  for (size_t c = 0; c < cols; ++c) {
    const float* pc = p + c * rows * L;
    float* gc = grad + c * rows * L;
    lanef dot = splat(0.0f);
    for (size_t r = 0; r < rows; ++r) dot += ld(gc + r * L) * ld(pc + r * L);
    for (size_t r = 0; r < rows; ++r) st(gc + r * L, ld(pc + r * L) * (ld(gc + r * L) - dot));
  }
}

// Forward pass of one layer in every lane: dense_forward_ref's order, 4 lanes at a time;
// with `relu_out`, the layer's ReLU outputs too (as activation_forward_lanes gives them).
inline void dense_forward_lanes(float* Z, float* relu_out, const float* W, const float* bias, const float* A, int out, int in,
                         int64_t n) {
  for (int64_t b = 0; b < n; ++b) {
    const float* w = W;  // row i of W: `in` lane groups
    for (int i = 0; i < out; ++i) {
      f32x4 s[C] = {};
      const float* a = A + b * in * L;
      for (int k = 0; k < in; ++k, w += L, a += L)
        for (int c = 0; c < C; ++c) s[c] += simd::load(w + 4 * c) * simd::load(a + 4 * c);
      const int64_t at = (b * out + i) * L;
      for (int c = 0; c < C; ++c) {
        if (bias) s[c] += simd::load(bias + i * L + 4 * c);
        simd::store(Z + at + 4 * c, s[c]);
        if (relu_out) simd::store(relu_out + at + 4 * c, relu(s[c]));
      }
    }
  }
}

// mlp_forward (mlp.h) without dropout, every lane. Inline where a loop calls it for
// one sample (the per-sample SGD step: as a call, V8 runs that step measurably slower).
__attribute__((always_inline)) inline void mlp_forward_lanes_inline(const Layout& layout, const Activations& acts,
                                                                   const float* params, const float* input, int64_t n,
                                                                   std::vector<std::vector<float>>& z,
                                                                   std::vector<std::vector<float>>& a) {
  const int layers = layout.layers();
  for (int l = 1; l <= layers; ++l) {
    const int out = layout.sizes[l], in = layout.sizes[l - 1];
    const float* below = l == 1 ? input : a[l - 1].data();
    const Activation f = acts.at(l, layers);
    dense_forward_lanes(z[l].data(), f == Activation::Relu ? a[l].data() : nullptr, params + layout.w_offset[l] * L,
                        layout.bias ? params + layout.b_offset[l] * L : nullptr, below, out, in, n);
    if (f == Activation::Relu) continue;
    activation_forward_lanes(f, float(acts.alpha_at(l, layers)), z[l].data(), a[l].data(), size_t(out * n * L));
    if (f == Activation::Softmax) softmax_columns_lanes(a[l].data(), size_t(out), size_t(n));
  }
}

inline void mlp_forward_lanes(const Layout& layout, const Activations& acts, const float* params, const float* input,
                       int64_t n, std::vector<std::vector<float>>& z, std::vector<std::vector<float>>& a) {
  mlp_forward_lanes_inline(layout, acts, params, input, n, z, a);
}

// mse_loss (loss.h) for every lane over `count` outputs (the loss per lane into
// `value`), then (delta != nullptr) dL/dz of the output layer.
inline void mse_loss_lanes(const Activations& acts, const float* out_z, const float* out_a, const float* y, int rows,
                           int64_t n, float* delta, float* value) {
  const size_t count = size_t(rows) * size_t(n);
  const f32x4 scale = simd::splat(2.0f / float(count)), zero = simd::splat(0.0f);
  for (int c = 0; c < L; c += 4) {
    f32x4 sum = zero;
    for (size_t i = 0; i < count; ++i) {
      const f32x4 d = simd::load(out_a + i * L + c) - simd::load(y + i * L + c);
      sum += d * d;
      if (delta) simd::store(delta + i * L + c, scale * d);
    }
    simd::store(value + c, sum / simd::splat(float(count)));
  }
  if (!delta) return;
  if (acts.output == Activation::Softmax) softmax_backward_columns_lanes(out_a, delta, size_t(rows), size_t(n));
  else activation_backward_lanes(acts.output, float(acts.output_alpha), out_z, out_a, delta, count * L);
}

// output_loss's L2 terms (objective.h l2_term) for every lane: value += l2 / 2 * sum of
// squared weights (+ l2_bias / 2 * sum of squared biases).
inline void l2_penalty_lanes(const Layout& layout, double l2, const float* params, float* value,
                             double l2_bias = 0) {
  lanef penalty = splat(0.0f);
  for (int l = 1; l <= layout.layers(); ++l) {
    const float* w = params + layout.w_offset[l] * L;
    const int64_t weights = int64_t(layout.sizes[l]) * layout.sizes[l - 1];
    for (int64_t i = 0; i < weights; ++i) penalty += ld(w + i * L) * ld(w + i * L);
  }
  lanef total = splat(float(0.5 * l2)) * penalty;
  if (l2_bias > 0 && layout.bias) {
    lanef biases = splat(0.0f);
    for (int l = 1; l <= layout.layers(); ++l) {
      const float* b = params + layout.b_offset[l] * L;
      for (int i = 0; i < layout.sizes[l]; ++i) biases += ld(b + i * L) * ld(b + i * L);
    }
    total += splat(float(0.5 * l2_bias)) * biases;
  }
  st(value, ld(value) + total);
}

// output_loss (objective.h) for every lane: the loss value per lane into `value`,
// and (delta != nullptr) dL/dz of the output layer.
inline void output_loss_lanes(const Layout& layout, const Activations& acts, const Objective& obj, const float* params,
                       const float* out_z, const float* out_a, const float* y, int64_t n, float* delta,
                       float* value) {
  const int rows = layout.sizes[layout.layers()];
  const size_t count = size_t(rows) * size_t(n);
  if (obj.loss == Loss::Ce) {
    // ce_loss (loss.h), per lane.
    for (int j = 0; j < L; ++j) {
      float sum = 0;
      for (size_t i = 0; i < count; ++i) {
        const float p = out_a[i * L + j], t = y[i * L + j];
        if (t > 0.0f) sum -= t * std::log(p > 1e-30f ? p : 1e-30f);
        if (delta) delta[i * L + j] = (p - t) / float(n);
      }
      value[j] = sum / float(n);
    }
  } else {
    mse_loss_lanes(acts, out_z, out_a, y, rows, n, delta, value);
  }
  if (obj.penalised()) l2_penalty_lanes(layout, obj.l2, params, value, obj.l2_bias);
}

}  // namespace lane_kernels
}  // namespace relulab
