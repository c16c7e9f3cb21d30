// born_dead.cpp: see born_dead.h.
#include "born_dead.h"

#include "diagnostics.h"
#include "session.h"

namespace relulab {

BornDeadResult born_dead(const Config& config, int64_t first_seed, int64_t trials) {
  Config c = config;
  c.seed = first_seed;
  c.weights.clear();
  const Layout layout(layer_sizes(c), c.bias);
  const Activations acts = activations_of(c);
  const Dataset data = make_training_set(c);
  Workspace<float> ws;
  ws.resize(layout, data.n);
  for (int64_t i = 0; i < ws.a[0].size(); ++i) ws.a[0].data()[i] = static_cast<float>(data.x[static_cast<size_t>(i)]);

  BornDeadResult result;
  result.trials = trials;
  result.dead_unit_fraction.assign(static_cast<size_t>(layout.layers()), 0.0);
  std::vector<float> params;
  for (int64_t t = 0; t < trials; ++t) {
    c.seed = first_seed + t;
    const std::vector<double> drawn = initial_parameters(c, layout);
    params.assign(drawn.begin(), drawn.end());
    mlp_forward<float>(layout, acts, params.data(), ws);
    bool dead = false;
    for (int l = 1; l < layout.layers(); ++l) dead = dead || ws.a[l].isZero(0);
    result.dead_networks += dead;
    const std::vector<LayerDiagnostics> layers = layer_diagnostics<float>(layout, acts, ws);
    for (size_t l = 0; l < layers.size(); ++l) result.dead_unit_fraction[l] += layers[l].dead_fraction;
  }
  for (double& f : result.dead_unit_fraction) f /= trials > 0 ? double(trials) : 1.0;
  return result;
}

}  // namespace relulab
