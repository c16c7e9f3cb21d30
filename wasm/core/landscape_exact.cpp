// landscape_exact.cpp: see landscape_exact.h. Compiled with -ffp-contract=off
// (CMakeLists.txt), so no compiler fuses a multiply and an add differently per build.
#include "landscape_exact.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "activation.h"
#include "loss.h"
#include "session.h"
#include "tasks.h"

namespace relulab {

namespace {

// Sums over a set of points (x, t): of 1, x, x^2, t, x t and t^2.
struct Moments {
  double count = 0, x = 0, xx = 0, t = 0, xt = 0, tt = 0;
  Moments plus(double xi, double ti) const {
    return {count + 1, x + xi, xx + xi * xi, t + ti, xt + xi * ti, tt + ti * ti};
  }
};

// A summed squared error as a quadratic in (w, b):
//   ww w^2 + 2 wb w b + bb b^2 - 2 (tw w + tb b) + tt.
struct Quadratic {
  double ww = 0, wb = 0, bb = 0, tw = 0, tb = 0, tt = 0;
  double at(double w, double b) const { return w * w * ww + 2 * w * b * wb + b * b * bb - 2 * (w * tw + b * tb) + tt; }
};

// sum (w x + b - t)^2 over the points of `on` plus sum (s (w x + b) - t)^2 over those
// of `off`.
Quadratic squared_error(const Moments& on, const Moments& off, double s) {
  return {on.xx + s * s * off.xx, on.x + s * s * off.x, on.count + s * s * off.count,
          on.xt + s * off.xt,     on.t + s * off.t,     on.tt + off.tt};
}

// The training set sorted by input, and for every k = 0..n the squared error when the
// unit is off on the first k points and on for the rest (rising, the case w >= 0), and
// when it is on for the first k and off for the rest (falling, w < 0).
struct SortedData {
  std::vector<double> x;
  std::vector<Quadratic> rising, falling;
};

SortedData sorted_data(const Config& config, double off_slope) {
  const Dataset data = make_training_set(config);
  const size_t n = static_cast<size_t>(data.n);
  // The values the Session trains on are these rounded to float, and are kept in floats
  // (GCC 12 -O2/-O3 was seen to vectorize double(float(v)) into plain v). Adding 0 turns
  // -0 into +0, so that (x, t) pairs sort in a total order: the sorted sequence, and so
  // every sum below, is the same whatever algorithm std::sort uses.
  std::vector<std::pair<float, float>> points(n);
  for (size_t i = 0; i < n; ++i)
    points[i] = {static_cast<float>(data.x[i]) + 0.0f, static_cast<float>(data.y[i]) + 0.0f};
  std::sort(points.begin(), points.end());
  // The moments of the first k points and of the rest, each a running sum of its own
  // (so neither is a difference of two large sums).
  std::vector<Moments> prefix(n + 1), suffix(n + 1);
  for (size_t i = 0; i < n; ++i) prefix[i + 1] = prefix[i].plus(points[i].first, points[i].second);
  for (size_t i = n; i-- > 0;) suffix[i] = suffix[i + 1].plus(points[i].first, points[i].second);
  SortedData d;
  d.x.resize(n);
  for (size_t i = 0; i < n; ++i) d.x[i] = points[i].first;
  d.rising.resize(n + 1);
  d.falling.resize(n + 1);
  for (size_t k = 0; k <= n; ++k) {
    d.rising[k] = squared_error(suffix[k], prefix[k], off_slope);
    d.falling[k] = squared_error(prefix[k], suffix[k], off_slope);
  }
  return d;
}

// How many leading points of `x` satisfy `leading`, found by moving from the count k;
// `leading` must hold on a prefix of x. A start near the answer makes this quick.
template <typename Leading>
size_t leading_count(size_t k, const std::vector<double>& x, Leading leading) {
  while (k > 0 && !leading(x[k - 1])) --k;
  while (k < x.size() && leading(x[k])) ++k;
  return k;
}

}  // namespace

bool exact_landscape_supported(const Config& config, const Grid& grid) {
  const Activation out = config.out;
  const bool piecewise_linear = out == Activation::Relu || out == Activation::Leaky || out == Activation::Linear;
  const bool weight_and_bias = std::min(grid.i, grid.j) == 0 && std::max(grid.i, grid.j) == 1;
  return layer_sizes(config) == std::vector<int>{1, 1} && config.bias && config.loss == Loss::Mse &&
         piecewise_linear && weight_and_bias && config.l2_bias == 0;
}

template <typename T>
std::vector<T> exact_landscape(const Config& config, const Grid& g) {
  const Activations acts = activations_of(config);
  // The output's slope where z <= 0, and the L2 factor, as the Session's floats.
  const double off_slope = acts.output == Activation::Relu    ? 0.0
                           : acts.output == Activation::Leaky ? static_cast<float>(acts.output_alpha)
                                                              : 1.0;
  const double l2_half = static_cast<float>(0.5 * config.l2);
  const SortedData d = sorted_data(config, off_slope);
  const double n = static_cast<double>(d.x.size());

  // The grid's coordinates as the Session's float parameters.
  std::vector<float> xs(static_cast<size_t>(g.nx)), ys(static_cast<size_t>(g.ny));
  for (int64_t ix = 0; ix < g.nx; ++ix) xs[size_t(ix)] = static_cast<float>(g.x(ix));
  for (int64_t iy = 0; iy < g.ny; ++iy) ys[size_t(iy)] = static_cast<float>(g.y(iy));

  std::vector<T> out(static_cast<size_t>(g.nx * g.ny));
  T* next = out.data();
  for (int64_t iy = 0; iy < g.ny; ++iy) {
    size_t k = 0;  // the count of leading points (below), at the previous grid point
    bool was_rising = true;
    for (int64_t ix = 0; ix < g.nx; ++ix) {
      double p[2];  // parameter 0 is the weight, 1 the bias
      p[g.i] = xs[size_t(ix)];
      p[g.j] = ys[size_t(iy)];
      const double w = p[0], b = p[1];
      // For w >= 0, z = w x + b does not decrease along the sorted inputs (rounding is
      // monotone), so the points with z <= 0 (on the off piece; relu(0) = leaky(0) = 0,
      // the same value as the on piece there) are a prefix; for w < 0 the points with
      // z > 0 are. Its length is searched for at the start of a row and where w changes
      // sign, and otherwise found by moving from the previous point's (right from any
      // start; quick because along a row, with w of one sign, it only grows or shrinks).
      const bool rising = !(w < 0);
      const auto leading = [&](double x) { return (w * x + b > 0) != rising; };
      k = ix == 0 || rising != was_rising
              ? size_t(std::partition_point(d.x.begin(), d.x.end(), leading) - d.x.begin())
              : leading_count(k, d.x, leading);
      was_rising = rising;
      // A sum of squares; the expansion can round an exact 0 to a tiny negative number.
      const double sum = std::max(0.0, (rising ? d.rising[k] : d.falling[k]).at(w, b));
      *next++ = static_cast<T>(sum / n + l2_half * (w * w));
    }
  }
  return out;
}

template std::vector<float> exact_landscape<float>(const Config&, const Grid&);
template std::vector<double> exact_landscape<double>(const Config&, const Grid&);

}  // namespace relulab
