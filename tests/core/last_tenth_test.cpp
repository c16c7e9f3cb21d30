// last_tenth_test.cpp: the rule that tells a failed run still improving from one stuck
// (last_tenth.h) on numbers set by hand, its place among the failure classes, and the
// Session's measure of the loss where the last tenth of training begins. (The adder's
// runs under the rule: add2_sweep_test.cpp; sweeps on lanes against the Session:
// lanes_test.cpp.)
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "last_tenth.h"
#include "sweep.h"
#include "test_support.h"

namespace relulab {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(LastTenth, BeginsAfterNineTenthsOfTheSteps) {
  EXPECT_EQ(last_tenth_start(30000), 27000);
  EXPECT_EQ(last_tenth_start(2993), 2694);  // W = 299
  EXPECT_EQ(last_tenth_start(19), 18);      // W = 1
  EXPECT_EQ(last_tenth_start(9), 9);        // W = 0: C = S
  EXPECT_EQ(last_tenth_start(0), 0);
}

TEST(LastTenth, ImprovingMeansTheLossFellByMoreThanATenThousandthOfLC) {
  // L_C = 0.5: the bar is a drop of 5e-5.
  EXPECT_TRUE(still_improving(0.5, 0.49994));   // 6e-5
  EXPECT_FALSE(still_improving(0.5, 0.49996));  // 4e-5
  EXPECT_FALSE(still_improving(0.5, 0.5));      // a plateau
  EXPECT_FALSE(still_improving(0.5, 0.6));      // rising
  EXPECT_TRUE(still_improving(3e-3, 1e-3));
  // L_C must be finite and > 0.
  EXPECT_FALSE(still_improving(kNaN, 0.1));
  EXPECT_FALSE(still_improving(kInf, 1.0));
  EXPECT_FALSE(still_improving(0.0, -1.0));
  // A final loss that is not a number is no drop.
  EXPECT_FALSE(still_improving(0.5, kNaN));
}

// An evaluation of a 2-unit ReLU hidden layer and one output unit, with the given dead
// counts and final loss.
Evaluation evaluation(int hidden_dead, int output_dead, double loss, bool relu_output = true) {
  Evaluation e;
  e.loss = loss;
  e.finite = std::isfinite(loss);
  LayerDiagnostics hidden, output;
  hidden.units = 2;
  hidden.relu = true;
  hidden.dead_count = hidden_dead;
  output.units = 1;
  output.relu = relu_output;
  output.dead_count = output_dead;
  e.layers = {hidden, output};
  return e;
}

TEST(LastTenth, ClassesGoDivergedOutputDeadLayerDeadImprovingStuck) {
  const double fell = 0.5, flat = 0.2;  // L_C against a final loss of 0.2
  const double ok = 1e-3;
  EXPECT_EQ(classify(evaluation(0, 0, 0.2), RunState::Diverged, fell, ok), Failure::Diverged);
  EXPECT_EQ(classify(evaluation(0, 0, kInf), RunState::Ok, fell, ok), Failure::Diverged);
  EXPECT_EQ(classify(evaluation(0, 0, 1e-4), RunState::Ok, fell, ok), Failure::None);
  EXPECT_EQ(classify(evaluation(2, 1, 0.2), RunState::Ok, fell, ok), Failure::OutputDead);
  EXPECT_EQ(classify(evaluation(2, 0, 0.2), RunState::Ok, fell, ok), Failure::LayerDead);
  EXPECT_EQ(classify(evaluation(1, 0, 0.2), RunState::Ok, fell, ok), Failure::Improving);
  EXPECT_EQ(classify(evaluation(1, 0, 0.2), RunState::Ok, flat, ok), Failure::Stuck);
  EXPECT_EQ(classify(evaluation(1, 0, 0.2), RunState::Ok, kNaN, ok), Failure::Stuck);
  // Dead is a ReLU's: a linear output unit is never dead.
  EXPECT_EQ(classify(evaluation(0, 1, 0.2, false), RunState::Ok, flat, ok), Failure::Stuck);
  EXPECT_EQ(failure_names(),
            (std::vector<std::string>{"none", "diverged", "output_dead", "layer_dead", "improving", "stuck"}));
}

// The Session measures L_C when it reaches step C, however it is stepped: the loss an
// evaluation of another session stopped at step C reports.
TEST(LastTenth, SessionMeasuresTheLossWhereTheLastTenthBegins) {
  const std::string query = "task=xor&layers=6&act=tanh&out=sigmoid&batch=50&shuffle=1&lr=0.1&steps=250";
  auto stopped = testing::make_session(query);
  ASSERT_TRUE(stopped);
  stopped->step(225);  // C = 250 - 25
  const double want = stopped->evaluate().loss;
  auto s = testing::make_session(query);
  ASSERT_TRUE(s);
  s->step(224);
  EXPECT_TRUE(std::isnan(s->loss_at_last_tenth()));
  s->step(10);
  EXPECT_EQ(s->loss_at_last_tenth(), want);
  s->step(250);
  EXPECT_EQ(s->loss_at_last_tenth(), want);
  EXPECT_LT(s->evaluate().loss, want);  // this run still learns
}

TEST(LastTenth, RunsOfFewerThanTenStepsHaveNoLastTenth) {
  // W = 0: C = S, so L_C is the final loss and no such run is improving.
  auto s = testing::trained("task=xor&layers=6&lr=0.1&steps=9");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->loss_at_last_tenth(), s->evaluate().loss);
  auto none = testing::make_session("task=xor&layers=6&steps=0");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->loss_at_last_tenth(), none->evaluate().loss);
}

TEST(LastTenth, ADivergedRunNeverReachedIt) {
  // The circle at lr 100 diverges at step 4, long before step 2700.
  const SeedOutcome o = run_seed(testing::valid_config("task=circle&layers=8,8&lr=100&steps=3000"), 1, 1e-3);
  EXPECT_EQ(o.failure, Failure::Diverged);
  EXPECT_TRUE(std::isnan(o.loss_at_last_tenth));
}

}  // namespace
}  // namespace relulab
