// sweep.cpp: see sweep.h.
#include "sweep.h"

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

SeedOutcome run_seed(const Config& config, int64_t seed, double success_loss) {
  Config c = config;
  c.seed = seed;
  c.trace = c.steps > 0 ? c.steps : 1;  // no intermediate records: only the outcome counts
  Session session(c);
  session.step(c.steps);
  const Evaluation eval = session.evaluate();
  SeedOutcome out;
  out.seed = seed;
  out.final_loss = eval.loss;
  out.accuracy = eval.accuracy;
  out.state = session.state();
  out.diverged_at = session.diverged_at();
  for (const LayerDiagnostics& d : eval.layers) out.dead_per_layer.push_back(d.dead_count);
  const LayerDiagnostics& output = eval.layers.back();
  out.output_dead = output.relu && output.dead_count == output.units;
  out.failure = classify(eval, session.state(), success_loss);
  out.success = out.failure == Failure::None;
  return out;
}

std::vector<SeedOutcome> sweep_seeds(const Config& config, int64_t first_seed, int64_t count, double success_loss) {
  std::vector<SeedOutcome> outcomes;
  outcomes.reserve(static_cast<size_t>(count));
  for (int64_t k = 0; k < count; ++k) outcomes.push_back(run_seed(config, first_seed + k, success_loss));
  return outcomes;
}

}  // namespace relulab
