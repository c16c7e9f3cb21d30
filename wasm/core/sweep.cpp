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

// Seeds go through the lane trainer kLanes at a time when it supports the
// configuration; it reproduces each seed's Session run bit for bit (lanes.h), and a
// lane that met a non-finite value is replayed on the Session path.
std::vector<SeedOutcome> sweep_seeds(const Config& config, int64_t first_seed, int64_t count, double success_loss) {
  std::vector<SeedOutcome> outcomes;
  outcomes.reserve(static_cast<size_t>(count));
  if (!lanes_unsupported(config).empty() || count < 2) {
    for (int64_t k = 0; k < count; ++k) outcomes.push_back(run_seed(config, first_seed + k, success_loss));
    return outcomes;
  }
  const Layout layout(layer_sizes(config), config.bias);
  for (int64_t first = 0; first < count; first += kLanes) {
    const int used = static_cast<int>(std::min<int64_t>(kLanes, count - first));
    std::vector<Config> configs(static_cast<size_t>(used), config);
    std::vector<Dataset> data(static_cast<size_t>(used));
    std::vector<LaneRun> runs(static_cast<size_t>(used));
    for (int j = 0; j < used; ++j) {
      Config& c = configs[size_t(j)];
      c.seed = first_seed + first + j;
      data[size_t(j)] = make_training_set(c);
      runs[size_t(j)].seed = static_cast<uint64_t>(c.seed);
      runs[size_t(j)].data = &data[size_t(j)];
      runs[size_t(j)].initial = initial_parameters(c, layout);
    }
    LaneTrainer lanes(config, runs);
    lanes.train(config.steps);
    for (int j = 0; j < used; ++j) {
      const int64_t seed = configs[size_t(j)].seed;
      if (lanes.suspect(j)) outcomes.push_back(run_seed(config, seed, success_loss));
      else
        outcomes.push_back(outcome_of(seed, evaluate_parameters(config, data[size_t(j)], lanes.params(j), config.steps),
                                      RunState::Ok, -1, success_loss));
    }
  }
  return outcomes;
}

}  // namespace relulab
