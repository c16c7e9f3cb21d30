// landscape.cpp: see landscape.h.
#include "landscape.h"

#include <cmath>

#include "session.h"

namespace relulab {

std::string check_grid(const Config& config, const Grid& g) {
  const int64_t total = parameter_count(layer_sizes(config), config.bias);
  if (g.i < 0 || g.i >= total || g.j < 0 || g.j >= total || g.i == g.j)
    return "grid: parameters i and j must be two different indices in [0, " + std::to_string(total) + ")";
  if (g.nx < 1 || g.ny < 1 || g.nx * g.ny > kMaxGridPoints)
    return "grid: nx * ny must be in [1, " + std::to_string(kMaxGridPoints) + "]";
  if (!std::isfinite(g.x0) || !std::isfinite(g.x1) || !std::isfinite(g.y0) || !std::isfinite(g.y1) ||
      std::fabs(g.x0) > 1e6 || std::fabs(g.x1) > 1e6 || std::fabs(g.y0) > 1e6 || std::fabs(g.y1) > 1e6)
    return "grid: the ranges must be finite numbers within [-1e6, 1e6]";
  return "";
}

std::vector<float> loss_landscape(const Config& config, const Grid& g) {
  Config c = config;
  c.steps = 0;
  Session session(c);
  std::vector<float> params = session.params();
  std::vector<float> out(static_cast<size_t>(g.nx * g.ny));
  for (int64_t iy = 0; iy < g.ny; ++iy)
    for (int64_t ix = 0; ix < g.nx; ++ix) {
      params[static_cast<size_t>(g.i)] = static_cast<float>(g.x(ix));
      params[static_cast<size_t>(g.j)] = static_cast<float>(g.y(iy));
      out[static_cast<size_t>(iy * g.nx + ix)] = static_cast<float>(session.loss_at(params));
    }
  return out;
}

std::vector<BasinPoint> basin_map(const Config& config, const Grid& g) {
  Config c = config;
  c.trace = c.steps > 0 ? c.steps : 1;
  std::vector<double> start = initial_parameters(c, Layout(layer_sizes(c), c.bias));
  std::vector<BasinPoint> out(static_cast<size_t>(g.nx * g.ny));
  for (int64_t iy = 0; iy < g.ny; ++iy)
    for (int64_t ix = 0; ix < g.nx; ++ix) {
      start[static_cast<size_t>(g.i)] = static_cast<float>(g.x(ix));
      start[static_cast<size_t>(g.j)] = static_cast<float>(g.y(iy));
      c.weights = start;
      Session session(c);
      session.step(c.steps);
      BasinPoint& p = out[static_cast<size_t>(iy * g.nx + ix)];
      p.final_loss = session.trace().loss.back();
      p.end_x = session.params()[static_cast<size_t>(g.i)];
      p.end_y = session.params()[static_cast<size_t>(g.j)];
      p.diverged = session.state() == RunState::Diverged;
    }
  return out;
}

}  // namespace relulab
