// session.cpp: see session.h.
#include "session.h"

#include <algorithm>
#include <cmath>

#include "last_tenth.h"

namespace relulab {

namespace {

void to_float_matrix(const std::vector<double>& values, int rows, int64_t cols, Matrix<float>& out) {
  out.resize(rows, cols);
  for (int64_t i = 0; i < out.size(); ++i) out.data()[i] = static_cast<float>(values[static_cast<size_t>(i)]);
}

double accuracy_of(const Matrix<float>& out, const std::vector<int>& labels) {
  int64_t right = 0;
  for (int64_t p = 0; p < out.cols(); ++p) {
    Eigen::Index best = 0;
    out.col(p).maxCoeff(&best);
    right += best == labels[static_cast<size_t>(p)];
  }
  return out.cols() ? double(right) / double(out.cols()) : 0.0;
}

// One forward and backward pass, kept out of line on purpose, like
// Session::train_one_step: V8 compiles a WASM function with its fast tier only after
// some calls, and cannot switch a running call over, so the work of a long step(k)
// loop sits in functions that the loop calls; and V8 has a small function compiled
// sooner than a big one, so this pass is not inlined into train_one_step either.
__attribute__((noinline)) bool gradient_out_of_line(const Layout& layout, const Activations& acts,
                                                    const Objective& obj, const float* params,
                                                    const Matrix<float>& y, Workspace<float>& ws, float* grads) {
  return gradient_and_loss_finite<float>(layout, acts, obj, params, y, ws, grads);
}

bool all_finite(const std::vector<float>& values) {
  for (float v : values)
    if (!std::isfinite(v)) return false;
  return true;
}

// Everything evaluate() reports, measured with `params` on the training set whose
// inputs are ws.a[0] and whose targets are y.
Evaluation measure(const Layout& layout, const Activations& acts, const Objective& objective, const float* params,
                   const Matrix<float>& y, const Dataset& data, Workspace<float>& ws, int64_t step) {
  mlp_forward<float>(layout, acts, params, ws);
  Evaluation e;
  e.step = step;
  e.loss = output_loss<float>(layout, acts, objective, params, y, ws, false);
  e.finite = std::isfinite(e.loss);
  if (data.classification) e.accuracy = accuracy_of(ws.a[layout.layers()], data.labels);
  e.layers = layer_diagnostics<float>(layout, acts, ws);
  return e;
}

}  // namespace

Activations activations_of(const Config& c) {
  Activations a;
  a.hidden = c.act;
  a.output = c.out;
  a.hidden_alpha = c.alpha.value_or(standard_alpha(a.hidden));
  a.output_alpha = c.alpha.value_or(standard_alpha(a.output));
  return a;
}

std::vector<double> initial_parameters(const Config& c, const Layout& layout) {
  if (!c.weights.empty()) return c.weights;
  const InitSpec spec{c.init, c.sigma, c.binit};
  std::vector<double> params(static_cast<size_t>(layout.total), 0.0);
  Rng rng(static_cast<uint64_t>(c.seed), Stream::Init);
  for (int l = 1; l <= layout.layers(); ++l) {
    const int fan_in = layout.sizes[l - 1], fan_out = layout.sizes[l];
    for (int u = 0; u < fan_out; ++u) {
      double* w = params.data() + layout.w_offset[l] + int64_t(u) * fan_in;
      double* b = layout.bias ? params.data() + layout.b_offset[l] + u : nullptr;
      init_unit(spec, fan_in, fan_out, layout.bias, rng, w, b);
    }
  }
  return params;
}

Evaluation evaluate_parameters(const Config& config, const Dataset& data, const std::vector<float>& params,
                               int64_t step) {
  const Layout layout(layer_sizes(config), config.bias);
  const Activations acts = activations_of(config);
  const Objective objective{config.loss, config.l2, config.l2_bias};
  Workspace<float> ws;
  ws.resize(layout, data.n);
  Matrix<float> y(data.outputs, data.n);
  for (int64_t i = 0; i < ws.a[0].size(); ++i) ws.a[0].data()[i] = static_cast<float>(data.x[size_t(i)]);
  for (int64_t i = 0; i < y.size(); ++i) y.data()[i] = static_cast<float>(data.y[size_t(i)]);
  return measure(layout, acts, objective, params.data(), y, data, ws, step);
}

std::variant<std::unique_ptr<Session>, std::vector<ConfigError>> Session::create(const std::string& query) {
  ParseResult parsed = parse_config(query);
  if (!parsed.ok()) return parsed.errors;
  return std::make_unique<Session>(parsed.config);
}

Session::Session(const Config& config)
    : config_(config),
      layout_(layer_sizes(config), config.bias),
      acts_(activations_of(config)),
      objective_{config.loss, config.l2, config.l2_bias},
      init_{config.init, config.sigma, config.binit},
      data_(make_training_set(config)),
      optimizer_(OptimizerSettings{config.opt, config.lr, config.mom},
                 static_cast<size_t>(layout_.total)),
      batch_rng_(static_cast<uint64_t>(config.seed), Stream::Batches),
      dropout_rng_(static_cast<uint64_t>(config.seed), Stream::Dropout),
      revive_rng_(static_cast<uint64_t>(config.seed), Stream::Revive),
      fresh_rng_(static_cast<uint64_t>(config.seed), Stream::Fresh),
      fresh_normals_(Rng(static_cast<uint64_t>(config.seed), Stream::Fresh)) {
  to_float_matrix(data_.x, data_.inputs, data_.n, x_all_);
  to_float_matrix(data_.y, data_.outputs, data_.n, y_all_);
  const std::vector<double> initial = initial_parameters(config, layout_);
  params_.assign(initial.begin(), initial.end());
  grads_.assign(params_.size(), 0.0f);

  const int64_t batch = config.fresh ? (config.batch > 0 ? config.batch : data_.n)
                                     : (config.batch > 0 ? std::min<int64_t>(config.batch, data_.n) : data_.n);
  full_batch_ = !config.fresh && batch == data_.n;
  train_ws_.resize(layout_, batch);
  if (full_batch_) {
    train_ws_.a[0] = x_all_;
    y_batch_ = y_all_;
  }
  if (config.fresh) y_batch_.resize(data_.outputs, batch);
  if (config.dropout > 0) {
    train_ws_.mask.resize(static_cast<size_t>(layout_.layers()));
    for (int l = 1; l < layout_.layers(); ++l) train_ws_.mask[l].resize(layout_.sizes[l], batch);
  }
  // The fused pass leaves out the terms of units that fire nowhere, which are zeros
  // only while the parameters are finite (an infinite weight times 0 is NaN).
  if (full_batch_ && FullBatchReluCe::applies(config) && all_finite(params_))
    full_batch_relu_ce_.emplace(layout_, objective_, x_all_, y_all_);
  eval_ws_.resize(layout_, data_.n);
  eval_ws_.a[0] = x_all_;
  order_.resize(static_cast<size_t>(data_.n));
  for (size_t i = 0; i < order_.size(); ++i) order_[i] = static_cast<uint32_t>(i);
  if (config.shuffle && !full_batch_ && !config.fresh)
    for (size_t i = order_.size(); i > 1; --i) std::swap(order_[i - 1], order_[batch_rng_.below(uint32_t(i))]);

  trace_every_ = config.trace > 0 ? config.trace : std::max<int64_t>(1, (config.steps + 999) / 1000);
  died_at_.resize(static_cast<size_t>(layout_.layers()));
  for (int l = 1; l <= layout_.layers(); ++l) died_at_[l - 1].assign(layout_.sizes[l], -1);
  record(evaluate());
  if (last_tenth_start(config.steps) == 0) loss_at_last_tenth_ = loss_at(params_);
}

void Session::next_batch() {
  if (full_batch_) return;
  const int64_t batch = train_ws_.batch();
  if (config_.fresh) {
    if (config_.task == Task::Relu1d) {
      relu1d_fresh_batch(config_, fresh_normals_, train_ws_.a[0].data(), y_batch_.data(), batch);
    } else {
      generate_task(config_, batch, fresh_rng_, fresh_);
      to_float_matrix(fresh_.x, fresh_.inputs, batch, train_ws_.a[0]);
      to_float_matrix(fresh_.y, fresh_.outputs, batch, y_batch_);
    }
    return;
  }
  // Consecutive points of the (possibly shuffled) order; an epoch's last batch may be
  // shorter, as in Keras.
  if (cursor_ >= order_.size()) {
    cursor_ = 0;
    if (config_.shuffle)
      for (size_t i = order_.size(); i > 1; --i) std::swap(order_[i - 1], order_[batch_rng_.below(uint32_t(i))]);
  }
  const int64_t take = std::min<int64_t>(config_.batch, int64_t(order_.size() - cursor_));
  if (train_ws_.batch() != take) {
    train_ws_.resize(layout_, take);
    for (size_t l = 1; l < train_ws_.mask.size(); ++l) train_ws_.mask[l].resize(layout_.sizes[l], take);
  }
  y_batch_.resize(data_.outputs, take);
  for (int64_t k = 0; k < take; ++k) {
    const uint32_t p = order_[cursor_ + static_cast<size_t>(k)];
    train_ws_.a[0].col(k) = x_all_.col(p);
    y_batch_.col(k) = y_all_.col(p);
  }
  cursor_ += static_cast<size_t>(take);
}

int64_t Session::step(int64_t k) {
  int64_t taken = 0;
  while (taken < k && !done()) {
    const int64_t before = step_;
    train_one_step();
    taken += step_ - before;
    if (step_ == last_tenth_start(config_.steps)) loss_at_last_tenth_ = loss_at(params_);
    if (state_ == RunState::Diverged) break;
    // A record and a revival at the same step read one evaluation (the revival changes
    // the parameters only after the record has read them).
    const bool record_now = step_ % trace_every_ == 0 || step_ == config_.steps;
    const bool revive_now = config_.revive > 0 && step_ % config_.revive == 0;
    if (!record_now && !revive_now) continue;
    const Evaluation e = evaluate();
    if (record_now) record(e);
    if (revive_now) revive(e);
  }
  return taken;
}

// One step of training, out of line on purpose (see gradient_out_of_line).
__attribute__((noinline)) void Session::train_one_step() {
  next_batch();
  if (config_.dropout > 0) {
    const float keep = float(1.0 - config_.dropout), scale = 1.0f / keep;
    for (size_t l = 1; l < train_ws_.mask.size(); ++l)
      for (int64_t i = 0; i < train_ws_.mask[l].size(); ++i)
        train_ws_.mask[l].data()[i] = dropout_rng_.uniform() < keep ? scale : 0.0f;
  }
  // The loss itself is not needed here (a record measures its own): only whether it
  // is finite; unless the records keep the batch losses (the same gradient either way).
  bool loss_finite;
  if (config_.batch_loss) {
    const float loss =
        loss_and_gradient<float>(layout_, acts_, objective_, params_.data(), y_batch_, train_ws_, grads_.data());
    loss_finite = std::isfinite(loss);
    batch_loss_sum_ += loss;
    ++batch_loss_count_;
  } else {
    loss_finite = full_batch_relu_ce_ ? full_batch_relu_ce_->gradient(params_.data(), grads_.data())
                                      : gradient_out_of_line(layout_, acts_, objective_, params_.data(), y_batch_,
                                                             train_ws_, grads_.data());
  }
  if (config_.bias_update == BiasUpdate::Decay) bias_gradient_to_decay<float>(layout_, params_.data(), grads_.data());
  // The update is applied whatever it holds, as a framework applies it: a step whose
  // loss or update is not finite still counts, and the run stops after it (a
  // non-finite gradient leaves a non-finite parameter, so the parameters tell).
  optimizer_.update(params_.data(), grads_.data(), params_.size());
  ++step_;
  bool finite = loss_finite;
  for (size_t i = 0; finite && i < params_.size(); ++i) finite = std::isfinite(params_[i]);
  if (!finite) fail();
}

void Session::fail() {
  state_ = RunState::Diverged;
  diverged_at_ = step_;
  record(evaluate());
}

Evaluation Session::evaluate() {
  return measure(layout_, acts_, objective_, params_.data(), y_all_, data_, eval_ws_, step_);
}

void Session::record(const Evaluation& e) {
  trace_.step.push_back(step_);
  trace_.loss.push_back(static_cast<float>(e.loss));
  trace_.accuracy.push_back(static_cast<float>(e.accuracy));
  if (config_.batch_loss) {
    trace_.batch_loss.push_back(batch_loss_count_ ? float(batch_loss_sum_ / double(batch_loss_count_))
                                                  : std::numeric_limits<float>::quiet_NaN());
    batch_loss_sum_ = 0;
    batch_loss_count_ = 0;
  }
  for (size_t l = 0; l < e.layers.size(); ++l) {
    trace_.dead_fraction.push_back(e.layers[l].dead_fraction);
    for (int u = 0; u < e.layers[l].units; ++u) {
      int64_t& at = died_at_[l][static_cast<size_t>(u)];
      if (!e.layers[l].dead[u]) at = -1;
      else if (at < 0) at = step_;
    }
  }
  if (layout_.total <= kTraceParamsMax) trace_.params.insert(trace_.params.end(), params_.begin(), params_.end());
}

// A revival runs once every `revive` steps, not in the training loop: compiled for size
// (the WASM module's budget).
#if defined(__clang__)
#pragma clang attribute push(__attribute__((minsize)), apply_to = function)
#endif

void Session::revive(const Evaluation& eval) {
  int32_t dead = 0;
  for (int l = 1; l < layout_.layers(); ++l) dead += eval.layers[static_cast<size_t>(l - 1)].dead_count;
  const int32_t revived =
      config_.revive_rule == ReviveRule::Negative ? redraw_negative_weights() : revive_dead_units(eval);
  revived_units_ += revived;
  revivals_.step.push_back(step_);
  revivals_.dead.push_back(dead);
  revivals_.revived.push_back(revived);
}

int32_t Session::revive_dead_units(const Evaluation& eval) {
  // ReDo (Sokar et al. 2023, docs/SCIENCE.md): a unit whose mean |activation| over its layer's mean is
  // at most tau gets fresh incoming weights, zero outgoing weights (the function is
  // unchanged at that moment) and a clean optimizer history.
  const int L = layout_.layers();
  std::vector<double> w(static_cast<size_t>(*std::max_element(layout_.sizes.begin(), layout_.sizes.end())));
  int32_t revived = 0;
  for (int l = 1; l < L; ++l) {
    const LayerDiagnostics& d = eval.layers[static_cast<size_t>(l - 1)];
    double mean = 0;
    for (float a : d.activity) mean += a;
    mean /= std::max(1, d.units);
    const int fan_in_prev = layout_.sizes[l - 1], next_units = layout_.sizes[l + 1];
    for (int u = 0; u < d.units; ++u) {
      const double score = mean > 0 ? d.activity[u] / mean : 0.0;
      if (score > config_.revive_tau) continue;
      double b = 0;
      init_unit(init_, fan_in_prev, layout_.sizes[l], layout_.bias, revive_rng_, w.data(), &b);
      for (int k = 0; k < fan_in_prev; ++k) {
        const size_t i = static_cast<size_t>(layout_.w_offset[l] + int64_t(u) * fan_in_prev + k);
        params_[i] = static_cast<float>(w[static_cast<size_t>(k)]);
        optimizer_.reset(i);
      }
      if (layout_.bias) {
        const size_t i = static_cast<size_t>(layout_.b_offset[l] + u);
        params_[i] = static_cast<float>(b);
        optimizer_.reset(i);
      }
      for (int j = 0; j < next_units; ++j) {
        const size_t i = static_cast<size_t>(layout_.w_offset[l + 1] + int64_t(j) * layout_.sizes[l] + u);
        params_[i] = 0.0f;
        optimizer_.reset(i);
      }
      ++revived;
    }
  }
  return revived;
}

int32_t Session::redraw_negative_weights() {
  // Each weight into a ReLU unit that is negative takes the value the initializer draws
  // for its place in a fresh draw of the unit (one draw per unit that has any), with a
  // clean optimizer history; the unit's other weights and its bias keep their values.
  const int L = layout_.layers();
  std::vector<double> w(static_cast<size_t>(*std::max_element(layout_.sizes.begin(), layout_.sizes.end())));
  int32_t touched = 0;
  for (int l = 1; l <= L; ++l) {
    if (acts_.at(l, L) != Activation::Relu) continue;
    const int fan_in = layout_.sizes[l - 1];
    for (int u = 0; u < layout_.sizes[l]; ++u) {
      const size_t first = static_cast<size_t>(layout_.w_offset[l] + int64_t(u) * fan_in);
      const auto in = params_.begin() + static_cast<std::ptrdiff_t>(first);
      if (std::none_of(in, in + fan_in, [](float v) { return v < 0; })) continue;
      double b = 0;
      init_unit(init_, fan_in, layout_.sizes[l], layout_.bias, revive_rng_, w.data(), &b);
      for (int k = 0; k < fan_in; ++k) {
        const size_t i = first + static_cast<size_t>(k);
        if (params_[i] >= 0) continue;
        params_[i] = static_cast<float>(w[static_cast<size_t>(k)]);
        optimizer_.reset(i);
      }
      ++touched;
    }
  }
  return touched;
}

#if defined(__clang__)
#pragma clang attribute pop
#endif

std::vector<float> Session::predict(const std::vector<float>& inputs, int64_t count) const {
  Workspace<float> ws;
  ws.resize(layout_, count);
  for (int64_t i = 0; i < ws.a[0].size(); ++i) ws.a[0].data()[i] = inputs[static_cast<size_t>(i)];
  mlp_forward<float>(layout_, acts_, params_.data(), ws);
  const Matrix<float>& out = ws.a[layout_.layers()];
  return std::vector<float>(out.data(), out.data() + out.size());
}

double Session::loss_at(const std::vector<float>& params) {
  mlp_forward<float>(layout_, acts_, params.data(), eval_ws_);
  return output_loss<float>(layout_, acts_, objective_, params.data(), y_all_, eval_ws_, false);
}

}  // namespace relulab
