// landscape.h: the loss as a function of two parameters, the others held at their
// initial values (a 2-D slice), and the basin map: where training ends from every
// start point of a grid.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "config.h"
#include "config_query.h"

namespace relulab {

// A grid over parameters i (x axis) and j (y axis) of the arena; nx * ny points,
// row-major with y outer: point (ix, iy) is at iy * nx + ix.
struct Grid {
  int64_t i = 0, j = 1;
  double x0 = -3, x1 = 3, y0 = -3, y1 = 3;
  int64_t nx = 64, ny = 64;
  double x(int64_t ix) const { return nx > 1 ? x0 + (x1 - x0) * double(ix) / double(nx - 1) : x0; }
  double y(int64_t iy) const { return ny > 1 ? y0 + (y1 - y0) * double(iy) / double(ny - 1) : y0; }
};
constexpr int64_t kMaxGridPoints = 512 * 512;
constexpr double kMaxGridCoordinate = 1e6;

// Why the grid does not fit the configuration (key "grid"), or nothing when it does:
//   grid_parameters {count}  i and j are not two different parameters in [0, count)
//   grid_size       {limit}  nx * ny is not in [1, limit]
//   grid_range      {limit}  a range is not finite or not within [-limit, limit]
std::optional<ConfigError> check_grid(const Config& config, const Grid& grid);

// Loss on the training set at every grid point: Session::loss_at's value bit for bit
// (through the lanes), except for the slices exact_landscape_supported accepts (a
// single unit's weight and bias, piecewise-linear output, MSE). Those are computed in
// double from sorted data (landscape_exact.h), so they agree with the float
// Session::loss_at to its float rounding only (its float sum of n squares: up to
// ~n * 6e-8 relative; the tests allow a third of that, plus 3e-7 of the size of the
// loss's terms, and say why in tests/core/landscape_exact_test.cpp).
std::vector<float> loss_landscape(const Config& config, const Grid& grid);

struct BasinPoint {
  float final_loss = 0;
  float end_x = 0, end_y = 0;  // where parameters i and j ended
  bool diverged = false;
};
// Trains config.steps from every grid point as the start of parameters i and j.
std::vector<BasinPoint> basin_map(const Config& config, const Grid& grid);

}  // namespace relulab
