// session.h: one training run of one configuration. Create it from a config, step it,
// read what it has measured. The boundary (Embind, the CLI) only ever sees this.
#pragma once
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "config_query.h"
#include "diagnostics.h"
#include "full_batch_relu_ce.h"
#include "init.h"
#include "normal_bulk.h"
#include "objective.h"
#include "optimizer.h"
#include "rng.h"
#include "tasks.h"

namespace relulab {

enum class RunState { Ok, Diverged };

// Everything measured on the training set at one moment.
struct Evaluation {
  int64_t step = 0;
  double loss = 0;
  double accuracy = -1;  // share of points classified right; -1 for regression tasks
  bool finite = true;
  std::vector<LayerDiagnostics> layers;  // layers 1..L
};

// The record kept every `trace` steps.
struct Trace {
  std::vector<int64_t> step;
  std::vector<float> loss, accuracy;
  std::vector<float> dead_fraction;  // record-major: record r, layer l at r * L + l
  std::vector<float> params;         // record-major, only when the net has <= kTraceParamsMax parameters
  // With config.batch_loss: per record, the mean of the losses of the batches trained
  // since the previous record, each taken on its batch before that batch's update (what
  // Keras averages into the loss it logs for an epoch); NaN where no step was taken.
  std::vector<float> batch_loss;
};
constexpr int64_t kTraceParamsMax = 64;

// One entry per revival (config.revive): its step, the hidden units dead just before it
// (by the evaluation it acted on) and the units it re-initialised (ReDo) or drew one or
// more weights again for (revive_rule=negative).
struct RevivalLog {
  std::vector<int64_t> step;
  std::vector<int32_t> dead, revived;
};

class Session {
 public:
  // Refuses a configuration with any error (the messages name the keys).
  static std::variant<std::unique_ptr<Session>, std::vector<ConfigError>> create(const std::string& query);
  explicit Session(const Config& valid_config);

  // Trains up to k more steps (never past config.steps); returns the steps taken.
  int64_t step(int64_t k);
  bool done() const { return step_ >= config_.steps || state_ == RunState::Diverged; }

  // Measures the network now, on the whole training set.
  Evaluation evaluate();

  const Config& config() const { return config_; }
  const Layout& layout() const { return layout_; }
  const Dataset& data() const { return data_; }
  const std::vector<float>& params() const { return params_; }
  const std::vector<float>& grads() const { return grads_; }
  const Trace& trace() const { return trace_; }
  int64_t current_step() const { return step_; }
  int64_t trace_every() const { return trace_every_; }
  RunState state() const { return state_; }
  // The step whose loss (on its batch, before its update) or whose updated parameters
  // were not finite; -1 while none was. The run stops with that step's update applied:
  // current_step() is this step, and evaluate() measures the parameters it left (their
  // non-finite units marked nan; a loss that overflowed leaves them finite).
  int64_t diverged_at() const { return diverged_at_; }
  int64_t revived_units() const { return revived_units_; }
  const RevivalLog& revivals() const { return revivals_; }
  // The loss on the training set at step last_tenth_start(config.steps) (last_tenth.h),
  // measured when the run reaches that step; NaN until then.
  double loss_at_last_tenth() const { return loss_at_last_tenth_; }
  // Per layer and unit, the step since which it has been dead, or -1 (alive).
  const std::vector<std::vector<int64_t>>& died_at() const { return died_at_; }
  std::vector<float> gradient_norms() const { return layer_gradient_norms(layout_, grads_.data()); }

  // The network's outputs (outputs x count, column-major) for count input points.
  std::vector<float> predict(const std::vector<float>& inputs, int64_t count) const;
  // Loss on the training set with the given parameters (same shape as params()).
  double loss_at(const std::vector<float>& params);

 private:
  void train_one_step();  // advances step_, and fails the run if that step was not finite
  void next_batch();
  void record(const Evaluation& e);  // one trace record of the evaluation at this step
  // Every `revive` steps: applies config.revive_rule and logs the revival (revivals_).
  void revive(const Evaluation& eval);
  int32_t revive_dead_units(const Evaluation& eval);  // ReDo; returns the units revived
  int32_t redraw_negative_weights();                  // returns the units with a weight drawn again
  void fail();  // the run diverged at the step it has just taken

  Config config_;
  Layout layout_;
  Activations acts_;
  Objective objective_;
  InitSpec init_;
  Dataset data_;
  Matrix<float> x_all_, y_all_;   // the training set as floats
  Matrix<float> y_batch_;
  std::vector<float> params_, grads_;
  OptimizerState optimizer_;
  Workspace<float> train_ws_, eval_ws_;
  // The gradient of a full-batch step of a net it applies to (full_batch_relu_ce.h),
  // bit for bit the general path's; empty for every other configuration.
  std::optional<FullBatchReluCe> full_batch_relu_ce_;
  Rng batch_rng_, dropout_rng_, revive_rng_, fresh_rng_;
  // Fresh batches: relu1d draws its x from fresh_normals_, the other tasks go through
  // generate_task with fresh_rng_ into fresh_ (reused, so no step allocates).
  BulkNormalSampler fresh_normals_;
  Dataset fresh_;
  std::vector<uint32_t> order_;
  size_t cursor_ = 0;
  bool full_batch_ = true;
  int64_t step_ = 0, trace_every_ = 1, diverged_at_ = -1, revived_units_ = 0;
  double loss_at_last_tenth_ = std::numeric_limits<double>::quiet_NaN();
  double batch_loss_sum_ = 0;  // config.batch_loss: the batch losses since the last record
  int64_t batch_loss_count_ = 0;
  RunState state_ = RunState::Ok;
  Trace trace_;
  RevivalLog revivals_;
  std::vector<std::vector<int64_t>> died_at_;
};

// The initial parameters of a configuration (its `weights`, or drawn from the Init
// stream of its seed), in arena order, in double.
std::vector<double> initial_parameters(const Config& config, const Layout& layout);
Activations activations_of(const Config& config);

// What Session::evaluate measures, for the given parameters on a data set: the same
// code path (mlp_forward, output_loss, layer_diagnostics), so the same numbers.
Evaluation evaluate_parameters(const Config& config, const Dataset& data, const std::vector<float>& params,
                               int64_t step);

}  // namespace relulab
