// diagnostics_test.cpp: firing rate, dead, dormant, collapsed pairs, died_at, gradient
// norms and histograms on networks whose weights are set by hand (the `weights` key),
// so every expected number below is counted by hand from the points and weights.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "test_support.h"

namespace relulab {
namespace {

// 1-4-1 on x = -2, -1, 1, 2 (targets 0). Hidden units (w, b):
//   u0 (1, 0):       z = -2, -1, 1, 2       fires on 2 of 4
//   u1 (0, -1):      z = -1 always          dead
//   u2 (1, -1.5):    z = -3.5 .. 0.5        fires on 1 of 4
//   u3 (1, 0.001):   u0 shifted by 0.001    fires on 2 of 4; collapsed with u0
// Output: W2 = (1, 1, 1, -1), b2 = 0, linear.
const char* kNet = "task=custom&dim=1&points=-2,0,-1,0,1,0,2,0&layers=4&weights=1,0,1,1,0,-1,-1.5,0.001,1,1,1,-1,0";

TEST(Diagnostics, FiringRatesDeadAndHistogramsByHand) {
  auto s = testing::make_session(kNet);
  ASSERT_TRUE(s);
  const Evaluation e = s->evaluate();
  ASSERT_EQ(e.layers.size(), 2u);
  const LayerDiagnostics& h = e.layers[0];
  EXPECT_TRUE(h.relu);
  EXPECT_EQ(h.units, 4);
  EXPECT_EQ(h.firing_rate, (std::vector<float>{0.5f, 0.0f, 0.25f, 0.5f}));
  EXPECT_EQ(h.dead, (std::vector<uint8_t>{0, 1, 0, 0}));
  EXPECT_EQ(h.dormant, (std::vector<uint8_t>{0, 0, 0, 0}));
  EXPECT_EQ(h.nan, (std::vector<uint8_t>{0, 0, 0, 0}));
  EXPECT_EQ(h.dead_count, 1);
  EXPECT_EQ(h.dead_fraction, 0.25f);
  // Mean |a| per unit: u0 (1 + 2)/4, u2 0.5/4.
  EXPECT_FLOAT_EQ(h.activity[0], 0.75f);
  EXPECT_EQ(h.activity[1], 0.0f);
  EXPECT_FLOAT_EQ(h.activity[2], 0.125f);
  // Mean square of a over units and points: (1 + 4) + 0 + 0.25 + (1.001^2 + 2.001^2), over 16.
  EXPECT_NEAR(h.mean_square, (5 + 0.25 + 1.001 * 1.001 + 2.001 * 2.001) / 16, 1e-6);
  // Histogram: all 16 z values counted, 0 inside [lo, hi] = [-3.5, 2.001].
  EXPECT_EQ(std::accumulate(h.z_histogram.counts.begin(), h.z_histogram.counts.end(), 0u), 16u);
  EXPECT_EQ(h.z_histogram.counts.size(), size_t(kHistogramBins));
  EXPECT_FLOAT_EQ(h.z_histogram.lo, -3.5f);
  EXPECT_FLOAT_EQ(h.z_histogram.hi, 2.001f);
  EXPECT_EQ(h.z_histogram.counts.front(), 1u) << "z = -3.5";
  EXPECT_EQ(h.z_histogram.counts.back(), 2u) << "z = 2 and 2.001 (the top bin is closed)";
  // The output layer is linear: dead is not defined, firing rate is still counted.
  const LayerDiagnostics& out = e.layers[1];
  EXPECT_FALSE(out.relu);
  EXPECT_EQ(out.dead_count, 0);
  // Born dead at step 0.
  EXPECT_EQ(s->died_at()[0], (std::vector<int64_t>{-1, 0, -1, -1}));
}

TEST(Diagnostics, CollapsedPairsIgnoreDeadUnits) {
  auto s = testing::make_session(kNet);
  ASSERT_TRUE(s);
  const Evaluation e = s->evaluate();
  const std::vector<CollapsedPair> pairs = collapsed_pairs(s->layout(), s->params().data(), e.layers);
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0].layer, 1);
  EXPECT_EQ(pairs[0].first, 0);
  EXPECT_EQ(pairs[0].second, 3);
  EXPECT_NEAR(pairs[0].distance, 0.001 / std::sqrt(1 + 0.001 * 0.001), 1e-6);
  // Two dead units with identical weights are not reported (dead units are their own
  // story); two identical live units are, at distance 0.
  auto twins = testing::make_session("task=custom&dim=1&points=-2,0,-1,0,1,0,2,0&layers=4&weights="
                                     "0,0,1,1,-1,-1,0.5,0.5,1,1,1,1,0");
  ASSERT_TRUE(twins);
  const Evaluation te = twins->evaluate();
  EXPECT_EQ(te.layers[0].dead_count, 2);
  const std::vector<CollapsedPair> tp = collapsed_pairs(twins->layout(), twins->params().data(), te.layers);
  ASSERT_EQ(tp.size(), 1u);
  EXPECT_EQ(tp[0].first, 2);
  EXPECT_EQ(tp[0].second, 3);
  EXPECT_EQ(tp[0].distance, 0.0f);
}

