// sweep.h: the same configuration over many seeds, and why each run failed. This is
// how the lesson answers "why does it fail half the time?".
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "config.h"
#include "session.h"

namespace relulab {

enum class Failure { None, Diverged, OutputDead, LayerDead, Improving, Stuck };
// "none", "diverged", "output_dead", "layer_dead", "improving", "stuck"
const std::vector<std::string>& failure_names();

struct SeedOutcome {
  int64_t seed = 0;
  double final_loss = 0;
  double accuracy = -1;
  RunState state = RunState::Ok;
  int64_t diverged_at = -1;
  // The loss on the training set where the last tenth of training began (last_tenth.h);
  // NaN if the run never got there (it diverged before).
  double loss_at_last_tenth = std::numeric_limits<double>::quiet_NaN();
  std::vector<int> dead_per_layer;  // layers 1..L, output last
  bool output_dead = false;
  bool success = false;  // final loss below the success threshold, not diverged
  Failure failure = Failure::None;
};

// Why a finished run failed (or None, a final loss below success_loss): diverged; else
// a dead ReLU output unit; else a whole hidden layer dead; else improving, when its
// loss still fell over the last tenth of training (still_improving, last_tenth.h);
// else stuck.
Failure classify(const Evaluation& eval, RunState state, double loss_at_last_tenth, double success_loss);

SeedOutcome run_seed(const Config& config, int64_t seed, double success_loss);

// What one sweep may ask for: seeds, and the loss below which a run succeeded.
constexpr int64_t kMaxSweepSeeds = 100000;
constexpr double kMaxSuccessLoss = 1e6;

// How a sweep on lanes went (for tests and benchmarks).
struct SweepStats {
  int64_t narrowed = 0;  // runs moved to a network without their dead first-layer units
  int64_t widened = 0;   // runs moved to a wider group's free lane near the end
};

// Seeds first_seed, first_seed + 1, ... (count of them); each trains config.steps.
std::vector<SeedOutcome> sweep_seeds(const Config& config, int64_t first_seed, int64_t count, double success_loss,
                                     SweepStats* stats = nullptr);

}  // namespace relulab
