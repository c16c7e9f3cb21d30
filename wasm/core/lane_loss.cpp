// lane_loss.cpp: see lane_loss.h.
#include "lane_loss.h"

#include <algorithm>

#include "lane_kernels.h"
#include "session.h"
#include "tasks.h"

namespace relulab {

using namespace lane_kernels;

LaneLoss::LaneLoss(const Config& config)
    : layout_(layer_sizes(config), config.bias),
      acts_(activations_of(config)),
      objective_{config.loss, config.l2, config.l2_bias} {
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

// Out of line for V8's tier-up (see LaneTrainer::step).
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
