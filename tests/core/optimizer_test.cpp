// optimizer_test.cpp: one and two steps of every update rule on a parameter whose
// gradient is given, against values worked out by hand from the formulas in
// optimizer.h (Keras/PyTorch conventions); Adam's per-parameter restart after reset();
// and the flush of values below 1e-30 to zero.
// Parameters and state are float, so results are compared to 2e-7 relative to 1
// (a few float ulps); the hand values are exact decimals of the double formulas.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "optimizer.h"

namespace relulab {
namespace {

constexpr float kTol = 2e-7f;

// Two updates of a single parameter p0 = 1 with gradients g1 then g2.
std::vector<float> two_steps(Optimizer kind, float g1, float g2, double lr = 0.1, double mom = 0.9) {
  OptimizerState opt({kind, lr, mom}, 1);
  float p = 1;
  std::vector<float> out;
  opt.update(&p, &g1, 1);
  out.push_back(p);
  opt.update(&p, &g2, 1);
  out.push_back(p);
  return out;
}

TEST(Optimizer, Sgd) {
  // p -= lr g: 1 - 0.1 * 0.5 = 0.95; 0.95 - 0.1 * (-1) = 1.05.
  const std::vector<float> p = two_steps(Optimizer::Sgd, 0.5f, -1.0f);
  EXPECT_NEAR(p[0], 0.95f, kTol);
  EXPECT_NEAR(p[1], 1.05f, kTol);
}

TEST(Optimizer, Momentum) {
  // v = 0.9 v - 0.1 g, p += v: v1 = -0.05, p1 = 0.95; v2 = -0.045 - 0.05 = -0.095, p2 = 0.855.
  const std::vector<float> p = two_steps(Optimizer::Momentum, 0.5f, 0.5f);
  EXPECT_NEAR(p[0], 0.95f, kTol);
  EXPECT_NEAR(p[1], 0.855f, kTol);
}

TEST(Optimizer, Nesterov) {
  // v = 0.9 v - 0.1 g, p += 0.9 v - 0.1 g:
  // v1 = -0.05, p1 = 1 - 0.045 - 0.05 = 0.905; v2 = -0.095, p2 = 0.905 - 0.0855 - 0.05 = 0.7695.
  const std::vector<float> p = two_steps(Optimizer::Nesterov, 0.5f, 0.5f);
  EXPECT_NEAR(p[0], 0.905f, kTol);
  EXPECT_NEAR(p[1], 0.7695f, kTol);
}

TEST(Optimizer, Rmsprop) {
  // s1 = 0.1 * 0.25 = 0.025, p1 = 1 - 0.1 * 0.5 / (sqrt(0.025) + 1e-7) = 0.68377243;
  // s2 = 0.0225 + 0.1 = 0.1225, p2 = p1 - 0.1 * (-1) / (0.35 + 1e-7) = 0.96948664.
  const std::vector<float> p = two_steps(Optimizer::Rmsprop, 0.5f, -1.0f);
  EXPECT_NEAR(p[0], 1 - 0.05 / (std::sqrt(0.025) + 1e-7), 4 * kTol);
  EXPECT_NEAR(p[1], 0.6837724339830356 + 0.1 / (0.35 + 1e-7), 4 * kTol);
}

TEST(Optimizer, Adam) {
  // Step 1: m = 0.05, v = 0.00025, mhat = 0.5, vhat = 0.25: p1 = 1 - 0.1 * 0.5 / 0.5 = 0.9
  // (the first Adam step moves every parameter by lr, whatever the gradient's size).
  // Step 2 with g = -1: m = 0.045 - 0.1 = -0.055, v = 0.00024975 + 0.001 = 0.00124975;
  // mhat = -0.055 / 0.19, vhat = 0.00124975 / 0.001999: p2 = 0.9 + 0.1 * 0.28947368 / 0.79068815.
  const std::vector<float> p = two_steps(Optimizer::Adam, 0.5f, -1.0f);
  EXPECT_NEAR(p[0], 0.9f, kTol);
  const double p2 = 0.9 + 0.1 * (0.055 / 0.19) / (std::sqrt(0.00124975 / 0.001999) + 1e-8);
  EXPECT_NEAR(p[1], p2, 4 * kTol);
  EXPECT_NEAR(p2, 0.93661, 1e-5);
  // Tiny gradients: the first step still moves by lr.
  OptimizerState tiny({Optimizer::Adam, 0.01, 0.9}, 1);
  float q = 0, g = 1e-6f;
  tiny.update(&q, &g, 1);
  EXPECT_NEAR(q, -0.01f * (1e-6f / (1e-6f + 1e-8f)), 1e-8f);
}

TEST(Optimizer, AdamResetRestartsTheBiasCorrection) {
  // After reset(i) a parameter's next step is a first step again: it moves by ~lr.
  OptimizerState opt({Optimizer::Adam, 0.1, 0.9}, 2);
  std::vector<float> p = {0, 0}, g = {1, 1};
  for (int k = 0; k < 5; ++k) opt.update(p.data(), g.data(), 2);
  opt.reset(1);
  const float before0 = p[0], before1 = p[1];
  g = {-4, -4};
  opt.update(p.data(), g.data(), 2);
  EXPECT_NEAR(p[1] - before1, 0.1f, 1e-6f) << "fresh history: mhat = g, vhat = g^2";
  EXPECT_LT(p[0] - before0, 0.05f) << "old history still pulls the other way";
}

TEST(Optimizer, MomentumResetForgetsVelocity) {
  OptimizerState opt({Optimizer::Momentum, 0.1, 0.9}, 1);
  float p = 0, g = 1;
  opt.update(&p, &g, 1);  // v = -0.1
  opt.reset(0);
  g = 0;
  const float before = p;
  opt.update(&p, &g, 1);  // v = 0: no move
  EXPECT_EQ(p, before);
}

TEST(Optimizer, TinyValuesAreFlushedToZero) {
  for (int k = 0; k < static_cast<int>(optimizer_names().size()); ++k) {
    SCOPED_TRACE(optimizer_names()[size_t(k)]);
    OptimizerState opt({static_cast<Optimizer>(k), 0.1, 0.9}, 4);
    std::vector<float> p = {1e-31f, -5e-31f, 2e-30f, 1e-38f}, g = {0, 0, 0, 0};
    opt.update(p.data(), g.data(), 4);
    EXPECT_EQ(p[0], 0.0f);
    EXPECT_EQ(p[1], 0.0f);
    EXPECT_EQ(p[2], 2e-30f) << "values at or above 1e-30 are kept";
    EXPECT_EQ(p[3], 0.0f);
  }
}

}  // namespace
}  // namespace relulab
