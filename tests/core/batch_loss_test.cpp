// batch_loss_test.cpp: config batch_loss, the records' mean of the batch losses since
// the previous record, each taken before its update (what Keras logs for an epoch).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "test_support.h"

namespace relulab {
namespace {

TEST(BatchLoss, OnTheFullBatchEachStepsLossIsTheRecordedLossBeforeIt) {
  // Full batch, a record every step: the batch loss of step k is the training-set loss
  // at the record of step k - 1 (the same parameters, the same points).
  auto s = testing::trained("task=relu1d&out=relu&n=200&weights=0.5,0&lr=0.1&steps=50&trace=1&batch_loss=1");
  ASSERT_TRUE(s);
  const Trace& t = s->trace();
  ASSERT_EQ(t.batch_loss.size(), t.step.size());
  EXPECT_TRUE(std::isnan(t.batch_loss[0])) << "no batch before the first record";
  for (size_t r = 1; r < t.step.size(); ++r)
    // float against float of the same sum in two passes (the training step's and the
    // evaluation's): equal to a few ulps
    EXPECT_NEAR(t.batch_loss[r], t.loss[r - 1], 4e-7 * t.loss[r - 1]) << "record " << r;
  EXPECT_LT(t.loss.back(), t.loss.front() / 100) << "the run learns, so the numbers compared change";
}

TEST(BatchLoss, RecordingTheBatchLossesChangesNoParameter) {
  for (const std::string q : {"task=add2&layers=4,4&out=relu&init=normal&binit=normal&batch=1&steps=600",
                              "task=modulus&layers=6&batch=16&shuffle=1&opt=adam&steps=300",
                              "task=relu1d&out=relu&bias=0&weights=-10&fresh=1&steps=300"}) {
    SCOPED_TRACE(q);
    auto with = testing::trained(q + "&batch_loss=1&trace=7");
    auto without = testing::trained(q + "&trace=7");
    ASSERT_TRUE(with && without);
    EXPECT_EQ(with->params(), without->params());
    EXPECT_EQ(with->trace().loss, without->trace().loss);
    EXPECT_TRUE(without->trace().batch_loss.empty());
    EXPECT_EQ(with->trace().batch_loss.size(), with->trace().step.size());
  }
}

TEST(BatchLoss, TheKerasQuestionsEpochMeansAreTheNoiseFreeOnesWithinSamplingError) {
  // One ReLU, w0 = -10, lr 0.01, fresh batches of 1000 standard normal points, epochs of
  // 100 steps (a record every 100 steps). Without noise each step multiplies w by
  // 1 - lr, and a batch's expected loss is (1 + w^2) / 2 while w < 0.
  auto s = testing::trained(
      "task=relu1d&out=relu&bias=0&weights=-10&fresh=1&lr=0.01&steps=2000&trace=100&batch_loss=1&seed=1");
  ASSERT_TRUE(s);
  std::vector<double> expected;
  double w = -10;
  for (int epoch = 0; epoch < 20; ++epoch) {
    double sum = 0;
    for (int k = 0; k < 100; ++k, w *= 0.99) sum += (1 + w * w) / 2;
    expected.push_back(sum / 100);
  }
  EXPECT_NEAR(expected[0], 22.26, 0.005);
  EXPECT_NEAR(expected[1], 3.415, 0.0005);
  EXPECT_NEAR(expected[2], 0.8906, 0.00005);
  EXPECT_NEAR(w, -1.86e-8, 0.005e-8);
  // Tolerances: 4 standard deviations of an epoch's mean over seeds, measured over 40
  // seeds of this run: 0.057, 0.049, 0.010 for the first three epochs (w is large and
  // the batch's noise scales with w^2), about 0.004 after (batches of 1000 points).
  const std::vector<float>& got = s->trace().batch_loss;
  ASSERT_EQ(got.size(), 21u);
  for (int e = 0; e < 20; ++e) {
    const double tolerance = e == 0 ? 0.23 : e == 1 ? 0.2 : e == 2 ? 0.04 : 0.016;
    EXPECT_NEAR(got[size_t(e + 1)], expected[size_t(e)], tolerance) << "epoch " << e + 1;
  }
  // The noise of the batches makes each step's factor 1 - lr * 2 * mean(x^2, x < 0):
  // over 2000 steps w spreads by a few percent around the noise-free value (-1.74e-8
  // to -1.99e-8 over those 40 seeds).
  const float final_w = s->params()[0];
  EXPECT_LT(final_w, -1.5e-8);
  EXPECT_GT(final_w, -2.2e-8);
}

}  // namespace
}  // namespace relulab
