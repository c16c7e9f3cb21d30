// diagnostics.h: what happens inside the network, measured on the whole training
// set after a forward pass. Definitions:
//   firing rate  share of points with z > 0
//   dead         a ReLU unit (hidden or output) with z <= 0 on every point: its
//                gradient is exactly zero, so it never learns again
//   dormant      fires, but on fewer than kDormantRate of the points
//   NaN          z is not finite on some point (the run diverged)
//   collapsed    two live units of a layer with nearly the same [w | b]
#pragma once
#include <cstdint>
#include <vector>

#include "mlp.h"

namespace relulab {

constexpr double kDormantRate = 0.01;
constexpr double kCollapseDistance = 0.05;  // |u_i - u_j| / max(|u_i|, |u_j|)
constexpr int kHistogramBins = 32;

struct Histogram {
  float lo = -1, hi = 1;  // always contains 0, so the z = 0 line can be drawn
  std::vector<uint32_t> counts;
};

struct LayerDiagnostics {
  int units = 0;
  bool relu = false;                // dead is only defined for ReLU units
  std::vector<float> firing_rate;   // per unit
  std::vector<float> activity;      // mean |a| per unit (the ReDo score's numerator)
  std::vector<uint8_t> dead, dormant, nan;
  int dead_count = 0;
  float dead_fraction = 0;
  float mean_square = 0;            // mean of a^2 over units and points
  Histogram z_histogram;
};

struct CollapsedPair {
  int layer = 0, first = 0, second = 0;
  float distance = 0;
};

// Per layer 1..L (index 0 of the result is layer 1), from the eval workspace.
template <typename T>
std::vector<LayerDiagnostics> layer_diagnostics(const Layout& layout, const Activations& acts, const Workspace<T>& ws);

// Pairs of collapsed live units in hidden layers of at most 128 units.
std::vector<CollapsedPair> collapsed_pairs(const Layout& layout, const float* params,
                                           const std::vector<LayerDiagnostics>& layers);

// Euclidean norm of each layer's slice of the gradient arena (weights and biases).
std::vector<float> layer_gradient_norms(const Layout& layout, const float* grads);

extern template std::vector<LayerDiagnostics> layer_diagnostics<float>(const Layout&, const Activations&,
                                                                       const Workspace<float>&);
extern template std::vector<LayerDiagnostics> layer_diagnostics<double>(const Layout&, const Activations&,
                                                                        const Workspace<double>&);

}  // namespace relulab
