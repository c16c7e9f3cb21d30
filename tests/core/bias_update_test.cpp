// bias_update_test.cpp: bias_update=decay (optimizer.h), the update of the adder
// question's code: every bias's gradient is replaced by the bias itself, so SGD makes
// b -= lr * b, while the weights learn from the loss's gradient as usual.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "lanes.h"
#include "test_support.h"

namespace relulab {
namespace {

// The adder of experiment 3: 2-4-4-1, ReLU everywhere, N(0, 1) weights and biases,
// one sample per step. Arena: W1 [0..7], b1 [8..11], W2 [12..27], b2 [28..31],
// W3 [32..35], b3 [36].
const std::string kAdder = "task=add2&layers=4,4&out=relu&init=normal&binit=normal&batch=1";
const std::vector<size_t> kBiases = {8, 9, 10, 11, 28, 29, 30, 31, 36};

bool is_bias(size_t i) {
  for (size_t b : kBiases)
    if (b == i) return true;
  return false;
}

TEST(BiasUpdate, DecayShrinksEveryBiasByOneMinusLrPerStepWhateverTheData) {
  auto s = testing::make_session(kAdder + "&seed=5&bias_update=decay&lr=0.01&steps=500");
  ASSERT_TRUE(s);
  std::vector<float> expected(kBiases.size());
  for (size_t k = 0; k < kBiases.size(); ++k) expected[k] = s->params()[kBiases[k]];
  for (int step = 1; step <= 500; ++step) {
    s->step(1);
    // The optimizer's own float arithmetic, p -= lr * g with g = p: exact, not approximate.
    for (size_t k = 0; k < kBiases.size(); ++k) expected[k] -= 0.01f * expected[k];
    if (step % 100 != 0) continue;
    for (size_t k = 0; k < kBiases.size(); ++k)
      ASSERT_EQ(s->params()[kBiases[k]], expected[k]) << "bias " << kBiases[k] << " at step " << step;
  }
  // 0.99^500 = 0.0066: every bias is within 1% of 0 relative to where it started.
  for (size_t k = 0; k < kBiases.size(); ++k) EXPECT_LT(std::abs(expected[k]), 1.0f);
}

TEST(BiasUpdate, WeightsLearnFromTheGradientAsWithTheCorrectRule) {
  // One step from the same start: the weights move exactly as under the correct rule
  // (the gradient is taken before the biases change), the biases do not.
  auto decay = testing::make_session(kAdder + "&bias_update=decay&seed=1&steps=1");
  auto gradient = testing::make_session(kAdder + "&bias_update=gradient&seed=1&steps=1");
  ASSERT_TRUE(decay && gradient);
  ASSERT_EQ(decay->params(), gradient->params());
  const std::vector<float> start = decay->params();
  decay->step(1);
  gradient->step(1);
  int weights_moved = 0, biases_differ = 0;
  for (size_t i = 0; i < start.size(); ++i) {
    if (is_bias(i)) {
      EXPECT_EQ(decay->params()[i], start[i] - 0.01f * start[i]) << "bias " << i;
      biases_differ += decay->params()[i] != gradient->params()[i];
    } else {
      EXPECT_EQ(decay->params()[i], gradient->params()[i]) << "weight " << i;
      weights_moved += decay->params()[i] != start[i];
    }
  }
  EXPECT_GT(biases_differ, 0) << "seed 1's first step (a run that learns the sum) must reach some bias under the correct rule";
  EXPECT_GT(weights_moved, 0) << "seed 1's first step (a run that learns the sum) must move some weight";
}

TEST(BiasUpdate, TheDefaultIsTheGradientAndANameOutsideTheChoicesIsRefused) {
  EXPECT_EQ(testing::valid_config("").bias_update, BiasUpdate::Gradient);
  EXPECT_EQ(testing::valid_config("bias_update=decay").bias_update, BiasUpdate::Decay);
  const ParseResult bad = parse_config("bias_update=asker&lr=0.5");
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors[0].key, "bias_update");
  EXPECT_NE(bad.errors[0].message().find("gradient, decay"), std::string::npos) << bad.errors[0].message();
  EXPECT_EQ(bad.config.lr, 0.5) << "the rest of the query is kept";
  EXPECT_EQ(bad.config.bias_update, BiasUpdate::Gradient) << "the bad key keeps its default";
}

TEST(BiasUpdate, SweepsOfTheDecayRuleRunOneSessionPerSeed) {
  // The lane trainer computes the gradient rule only; the sweep falls back for decay.
  EXPECT_EQ(lanes_unsupported(testing::valid_config(kAdder + "&bias_update=decay")), "bias_update");
  EXPECT_EQ(lanes_unsupported(testing::valid_config(kAdder)), "");
}

}  // namespace
}  // namespace relulab
