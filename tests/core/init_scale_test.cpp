// init_scale_test.cpp: the Intoli experiment (docs/SCIENCE.md): in a 5-layer, 100-unit ReLU
// MLP with N(0, sigma^2) weights and zero biases each layer multiplies the mean square
// activation by 100 * sigma^2 / 2: 0.50, 0.98, 3.92 for sigma = 0.10, 0.14, 0.28.
// Measured through Session::evaluate()'s per-layer mean_square on 100 points of the
// gauss task, for hidden layers 2..5 against the layer below (layer 1 sees a
// 2-dimensional input, so its own ratio is 2 sigma^2 / 2).
// Why that holds: given a layer's input a, a unit's z = w . a is N(0, sigma^2 |a|^2),
// and E relu(z)^2 = sigma^2 |a|^2 / 2 = 50 sigma^2 * mean(a^2).
// Band: one net's ratio scatters by ~15% (its 100 units' weight norms, and the
// 2-dimensional input, which makes the points' hidden vectors strongly correlated);
// averaged over 32 seeds the standard error is ~2.7% (measured: ratios within 0.5% to
// 4.5% of 50 sigma^2 over 16 seeds, within 2.8% over 64). The test allows 10%.
// (The seeds' weights are the same normals scaled by sigma, so the three sigmas share
// one pattern of deviations: this is one experiment at three scales, not three.)
#include <gtest/gtest.h>

#include <cmath>

#include "test_support.h"

namespace relulab {
namespace {

std::vector<double> mean_ratios(double sigma, int seeds) {
  std::vector<double> ratio(4, 0.0);
  for (int seed = 1; seed <= seeds; ++seed) {
    auto s = testing::make_session("task=gauss&n=100&layers=100,100,100,100,100&init=normal&binit=0&steps=0&sigma=" +
                                   std::to_string(sigma) + "&seed=" + std::to_string(seed));
    if (!s) return {};
    const Evaluation e = s->evaluate();
    for (int l = 1; l <= 4; ++l) ratio[size_t(l - 1)] += e.layers[size_t(l)].mean_square / e.layers[size_t(l - 1)].mean_square;
  }
  for (double& r : ratio) r /= seeds;
  return ratio;
}

TEST(InitScale, IntoliMeanSquareRatios) {
  struct Case {
    double sigma, expected;
  };
  for (Case c : {Case{0.10, 0.50}, Case{0.14, 0.98}, Case{0.28, 3.92}}) {
    const std::vector<double> ratio = mean_ratios(c.sigma, 32);
    ASSERT_EQ(ratio.size(), 4u);
    std::printf("sigma %.2f: ratios %.3f %.3f %.3f %.3f (expected %.2f)\n", c.sigma, ratio[0], ratio[1], ratio[2],
                ratio[3], c.expected);
    for (double r : ratio) EXPECT_NEAR(r / c.expected, 1.0, 0.10) << "sigma " << c.sigma;
  }
}

TEST(InitScale, FirstLayerSeesTheInput) {
  // Layer 1 against the input: E relu(w . x)^2 = sigma^2 |x|^2 / 2, so with sigma = 1
  // the layer's mean square is half the mean |x|^2 of the points. One net, 100 units
  // with 2 weights each: the scatter is ~15%; the band is 35%.
  auto s = testing::make_session("task=gauss&n=500&layers=100,100,100,100,100&init=normal&binit=0&steps=0&sigma=1");
  ASSERT_TRUE(s);
  double x2 = 0;
  for (double v : s->data().x) x2 += v * v;
  x2 /= double(s->data().n);  // mean |x|^2 per point
  EXPECT_NEAR(s->evaluate().layers[0].mean_square / (x2 / 2), 1.0, 0.35);
}

}  // namespace
}  // namespace relulab
