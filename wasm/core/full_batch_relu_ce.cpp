// full_batch_relu_ce.cpp: see full_batch_relu_ce.h.
#include "full_batch_relu_ce.h"

#include <algorithm>
#include <cmath>

#include "dense.h"

namespace relulab {

using simd::f32x4;
using simd::i32x4;

namespace {

// relu(z) = z > 0 ? z : 0, lane by lane (activation_forward's ReLU), one instruction.
inline f32x4 relu(f32x4 z) { return simd::pmax(f32x4{}, z); }

}  // namespace

bool FullBatchReluCe::applies(const Config& c) {
  return c.layers.size() == 1 && c.act == Activation::Relu && c.out == Activation::Softmax && c.loss == Loss::Ce &&
         c.dropout == 0 && c.bias_update == BiasUpdate::Gradient && !c.batch_loss &&
         c.l2_bias == 0;
}

FullBatchReluCe::FullBatchReluCe(const Layout& layout, const Objective& objective, const Matrix<float>& x,
                                 const Matrix<float>& y)
    : layout_(layout),
      objective_(objective),
      in_(layout.sizes[0]),
      hidden_(layout.sizes[1]),
      classes_(layout.sizes[2]),
      n_(x.cols()),
      padded_((x.cols() + 3) & ~int64_t(3)),
      fired_(static_cast<size_t>(layout.sizes[1]), 1) {
  x_rows_.assign(static_cast<size_t>(in_ * padded_), 0.0f);
  for (int64_t p = 0; p < n_; ++p)
    for (int k = 0; k < in_; ++k) x_rows_[static_cast<size_t>(k * padded_ + p)] = x(k, p);
  h_groups_.assign(static_cast<size_t>(((hidden_ + 3) & ~3) * padded_), 0.0f);
  logit_rows_.assign(static_cast<size_t>(classes_ * padded_), 0.0f);
  y_rows_.assign(static_cast<size_t>(classes_ * padded_), 0.0f);
  for (int64_t p = 0; p < n_; ++p)
    for (int c = 0; c < classes_; ++c) y_rows_[static_cast<size_t>(c * padded_ + p)] = y(c, p);
  point_.assign(static_cast<size_t>((classes_ + in_) * padded_), f32x4{});
  for (int64_t p = 0; p < n_; ++p)
    for (int k = 0; k < in_; ++k) point_[static_cast<size_t>(p * (classes_ + in_) + classes_ + k)] = simd::splat(x(k, p));
  unit_.resize(static_cast<size_t>(((hidden_ + 3) & ~3) * (in_ + 1 + classes_)));
  live_.reserve(static_cast<size_t>(hidden_));
}

bool FullBatchReluCe::fires_anywhere(const float* params, int u) const {
  const float* w = params + layout_.w_offset[1] + int64_t(u) * in_;
  const float bias = layout_.bias ? params[layout_.b_offset[1] + u] : 0.0f;
  for (int64_t b = 0; b < padded_; b += 4) {
    f32x4 z = simd::splat(w[0]) * simd::load(&x_rows_[static_cast<size_t>(b)]);
    for (int k = 1; k < in_; ++k) z += simd::splat(w[k]) * simd::load(&x_rows_[static_cast<size_t>(k * padded_ + b)]);
    if (layout_.bias) z += simd::splat(bias);
    const i32x4 real = (i32x4{0, 1, 2, 3} + int32_t(b)) < int32_t(n_);  // not a point past n
    if (simd::any((z > 0) & real)) return true;
  }
  return false;
}

// Per block of 4 points and group of 4 live units: z and h of each unit (SIMD over the
// points), added to the logits unit after unit, then turned around to the backward's
// layout (SIMD over the group's units) with one 4 x 4 transpose.
template <int kIn, int kClasses>
void FullBatchReluCe::forward(const float* params) {
  const int in = kIn ? kIn : in_, classes = kClasses ? kClasses : classes_;
  const int stride = in + 1 + classes;
  const int groups = (static_cast<int>(live_.size()) + 3) / 4;
  const bool bias = layout_.bias;
  const float* b2 = params + layout_.b_offset[2];
  // Locals, not members: the stores below may alias anything a member holds.
  const int64_t padded = padded_;
  const float* x_rows = x_rows_.data();
  const f32x4* units = unit_.data();
  float* h_groups = h_groups_.data();
  float* logit_rows = logit_rows_.data();
  f32x4 x[kIn ? kIn : Limits::kMaxInputDim];
  f32x4 out[kClasses ? kClasses : Limits::kMaxClasses];
  for (int64_t b = 0; b < padded; b += 4) {
    for (int k = 0; k < in; ++k) x[k] = simd::load(x_rows + k * padded + b);
    for (int c = 0; c < classes; ++c) out[c] = f32x4{};
    for (int g = 0; g < groups; ++g) {
      f32x4 h[4];
      for (int l = 0; l < 4; ++l) {
        const f32x4* v = units + (4 * g + l) * stride;
        f32x4 z = v[0] * x[0];
        for (int k = 1; k < in; ++k) z += v[k] * x[k];
        if (bias) z += v[in];
        h[l] = relu(z);
        for (int c = 0; c < classes; ++c) out[c] += v[in + 1 + c] * h[l];
      }
      simd::transpose(h[0], h[1], h[2], h[3]);  // h[q]: the group's 4 units at point b + q
      float* at = h_groups + (g * padded + b) * 4;
      for (int q = 0; q < 4; ++q) simd::store(at + 4 * q, h[q]);
    }
    for (int c = 0; c < classes; ++c) {
      if (bias) out[c] += simd::splat(b2[c]);
      simd::store(logit_rows + c * padded + b, out[c]);
    }
  }
  // The points past n (zeros, to fill the last block) fire on no unit.
  for (int g = 0; g < groups; ++g)
    for (int64_t p = n_; p < padded; ++p) simd::store(h_groups + (g * padded + p) * 4, f32x4{});
}

// softmax_columns, then ce_gradient's (p - y) / n, 4 points at a time: the same float
// operations, lane by lane. exp goes through std::exp as there, one value at a time,
// in a loop of its own (a call keeps no vector live across it), except exp(0), which
// is 1 exactly (the largest logit's). Each point's dL/dlogits are then stored splat;
// the points past n keep their zeros.
void FullBatchReluCe::softmax_deltas() {
  const int classes = classes_, in = in_;
  const int64_t padded = padded_;
  float* rows = logit_rows_.data();  // logits, then logit - max, then exp of that
  const float* y_rows = y_rows_.data();
  f32x4* points = point_.data();
  for (int64_t b = 0; b < padded; b += 4) {
    f32x4 m = simd::load(rows + b);
    for (int c = 1; c < classes; ++c) {  // m = col > m ? col : m
      const f32x4 col = simd::load(rows + c * padded + b);
      const i32x4 above = col > m;
      m = (f32x4)((above & (i32x4)col) | (~above & (i32x4)m));
    }
    for (int c = 0; c < classes; ++c) simd::store(rows + c * padded + b, simd::load(rows + c * padded + b) - m);
  }
  for (int64_t i = 0; i < classes * padded; ++i) {
    const float d = rows[i];
    rows[i] = d < -69.0f ? 0.0f : d == 0.0f ? 1.0f : std::exp(d);
  }
  const f32x4 n = simd::splat(static_cast<float>(n_));
  for (int64_t b = 0; b < padded; b += 4) {
    f32x4 sum{};
    for (int c = 0; c < classes; ++c) sum += simd::load(rows + c * padded + b);
    const int64_t last = std::min<int64_t>(4, n_ - b);
    for (int c = 0; c < classes; ++c) {
      const f32x4 delta = (simd::load(rows + c * padded + b) / sum - simd::load(y_rows + c * padded + b)) / n;
      for (int l = 0; l < last; ++l) points[(b + l) * (classes + in) + c] = simd::splat(delta[l]);
    }
  }
}

// Per group of 4 live units, every point in order: the sums over the points.
template <int kIn, int kClasses>
void FullBatchReluCe::backward(const float* params, float* grads) {
  const int in = kIn ? kIn : in_, classes = kClasses ? kClasses : classes_;
  const int live = static_cast<int>(live_.size());
  const float* W2 = params + layout_.w_offset[2];
  float* dW1 = grads + layout_.w_offset[1];
  float* db1 = layout_.bias ? grads + layout_.b_offset[1] : nullptr;
  float* dW2 = grads + layout_.w_offset[2];
  const int64_t padded = padded_;
  const f32x4* points = point_.data();
  for (int g = 0; 4 * g < live; ++g) {
    int unit[4];  // -1: a lane past the last live unit (its h is 0 at every point)
    for (int l = 0; l < 4; ++l) unit[l] = 4 * g + l < live ? live_[static_cast<size_t>(4 * g + l)] : -1;
    f32x4 w2[kClasses ? kClasses : Limits::kMaxClasses], gw2[kClasses ? kClasses : Limits::kMaxClasses];
    f32x4 gw1[kIn ? kIn : Limits::kMaxInputDim];
    for (int c = 0; c < classes; ++c) {
      w2[c] = f32x4{};
      for (int l = 0; l < 4; ++l)
        if (unit[l] >= 0) w2[c][l] = W2[int64_t(c) * hidden_ + unit[l]];
      gw2[c] = f32x4{};
    }
    for (int k = 0; k < in; ++k) gw1[k] = f32x4{};
    f32x4 gb1{};
    const float* hg = h_groups_.data() + g * padded * 4;
    for (int64_t p = 0; p < padded; ++p) {
      const f32x4 h = simd::load(hg + 4 * p);
      const f32x4* point = points + p * (classes + in);  // dL/dlogits, x
      f32x4 back = w2[0] * point[0];
      gw2[0] += point[0] * h;
      for (int c = 1; c < classes; ++c) {
        gw2[c] += point[c] * h;
        back += w2[c] * point[c];
      }
      const f32x4 d1 = (f32x4)((i32x4)(h > 0) & (i32x4)back);  // ReLU': z > 0 exactly where h > 0
      for (int k = 0; k < in; ++k) gw1[k] += d1 * point[classes + k];
      gb1 += d1;
    }
    for (int l = 0; l < 4; ++l) {
      if (unit[l] < 0) continue;
      const int u = unit[l];
      for (int c = 0; c < classes; ++c) dW2[int64_t(c) * hidden_ + u] = gw2[c][l];
      for (int k = 0; k < in; ++k) dW1[int64_t(u) * in + k] = gw1[k][l];
      if (db1) db1[u] = gb1[l];
      // The hint: a unit fired if a sum of its dW2 is not 0 (one that fired with every
      // such sum 0 is only tested at the next call, and found firing there).
      bool fired = false;
      for (int c = 0; c < classes; ++c) fired |= gw2[c][l] != 0.0f;
      fired_[static_cast<size_t>(u)] = fired;
    }
  }
  if (layout_.bias) {
    float* db2 = grads + layout_.b_offset[2];
    for (int c = 0; c < classes; ++c) {
      float s = 0;
      for (int64_t p = 0; p < n_; ++p) s += points[p * (classes + in) + c][0];
      db2[c] = s;
    }
  }
}

bool FullBatchReluCe::gradient(const float* params, float* grads) {
  std::fill(grads, grads + layout_.total, 0.0f);
  live_.clear();
  for (int u = 0; u < hidden_; ++u)
    if (fired_[static_cast<size_t>(u)] || fires_anywhere(params, u)) live_.push_back(u);
  // Each live unit's parameters, splat; the last group filled with units of zeros
  // (h = 0 everywhere, and weights 0 to the logits: they add +0 to each).
  const int stride = in_ + 1 + classes_;
  const float* W1 = params + layout_.w_offset[1];
  const float* W2 = params + layout_.w_offset[2];
  const size_t live = live_.size();
  for (size_t j = 0; j < ((live + 3) & ~size_t(3)); ++j) {
    simd::f32x4* v = &unit_[j * static_cast<size_t>(stride)];
    if (j >= live) {
      std::fill_n(v, stride, f32x4{});
      continue;
    }
    const int u = live_[j];
    for (int k = 0; k < in_; ++k) v[k] = simd::splat(W1[int64_t(u) * in_ + k]);
    v[in_] = simd::splat(layout_.bias ? params[layout_.b_offset[1] + u] : 0.0f);
    for (int c = 0; c < classes_; ++c) v[in_ + 1 + c] = simd::splat(W2[int64_t(c) * hidden_ + u]);
  }
  if (in_ == 2 && classes_ == 3) forward<2, 3>(params);
  else forward<0, 0>(params);
  softmax_deltas();
  if (in_ == 2 && classes_ == 3) backward<2, 3>(params, grads);
  else backward<0, 0>(params, grads);
  add_l2_gradient<float>(layout_, objective_, params, grads);
  return objective_.l2 <= 0 || std::isfinite(l2_term<float>(layout_, objective_, params));
}

}  // namespace relulab
