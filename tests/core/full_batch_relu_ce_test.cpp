// full_batch_relu_ce_test.cpp: the fused full-batch pass (full_batch_relu_ce.h) against
// the general one it replaces for its networks (loss_and_gradient, objective.h, which
// also computes the loss):
//   - the gradient, bit for bit, at parameters where units fire everywhere, nowhere,
//     stop firing, and fire again (the pass's hint of which units fired goes stale);
//   - whole runs, step by step: Session (which takes the fused pass) and a plain loop
//     of loss_and_gradient and the optimizer, the trainer as it was written before the
//     fused pass, give the same parameters after every step, and stop at the same step
//     when the loss or a parameter stops being finite;
//   - the loss's finiteness without the loss: cross-entropy's data term is finite for
//     any probabilities, so a run whose L2 term overflows stops at that step, while its
//     parameters are still finite.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "full_batch_relu_ce.h"
#include "test_support.h"

namespace relulab {
namespace {

struct Net {
  Config config;
  Layout layout;
  Activations acts;
  Objective objective;
  Matrix<float> x, y;
  explicit Net(const std::string& query)
      : config(testing::valid_config(query)),
        layout(layer_sizes(config), config.bias),
        acts(activations_of(config)),
        objective{config.loss, config.l2} {
    const Dataset d = make_training_set(config);
    x.resize(d.inputs, d.n);
    y.resize(d.outputs, d.n);
    for (int64_t i = 0; i < x.size(); ++i) x.data()[i] = static_cast<float>(d.x[size_t(i)]);
    for (int64_t i = 0; i < y.size(); ++i) y.data()[i] = static_cast<float>(d.y[size_t(i)]);
  }
  std::vector<float> initial() const {
    const std::vector<double> p = initial_parameters(config, layout);
    return std::vector<float>(p.begin(), p.end());
  }
  // The general pass: {loss, gradient}.
  std::pair<float, std::vector<float>> reference(const std::vector<float>& params) const {
    Workspace<float> ws;
    ws.resize(layout, x.cols());
    ws.a[0] = x;
    std::vector<float> grads(params.size());
    const float loss = loss_and_gradient<float>(layout, acts, objective, params.data(), y, ws, grads.data());
    return {loss, grads};
  }
};

bool all_finite(const std::vector<float>& v) {
  for (float f : v)
    if (!std::isfinite(f)) return false;
  return true;
}

TEST(FullBatchReluCe, AppliesToOneReluLayerWithSoftmaxCrossEntropy) {
  const std::string ce = "task=spiral&out=softmax&loss=ce&layers=";
  EXPECT_TRUE(FullBatchReluCe::applies(testing::valid_config(ce + "100")));
  EXPECT_FALSE(FullBatchReluCe::applies(testing::valid_config(ce + "100,10")));
  EXPECT_FALSE(FullBatchReluCe::applies(testing::valid_config(ce)));
  EXPECT_FALSE(FullBatchReluCe::applies(testing::valid_config(ce + "100&act=leaky")));
  EXPECT_FALSE(FullBatchReluCe::applies(testing::valid_config(ce + "100&dropout=0.5")));
  EXPECT_FALSE(FullBatchReluCe::applies(testing::valid_config("task=spiral&out=softmax&layers=100")));
}

// The same gradient as the general pass at each parameter vector, called in this
// order on one pass object, and the same finiteness of the loss.
void expect_same_gradients(const Net& net, const std::vector<std::vector<float>>& params_in_turn) {
  FullBatchReluCe fused(net.layout, net.objective, net.x, net.y);
  for (size_t t = 0; t < params_in_turn.size(); ++t) {
    SCOPED_TRACE("parameters " + std::to_string(t));
    const std::vector<float>& p = params_in_turn[t];
    std::vector<float> grads(p.size(), std::numeric_limits<float>::quiet_NaN());
    const bool finite = fused.gradient(p.data(), grads.data());
    const auto [loss, want] = net.reference(p);
    EXPECT_EQ(finite, std::isfinite(loss));
    ASSERT_EQ(grads.size(), want.size());
    for (size_t i = 0; i < grads.size(); ++i)
      ASSERT_EQ(std::memcmp(&grads[i], &want[i], sizeof(float)), 0) << "parameter " << i << ": " << grads[i]
                                                                    << " vs " << want[i];
  }
}

TEST(FullBatchReluCe, GradientIsTheGeneralPassesBitForBit) {
  // Sizes that fill no SIMD block: 301 points, 7 hidden units, 4 classes; and the spiral.
  for (const char* q : {"task=spiral&layers=100&out=softmax&loss=ce&init=normal&sigma=0.01&l2=0.001",
                        "task=spiral&n=301&classes=4&layers=7&out=softmax&loss=ce&l2=0.01&binit=normal",
                        "task=gauss&classes=5&layers=13&out=softmax&loss=ce&bias=0",
                        "task=xor&layers=6&out=softmax&loss=ce&binit=normal"}) {
    SCOPED_TRACE(q);
    const Net net(q);
    const std::vector<float> p0 = net.initial();
    const int in = net.layout.sizes[0], hidden = net.layout.sizes[1];
    std::vector<std::vector<float>> turns = {p0};
    // Units 0, 2 and the last fire nowhere (weights 0, bias -1; without biases,
    // weights that point away from every point are not at hand: weights 0 give z = 0,
    // which does not fire either).
    std::vector<float> dead = p0;
    for (int u : {0, 2, hidden - 1}) {
      for (int k = 0; k < in; ++k) dead[size_t(net.layout.w_offset[1] + u * in + k)] = 0.0f;
      if (net.layout.bias) dead[size_t(net.layout.b_offset[1] + u)] = -1.0f;
    }
    turns.push_back(dead);
    turns.push_back(dead);
    turns.push_back(p0);  // they fire again
    // Every unit dead, then every unit firing on every point (large positive biases).
    std::vector<float> all_dead = p0, all_fire = p0;
    for (int u = 0; u < hidden; ++u)
      for (int k = 0; k < in; ++k) all_dead[size_t(net.layout.w_offset[1] + u * in + k)] = 0.0f;
    if (net.layout.bias)
      for (int u = 0; u < hidden; ++u) {
        all_dead[size_t(net.layout.b_offset[1] + u)] = -1.0f;
        all_fire[size_t(net.layout.b_offset[1] + u)] = 100.0f;
      }
    turns.push_back(all_dead);
    turns.push_back(all_fire);
    turns.push_back(all_dead);
    expect_same_gradients(net, turns);
  }
}

// The trainer as it was before the fused pass: the general pass and the optimizer;
// the parameters after each step, until the run stops (diverged_at, or -1).
struct ReferenceRun {
  std::vector<std::vector<float>> params;
  int64_t diverged_at = -1;
  bool params_finite_there = true;
};
ReferenceRun reference_run(const Net& net, int64_t steps) {
  ReferenceRun run;
  std::vector<float> p = net.initial();
  OptimizerState optimizer(OptimizerSettings{net.config.opt, net.config.lr, net.config.mom}, p.size());
  for (int64_t s = 1; s <= steps; ++s) {
    const auto [loss, grads] = net.reference(p);
    optimizer.update(p.data(), grads.data(), p.size());
    run.params.push_back(p);
    if (!std::isfinite(loss) || !all_finite(p)) {
      run.diverged_at = s;
      run.params_finite_there = all_finite(p);
      break;
    }
  }
  return run;
}

void expect_same_run(const std::string& query, int64_t steps) {
  SCOPED_TRACE(query);
  const Net net(query + "&steps=" + std::to_string(steps));
  const ReferenceRun want = reference_run(net, steps);
  auto session = testing::make_session(query + "&steps=" + std::to_string(steps));
  ASSERT_TRUE(session);
  for (size_t s = 0; s < want.params.size(); ++s) {
    session->step(1);
    const std::vector<float>& got = session->params();
    ASSERT_EQ(got.size(), want.params[s].size());
    ASSERT_EQ(std::memcmp(got.data(), want.params[s].data(), got.size() * sizeof(float)), 0) << "after step " << s + 1;
  }
  EXPECT_EQ(session->diverged_at(), want.diverged_at);
  EXPECT_TRUE(session->done());
}

TEST(FullBatchReluCe, SessionRunsAreTheGeneralTrainersStepByStep) {
  const std::string spiral = "task=spiral&layers=100&out=softmax&loss=ce&init=normal&sigma=0.01&l2=0.001";
  expect_same_run(spiral + "&lr=1", 1000);
  expect_same_run(spiral + "&lr=10", 1000);  // units die: the pass leaves them out
  expect_same_run("task=spiral&n=301&classes=4&layers=7&out=softmax&loss=ce&opt=momentum&lr=0.5&bias=0", 300);
  expect_same_run("task=circle&layers=9&out=softmax&loss=ce&opt=adam&lr=0.05&binit=normal", 300);
}

TEST(FullBatchReluCe, RunStopsWhereTheLossStopsBeingFinite) {
  // lr * l2 = 5: each step multiplies the weights by about -4, so the L2 term
  // overflows (squares past 3.4e38) while the weights themselves are still finite.
  const std::string q = "task=spiral&layers=10&out=softmax&loss=ce&l2=0.05&lr=100";
  const Net net(q + "&steps=200");
  const ReferenceRun want = reference_run(net, 200);
  ASSERT_GT(want.diverged_at, 1);
  EXPECT_TRUE(want.params_finite_there) << "the loss, not a parameter, stops this run";
  expect_same_run(q, 200);
  // The same on the linear softmax classifier (no hidden layer, whose gradient stays
  // small): Session's general pass, which takes no log either.
  const std::string linear = "task=spiral&layers=&out=softmax&loss=ce&l2=0.05&lr=100";
  const ReferenceRun want_linear = reference_run(Net(linear), 200);
  ASSERT_GT(want_linear.diverged_at, 1);
  EXPECT_TRUE(want_linear.params_finite_there);
  expect_same_run(linear, 200);
}

TEST(FullBatchReluCe, CrossEntropyIsFiniteForAnyProbabilities) {
  const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
  const float p[] = {nan, 0.0f, 1.0f, 1e-45f, -0.0f, inf, 0.5f, 0.5f, 0.0f};
  const float y[] = {1, 0, 0, 1, 0, 0, 1, 0, 0};
  float grad[9];
  EXPECT_TRUE(std::isfinite(ce_loss<float>(p, y, 3, 3, grad)));
  EXPECT_NEAR(ce_loss<float>(p, y, 3, 3, nullptr), (69.0776 * 2 + 0.693147) / 3, 1e-3);
}

}  // namespace
}  // namespace relulab
