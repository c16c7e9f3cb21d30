// sweep.cpp: see sweep.h.
#include "sweep.h"

#include <algorithm>

#include "lanes.h"

namespace relulab {

const std::vector<std::string>& failure_names() {
  static const std::vector<std::string> names = {"none", "diverged", "output_dead", "layer_dead", "stuck"};
  return names;
}

Failure classify(const Evaluation& eval, RunState state, double success_loss) {
  if (state == RunState::Diverged || !eval.finite) return Failure::Diverged;
  if (eval.loss < success_loss) return Failure::None;
  const LayerDiagnostics& output = eval.layers.back();
  if (output.relu && output.dead_count == output.units) return Failure::OutputDead;
  for (size_t l = 0; l + 1 < eval.layers.size(); ++l)
    if (eval.layers[l].relu && eval.layers[l].dead_count == eval.layers[l].units) return Failure::LayerDead;
  return Failure::Stuck;
}

namespace {

SeedOutcome outcome_of(int64_t seed, const Evaluation& eval, RunState state, int64_t diverged_at,
                       double success_loss) {
  SeedOutcome out;
  out.seed = seed;
  out.final_loss = eval.loss;
  out.accuracy = eval.accuracy;
  out.state = state;
  out.diverged_at = diverged_at;
  for (const LayerDiagnostics& d : eval.layers) out.dead_per_layer.push_back(d.dead_count);
  const LayerDiagnostics& output = eval.layers.back();
  out.output_dead = output.relu && output.dead_count == output.units;
  out.failure = classify(eval, state, success_loss);
  out.success = out.failure == Failure::None;
  return out;
}

}  // namespace

SeedOutcome run_seed(const Config& config, int64_t seed, double success_loss) {
  Config c = config;
  c.seed = seed;
  c.trace = c.steps > 0 ? c.steps : 1;  // no intermediate records: only the outcome counts
  Session session(c);
  session.step(c.steps);
  return outcome_of(seed, session.evaluate(), session.state(), session.diverged_at(), success_loss);
}

// Seeds go through the lane trainer when it supports the configuration; it reproduces
// each seed's Session run bit for bit (lanes.h), and a lane that meets a non-finite
// loss is replayed on the Session path. A lane whose run has frozen (LaneTrainer::
// frozen: e.g. a dead ReLU output under plain SGD) ends early with the parameters it
// would end with anyway, and the next seed takes its lane where the next epoch starts.
std::vector<SeedOutcome> sweep_seeds(const Config& config, int64_t first_seed, int64_t count, double success_loss) {
  std::vector<SeedOutcome> outcomes;
  if (!lanes_unsupported(config).empty() || count < 2 || config.steps == 0) {
    outcomes.reserve(static_cast<size_t>(count));
    for (int64_t k = 0; k < count; ++k) outcomes.push_back(run_seed(config, first_seed + k, success_loss));
    return outcomes;
  }
  outcomes.resize(static_cast<size_t>(count));
  const Layout layout(layer_sizes(config), config.bias);
  std::vector<Dataset> data(kLanes);       // the training set of each lane's run
  std::vector<int64_t> seed_index(kLanes, -1);  // of the run in each lane
  int64_t next = 0;
  auto run_of = [&](int lane) {
    Config c = config;
    c.seed = first_seed + next;
    data[size_t(lane)] = make_training_set(c);
    seed_index[size_t(lane)] = next++;
    return LaneRun{static_cast<uint64_t>(c.seed), &data[size_t(lane)], initial_parameters(c, layout)};
  };
  std::vector<LaneRun> first;
  for (int j = 0; j < kLanes && next < count; ++j) first.push_back(run_of(j));
  LaneTrainer lanes(config, first);

  for (int active = int(first.size()); active > 0;) {
    lanes.advance(config.steps, next < count);
    for (int j = 0; j < kLanes; ++j) {
      if (!lanes.ended(j, config.steps)) continue;
      const int64_t k = seed_index[size_t(j)], seed = first_seed + k;
      outcomes[size_t(k)] =
          lanes.suspect(j) ? run_seed(config, seed, success_loss)
                           : outcome_of(seed, evaluate_parameters(config, data[size_t(j)], lanes.params(j), config.steps),
                                        RunState::Ok, -1, success_loss);
      lanes.retire(j);
      --active;
    }
    if (!lanes.at_epoch_start()) continue;
    for (int j = 0; j < kLanes && next < count; ++j)
      if (!lanes.running(j)) {
        lanes.load(j, run_of(j));
        ++active;
      }
  }
  return outcomes;
}

}  // namespace relulab
