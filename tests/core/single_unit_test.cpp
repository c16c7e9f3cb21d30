// single_unit_test.cpp: the Keras question of docs/SCIENCE.md, y_hat = relu(w x), no bias,
// target relu(x), x ~ N(0, 1), MSE, plain SGD with a fresh batch of B = 1000 every
// step (config: task=relu1d&out=relu&bias=0&weights=W0&fresh=1).
//
// Closed forms (population): L(w) = (1 + w^2)/2 for w <= 0, (w - 1)^2/2 for w >= 0;
// dL/dw = w for w < 0, w - 1 for w > 0. So from w0 < 0, w_t = w0 * prod(1 - eta G_t),
// where G_t is the batch's estimate of the slope factor: mean 1, variance 5/B.
//
// Band for the end weight: log|w_T| - log|w0 (1 - eta)^T| is a sum of T terms
// log(1 - eta G_t) - log(1 - eta), each of variance ~ eta^2 * 5/B (the mean shift,
// ~T eta^2 5/(2B) = 5e-4, is negligible). For eta = 0.01, T = 2000, B = 1000:
// sd = sqrt(2000 * 1e-4 * 5e-3) = 0.032. The test allows 5 sd: |log ratio| < 0.16.
// Float rounding adds ~sqrt(T) * 6e-8 = 3e-6 to that, nothing.
//
// Band for the traced losses: each record is the loss on the fixed 1000-point
// training set, L_hat(w) = mean over points of v(x) with v = (relu(w x) - relu(x))^2.
// Its sd around L(w) is sqrt(Var v / 1000), Var v = 1.5 (w^4 + 1) - (1 + w^2)^2 / 4
// for w <= 0 and 1.25 (w - 1)^4 for w >= 0 (Gaussian moments E x^4 1{x>0} = 3/2).
// Every record must lie within 5 sd (+1e-6 for float rounding of the loss).
#include <gtest/gtest.h>

#include <cmath>

#include "test_support.h"

namespace relulab {
namespace {

using testing::trained;

double population_loss(double w) { return w <= 0 ? (1 + w * w) / 2 : (w - 1) * (w - 1) / 2; }

double held_set_sd(double w) {
  const double var = w <= 0 ? 1.5 * (w * w * w * w + 1) - (1 + w * w) * (1 + w * w) / 4
                            : 1.25 * std::pow(w - 1, 4);
  return std::sqrt(var / 1000.0);
}

TEST(SingleUnit, FromMinusTenTheWeightEndsJustBelowZero) {
  auto s = trained("task=relu1d&out=relu&bias=0&weights=-10&fresh=1&steps=2000");
  ASSERT_TRUE(s);
  ASSERT_EQ(s->params().size(), 1u);
  const double w = s->params()[0];
  const double expected = -10 * std::pow(0.99, 2000);  // -1.86e-8
  EXPECT_NEAR(expected, -1.86e-8, 0.01e-8);
  EXPECT_LT(w, 0.0) << "the gradient pulls w to 0 and no further";
  EXPECT_LT(std::fabs(std::log(w / expected)), 5 * 0.032) << "w = " << w;
  // The unit is dead: with w < 0 it fires only for x < 0, where its output is
  // ~1e-8 |x|: the loss is the target's mean square, about 1/2.
  const Evaluation e = s->evaluate();
  double mean_square = 0;
  for (double y : s->data().y) mean_square += y * y;
  mean_square /= double(s->data().n);
  EXPECT_NEAR(e.loss, mean_square, 1e-6);
  EXPECT_NEAR(e.loss, 0.5, 5 * held_set_sd(0));
}

TEST(SingleUnit, FromHalfItReachesOne) {
  auto s = trained("task=relu1d&out=relu&bias=0&weights=0.5&fresh=1&steps=2000");
  ASSERT_TRUE(s);
  // 1 + (0.5 - 1) 0.99^2000 = 1 - 9e-10: float cannot tell it from 1.
  EXPECT_NEAR(s->params()[0], 1.0, 1e-5);
  EXPECT_LT(s->evaluate().loss, 1e-9);
}

TEST(SingleUnit, TracedLossesFollowThePopulationFormula) {
  for (const char* start : {"-10", "-0.5", "0.5", "3"}) {
    SCOPED_TRACE(start);
    auto s = trained(std::string("task=relu1d&out=relu&bias=0&fresh=1&steps=2000&weights=") + start);
    ASSERT_TRUE(s);
    const Trace& t = s->trace();
    ASSERT_EQ(t.params.size(), t.loss.size()) << "one parameter per record";
    ASSERT_GE(t.loss.size(), 1000u);
    EXPECT_EQ(t.step.front(), 0);
    EXPECT_EQ(t.step.back(), 2000);
    EXPECT_EQ(t.params.front(), std::stof(start));
    int checked = 0;
    for (size_t r = 0; r < t.loss.size(); ++r) {
      const double w = t.params[r];
      ASSERT_NEAR(t.loss[r], population_loss(w), 5 * held_set_sd(w) + 1e-6) << "record " << r << " w " << w;
      ++checked;
      // The sign of w never changes: the gradient vanishes at 0 from the left and
      // points away from 0 on the right.
      ASSERT_EQ(w < 0, t.params.front() < 0) << "record " << r;
    }
    EXPECT_EQ(checked, int(t.loss.size()));
  }
}

// In expectation w_t = w0 (1 - eta)^t: at every record of the run from -10 the
// weight is within the same multiplicative band (grown as sqrt(t)) of that curve.
TEST(SingleUnit, WeightTrajectoryFollowsTheExpectation) {
  auto s = trained("task=relu1d&out=relu&bias=0&weights=-10&fresh=1&steps=2000");
  ASSERT_TRUE(s);
  const Trace& t = s->trace();
  for (size_t r = 1; r < t.step.size(); ++r) {
    const double steps = double(t.step[r]);
    const double expected = -10 * std::pow(0.99, steps);
    const double sd = std::sqrt(steps * 1e-4 * 5e-3);
    ASSERT_LT(std::fabs(std::log(t.params[r] / expected)), 5 * sd + 1e-5) << "step " << steps;
  }
}

}  // namespace
}  // namespace relulab
