// landscape_exact_test.cpp: the single unit's landscape from sorted moments
// (landscape_exact.h) against two references, at every point of each grid:
//
//   1. A brute force in double over the same float-rounded data and parameters:
//      |exact - brute| <= 1e-12 * M, where M is the mean over the points of
//      (s (|w x| + |b|) + |t|)^2 (s = max(1, slope)), the size of the terms that the
//      expanded quadratic adds up and cancels. Each of the ~n additions rounds by at
//      most 2^-53 M (1.1e-16 M), so the worst case is ~1.1e-16 n M: 1.1e-13 M for
//      n = 1000 (measured: under 8e-15 M).
//      A point on the wrong piece moves the loss by z ((1 + s) z - 2 t) (1 - s) / n,
//      far above this unless its z is within ~1e-4 of 0 (n = 1000, M ~ 10, t = 0):
//      OnePointOnTheWrongPieceExceedsTheTolerance checks that this tolerance sees it.
//   2. Session::loss_at, which computes in float: |loss_landscape - loss_at| <=
//      2e-8 n |loss_at| + 3e-7 M. The float sum of n squares has a relative error of
//      at most ~n u (u = 2^-24 = 6e-8), typically far less; a third of that bound is
//      allowed. The residual d = f(w x + b) - t carries ~2 u (|w x| + |b| + |t|) of
//      rounding, which moves d^2 by up to ~4 u M (the absolute term, for losses near
//      the minimum, where d is small). Measured: at most a third of this tolerance
//      (7.6e-6 relative at n = 1000, 3.2e-5 at n = 5000, both the float sum's
//      rounding). This comparison catches gross errors only; the first one is sharp.
//
// The grids contain w = 0 and b = 0 exactly, grid points whose breakpoint -b/w is a
// data point, duplicate inputs (with equal and with different targets), both
// orientations, reversed ranges and single lines.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "landscape.h"
#include "landscape_exact.h"
#include "session.h"
#include "tasks.h"
#include "test_support.h"

namespace relulab {
namespace {

constexpr double kDoubleTolerance = 1e-12;                       // of M, against the double brute force
constexpr double kFloatPerPoint = 2e-8, kFloatOfScale = 3e-7;  // against Session::loss_at

Grid square_grid(int64_t i, int64_t j, double lo, double hi, int64_t points) {
  Grid g;
  g.i = i;
  g.j = j;
  g.x0 = g.y0 = lo;
  g.x1 = g.y1 = hi;
  g.nx = g.ny = points;
  return g;
}

// The two parameters (w, b) at grid point `at`, as loss_landscape hands them to the
// Session: parameter i is the x coordinate, j the y coordinate, rounded to float.
std::vector<float> params_at(const Grid& g, int64_t at) {
  std::vector<float> p(2);
  p[size_t(g.i)] = static_cast<float>(g.x(at % g.nx));
  p[size_t(g.j)] = static_cast<float>(g.y(at / g.nx));
  return p;
}

// The loss by brute force in double from the Session's float inputs, through the
// engine's own activation function (activation.h) evaluated in double.
class BruteForce {
 public:
  explicit BruteForce(const Config& config) : acts_(activations_of(config)) {
    const Dataset data = make_training_set(config);
    for (int64_t k = 0; k < data.n; ++k) {
      x_.push_back(static_cast<float>(data.x[size_t(k)]));
      t_.push_back(static_cast<float>(data.y[size_t(k)]));
    }
    alpha_ = static_cast<float>(acts_.output_alpha);
    double z = -1, a = 0;  // the slope of the z <= 0 piece is -f(-1)
    activation_forward<double>(acts_.output, alpha_, &z, &a, 1);
    off_slope_ = -a;
    l2_half_ = static_cast<float>(0.5 * config.l2);
  }

  double loss(double w, double b) const { return loss_flipping(w, b, x_.size()); }

  // The loss with point `flip` evaluated on the other piece of the activation than
  // the one its z is on; flip = x().size() for none.
  double loss_flipping(double w, double b, size_t flip) const {
    double sum = 0;
    for (size_t k = 0; k < x_.size(); ++k) {
      double z = w * x_[k] + b, a = 0;
      activation_forward<double>(acts_.output, alpha_, &z, &a, 1);
      if (k == flip) a = z > 0 ? off_slope_ * z : z;
      const double d = a - t_[k];
      sum += d * d;
    }
    return sum / double(x_.size()) + l2_half_ * (w * w);
  }

  // M: the size of the terms the expanded quadratic adds up (see the top).
  double scale(double w, double b) const {
    double sum = 0;
    for (size_t k = 0; k < x_.size(); ++k) {
      const double m = std::max(1.0, off_slope_) * (std::fabs(w * x_[k]) + std::fabs(b)) + std::fabs(t_[k]);
      sum += m * m;
    }
    return sum / double(x_.size());
  }