TEST(Diagnostics, DormantUnitFiresOnFewerThanOnePercent) {
  // 200 points x = 1..200; a unit z = x - 199.5 fires only on x = 200 (rate 0.005):
  // dormant, not dead. A unit z = x - 197.5 fires on 3 of 200 (1.5%): neither.
  std::string points;
  for (int i = 1; i <= 200; ++i) points += (i > 1 ? "," : "") + std::to_string(i) + ",0";
  auto s = testing::make_session("task=custom&dim=1&layers=2&points=" + points + "&weights=1,1,-199.5,-197.5,1,1,0");
  ASSERT_TRUE(s);
  const LayerDiagnostics h = s->evaluate().layers[0];
  EXPECT_EQ(h.firing_rate, (std::vector<float>{0.005f, 0.015f}));
  EXPECT_EQ(h.dormant, (std::vector<uint8_t>{1, 0}));
  EXPECT_EQ(h.dead, (std::vector<uint8_t>{0, 0}));
}

TEST(Diagnostics, DeadUnitsNeverLearnAndKeepTheirDeathStep) {
  // The dead unit u1's incoming weight and bias get an exactly zero gradient: after
  // 50 steps of training (no L2) they are bit-identical; the live units moved.
  auto s = testing::make_session(std::string(kNet) + "&lr=0.05&steps=50&trace=1");
  ASSERT_TRUE(s);
  const std::vector<float> before = s->params();
  s->step(50);
  const std::vector<float>& after = s->params();
  // Arena: W1 = [0..3], b1 = [4..7], W2 = [8..11], b2 = [12].
  EXPECT_EQ(after[1], before[1]);
  EXPECT_EQ(after[5], before[5]);
  EXPECT_EQ(after[9], before[9]) << "u1's outgoing weight sees a = 0 on every point";
  EXPECT_NE(after[0], before[0]);
  EXPECT_NE(after[12], before[12]);
  EXPECT_EQ(s->died_at()[0][1], 0);
  // Gradient norms: per layer, the norm of that layer's slice of grads().
  const std::vector<float> norms = s->gradient_norms();
  ASSERT_EQ(norms.size(), 2u);
  double layer2 = 0;
  for (int i = 8; i <= 12; ++i) layer2 += double(s->grads()[size_t(i)]) * s->grads()[size_t(i)];
  EXPECT_NEAR(norms[1], std::sqrt(layer2), 1e-6 * (1 + std::sqrt(layer2)));
  EXPECT_EQ(s->grads()[1], 0.0f);
  EXPECT_EQ(s->grads()[5], 0.0f);
}

TEST(Diagnostics, DiedAtRecordsTheFirstDeadRecord) {
  // A single ReLU unit y = relu(w x + b) on x = 1 with target -5: the gradient pushes
  // the output down until z <= 0, and the unit dies there. w = b = 1, lr 0.1:
  // z = 2, dL/dz = 2 (z - y) = 14, each step moves w and b by -1.4: z = 2 - 2.8 < 0
  // after one step.
  auto s = testing::make_session("task=custom&dim=1&points=1,-5&out=relu&weights=1,1&lr=0.1&steps=5&trace=1");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->died_at()[0][0], -1);
  s->step(5);
  EXPECT_EQ(s->died_at()[0][0], 1);
  EXPECT_NEAR(s->params()[0], 1 - 1.4, 1e-6);
  EXPECT_EQ(s->params()[0], s->trace().params[s->trace().params.size() - 2]) << "frozen after death";
  const Evaluation e = s->evaluate();
  EXPECT_EQ(e.layers[0].dead_count, 1);
  EXPECT_EQ(s->trace().dead_fraction, (std::vector<float>{0, 1, 1, 1, 1, 1}));
}

TEST(Diagnostics, HistogramAlwaysHoldsZero) {
  // All z positive: the range is stretched down to 0; all z equal: a default range.
  auto pos = testing::make_session("task=custom&dim=1&points=1,0,2,0,3,0&layers=1&weights=1,5,1,0");
  ASSERT_TRUE(pos);
  const Histogram h = pos->evaluate().layers[0].z_histogram;
  EXPECT_LE(h.lo, 0.0f);
  EXPECT_GE(h.hi, 8.0f);
  EXPECT_EQ(std::accumulate(h.counts.begin(), h.counts.end(), 0u), 3u);
  auto flat = testing::make_session("task=custom&dim=1&points=1,0,2,0&layers=1&weights=0,0,1,0");
  ASSERT_TRUE(flat);
  const Histogram f = flat->evaluate().layers[0].z_histogram;
  EXPECT_LE(f.lo, 0.0f);
  EXPECT_GE(f.hi, 0.0f);
  EXPECT_LT(f.lo, f.hi);
  EXPECT_EQ(std::accumulate(f.counts.begin(), f.counts.end(), 0u), 2u);
}

}  // namespace
}  // namespace relulab
