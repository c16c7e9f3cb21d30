// l2_bias_test.cpp: the L2 penalty on biases, 0.5 * l2_bias * sum(b^2) (objective.h),
// beside the weights' 0.5 * l2 * sum(W^2): in the loss, in the gradient, and in the
// landscapes, which compute the loss their own way (lane_kernels.h).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "landscape.h"
#include "landscape_exact.h"
#include "lanes.h"
#include "test_support.h"

namespace relulab {
namespace {

// |x + iy| with 3 units: W1 [0..5], b1 [6..8], W2 [9..11], b2 [12].
const std::string kNet = "task=modulus&layers=3&init=normal&binit=normal&seed=4";
const std::vector<size_t> kBiases = {6, 7, 8, 12};

TEST(L2Bias, TheLossGainsHalfTheCoefficientTimesTheSquaredBiases) {
  auto plain = testing::make_session(kNet);
  auto penalised = testing::make_session(kNet + "&l2_bias=0.3");
  ASSERT_TRUE(plain && penalised);
  ASSERT_EQ(plain->params(), penalised->params());
  double squares = 0;
  for (size_t i : kBiases) squares += double(plain->params()[i]) * plain->params()[i];
  ASSERT_GT(squares, 0.1) << "binit=normal draws biases far from 0";
  // float sums against a double one: agree to float rounding
  EXPECT_NEAR(penalised->evaluate().loss, plain->evaluate().loss + 0.15 * squares, 1e-5);
}

TEST(L2Bias, OneStepPullsEveryBiasTowardsZeroAndLeavesTheWeightsAlone) {
  // One SGD step from the same start: the biases move by an extra -lr * l2_bias * b,
  // the weights exactly as without the penalty.
  auto plain = testing::make_session(kNet + "&lr=0.1&steps=1");
  auto penalised = testing::make_session(kNet + "&lr=0.1&steps=1&l2_bias=0.5");
  ASSERT_TRUE(plain && penalised);
  const std::vector<float> start = plain->params();
  plain->step(1);
  penalised->step(1);
  for (size_t i = 0; i < start.size(); ++i) {
    bool bias = false;
    for (size_t b : kBiases) bias |= b == i;
    if (!bias) {
      EXPECT_EQ(penalised->params()[i], plain->params()[i]) << "weight " << i;
      continue;
    }
    // (g + 0.5 b) in float, times lr, against g alone: equal to a few ulps of the step
    EXPECT_NEAR(penalised->params()[i] - plain->params()[i], -0.1 * 0.5 * start[i], 1e-6) << "bias " << i;
  }
}

TEST(L2Bias, TheLandscapeCountsThePenaltyAsTheSessionDoes) {
  // A slice through a weight and a bias, computed by the lanes, against Session::loss_at.
  const Config config = testing::valid_config(kNet + "&l2_bias=0.2&l2=0.01&steps=0");
  Grid g;
  g.i = 0;
  g.j = 6;
  g.nx = 9;
  g.ny = 5;
  ASSERT_FALSE(exact_landscape_supported(config, g));
  testing::expect_landscape_is_session_loss(config, g);
  // The single unit's weight-bias slice has an exact path that counts the weight's
  // penalty only: with a bias penalty the lanes draw it instead.
  const Config single = testing::valid_config("task=relu1d&out=relu&l2_bias=0.1&steps=0");
  Grid wb;
  wb.i = 0;
  wb.j = 1;
  EXPECT_FALSE(exact_landscape_supported(single, wb)) << "the exact path counts the weight's penalty only";
}

TEST(L2Bias, SweepsWithABiasPenaltyRunOneSessionPerSeed) {
  EXPECT_EQ(lanes_unsupported(testing::valid_config(kNet + "&l2_bias=0.1")), "l2_bias");
  EXPECT_EQ(lanes_unsupported(testing::valid_config(kNet)), "");
}

}  // namespace
}  // namespace relulab
