// lanes.cpp: see lanes.h. Each function below names the one-session code it repeats;
// keep them in step (the lane tests fail loudly when they drift apart).
#include "lanes.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>
#include <utility>

#include "simd4.h"

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"  // 32-byte vectors in inline helpers only
#endif

namespace relulab {

namespace {

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
void softmax_columns_lanes(float* za, size_t rows, size_t cols) {
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
void softmax_backward_columns_lanes(const float* p, float* grad, size_t rows, size_t cols) {
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
void dense_forward_lanes(float* Z, float* relu_out, const float* W, const float* bias, const float* A, int out, int in,
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
// one sample (the per-sample SGD step: as a call, V8 ran that step ~5% slower).
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

void mlp_forward_lanes(const Layout& layout, const Activations& acts, const float* params, const float* input,
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

// output_loss's L2 term (objective.h) for every lane: value += l2 / 2 * sum of squared weights.
void l2_penalty_lanes(const Layout& layout, double l2, const float* params, float* value) {
  lanef penalty = splat(0.0f);
  for (int l = 1; l <= layout.layers(); ++l) {
    const float* w = params + layout.w_offset[l] * L;
    const int64_t weights = int64_t(layout.sizes[l]) * layout.sizes[l - 1];
    for (int64_t i = 0; i < weights; ++i) penalty += ld(w + i * L) * ld(w + i * L);
  }
  st(value, ld(value) + float(0.5 * l2) * penalty);
}

// output_loss (objective.h) for every lane: the loss value per lane into `value`,
// and (delta != nullptr) dL/dz of the output layer.
void output_loss_lanes(const Layout& layout, const Activations& acts, const Objective& obj, const float* params,
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
  if (obj.l2 > 0) l2_penalty_lanes(layout, obj.l2, params, value);
}

}  // namespace

std::string lanes_unsupported(const Config& c) {
  if (c.dropout > 0) return "dropout";
  if (c.revive > 0) return "revive";
  if (c.fresh) return "fresh";
  return "";
}

LaneTrainer::LaneTrainer(const Config& config, const std::vector<LaneRun>& runs)
    : config_(config),
      layout_(layer_sizes(config), config.bias),
      acts_(activations_of(config)),
      objective_{config.loss, config.l2},
      runs_(static_cast<int>(runs.size())),
      optimizer_(config.opt) {
  const Dataset& first = *runs.front().data;
  inputs_ = first.inputs;
  outputs_ = first.outputs;
  points_ = first.n;

  // Data and parameters, lane innermost; both as floats like the Session's.
  x_all_.resize(size_t(inputs_ * points_ * L));
  y_all_.resize(size_t(outputs_ * points_ * L));
  params_.resize(size_t(layout_.total * L));
  grads_.assign(params_.size(), 0.0f);
  if (optimizer_ != Optimizer::Sgd) first_.assign(params_.size(), 0.0f);
  if (optimizer_ == Optimizer::Rmsprop || optimizer_ == Optimizer::Adam) second_.assign(params_.size(), 0.0f);

  // Batches as in the Session constructor (fresh samples are not supported here).
  batch_ = config.batch > 0 ? std::min<int64_t>(config.batch, points_) : points_;
  full_batch_ = batch_ == points_;
  same_order_ = !config.shuffle || full_batch_;
  can_freeze_ = optimizer_ == Optimizer::Sgd && same_order_;
  prunable_ = can_freeze_ && objective_.l2 == 0 && layout_.bias && layout_.layers() >= 2 &&
              acts_.hidden == Activation::Relu;
  epoch_steps_ = (points_ + batch_ - 1) / batch_;
  one_sample_sgd_ = batch_ == 1 && !full_batch_ && optimizer_ == Optimizer::Sgd && objective_.loss == Loss::Mse &&
                    acts_.output != Activation::Softmax;
  if (!same_order_) {
    order_.resize(L);
    batch_rng_.resize(L);
    for (auto& order : order_) order.resize(size_t(points_));
  }
  const int layers = layout_.layers();
  z_.resize(size_t(layers + 1));
  a_.resize(size_t(layers + 1));
  int widest = 0;
  for (int l = 1; l <= layers; ++l) {
    z_[l].resize(size_t(layout_.sizes[l] * batch_ * L));
    a_[l].resize(z_[l].size());
    widest = std::max(widest, layout_.sizes[l]);
  }
  delta_.resize(size_t(widest * batch_ * L));  // a layer's dL/dz, and the one below it
  back_.resize(delta_.size());
  if (!same_order_) {
    x_batch_.resize(size_t(inputs_ * batch_ * L));
    y_batch_.resize(size_t(outputs_ * batch_ * L));
  }
  loss_.resize(L);
  started_.assign(L, 0);
  budget_.assign(L, 0);
  running_.assign(L, 0);
  bad_.assign(L, 0);
  frozen_.assign(L, 0);
  if (can_freeze_) epoch_params_.resize(params_.size());
  take_ = batch_;
  for (int j = 0; j < L; ++j) load(j, runs[size_t(std::min(j, runs_ - 1))]);
  for (int j = runs_; j < L; ++j) retire(j);
}

void LaneTrainer::load(int lane, const LaneRun& run) {
  const size_t j = size_t(lane);
  const Dataset& d = *run.data;
  for (size_t i = 0; i < d.x.size(); ++i) x_all_[i * L + j] = static_cast<float>(d.x[i]);
  for (size_t i = 0; i < d.y.size(); ++i) y_all_[i * L + j] = static_cast<float>(d.y[i]);
  for (size_t i = 0; i < run.initial.size(); ++i) params_[i * L + j] = static_cast<float>(run.initial[i]);
  for (std::vector<float>* state : {&first_, &second_})
    for (size_t i = j; i < state->size(); i += L) (*state)[i] = 0.0f;
  if (!same_order_) {  // the Session constructor's first shuffle
    std::vector<uint32_t>& order = order_[j];
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<uint32_t>(i);
    Rng& rng = batch_rng_[j] = Rng(run.seed, Stream::Batches);
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(uint32_t(i))]);
  }
  if (can_freeze_)
    for (size_t i = j; i < params_.size(); i += L) epoch_params_[i] = params_[i];
  started_[j] = step_;
  budget_[j] = run.steps;
  bad_[j] = frozen_[j] = 0;
  running_[j] = 1;
}

bool LaneTrainer::ended(int lane) const {
  const size_t j = size_t(lane);
  if (!running_[j]) return false;
  if (steps_done(lane) >= budget_[j]) return true;
  return at_epoch_start() && (bad_[j] || (frozen_[j] && budget_[j] % epoch_steps_ == 0));
}

bool LaneTrainer::stop_at_epoch_start(bool refill) const {
  for (int j = 0; j < L; ++j)
    if (running_[size_t(j)] ? bad_[size_t(j)] || frozen_[size_t(j)] : refill) return true;
  return false;
}

// Between epoch starts only the end of a run can stop the loop; its step is known.
__attribute__((noinline)) void LaneTrainer::advance(bool refill, int64_t at_least) {
  int64_t finish = std::numeric_limits<int64_t>::max();
  for (int j = 0; j < L; ++j)
    if (running_[size_t(j)]) finish = std::min(finish, started_[size_t(j)] + budget_[size_t(j)]);
  const int64_t pause = step_ + std::max<int64_t>(at_least, 1);
  do step();
  while (step_ < finish && !(at_epoch_start() && (step_ >= pause || stop_at_epoch_start(refill))));
}

std::vector<uint8_t> LaneTrainer::first_layer_dead(int lane) const {
  const int units = layout_.sizes[1];
  std::vector<uint8_t> dead(size_t(units), 1);
  const float* W = params_.data() + layout_.w_offset[1] * L + lane;
  const float* b = layout_.bias ? params_.data() + layout_.b_offset[1] * L + lane : nullptr;
  for (int64_t p = 0; p < points_; ++p)
    for (int i = 0; i < units; ++i) {  // dense_forward_ref's sum, for this lane and point
      float z = 0;
      for (int k = 0; k < inputs_; ++k) z += W[(i * inputs_ + k) * L] * x_all_[size_t((p * inputs_ + k) * L + lane)];
      if (b) z += b[i * L];
      if (z > 0) dead[size_t(i)] = 0;
    }
  return dead;
}

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

// Out of line on purpose: see loss_and_gradient_out_of_line in session.cpp (V8 tiers
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

std::vector<float> LaneTrainer::params(int lane) const {
  std::vector<float> p(size_t(layout_.total));
  for (size_t i = 0; i < p.size(); ++i) p[i] = params_[i * L + size_t(lane)];
  return p;
}

bool LaneTrainer::suspect(int lane) const {
  if (bad_[size_t(lane)]) return true;
  for (int64_t i = 0; i < layout_.total; ++i)
    if (!std::isfinite(params_[size_t(i * L + lane)])) return true;
  // A non-finite gradient makes a parameter non-finite at the update, and a non-finite
  // parameter stays so (p - lr * g is never finite again), so this catches the rest.
  return false;
}

// Session::evaluate.
Evaluation evaluate_parameters(const Config& config, const Dataset& data, const std::vector<float>& params,
                               int64_t step) {
  const Layout layout(layer_sizes(config), config.bias);
  const Activations acts = activations_of(config);
  const Objective objective{config.loss, config.l2};
  Workspace<float> ws;
  ws.resize(layout, data.n);
  Matrix<float> y(data.outputs, data.n);
  for (int64_t i = 0; i < ws.a[0].size(); ++i) ws.a[0].data()[i] = static_cast<float>(data.x[size_t(i)]);
  for (int64_t i = 0; i < y.size(); ++i) y.data()[i] = static_cast<float>(data.y[size_t(i)]);
  mlp_forward<float>(layout, acts, params.data(), ws);
  Evaluation e;
  e.step = step;
  e.loss = output_loss<float>(layout, acts, objective, params.data(), y, ws, false);
  e.finite = std::isfinite(e.loss);
  if (data.classification) {
    const Matrix<float>& out = ws.a[layout.layers()];
    int64_t right = 0;
    for (int64_t p = 0; p < out.cols(); ++p) {
      Eigen::Index best = 0;
      out.col(p).maxCoeff(&best);
      right += best == data.labels[size_t(p)];
    }
    e.accuracy = out.cols() ? double(right) / double(out.cols()) : 0.0;
  }
  e.layers = layer_diagnostics<float>(layout, acts, ws);
  return e;
}

LaneLoss::LaneLoss(const Config& config)
    : layout_(layer_sizes(config), config.bias),
      acts_(activations_of(config)),
      objective_{config.loss, config.l2} {
  const Dataset data = make_training_set(config);
  n_ = data.n;
  x_.resize(size_t(data.inputs * n_ * L));
  y_.resize(size_t(data.outputs * n_ * L));
  for (size_t i = 0; i < data.x.size(); ++i) st(&x_[i * L], splat(static_cast<float>(data.x[i])));
  for (size_t i = 0; i < data.y.size(); ++i) st(&y_[i * L], splat(static_cast<float>(data.y[i])));
  const int layers = layout_.layers();
  z_.resize(size_t(layers + 1));
  a_.resize(size_t(layers + 1));
  for (int l = 1; l <= layers; ++l) {
    z_[l].resize(size_t(layout_.sizes[l] * n_ * L));
    a_[l].resize(z_[l].size());
  }
  lanes_params_.resize(size_t(layout_.total * L));
}

// Out of line for V8's tier-up (see LaneTrainer::step_once).
__attribute__((noinline)) void LaneLoss::losses(const float* params, int count, float* out) {
  const int layers = layout_.layers();
  for (int j = 0; j < L; ++j) {
    const float* p = params + std::min(j, count - 1) * layout_.total;
    for (int64_t i = 0; i < layout_.total; ++i) lanes_params_[size_t(i * L + j)] = p[i];
  }
  float value[L];
  mlp_forward_lanes(layout_, acts_, lanes_params_.data(), x_.data(), n_, z_, a_);
  output_loss_lanes(layout_, acts_, objective_, lanes_params_.data(), z_[layers].data(), a_[layers].data(), y_.data(),
                    n_, nullptr, value);
  for (int j = 0; j < count; ++j) out[j] = value[j];
}

std::vector<float> losses_in_lanes(const Config& config, const std::vector<float>& params, int64_t count) {
  LaneLoss lanes(config);
  const int64_t total = lanes.parameters();
  std::vector<float> out(static_cast<size_t>(count));
  for (int64_t first = 0; first < count; first += L)
    lanes.losses(params.data() + first * total, int(std::min<int64_t>(L, count - first)), out.data() + first);
  return out;
}

}  // namespace relulab
