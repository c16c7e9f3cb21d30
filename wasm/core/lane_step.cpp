// lane_step.cpp: one training step of the lane trainer (lanes.h) in every lane: the
// batch, the forward and backward passes and the update, each repeating the one-session
// code it names (session.cpp over mlp.h, objective.h and optimizer.cpp).
#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "lane_kernels.h"
#include "lanes.h"

namespace relulab {

using namespace lane_kernels;

// Session::next_batch, every lane (the reshuffle between epochs is in end_epoch). In
// one shared order that order is 0, 1, 2, ... (no shuffling), so a batch is the slice
// of the data at the cursor and nothing is copied.
void LaneTrainer::next_batch() {
  take_ = full_batch_ ? points_ : std::min<int64_t>(batch_, points_ - int64_t(cursor_));
  if (same_order_) {
    batch_x_ = &x_all_[cursor_ * size_t(inputs_ * L)];
    batch_y_ = &y_all_[cursor_ * size_t(outputs_ * L)];
    return;
  }
  for (int64_t k = 0; k < take_; ++k)
    for (int j = 0; j < L; ++j) {  // (a few floats each: not worth vector code)
      const size_t p = order_[size_t(j)][cursor_ + size_t(k)];
#if defined(__clang__)
#pragma clang loop vectorize(disable) unroll(disable)
#endif
      for (int i = 0; i < inputs_; ++i) x_batch_[size_t((k * inputs_ + i) * L + j)] = x_all_[(p * inputs_ + i) * L + j];
#if defined(__clang__)
#pragma clang loop vectorize(disable) unroll(disable)
#endif
      for (int o = 0; o < outputs_; ++o)
        y_batch_[size_t((k * outputs_ + o) * L + j)] = y_all_[(p * outputs_ + o) * L + j];
    }
  batch_x_ = x_batch_.data();
  batch_y_ = y_batch_.data();
}

// The Session reshuffles when the next step begins; doing it when an epoch ends draws
// the same numbers in the same order, and leaves a fresh lane's first order alone.
void LaneTrainer::end_epoch() {
  cursor_ = 0;
  if (config_.shuffle && !same_order_)
    for (size_t j = 0; j < order_.size(); ++j)
      for (size_t i = order_[j].size(); i > 1; --i)
        std::swap(order_[j][i - 1], order_[j][batch_rng_[j].below(uint32_t(i))]);
  if (!can_freeze_) return;
  // Bits, not values (-0 is not 0), 4 lanes at a time; params_ is arena x lanes, so
  // the float at i belongs to lane i % L.
  simd::u32x4 changed[L / 4] = {};
  const uint32_t* now = reinterpret_cast<const uint32_t*>(params_.data());
  uint32_t* then = reinterpret_cast<uint32_t*>(epoch_params_.data());
  for (size_t i = 0; i < params_.size(); i += L)
    for (int c = 0; c < L / 4; ++c) {
      const simd::u32x4 v = simd::load(now + i + 4 * c);
      changed[c] |= v ^ simd::load(then + i + 4 * c);
      simd::store(then + i + 4 * c, v);
    }
  for (int j = 0; j < L; ++j) frozen_[size_t(j)] = changed[j / 4][j % 4] == 0;
}

// mlp_backward (mlp.h) without dropout, every lane, plus add_l2_gradient.
void LaneTrainer::backward(const float* input, int64_t n) {
  std::fill(grads_.begin(), grads_.end(), 0.0f);
  const int layers = layout_.layers();
  for (int l = layers; l >= 1; --l) {
    const int out = layout_.sizes[l], in = layout_.sizes[l - 1];
    const float* A = l == 1 ? input : a_[l - 1].data();
    const float* D = delta_.data();
    float* dW = grads_.data() + layout_.w_offset[l] * L;
    for (int i = 0; i < out; ++i)
      for (int k = 0; k < in; ++k) {  // dense_weight_grad_ref
        lanef s = splat(0.0f);
        for (int64_t b = 0; b < n; ++b) s += ld(D + (b * out + i) * L) * ld(A + (b * in + k) * L);
        float* g = dW + (int64_t(i) * in + k) * L;
        st(g, ld(g) + s);
      }
    if (layout_.bias) {
      float* db = grads_.data() + layout_.b_offset[l] * L;
      for (int i = 0; i < out; ++i) {  // dense_bias_grad_ref
        lanef s = splat(0.0f);
        for (int64_t b = 0; b < n; ++b) s += ld(D + (b * out + i) * L);
        st(db + i * L, ld(db + i * L) + s);
      }
    }
    if (l == 1) break;
    const float* W = params_.data() + layout_.w_offset[l] * L;
    for (int64_t b = 0; b < n; ++b)
      for (int k = 0; k < in; ++k) {  // dense_back_ref
        lanef s = splat(0.0f);
        for (int i = 0; i < out; ++i) s += ld(W + (int64_t(i) * in + k) * L) * ld(D + (b * out + i) * L);
        st(&back_[size_t((b * in + k) * L)], s);
      }
    const int below = l - 1;
    activation_backward_lanes(acts_.at(below, layers), float(acts_.alpha_at(below, layers)), z_[below].data(),
                               a_[below].data(), back_.data(), size_t(in * n * L));
    delta_.swap(back_);
  }
  if (objective_.l2 > 0) {
    const float l2 = float(objective_.l2);
    for (int l = 1; l <= layers; ++l) {
      const int64_t count = int64_t(layout_.sizes[l]) * layout_.sizes[l - 1] * L;
      float* g = grads_.data() + layout_.w_offset[l] * L;
      const float* w = params_.data() + layout_.w_offset[l] * L;
      for (int64_t i = 0; i < count; ++i) g[i] += l2 * w[i];
    }
  }
}

void LaneTrainer::train(int64_t steps) {
  for (int64_t t = 0; t < steps; ++t) step();
}

// Out of line on purpose: see gradient_out_of_line in session.cpp (V8 tiers
// up a WASM function between calls, never during one).
__attribute__((noinline)) void LaneTrainer::step() {
  const int layers = layout_.layers();
  next_batch();
  const float* x = batch_x_;
  const float* y = batch_y_;
  const int64_t n = take_;
  if (one_sample_sgd_) {
    step_one_sample_sgd(x, y);
  } else {
    mlp_forward_lanes(layout_, acts_, params_.data(), x, n, z_, a_);
    output_loss_lanes(layout_, acts_, objective_, params_.data(), z_[layers].data(), a_[layers].data(), y, n,
                      delta_.data(), loss_.data());
    backward(x, n);
    update();
  }
  // Session::step stops a run at a non-finite loss; such a lane is replayed there.
  bool finite = true;  // x - x is 0 for a finite x, NaN otherwise
  for (int c = 0; c < L; c += 4) {
    const f32x4 v = simd::load(&loss_[size_t(c)]);
    finite &= !simd::any(!(v - v == simd::splat(0.0f)));
  }
  if (!finite)
    for (int j = 0; j < L; ++j) bad_[size_t(j)] |= !std::isfinite(loss_[size_t(j)]);
  ++step_;
  cursor_ += size_t(n);
  if (cursor_ >= size_t(points_)) end_epoch();
}

// One Session::step on one sample under plain SGD and MSE, every lane. The Session
// computes every gradient before it updates anything; here each weight is updated as
// soon as it has been read for the delta of the layer below (dense_back_ref's sum, in
// its order), so the old weights give that delta and every float comes out the same;
// the gradient arena is never written or read. Lanes are independent, so each loop
// takes 4 of them at a time. SGD's flush of new values below 1e-30 is one pass at the
// end of the step, taken only when the step wrote such a value (nothing reads a
// parameter between its update and the end of the step).
void LaneTrainer::step_one_sample_sgd(const float* x, const float* y) {
  switch (relu3_) {
    case 4: return step_one_sample_relu3<2, 4, 4, 1>(x, y);
    case 3: return step_one_sample_relu3<2, 3, 4, 1>(x, y);
    case 2: return step_one_sample_relu3<2, 2, 4, 1>(x, y);
    default: break;
  }
  const int layers = layout_.layers();
  float* params = params_.data();
  const f32x4 zero = simd::splat(0.0f);
  mlp_forward_lanes_inline(layout_, acts_, params, x, 1, z_, a_);
  mse_loss_lanes(acts_, z_[layers].data(), a_[layers].data(), y, layout_.sizes[layers], 1, delta_.data(), loss_.data());
  if (objective_.l2 > 0) l2_penalty_lanes(layout_, objective_.l2, params, loss_.data());
  const f32x4 lr = simd::splat(static_cast<float>(config_.lr));
  const f32x4 l2 = simd::splat(static_cast<float>(objective_.l2));
  f32x4 least[C];  // the least |new value| in each group of 4 lanes
  for (int c = 0; c < C; ++c) least[c] = simd::splat(std::numeric_limits<float>::infinity());
  for (int l = layers; l >= 1; --l) {
    const int out = layout_.sizes[l], in = layout_.sizes[l - 1];
    const float* A = l == 1 ? x : a_[l - 1].data();
    const float* D = delta_.data();
    float* W = params + layout_.w_offset[l] * L;
    float* back = back_.data();
    // The delta of the layer below; a ReLU below applies its derivative at once.
    const bool below = l > 1, relu_below = below && acts_.at(l - 1, layers) == Activation::Relu;
    const float* Zb = below ? z_[l - 1].data() : nullptr;
    auto update_weights = [&](auto decay) {
      for (int k = 0; k < in; ++k) {
        f32x4 a[C], s[C];
        for (int c = 0; c < C; ++c) {
          a[c] = simd::load(A + k * L + 4 * c);
          s[c] = zero;
        }
        float* w = W + k * L;  // column k of W: one lane group every in * L floats
        const float* d = D;
        for (int i = 0; i < out; ++i, w += in * L, d += L)
          for (int c = 0; c < C; ++c) {
            const f32x4 wv = simd::load(w + 4 * c), dv = simd::load(d + 4 * c);
            s[c] += wv * dv;                             // dense_back_ref
            f32x4 g = zero + dv * a[c];                  // dense_weight_grad_ref's sum from 0
            if (decltype(decay)::value) g = g + l2 * wv;  // add_l2_gradient
            const f32x4 v = wv - lr * g;
            least[c] = simd::pmin(least[c], magnitude(v));
            simd::store(w + 4 * c, v);
          }
        if (below)
          for (int c = 0; c < C; ++c)
            simd::store(back + k * L + 4 * c,
                        relu_below ? relu_grad(s[c], simd::load(Zb + k * L + 4 * c)) : s[c]);
      }
    };
    if (objective_.l2 > 0) update_weights(std::true_type{});
    else update_weights(std::false_type{});
    if (layout_.bias) {
      float* B = params + layout_.b_offset[l] * L;
      for (int i = 0; i < out * L; i += L)
        for (int c = 0; c < C; ++c) {
          const f32x4 v = simd::load(B + i + 4 * c) - lr * (zero + simd::load(D + i + 4 * c));
          least[c] = simd::pmin(least[c], magnitude(v));
          simd::store(B + i + 4 * c, v);
        }
    }
    if (below && !relu_below)
      activation_backward_lanes(acts_.at(l - 1, layers), float(acts_.alpha_at(l - 1, layers)), Zb,
                                a_[l - 1].data(), back, size_t(in * L));
    if (below) delta_.swap(back_);
  }
  bool small = false;
  for (int c = 0; c < C; ++c) small |= simd::any(least[c] < simd::splat(kFlushBelow));
  if (small)
    for (size_t i = 0; i < params_.size(); i += 4) simd::store(params + i, flushed(simd::load(params + i)));
}

// step_one_sample_sgd for an I-H1-H2-O network of ReLU units (output included) with
// biases, MSE and no L2, its sizes known to the compiler: the same float operations in
// the same order (dense_forward_lanes, mse_loss_lanes, then per layer from the top
// each weight read for the delta below and updated at once), with z, h and the deltas
// in local arrays instead of the lane buffers (nothing reads those after a step).
template <int I, int H1, int H2, int O>
void LaneTrainer::step_one_sample_relu3(const float* x, const float* y) {
  float* params = params_.data();
  const f32x4 zero = simd::splat(0.0f), lr = simd::splat(static_cast<float>(config_.lr));
  float* W1 = params + layout_.w_offset[1] * L;
  float* B1 = params + layout_.b_offset[1] * L;
  float* W2 = params + layout_.w_offset[2] * L;
  float* B2 = params + layout_.b_offset[2] * L;
  float* W3 = params + layout_.w_offset[3] * L;
  float* B3 = params + layout_.b_offset[3] * L;
  f32x4 least[C];  // the least |new value| in each group of 4 lanes
  for (int c = 0; c < C; ++c) least[c] = simd::splat(std::numeric_limits<float>::infinity());
  // One dense layer forward, dense_forward_lanes's order: from 0, w * a for each input
  // in turn, then the bias.
  auto forward = [&](const float* W, const float* B, const f32x4 (*a)[C], int in, int out, f32x4 (*z)[C],
                     f32x4 (*h)[C]) {
    for (int i = 0; i < out; ++i)
      for (int c = 0; c < C; ++c) {
        f32x4 s = zero;
        for (int k = 0; k < in; ++k) s += simd::load(W + (i * in + k) * L + 4 * c) * a[k][c];
        s += simd::load(B + i * L + 4 * c);
        z[i][c] = s;
        h[i][c] = relu(s);
      }
  };
  // One dense layer backward and its update: the delta below (through its ReLU, when
  // `zb`) from the old weights, each weight updated once read, then the biases.
  auto backward = [&](float* W, float* B, const f32x4 (*a)[C], const f32x4 (*d)[C], int in, int out,
                      const f32x4 (*zb)[C], f32x4 (*back)[C]) {
    for (int k = 0; k < in; ++k)
      for (int c = 0; c < C; ++c) {
        f32x4 s = zero;
        for (int i = 0; i < out; ++i) {
          float* w = W + (i * in + k) * L + 4 * c;
          const f32x4 wv = simd::load(w), dv = d[i][c];
          s += wv * dv;
          const f32x4 v = wv - lr * (zero + dv * a[k][c]);
          least[c] = simd::pmin(least[c], magnitude(v));
          simd::store(w, v);
        }
        if (back) back[k][c] = relu_grad(s, zb[k][c]);
      }
    for (int i = 0; i < out; ++i)
      for (int c = 0; c < C; ++c) {
        const f32x4 v = simd::load(B + i * L + 4 * c) - lr * (zero + d[i][c]);
        least[c] = simd::pmin(least[c], magnitude(v));
        simd::store(B + i * L + 4 * c, v);
      }
  };
  f32x4 in[I][C], z1[H1][C], h1[H1][C], z2[H2][C], h2[H2][C], z3[O][C], h3[O][C];
  for (int k = 0; k < I; ++k)
    for (int c = 0; c < C; ++c) in[k][c] = simd::load(x + k * L + 4 * c);
  forward(W1, B1, in, I, H1, z1, h1);
  forward(W2, B2, h1, H1, H2, z2, h2);
  forward(W3, B3, h2, H2, O, z3, h3);
  // mse_loss_lanes with one sample (2 / count is 2, the mean's division by 1), then
  // the output's ReLU derivative.
  f32x4 d3[O][C], d2[H2][C], d1[H1][C];
  for (int c = 0; c < C; ++c) {
    f32x4 sum = zero;
    for (int o = 0; o < O; ++o) {
      const f32x4 d = h3[o][c] - simd::load(y + o * L + 4 * c);
      sum += d * d;
      d3[o][c] = relu_grad(simd::splat(2.0f / float(O)) * d, z3[o][c]);
    }
    simd::store(&loss_[size_t(4 * c)], sum / simd::splat(float(O)));
  }
  backward(W3, B3, h2, d3, H2, O, z2, d2);
  backward(W2, B2, h1, d2, H1, H2, z1, d1);
  backward(W1, B1, in, d1, I, H1, nullptr, nullptr);
  bool small = false;
  for (int c = 0; c < C; ++c) small |= simd::any(least[c] < simd::splat(kFlushBelow));
  if (small)
    for (size_t i = 0; i < params_.size(); i += 4) simd::store(params + i, flushed(simd::load(params + i)));
}

// Adam's bias corrections 1 - beta^t for each lane's step t (lanes that took a new run
// count from their own start), with std::pow like the Session's; a lane at the same
// step as the lane before it takes that lane's values.
void LaneTrainer::adam_corrections(double* c1, double* c2) const {
  for (int j = 0; j < L; ++j) {
    const int64_t t = steps_done(j) + 1;
    const bool same = j > 0 && steps_done(j - 1) + 1 == t;
    c1[j] = same ? c1[j - 1] : 1.0 - std::pow(0.9, double(t));
    c2[j] = same ? c2[j - 1] : 1.0 - std::pow(0.999, double(t));
  }
}

// OptimizerState::update (optimizer.cpp), element for element, with the choice of rule
// taken once per step instead of once per element (the per-element switch is most of
// the time of a tiny net) and Adam's corrections computed once per step and lane.
void LaneTrainer::update() {
  const size_t count = params_.size();
  float* p = params_.data();
  const float* g = grads_.data();
  const float lr = static_cast<float>(config_.lr), mom = static_cast<float>(config_.mom);
  auto flushed = [](float v) { return std::fabs(v) < kFlushBelow ? 0.0f : v; };
  switch (optimizer_) {
    case Optimizer::Sgd: {
      const f32x4 lrv = simd::splat(lr);
      for (size_t i = 0; i < count; i += 4) simd::store(p + i, sgd(simd::load(p + i), simd::load(g + i), lrv));
      break;
    }
    case Optimizer::Momentum:
      for (size_t i = 0; i < count; ++i) {
        first_[i] = flushed(mom * first_[i] - lr * g[i]);
        p[i] = flushed(p[i] + first_[i]);
      }
      break;
    case Optimizer::Nesterov:
      for (size_t i = 0; i < count; ++i) {
        first_[i] = flushed(mom * first_[i] - lr * g[i]);
        p[i] = flushed(p[i] + (mom * first_[i] - lr * g[i]));
      }
      break;
    case Optimizer::Rmsprop:
      for (size_t i = 0; i < count; ++i) {
        second_[i] = flushed(0.9f * second_[i] + 0.1f * g[i] * g[i]);
        p[i] = flushed(p[i] - lr * g[i] / (std::sqrt(second_[i]) + 1e-7f));
      }
      break;
    case Optimizer::Adam: {
      double c1[L], c2[L];
      adam_corrections(c1, c2);
      for (size_t i = 0; i < count; ++i) {
        first_[i] = flushed(0.9f * first_[i] + 0.1f * g[i]);
        second_[i] = flushed(0.999f * second_[i] + 0.001f * g[i] * g[i]);
        const float mhat = static_cast<float>(first_[i] / c1[i % L]), vhat = static_cast<float>(second_[i] / c2[i % L]);
        p[i] = flushed(p[i] - lr * mhat / (std::sqrt(vhat) + 1e-8f));
      }
      break;
    }
  }
}

}  // namespace relulab
