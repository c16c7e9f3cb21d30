// landscape.cpp: see landscape.h.
#include "landscape.h"

#include <algorithm>
#include <cmath>

#include "landscape_exact.h"
#include "number_text.h"
#include "lane_loss.h"
#include "lanes.h"
#include "session.h"

namespace relulab {

std::optional<ConfigError> check_grid(const Config& config, const Grid& g) {
  const int64_t total = parameter_count(layer_sizes(config), config.bias);
  if (g.i < 0 || g.i >= total || g.j < 0 || g.j >= total || g.i == g.j)
    return ConfigError{"grid",
                       "parameters i and j must be two different indices in [0, " + std::to_string(total) + ")",
                       "grid_parameters",
                       {{"count", std::to_string(total)}}};
  if (g.nx < 1 || g.ny < 1 || g.nx * g.ny > kMaxGridPoints)
    return ConfigError{"grid", "nx * ny must be in [1, " + std::to_string(kMaxGridPoints) + "]", "grid_size",
                       {{"limit", std::to_string(kMaxGridPoints)}}};
  const auto inside = [](double v) { return std::isfinite(v) && std::fabs(v) <= kMaxGridCoordinate; };
  if (!inside(g.x0) || !inside(g.x1) || !inside(g.y0) || !inside(g.y1)) {
    const std::string limit = shortest_text(kMaxGridCoordinate);
    return ConfigError{"grid", "the ranges must be finite numbers within [-" + limit + ", " + limit + "]",
                       "grid_range", {{"limit", limit}}};
  }
  return std::nullopt;
}

// A single unit's weight-bias slice comes from its moments (landscape_exact.h); any
// other slice goes through the lanes kLanes grid points at a time (LaneLoss gives the
// one-session numbers bit for bit; tests/core/lanes_test.cpp checks it).
std::vector<float> loss_landscape(const Config& config, const Grid& g) {
  if (exact_landscape_supported(config, g)) return exact_landscape<float>(config, g);
  Config c = config;
  c.steps = 0;
  const Layout layout(layer_sizes(c), c.bias);
  std::vector<float> base;
  for (double v : initial_parameters(c, layout)) base.push_back(static_cast<float>(v));
  const int64_t total = layout.total, points = g.nx * g.ny;
  LaneLoss lanes(c);
  std::vector<float> out(static_cast<size_t>(points)), params(static_cast<size_t>(kLanes * total));
  for (int64_t first = 0; first < points; first += kLanes) {
    const int used = static_cast<int>(std::min<int64_t>(kLanes, points - first));
    for (int j = 0; j < used; ++j) {
      const int64_t at = first + j;
      float* p = params.data() + j * total;
      std::copy(base.begin(), base.end(), p);
      p[g.i] = static_cast<float>(g.x(at % g.nx));
      p[g.j] = static_cast<float>(g.y(at / g.nx));
    }
    lanes.losses(params.data(), used, out.data() + first);
  }
  return out;
}

namespace {

BasinPoint basin_point_on_session(Config c, const std::vector<double>& start, const Grid& g) {
  c.weights = start;
  Session session(c);
  session.step(c.steps);
  BasinPoint p;
  p.final_loss = session.trace().loss.back();
  p.end_x = session.params()[static_cast<size_t>(g.i)];
  p.end_y = session.params()[static_cast<size_t>(g.j)];
  p.diverged = session.state() == RunState::Diverged;
  return p;
}

}  // namespace

std::vector<BasinPoint> basin_map(const Config& config, const Grid& g) {
  Config c = config;
  c.trace = c.steps > 0 ? c.steps : 1;
  const Layout layout(layer_sizes(c), c.bias);
  std::vector<double> start = initial_parameters(c, layout);
  const int64_t points = g.nx * g.ny;
  std::vector<BasinPoint> out(static_cast<size_t>(points));
  auto start_at = [&](int64_t at) {
    std::vector<double> s = start;
    s[static_cast<size_t>(g.i)] = static_cast<float>(g.x(at % g.nx));
    s[static_cast<size_t>(g.j)] = static_cast<float>(g.y(at / g.nx));
    return s;
  };
  if (!lanes_unsupported(c).empty()) {
    for (int64_t at = 0; at < points; ++at) out[static_cast<size_t>(at)] = basin_point_on_session(c, start_at(at), g);
    return out;
  }
  // One start point per lane; every lane shares the seed's data and batch order.
  const Dataset data = make_training_set(c);
  for (int64_t first = 0; first < points; first += kLanes) {
    const int used = static_cast<int>(std::min<int64_t>(kLanes, points - first));
    std::vector<LaneRun> runs(static_cast<size_t>(used));
    for (int j = 0; j < used; ++j) runs[size_t(j)] = {static_cast<uint64_t>(c.seed), &data, start_at(first + j)};
    LaneTrainer lanes(c, runs);
    lanes.train(c.steps);
    for (int j = 0; j < used; ++j) {
      BasinPoint& p = out[static_cast<size_t>(first + j)];
      if (lanes.suspect(j)) {
        p = basin_point_on_session(c, runs[size_t(j)].initial, g);
        continue;
      }
      const std::vector<float> end = lanes.params(j);
      p.final_loss = static_cast<float>(evaluate_parameters(c, data, end, c.steps).loss);
      p.end_x = end[static_cast<size_t>(g.i)];
      p.end_y = end[static_cast<size_t>(g.j)];
      p.diverged = false;
    }
  }
  return out;
}

}  // namespace relulab
