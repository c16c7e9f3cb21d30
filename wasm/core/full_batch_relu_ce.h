// full_batch_relu_ce.h: the training step's gradient for a network of one hidden ReLU
// layer and a softmax cross-entropy output, over the whole training set, in one fused
// pass (the CS231n spiral's network): the trainer's fast path for such a network.
//
// It writes bit for bit the gradient that loss_and_gradient (objective.h) writes,
// because each value is the same chain of float operations in the same order
// (dense.h's contract); tests/core/full_batch_relu_ce_test.cpp holds the two equal.
//   forward, SIMD over 4 points: z(u) = (W1(u,0) x0 + W1(u,1) x1 + ...) + b1(u),
//     h = z > 0 ? z : 0, and each logit (0 + W2(c,0) h(0) + W2(c,1) h(1) + ...) + b2(c)
//     summed over the units in ascending order, in the same loop; the softmax and
//     dL/dlogits = (p - y) / n per point, as softmax_columns and ce_gradient compute them;
//   backward, SIMD over 4 hidden units: dW2(c,u), dW1(u,k) and db1(u) each summed
//     over the points in ascending order, db2(c) likewise; dL/dh(u) =
//     W2(0,u) d(0) + W2(1,u) d(1) + ..., kept where h > 0.
// Adding a zero changes no bit of a sum that starts at +0, since such a sum never
// holds -0. So:
//   - a unit that fires on no point, which adds only zeros to every sum, is left out
//     of both passes; a unit that fired on no point at the previous call is only
//     tested (its pre-activations, up to the first point where it fires), the others
//     do the full work (which units fired is a hint for the next call, never a result);
//   - z and dL/dh start at their first product, not at 0 + it as dense.h's sums do:
//     the two differ at most in the sign of a zero, which the ReLU (z > 0) and the
//     sums those values go into (zeros) do not see.
//
// It does not compute the loss: a training step needs of it only whether it is finite
// (session.h's divergence rule). The data term of cross-entropy is finite for any
// probabilities (each log is floored at 1e-30, and the targets are one-hot), so the
// loss is finite exactly when its L2 term is (l2_term, objective.h): that is what
// gradient() returns.
#pragma once
#include <cstdint>
#include <vector>

#include "config.h"
#include "mlp.h"
#include "objective.h"
#include "simd4.h"

namespace relulab {

class FullBatchReluCe {
 public:
  // Whether this pass computes a configuration's gradient: one ReLU hidden layer,
  // softmax cross-entropy, no dropout. The caller also needs full batches.
  static bool applies(const Config& config);

  // x: the inputs (inputs x n), y: one-hot targets (classes x n), both column-major.
  FullBatchReluCe(const Layout& layout, const Objective& objective, const Matrix<float>& x, const Matrix<float>& y);

  // Overwrites grads with dL/dparams (the L2 term's included) at params, which must be
  // finite; returns whether the loss there is finite.
  bool gradient(const float* params, float* grads);

 private:
  template <int kIn, int kClasses>
  void forward(const float* params);
  void softmax_deltas();
  template <int kIn, int kClasses>
  void backward(const float* params, float* grads);
  bool fires_anywhere(const float* params, int unit) const;

  Layout layout_;
  Objective objective_;
  int in_, hidden_, classes_;
  int64_t n_, padded_;                  // points, and points rounded up to a multiple of 4
  std::vector<float> x_rows_;           // inputs x padded, row-major (zeros past n, as in every row)
  std::vector<float> y_rows_;           // targets, classes x padded, row-major
  std::vector<float> h_groups_;         // h per group of 4 live units: point-major, the group's 4 units together
  std::vector<float> logit_rows_;       // classes x padded, row-major (the softmax works in it)
  std::vector<simd::f32x4> point_;      // per point: dL/dlogits (classes), then x (inputs), each splat
  std::vector<simd::f32x4> unit_;       // per live unit (groups of 4, the last filled with zeros): W1 row, b1, W2 column, splat
  std::vector<int> live_;               // units that do the full work, ascending
  std::vector<uint8_t> fired_;          // per unit: fired at the last call (a dW2 sum not 0)
};

}  // namespace relulab
