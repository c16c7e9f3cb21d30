// landscape_exact.h: the loss landscape of a single unit, y = f(w x + b), one input,
// one output, MSE, with f piecewise linear (relu, leaky, linear), over a grid of its
// weight and bias, computed from sorted data instead of point by point.
//
// The idea: for fixed (w, b) the unit is on the linear piece z = w x + b > 0 exactly for
// the inputs on one side of the breakpoint x = -b/w (all or none when w = 0), and on
// the slope-`alpha` piece for the rest. On each side the summed squared error
// sum (s (w x + b) - t)^2 is a quadratic in (w, b) whose coefficients are the sums of
// 1, x, x^2, t, x t, t^2 over that side. With the inputs sorted once, both sides are a
// prefix and a suffix of the sorted order, so with the coefficients precomputed for
// every split (prefix and suffix sums) the loss at a grid point costs one lookup and a
// few multiplications, once the breakpoint's position in the sorted inputs is known;
// that position is followed along each row of the grid, where it moves one way.
//
// What it computes: the MSE of the Session's model on the Session's data, with the
// Session's inputs (the data, the two parameters, alpha and 0.5 * l2 each rounded to
// float, as the Session stores them) but in double arithmetic, plus the L2 term
// 0.5 * l2 * w^2 (objective.h: the weights' term; a configuration with a bias penalty,
// l2_bias, is not supported here and takes the lanes). So against
// Session::loss_at (float arithmetic) it agrees to float rounding, not bit for bit; see
// tests/core/landscape_exact_test.cpp for the tolerances and why. Everything is IEEE
// double arithmetic without libm and with a deterministic sort, so the native and the
// WASM builds give the same bits for the same data.
#pragma once
#include <vector>

#include "config.h"
#include "landscape.h"

namespace relulab {

// True when exact_landscape can compute this slice: no hidden layers, one input, one
// output, a bias, MSE, output activation relu, leaky or linear, and the grid's two
// parameters the weight and the bias (in either order). Config and grid must be valid
// (check_grid).
bool exact_landscape_supported(const Config& config, const Grid& grid);

// The training-set loss at every grid point (layout as Grid's), computed in double and
// stored as T: float for loss_landscape, double for the tests.
template <typename T>
std::vector<T> exact_landscape(const Config& config, const Grid& grid);
extern template std::vector<float> exact_landscape<float>(const Config&, const Grid&);
extern template std::vector<double> exact_landscape<double>(const Config&, const Grid&);

}  // namespace relulab
