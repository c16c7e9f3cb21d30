// forward_test.cpp: the forward pass with constant weights against results computed by
// hand, through the `weights` key of a configuration (which also pins down the arena
// order: layer by layer, weights row-major, then biases) and through mlp_forward.
// The hand values are exact binary fractions, so float and double agree exactly.
#include <gtest/gtest.h>

#include <cmath>

#include "mlp.h"
#include "test_support.h"

namespace relulab {
namespace {

using testing::make_session;

// 2-2-1, ReLU hidden, linear output.
//   W1 = [[1, -2], [0.5, 1]], b1 = [0.5, -1], W2 = [[2, -3]], b2 = [0.25]
//   x = (1, 2):     z1 = (-2.5, 1.5), a1 = (0, 1.5), y = 0 - 4.5 + 0.25 = -4.25
//   x = (-1, 0.5):  z1 = (-1.5, -1), a1 = (0, 0),   y = 0.25
const char* kNet = "task=custom&dim=2&points=1,2,0,-1,0.5,0&layers=2&weights=1,-2,0.5,1,0.5,-1,2,-3,0.25";

TEST(Forward, ConstantWeightsThroughTheWeightsKey) {
  auto s = make_session(kNet);
  ASSERT_TRUE(s);
  const std::vector<float> out = s->predict({1, 2, -1, 0.5f}, 2);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0], -4.25f);
  EXPECT_EQ(out[1], 0.25f);
  // MSE (Keras: mean of squared error, no 1/2) against targets 0: (4.25^2 + 0.25^2) / 2.
  const Evaluation e = s->evaluate();
  EXPECT_EQ(e.loss, 9.0625);
  EXPECT_EQ(e.accuracy, -1.0);  // regression
  ASSERT_EQ(e.layers.size(), 2u);
  EXPECT_EQ(e.layers[0].firing_rate[0], 0.0f);
  EXPECT_EQ(e.layers[0].firing_rate[1], 0.5f);
}

TEST(Forward, ConstantWeightsThroughMlpForwardInDouble) {
  const Layout layout({2, 2, 1}, true);
  ASSERT_EQ(layout.total, 9);
  const std::vector<double> params = {1, -2, 0.5, 1, 0.5, -1, 2, -3, 0.25};
  Workspace<double> ws;
  ws.resize(layout, 2);
  ws.a[0] << 1, -1, 2, 0.5;  // columns are samples
  Activations acts;          // relu hidden, linear output
  mlp_forward<double>(layout, acts, params.data(), ws);
  EXPECT_EQ(ws.z[1](0, 0), -2.5);
  EXPECT_EQ(ws.z[1](1, 0), 1.5);
  EXPECT_EQ(ws.a[1](0, 0), 0.0);
  EXPECT_EQ(ws.a[1](1, 0), 1.5);
  EXPECT_EQ(ws.z[1](0, 1), -1.5);
  EXPECT_EQ(ws.z[1](1, 1), -1.0);
  EXPECT_EQ(ws.a[2](0, 0), -4.25);
  EXPECT_EQ(ws.a[2](0, 1), 0.25);
}

TEST(Forward, NoBiasLayoutAndReluOutput) {
  // 2-2-1 without biases, ReLU output: W1 = [[1, 1], [-1, 2]], W2 = [[1, -1]].
  //   x = (1, 1): a1 = (2, 1), y = relu(1) = 1;  x = (1, 0): a1 = (1, 0), y = 1;
  //   x = (0, 1): a1 = (1, 2), y = relu(-1) = 0.
  auto s = make_session("task=custom&dim=2&points=1,1,1,1,0,1,0,1,0&layers=2&bias=0&out=relu&weights=1,1,-1,2,1,-1");
  ASSERT_TRUE(s);
  const std::vector<float> out = s->predict({1, 1, 1, 0, 0, 1}, 3);
  EXPECT_EQ(out, (std::vector<float>{1, 1, 0}));
  EXPECT_EQ(s->evaluate().loss, 0.0);
}

TEST(Forward, SoftmaxOutputWithConstantWeights) {
  // No hidden layer, 2 inputs -> 2 classes (task=xor has 2 classes):
  // W = [[0, 0], [1, 0]], b = (0, 0); at x = (log 3, 0) the logits are (0, log 3),
  // so p = (1/4, 3/4).
  auto s = make_session("task=xor&layers=&out=softmax&loss=ce&weights=0,0,1,0,0,0");
  ASSERT_TRUE(s);
  const std::vector<float> p = s->predict({float(std::log(3.0)), 0.0f}, 1);
  EXPECT_NEAR(p[0], 0.25f, 1e-7f);
  EXPECT_NEAR(p[1], 0.75f, 1e-7f);
}

}  // namespace
}  // namespace relulab
