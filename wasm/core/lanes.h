// lanes.h: the lane trainer, many runs of one configuration side by side, one run per
// SIMD lane. A sweep trains kLanes seeds at once; a basin map trains kLanes start
// points at once. Tiny networks (add2 is 37 parameters) cannot fill SIMD registers on
// their own; kLanes of them can. (The lane kernels are lane_kernels.h, the training
// step lane_step.cpp, the loss of many parameter vectors lane_loss.h.)
//
// Every lane repeats, float operation for float operation, what the one-session path
// (session.cpp over mlp.h and dense.h) does for its run: the same data, the same
// initial weights, the same batches, the same sums in the same order. So a lane's
// parameters after training are bit-identical to the Session's (tests/core/lanes_test.cpp
// holds the two together over every task). Memory layout: every scalar of the one-
// session path becomes kLanes consecutive floats (lane innermost), so elementwise
// steps (activations, the optimizer) run unchanged over the longer arrays.
//
// Lanes need not start together: where an epoch starts, a lane whose run has ended
// can take the next run (load), so a sweep keeps every lane busy while its runs end
// at different times: after their steps, on a non-finite loss, or when frozen (a run
// that provably cannot change any more, such as one whose ReLU output died).
//
// What the lane trainer does not do (lanes_unsupported says why; callers fall back to
// one Session per run): dropout, reviving units, fresh samples every step, a bias
// update other than the gradient, an L2 penalty on biases, traces.
// A lane that meets a non-finite loss or ends with a non-finite parameter is
// `suspect`: the Session would have stopped there, so the caller replays that run on
// the one-session path (diverged runs are rare, and this keeps them exact).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "config.h"
#include "lane_kernels.h"
#include "mlp.h"
#include "objective.h"
#include "session.h"
#include "tasks.h"

namespace relulab {

// "" when the lane trainer can run this configuration, else why not.
std::string lanes_unsupported(const Config& config);

// One run of a lane group.
struct LaneRun {
  uint64_t seed = 0;            // seeds the Batches stream (shuffling)
  const Dataset* data = nullptr;  // its training set (may be shared between runs)
  std::vector<double> initial;  // its initial parameters, arena order
  int64_t steps = 0;            // steps it takes in its lane (for ended() and advance())
};

class LaneTrainer {
 public:
  // config: the shared settings (its seed and weights are not used: runs carry them).
  // 1 to kLanes runs; unused lanes repeat the last run and are ignored.
  LaneTrainer(const Config& config, const std::vector<LaneRun>& runs);

  // Trains `steps` optimizer steps in every lane.
  void train(int64_t steps);
  // One optimizer step in every lane.
  void step();

  // A lane can take a new run only where an epoch starts (all lanes share the batch
  // cursor): its data, parameters, optimizer state and batch order start afresh there.
  bool at_epoch_start() const { return cursor_ == 0; }
  void load(int lane, const LaneRun& run);
  // The lane's run takes `steps` more steps than it was loaded with, training on from
  // where it is (unlike a new load, which starts its optimizer state afresh).
  void extend(int lane, int64_t steps) { budget_[size_t(lane)] += steps; }
  // The lane's run is over; the lane idles (its floats go on changing, unread) until
  // the next load().
  void retire(int lane) { running_[size_t(lane)] = 0; }
  bool running(int lane) const { return running_[size_t(lane)] != 0; }
  // A running lane's run is over: it has taken its steps, or, where an epoch starts,
  // it is diverging, or frozen and its steps are a whole number of epochs.
  bool ended(int lane) const;
  // Steps until a running lane has ended, or until an epoch starts after at least
  // `at_least` steps or, when `refill` and a lane idles, after any. At least one step;
  // some lane must be running. One call runs many steps so that the loop, not its
  // caller, is what V8 optimizes (it tiers up a WASM function between calls, never
  // during one).
  void advance(bool refill, int64_t at_least);

