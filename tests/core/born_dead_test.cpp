// born_dead_test.cpp: the probability that a freshly initialised bias-free ReLU net of
// H hidden layers of width N maps a single input x != 0 to zero in some hidden layer,
// 1 - (1 - 2^-N)^H (Lu et al. 2020), by Monte Carlo through born_dead() with He-normal
// weights (symmetric and continuous, as the theorem asks).
// Band: the count of dead nets over T trials is binomial, sd = sqrt(p (1 - p) / T);
// the test allows 4 sd (a false alarm once in ~16000 runs per case; the seeds are
// fixed, so in practice the result is the same on every run and build).
// Also: every unit of the first hidden layer is dead with probability 1/2 (its z is
// a symmetric continuous draw times x).
#include <gtest/gtest.h>

#include <cmath>

#include "born_dead.h"
#include "test_support.h"

namespace relulab {
namespace {

// Lu et al.'s closed form for H hidden layers of width N: 1 - (1 - 2^-N)^H.
double born_dead_formula(int width, int depth) { return 1.0 - std::pow(1.0 - std::pow(2.0, -width), depth); }

TEST(BornDead, MonteCarloMatchesTheFormula) {
  const int64_t trials = 4000;
  struct Shape {
    int width, depth;
  };
  for (Shape sh : {Shape{1, 1}, Shape{2, 3}, Shape{2, 8}, Shape{3, 8}, Shape{4, 5}, Shape{5, 8}, Shape{8, 8}}) {
    SCOPED_TRACE("N=" + std::to_string(sh.width) + " H=" + std::to_string(sh.depth));
    // One point x = 1 (target 0), no biases anywhere.
    const Config c = testing::valid_config("task=custom&dim=1&points=1,0&init=he_normal&bias=0&layers=" +
                                           testing::layers_of(sh.width, sh.depth));
    const BornDeadResult r = born_dead(c, 1, trials);
    ASSERT_EQ(r.trials, trials);
    const double p = born_dead_formula(sh.width, sh.depth);
    const double measured = double(r.dead_networks) / double(trials);
    const double sd = std::sqrt(p * (1 - p) / double(trials));
    std::printf("born dead N=%d H=%d: %.4f (formula %.4f, sd %.4f)\n", sh.width, sh.depth, measured, p, sd);
    EXPECT_NEAR(measured, p, 4 * sd);
    ASSERT_EQ(r.dead_unit_fraction.size(), size_t(sh.depth + 1));
    // Per unit of layer 1: dead with probability 1/2; the mean of N * T such
    // indicators has sd 0.5 / sqrt(N T).
    EXPECT_NEAR(r.dead_unit_fraction[0], 0.5, 4 * 0.5 / std::sqrt(double(sh.width * trials)));
    // Deeper layers are at least as dead as layer 1 on average.
    EXPECT_GE(r.dead_unit_fraction[size_t(sh.depth - 1)], r.dead_unit_fraction[0] - 0.05);
  }
}

TEST(BornDead, SymmetricBiasesDoNotSaveADeepNarrowNet) {
  // Lu et al.: with symmetric weight AND bias distributions, ReLU nets still die in
  // probability as depth grows. Width 2, N(0, 1) biases, He weights: the share of
  // nets with an all-zero hidden layer grows with depth.
  std::vector<double> share;
  for (const char* layers : {"2", "2,2,2,2", "2,2,2,2,2,2,2,2"}) {
    const Config c =
        testing::valid_config(std::string("task=custom&dim=1&points=1,0&init=he_normal&binit=normal&layers=") + layers);
    share.push_back(double(born_dead(c, 1, 2000).dead_networks) / 2000.0);
  }
  std::printf("born dead with N(0,1) biases, width 2, depth 1/4/8: %.3f %.3f %.3f\n", share[0], share[1], share[2]);
  EXPECT_GT(share[1], share[0] + 0.1);
  EXPECT_GT(share[2], share[1] + 0.1);
  EXPECT_GT(share[2], 0.5);
}

}  // namespace
}  // namespace relulab
