// lanes.cpp: see lanes.h. The lane trainer's bookkeeping: runs in and out of lanes,
// where runs end, when the loop stops. Its training step is lane_step.cpp.
#include "lanes.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace relulab {

using lane_kernels::L;

std::string lanes_unsupported(const Config& c) {
  if (c.dropout > 0) return "dropout";
  if (c.revive > 0) return "revive";
  if (c.fresh) return "fresh";
  if (c.bias_update != BiasUpdate::Gradient) return "bias_update";
  if (c.l2_bias > 0) return "l2_bias";
  return "";
}

LaneTrainer::LaneTrainer(const Config& config, const std::vector<LaneRun>& runs)
    : config_(config),
      layout_(layer_sizes(config), config.bias),
      acts_(activations_of(config)),
      objective_{config.loss, config.l2, config.l2_bias},
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
  // The adder's shape (2 inputs, hidden layers of 2 to 4 and 4 ReLU units, one ReLU
  // output, biases, no L2), with sizes known to the compiler: the sweep narrows a
  // first layer of 4 down to 2 units at most (sweep.cpp), so these are the widths a
  // sweep of the adder meets; other widths take the general step.
  const std::vector<int>& sizes = layout_.sizes;
  if (one_sample_sgd_ && layout_.layers() == 3 && layout_.bias && objective_.l2 == 0 &&
      acts_.hidden == Activation::Relu && acts_.output == Activation::Relu && sizes[0] == 2 && sizes[1] >= 2 &&
      sizes[1] <= 4 && sizes[2] == 4 && sizes[3] == 1)
    relu3_ = sizes[1];
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

}  // namespace relulab