  int64_t steps_done(int lane) const { return step_ - started_[size_t(lane)]; }
  int64_t epoch_steps() const { return epoch_steps_; }
  std::vector<float> params(int lane) const;
  bool suspect(int lane) const;
  // At an epoch start: the lane's parameters are bit for bit those of the previous
  // epoch start, and nothing else carries over: plain SGD keeps no state, and every
  // epoch has the same batches in the same order. So each later epoch repeats the last
  // one, and a run whose length is a whole number of epochs ends with these very
  // parameters. (A ReLU output dead on every point, or a float fixed point of
  // p - lr * g, or a cycle within one epoch.)
  bool frozen(int lane) const { return frozen_[size_t(lane)] != 0; }
  // Whether a sweep may take a run's dead first-layer units out of its network and go
  // on training it on the narrower network, bit for bit as the Session trains the
  // whole one: plain SGD without L2, ReLU hidden units with biases, the same batches
  // every epoch, at least one hidden layer. There a unit whose pre-activation is <= 0
  // on every training point gets a zero gradient at every step, so its weights, its
  // bias and the next layer's weights from it never change again, and its output, an
  // exact +0, adds an exact 0 to every sum of the next layer. (Once the run has taken
  // a step: every parameter has then passed SGD's flush of values below 1e-30.)
  bool prunable() const { return prunable_; }
  // Per unit of the first layer: its pre-activation is <= 0 (or NaN) on every training
  // point at the lane's present parameters.
  std::vector<uint8_t> first_layer_dead(int lane) const;

 private:
  void next_batch();
  void end_epoch();
  void backward(const float* input, int64_t n);
  void update();
  void step_one_sample_sgd(const float* x, const float* y);
  template <int I, int H1, int H2, int O>
  void step_one_sample_relu3(const float* x, const float* y);
  bool stop_at_epoch_start(bool refill) const;
  void adam_corrections(double* c1, double* c2) const;  // kLanes each

  Config config_;
  Layout layout_;
  Activations acts_;
  Objective objective_;
  int runs_ = 0;
  int inputs_ = 0, outputs_ = 0;
  int64_t points_ = 0, batch_ = 0, take_ = 0;
  bool full_batch_ = true, same_order_ = true;
  bool can_freeze_ = false;     // see frozen()
  bool prunable_ = false;       // see prunable()
  int64_t epoch_steps_ = 1;      // steps per epoch
  bool one_sample_sgd_ = false;  // step_one_sample_sgd applies
  int relu3_ = 0;                // step_one_sample_relu3 applies: the width of its first hidden layer, else 0
  std::vector<float> x_all_, y_all_;    // (inputs|outputs) x points x lanes
  std::vector<float> x_batch_, y_batch_;  // this step's batch, when lanes have their own orders
  const float* batch_x_ = nullptr;        // this step's batch (into x_all_ or x_batch_)
  const float* batch_y_ = nullptr;
  std::vector<float> params_, grads_;  // arena x lanes
  Optimizer optimizer_;
  std::vector<float> first_, second_;  // optimizer state, as in OptimizerState
  std::vector<std::vector<float>> z_, a_;  // per layer: units x batch x lanes
  std::vector<float> delta_, back_;
  std::vector<float> loss_;             // per lane, this step
  int64_t step_ = 0;                    // steps taken by the group
  std::vector<int64_t> started_;        // per lane: step_ when its run was loaded
  std::vector<int64_t> budget_;         // per lane: the steps its run takes
  std::vector<uint8_t> running_;        // per lane: a run is loaded and not retired
  std::vector<uint8_t> bad_;            // per lane: a non-finite loss was seen
  std::vector<float> epoch_params_;     // params_ where the epoch started
  std::vector<uint8_t> frozen_;         // per lane: see frozen()
  std::vector<Rng> batch_rng_;
  std::vector<std::vector<uint32_t>> order_;  // per lane, unless the order is shared
  size_t cursor_ = 0;
};

}  // namespace relulab
