// stability_test.cpp: runs that go wrong must stop cleanly. A run whose units all die
// decays its weights through L2 towards zero and must not crawl through denormal
// floats (values below 1e-30 are flushed to exactly 0); a run that blows up takes the
// step that blew up (its update applied, as frameworks apply it), ends in
// RunState::Diverged at that step with its non-finite units marked nan, never crashes,
// and further steps do nothing.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "sweep.h"
#include "test_support.h"

namespace relulab {
namespace {

// Spiral at step 10 with L2 0.01: every hidden unit dies within a few steps (see
// spiral_test.cpp), after which each weight only decays, w *= 1 - lr*l2 = 0.9 per
// step: below 1e-30 after ~660 steps. By step 2000 they must be exactly 0, and no
// parameter anywhere may be a tiny nonzero (denormal-range) value.
TEST(Stability, DeadDecayingNetworkIsFlushedNotDenormal) {
  auto s = testing::trained(
      "task=spiral&layers=100&out=softmax&loss=ce&init=normal&sigma=0.01&lr=10&l2=0.01&steps=2000");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->state(), RunState::Ok);
  const Evaluation e = s->evaluate();
  EXPECT_EQ(e.layers[0].dead_count, 100);
  int zeros = 0, tiny = 0;
  for (float p : s->params()) {
    zeros += p == 0.0f;
    tiny += p != 0.0f && std::fabs(p) < 1e-30f;
  }
  EXPECT_EQ(tiny, 0);
  EXPECT_GE(zeros, 200 + 300) << "the 200 hidden and 300 output weights decayed to exactly 0";
  for (float g : s->grads()) EXPECT_FALSE(g != 0.0f && std::fabs(g) < 1e-37f) << "denormal gradient " << g;
}

// Linear regression on modulus with step 100: gradient descent on a quadratic with
// curvature ~1 multiplies the error by ~-99 every step, overflowing float in ~20.
TEST(Stability, DivergingRunStopsCleanly) {
  auto s = testing::make_session("task=modulus&layers=&out=linear&lr=100&steps=1000");
  ASSERT_TRUE(s);
  const int64_t taken = s->step(1000);
  EXPECT_EQ(s->state(), RunState::Diverged);
  EXPECT_TRUE(s->done());
  EXPECT_GT(s->diverged_at(), 0);
  EXPECT_LT(s->diverged_at(), 200);
  EXPECT_LT(taken, 1000);
  EXPECT_EQ(s->current_step(), taken);
  EXPECT_EQ(s->diverged_at(), taken) << "the step that diverged is taken, then the run stops";
  // Further steps are a no-op.
  const std::vector<float> params = s->params();
  const size_t records = s->trace().step.size();
  EXPECT_EQ(s->step(100), 0);
  EXPECT_EQ(s->current_step(), taken);
  EXPECT_EQ(s->trace().step.size(), records);
  const std::vector<float> after = s->params();
  ASSERT_EQ(after.size(), params.size());
  for (size_t i = 0; i < params.size(); ++i)
    EXPECT_TRUE(after[i] == params[i] || (std::isnan(after[i]) && std::isnan(params[i])));
  // The last record is the divergence, once; evaluating is still safe.
  const std::vector<int64_t>& steps = s->trace().step;
  EXPECT_EQ(steps.back(), taken);
  EXPECT_LT(steps[steps.size() - 2], taken);
  EXPECT_FALSE(std::isfinite(s->trace().loss.back()));
  const Evaluation e = s->evaluate();
  EXPECT_EQ(e.step, taken);
  EXPECT_FALSE(e.finite);
  // A sweep classifies it.
  const SeedOutcome o = run_seed(s->config(), 1, 1e-3);
  EXPECT_EQ(o.state, RunState::Diverged);
  EXPECT_EQ(o.failure, Failure::Diverged);
  EXPECT_FALSE(o.success);
  EXPECT_EQ(o.diverged_at, s->diverged_at());
}

// Every unit's diagnostics after a divergence: a unit whose pre-activation is not
// finite on some point is nan, and a nan unit is never counted dead. Returns the nan
// units of each layer.
std::vector<int> nan_units(const Evaluation& e) {
  std::vector<int> nan;
  for (const LayerDiagnostics& d : e.layers) {
    int dead = 0, layer_nan = 0;
    for (size_t u = 0; u < size_t(d.units); ++u) {
      EXPECT_FALSE(d.nan[u] && d.dead[u]) << "unit " << u;
      dead += d.dead[u];
      layer_nan += d.nan[u];
    }
    EXPECT_EQ(d.dead_count, dead);
    nan.push_back(layer_nan);
  }
  return nan;
}

// The circle (2-8-8-2, linear outputs, MSE) at lr 100: three steps push the outputs to
// about 1e20, whose squares overflow float, so the loss step 4 computes is +inf while
// every gradient is finite. Step 4 is applied and the run stops there: its parameters
// are finite (up to 3.4e30), the huge steps have killed all 16 hidden units, and no
// unit is nan; the evaluation's loss is +inf. The trace holds step 4 once, at its end.
TEST(Stability, DivergedRunEndsAfterTheStepThatDiverged) {
  auto s = testing::trained("task=circle&layers=8,8&lr=100&steps=3000&trace=1");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->state(), RunState::Diverged);
  EXPECT_EQ(s->diverged_at(), 4);
  EXPECT_EQ(s->current_step(), 4);
  for (float p : s->params()) EXPECT_TRUE(std::isfinite(p));
  const Evaluation e = s->evaluate();
  EXPECT_EQ(e.loss, std::numeric_limits<double>::infinity());
  EXPECT_EQ(nan_units(e), (std::vector<int>{0, 0, 0}));
  EXPECT_EQ(e.layers[0].dead_count, 8);
  EXPECT_EQ(e.layers[1].dead_count, 8);
  EXPECT_EQ(s->trace().step, (std::vector<int64_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(s->trace().loss.back(), std::numeric_limits<float>::infinity());
}

TEST(Stability, DivergenceInADeepNetWithHugeInputs) {
  // An input of 1e6 through two layers of N(0, 100^2) weights gives outputs ~1e12 and
  // gradients ~1e22; one step of 100 makes the weights ~1e24 and the next forward
  // pass overflows float.
  auto s = testing::make_session("task=custom&dim=1&points=1000000,1,-1000000,2&layers=8,8&init=normal&sigma=100"
                                 "&lr=100&steps=50");
  ASSERT_TRUE(s);
  s->step(50);
  EXPECT_EQ(s->state(), RunState::Diverged);
  EXPECT_EQ(s->diverged_at(), 2);
  EXPECT_EQ(s->step(5), 0);
  // The update of step 2 overflows: 61 of the 97 parameters are not finite, and every
  // unit of every layer computes a non-finite pre-activation on some point.
  int non_finite = 0;
  for (float p : s->params()) non_finite += !std::isfinite(p);
  EXPECT_EQ(non_finite, 61);
  EXPECT_EQ(nan_units(s->evaluate()), (std::vector<int>{8, 8, 1}));
}

}  // namespace
}  // namespace relulab
