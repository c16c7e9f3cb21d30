// lane_loss.h: the loss on a configuration's training set for many parameter vectors,
// kLanes at a time (one per SIMD lane), bit for bit what Session::loss_at computes for
// each: the landscape's slices that have no exact form go through here.
#pragma once
#include <cstdint>
#include <vector>

#include "config.h"
#include "lane_kernels.h"
#include "mlp.h"
#include "objective.h"

namespace relulab {

// Loss on the training set of `config` (its seed) for kLanes parameter vectors at a
// time: what Session::loss_at computes, bit for bit.
class LaneLoss {
 public:
  explicit LaneLoss(const Config& config);
  int64_t parameters() const { return layout_.total; }
  // params: `count` (1..kLanes) vectors of parameters() floats back to back.
  void losses(const float* params, int count, float* out);

 private:
  Layout layout_;
  Activations acts_;
  Objective objective_;
  int64_t n_ = 0;
  std::vector<float> x_, y_, lanes_params_;
  std::vector<std::vector<float>> z_, a_;
};

// Loss on the data set of `config` (its seed) for each of many parameter vectors
// (arena order, `count` of them back to back), kLanes at a time. Equals
// Session::loss_at for each, bit for bit.
std::vector<float> losses_in_lanes(const Config& config, const std::vector<float>& params, int64_t count);

}  // namespace relulab