  // The point whose z is nearest 0, and that z.
  size_t nearest_to_breakpoint(double w, double b) const {
    size_t best = 0;
    for (size_t k = 1; k < x_.size(); ++k)
      if (std::fabs(w * x_[k] + b) < std::fabs(w * x_[best] + b)) best = k;
    return best;
  }

  const std::vector<float>& x() const { return x_; }

 private:
  Activations acts_;
  std::vector<float> x_, t_;  // floats, as the Session's
  double alpha_ = 0, off_slope_ = 0, l2_half_ = 0;
};

// Every point of the grid against both references (see the top), and loss_landscape
// routed through the exact path (its floats are the exact doubles rounded).
void expect_exact_landscape(const std::string& query, const Grid& g) {
  SCOPED_TRACE(query + " grid (" + std::to_string(g.i) + "," + std::to_string(g.j) + ") " + std::to_string(g.nx) +
               "x" + std::to_string(g.ny));
  const Config config = testing::valid_config(query);
  ASSERT_FALSE(check_grid(config, g).has_value());
  ASSERT_TRUE(exact_landscape_supported(config, g));
  const std::vector<double> exact = exact_landscape<double>(config, g);
  const std::vector<float> routed = loss_landscape(config, g);
  ASSERT_EQ(exact.size(), size_t(g.nx * g.ny));
  ASSERT_EQ(routed.size(), exact.size());
  const BruteForce brute(config);
  Session session(config);
  for (int64_t at = 0; at < g.nx * g.ny; ++at) {
    const std::vector<float> p = params_at(g, at);
    const double scale = brute.scale(p[0], p[1]);
    const double reference = brute.loss(p[0], p[1]);
    const double in_float = session.loss_at(p);
    ASSERT_NEAR(exact[size_t(at)], reference, kDoubleTolerance * scale) << "w=" << p[0] << " b=" << p[1];
    ASSERT_EQ(routed[size_t(at)], static_cast<float>(exact[size_t(at)])) << "at " << at;
    ASSERT_NEAR(routed[size_t(at)], in_float,
                kFloatPerPoint * double(brute.x().size()) * std::fabs(in_float) + kFloatOfScale * scale)
        << "w=" << p[0] << " b=" << p[1];
  }
}

TEST(ExactLandscape, Relu1dEveryActivationOrientationAndL2) {
  // 25 x 25 over [-3, 3]: steps of 0.25, so w = 0, b = 0 and the minimum w = 1 are on it.
  for (const char* out : {"out=relu", "out=leaky", "out=leaky&alpha=0.3", "out=linear"})
    for (const char* l2 : {"", "&l2=0.1"})
      for (const int64_t i : {0, 1})
        expect_exact_landscape(std::string("task=relu1d&layers=&bias=1&steps=0&") + out + l2,
                               square_grid(i, 1 - i, -3, 3, 25));
}

TEST(ExactLandscape, ManyPoints) {
  expect_exact_landscape("task=relu1d&n=5000&out=linear&l2=0.1&steps=0", square_grid(0, 1, -3, 3, 25));
}

TEST(ExactLandscape, NoisyTargetsAndASteepLeakySlope) {
  expect_exact_landscape("task=relu1d&n=300&noise=0.5&seed=7&out=relu&l2=0.05", square_grid(0, 1, -2, 4, 31));
  expect_exact_landscape("task=relu1d&n=300&noise=0.5&seed=7&out=leaky&alpha=2", square_grid(1, 0, -2, 4, 31));
}

// Inputs at -2, -1, 0, 0.5, 1, 2 with duplicates (equal and different targets), and a
// grid in steps of 0.5: many grid points put the breakpoint -b/w exactly on a data
// point (checked), others between points, where one point on the wrong piece would
// move the loss by a large amount.
TEST(ExactLandscape, DuplicatesAndPointsExactlyOnTheBreakpoint) {
  const std::string points = "points=-2,1,-1,0.5,-1,0.5,-1,-2,0,3,0,0,0,-1,0.5,0.25,1,1,1,1,2,-0.5";
  const Grid g = square_grid(0, 1, -2, 2, 9);
  const Config config = testing::valid_config("task=custom&" + points);
  const BruteForce brute(config);
  int on_a_point = 0;
  for (int64_t at = 0; at < g.nx * g.ny; ++at) {
    const std::vector<float> p = params_at(g, at);
    for (float x : brute.x()) on_a_point += p[0] != 0 && double(p[0]) * x + p[1] == 0;
  }
  EXPECT_GT(on_a_point, 20) << "the grid must put breakpoints on data points";
  for (const char* out : {"out=relu", "out=leaky&alpha=0.5", "out=linear"})
    for (const int64_t i : {0, 1}) {
      Grid oriented = g;
      oriented.i = i;
      oriented.j = 1 - i;
      expect_exact_landscape("task=custom&layers=&steps=0&" + points + "&" + out, oriented);
    }
}

// Decimal inputs and targets, which float cannot hold exactly: the exact path must use
// the Session's float-rounded values (off by ~1e-8 relative otherwise, far above the
// double tolerance). Six points, as in the cross-build test's custom set.
TEST(ExactLandscape, UsesTheSessionsFloatRoundedData) {
  const std::string points = "points=-1.7,0.3,-0.4,-0.1,0.2,0.9,0.2,0.1,1.3,1.1,2.9,3.3";
  for (const char* out : {"out=relu", "out=leaky&alpha=0.2&l2=0.3"})
    expect_exact_landscape("task=custom&steps=0&" + points + "&" + out, square_grid(0, 1, -3, 3, 31));
}

TEST(ExactLandscape, ReversedRangesSingleLinesAndWideRanges) {
  const std::string relu = "task=relu1d&n=200&steps=0&out=relu";
  Grid reversed = square_grid(0, 1, 3, -3, 21);  // w and b both run downwards
  expect_exact_landscape(relu, reversed);
  Grid column = square_grid(1, 0, -3, 3, 1);  // one point wide: b = -3, w along y
  column.ny = 40;
  expect_exact_landscape(relu, column);
  Grid row = square_grid(0, 1, -3, 3, 1);  // one point high: b = -3, w along x
  row.nx = 40;
  expect_exact_landscape(relu, row);
  expect_exact_landscape("task=relu1d&n=200&steps=0&out=leaky", square_grid(0, 1, -1e6, 1e6, 11));
}

// The double tolerance is tight enough to see an active-set error: moving the point
// nearest the breakpoint to the other piece of the activation changes the loss by more
// than the tolerance at almost every grid point (where w != 0; the exceptions are
// points within ~1e-5 of the breakpoint, whose piece hardly matters).
TEST(ExactLandscape, OnePointOnTheWrongPieceExceedsTheTolerance) {
  const Config config = testing::valid_config("task=relu1d&out=relu&steps=0");
  const Grid g = square_grid(0, 1, -3, 3, 25);
  const BruteForce brute(config);
  int seen = 0, grid_points = 0;
  for (int64_t at = 0; at < g.nx * g.ny; ++at) {
    const std::vector<float> p = params_at(g, at);
    if (p[0] == 0) continue;
    ++grid_points;
    const double flipped = brute.loss_flipping(p[0], p[1], brute.nearest_to_breakpoint(p[0], p[1]));
    seen += std::fabs(flipped - brute.loss(p[0], p[1])) > kDoubleTolerance * brute.scale(p[0], p[1]);
  }
  EXPECT_GE(seen, grid_points * 9 / 10) << seen << " of " << grid_points;
}

TEST(ExactLandscape, RefusesWhatItCannotCompute) {
  const Grid wb = square_grid(0, 1, -3, 3, 5), bw = square_grid(1, 0, -3, 3, 5);
  auto supported = [](const std::string& query, const Grid& g) {
    return exact_landscape_supported(testing::valid_config(query), g);
  };
  for (const char* out : {"relu", "leaky", "linear"}) {
    EXPECT_TRUE(supported(std::string("task=relu1d&out=") + out, wb)) << out;
    EXPECT_TRUE(supported(std::string("task=relu1d&out=") + out + "&l2=0.5", bw)) << out;
  }
  EXPECT_TRUE(supported("task=custom&points=0,1,1,2", wb));
  EXPECT_FALSE(supported("task=relu1d&layers=1&out=relu", wb));  // a hidden layer
  EXPECT_FALSE(supported("task=relu1d&layers=1&out=relu", square_grid(2, 3, -3, 3, 5)));
  EXPECT_FALSE(supported("task=add2&out=relu", wb));  // two inputs
  EXPECT_FALSE(supported("task=custom&dim=2&points=0,1,1,2,3,4", wb));
  EXPECT_FALSE(supported("task=xor&out=softmax&loss=ce", wb));  // cross-entropy
  EXPECT_FALSE(supported("task=xor&out=sigmoid", wb));           // two outputs
  EXPECT_FALSE(supported("task=relu1d&bias=0&out=relu", wb));    // no bias
  for (const char* out : {"elu", "selu", "gelu", "swish", "tanh", "sigmoid"})
    EXPECT_FALSE(supported(std::string("task=relu1d&out=") + out, wb)) << out;
}

}  // namespace
}  // namespace relulab
