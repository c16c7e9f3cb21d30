// full_batch_relu_ce.cpp: see full_batch_relu_ce.h.
#include "full_batch_relu_ce.h"

#include <algorithm>
#include <cmath>

#include "dense.h"

namespace relulab {

using simd::f32x4;
using simd::i32x4;

namespace {

// relu(z) = z > 0 ? z : 0, lane by lane (activation_forward's ReLU).
inline f32x4 relu(f32x4 z) { return (f32x4)((i32x4)(z > 0) & (i32x4)z); }

}  // namespace

bool FullBatchReluCe::applies(const Config& c) {
  return c.layers.size() == 1 && c.act == Activation::Relu && c.out == Activation::Softmax && c.loss == Loss::Ce &&
         c.dropout == 0;
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
      y_(y.data(), y.data() + y.size()),
      fired_(static_cast<size_t>(layout.sizes[1]), 1) {
  x_rows_.assign(static_cast<size_t>(in_ * padded_), 0.0f);
  for (int64_t p = 0; p < n_; ++p)
    for (int k = 0; k < in_; ++k) x_rows_[static_cast<size_t>(k * padded_ + p)] = x(k, p);
  h_rows_.assign(static_cast<size_t>((hidden_ + 3) * padded_), 0.0f);
  out_rows_.assign(static_cast<size_t>(classes_ * padded_), 0.0f);
  unit_.resize(static_cast<size_t>(hidden_ * (in_ + 1 + classes_)));
  live_.reserve(static_cast<size_t>(hidden_));
}

bool FullBatchReluCe::fires_anywhere(const float* params, int u) const {
  const float* w = params + layout_.w_offset[1] + int64_t(u) * in_;
  const float bias = layout_.bias ? params[layout_.b_offset[1] + u] : 0.0f;
  for (int64_t b = 0; b < padded_; b += 4) {
    f32x4 z{};
    for (int k = 0; k < in_; ++k) z += simd::splat(w[k]) * simd::load(&x_rows_[static_cast<size_t>(k * padded_ + b)]);
    if (layout_.bias) z += simd::splat(bias);
    for (int j = 0; j < 4 && b + j < n_; ++j)
      if (z[j] > 0) return true;
  }
  return false;
}

template <int kIn, int kClasses>
void FullBatchReluCe::forward(const float* params) {
  const int in = kIn ? kIn : in_, classes = kClasses ? kClasses : classes_;
  const int stride = in + 1 + classes;
  const int live = static_cast<int>(live_.size());
  const bool bias = layout_.bias;
  const float* b2 = params + layout_.b_offset[2];
  f32x4 x[kIn ? kIn : Limits::kMaxInputDim];
  f32x4 out[kClasses ? kClasses : Limits::kMaxClasses];
  for (int64_t b = 0; b < padded_; b += 4) {
    for (int k = 0; k < in; ++k) x[k] = simd::load(&x_rows_[static_cast<size_t>(k * padded_ + b)]);
    for (int c = 0; c < classes; ++c) out[c] = f32x4{};
    for (int j = 0; j < live; ++j) {
      const f32x4* v = &unit_[static_cast<size_t>(j * stride)];
      f32x4 z{};
      for (int k = 0; k < in; ++k) z += v[k] * x[k];
      if (bias) z += v[in];
      const f32x4 h = relu(z);
      simd::store(&h_rows_[static_cast<size_t>(j * padded_ + b)], h);
      for (int c = 0; c < classes; ++c) out[c] += v[in + 1 + c] * h;
    }
    for (int c = 0; c < classes; ++c) {
      if (bias) out[c] += simd::splat(b2[c]);
      simd::store(&out_rows_[static_cast<size_t>(c * padded_ + b)], out[c]);
    }
  }
  // The points past n (zeros, to fill the last block) fire on no unit.
  for (int j = 0; j < live; ++j)
    for (int64_t p = n_; p < padded_; ++p) h_rows_[static_cast<size_t>(j * padded_ + p)] = 0.0f;
}

// softmax_columns, then ce_loss's (p - y) / n, per point; zeros past n.
void FullBatchReluCe::softmax_deltas() {
  const float n = static_cast<float>(n_);
  float col[Limits::kMaxClasses];
  for (int64_t p = 0; p < n_; ++p) {
    for (int c = 0; c < classes_; ++c) col[c] = out_rows_[static_cast<size_t>(c * padded_ + p)];
    float m = col[0];
    for (int c = 1; c < classes_; ++c) m = col[c] > m ? col[c] : m;
    float sum = 0;
    for (int c = 0; c < classes_; ++c) {
      const float d = col[c] - m;
      col[c] = d < -69.0f ? 0.0f : std::exp(d);
      sum += col[c];
    }
    for (int c = 0; c < classes_; ++c) {
      const float prob = col[c] / sum;
      out_rows_[static_cast<size_t>(c * padded_ + p)] = (prob - y_[static_cast<size_t>(p * classes_ + c)]) / n;
    }
  }
  for (int c = 0; c < classes_; ++c)
    for (int64_t p = n_; p < padded_; ++p) out_rows_[static_cast<size_t>(c * padded_ + p)] = 0.0f;
}

template <int kIn, int kClasses>
void FullBatchReluCe::backward(const float* params, float* grads) {
  const int in = kIn ? kIn : in_, classes = kClasses ? kClasses : classes_;
  const int live = static_cast<int>(live_.size());
  const float* W2 = params + layout_.w_offset[2];
  float* dW1 = grads + layout_.w_offset[1];
  float* db1 = layout_.bias ? grads + layout_.b_offset[1] : nullptr;
  float* dW2 = grads + layout_.w_offset[2];
  // Rows past the live units are zeros: a group of 4 may run past the last live unit.
  for (int j = live; j < ((live + 3) & ~3); ++j)
    std::fill_n(h_rows_.begin() + j * padded_, padded_, 0.0f);
  for (int g = 0; g < live; g += 4) {
    int unit[4];
    for (int l = 0; l < 4; ++l) unit[l] = g + l < live ? live_[static_cast<size_t>(g + l)] : -1;
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
    i32x4 fired[4] = {};  // per unit of the group, the OR of the bits of its h (+0, or above 0)
    const float* rows = &h_rows_[static_cast<size_t>(g * padded_)];
    for (int64_t b = 0; b < padded_; b += 4) {
      f32x4 h[4] = {simd::load(rows + b), simd::load(rows + padded_ + b), simd::load(rows + 2 * padded_ + b),
                    simd::load(rows + 3 * padded_ + b)};
      for (int l = 0; l < 4; ++l) fired[l] |= (i32x4)h[l];
      simd::transpose(h[0], h[1], h[2], h[3]);  // h[q]: the 4 units at point b + q
      for (int q = 0; q < 4; ++q) {
        const int64_t p = b + q;
        f32x4 back{};
        for (int c = 0; c < classes; ++c) {
          const f32x4 d = simd::splat(out_rows_[static_cast<size_t>(c * padded_ + p)]);
          gw2[c] += d * h[q];
          back += w2[c] * d;
        }
        const f32x4 d1 = (f32x4)((i32x4)(h[q] > 0) & (i32x4)back);
        for (int k = 0; k < in; ++k) gw1[k] += d1 * simd::splat(x_rows_[static_cast<size_t>(k * padded_ + p)]);
        gb1 += d1;
      }
    }
    // fired: row by row, the bits of every h of that row, OR-ed (h is +0 or above 0).
    for (int l = 0; l < 4; ++l) {
      if (unit[l] < 0) continue;
      const int u = unit[l];
      for (int c = 0; c < classes; ++c) dW2[int64_t(c) * hidden_ + u] = gw2[c][l];
      for (int k = 0; k < in; ++k) dW1[int64_t(u) * in + k] = gw1[k][l];
      if (db1) db1[u] = gb1[l];
      fired_[static_cast<size_t>(u)] = simd::any(fired[l] != 0);
    }
  }
  if (layout_.bias) {
    float* db2 = grads + layout_.b_offset[2];
    for (int c = 0; c < classes; ++c) {
      float s = 0;
      for (int64_t p = 0; p < n_; ++p) s += out_rows_[static_cast<size_t>(c * padded_ + p)];
      db2[c] = s;
    }
  }
}

bool FullBatchReluCe::gradient(const float* params, float* grads) {
  std::fill(grads, grads + layout_.total, 0.0f);
  live_.clear();
  for (int u = 0; u < hidden_; ++u)
    if (fired_[static_cast<size_t>(u)] || fires_anywhere(params, u)) live_.push_back(u);
  const int stride = in_ + 1 + classes_;
  const float* W1 = params + layout_.w_offset[1];
  const float* W2 = params + layout_.w_offset[2];
  for (size_t j = 0; j < live_.size(); ++j) {
    const int u = live_[j];
    simd::f32x4* v = &unit_[j * static_cast<size_t>(stride)];
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
