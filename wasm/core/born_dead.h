// born_dead.h: how often a freshly initialised network is dead before training
// starts. A network is born dead when some hidden layer outputs zero for every point
// of the training set (then the output is constant and no gradient reaches below).
// For a bias-free net of H hidden layers of width N with symmetric weights and one
// input x != 0, Lu et al. 2020 (arXiv:1903.06733) give P = 1 - (1 - 2^-N)^H
// (docs/SCIENCE.md).
#pragma once
#include <cstdint>
#include <vector>

#include "config.h"

namespace relulab {

struct BornDeadResult {
  int64_t trials = 0;
  int64_t dead_networks = 0;
  std::vector<double> dead_unit_fraction;  // per layer 1..L, mean over trials
};

constexpr int64_t kMaxBornDeadTrials = 1000000;

// Initialises config's network `trials` times, trial t from the seed first_seed + t, on
// the training set of first_seed (config's own seed is not used), and counts the dead
// ones.
BornDeadResult born_dead(const Config& config, int64_t first_seed, int64_t trials);

}  // namespace relulab
