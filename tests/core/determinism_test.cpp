// determinism_test.cpp: the same configuration twice gives bit-identical parameters,
// gradients and traces (shuffling, dropout, fresh samples, revival and every optimizer
// included); another seed gives another run; and the seed's streams are independent
// (changing the batch size does not change the data or the initial weights).
#include <gtest/gtest.h>

#include "test_support.h"

namespace relulab {
namespace {

void expect_identical(const Session& a, const Session& b) {
  EXPECT_EQ(a.params(), b.params());
  EXPECT_EQ(a.grads(), b.grads());
  EXPECT_EQ(a.trace().step, b.trace().step);
  EXPECT_EQ(a.trace().loss, b.trace().loss);
  EXPECT_EQ(a.trace().accuracy, b.trace().accuracy);
  EXPECT_EQ(a.trace().dead_fraction, b.trace().dead_fraction);
  EXPECT_EQ(a.trace().params, b.trace().params);
  EXPECT_EQ(a.died_at(), b.died_at());
  EXPECT_EQ(a.revived_units(), b.revived_units());
}

const char* kConfigs[] = {
    "task=add2&layers=4,4&out=relu&init=normal&binit=normal&batch=1&shuffle=1&steps=3000",
    "task=spiral&layers=32,16&out=softmax&loss=ce&opt=adam&lr=0.01&batch=20&shuffle=1&dropout=0.3&steps=300",
    "task=relu1d&out=relu&bias=0&fresh=1&batch=10&steps=500",
    "task=modulus&layers=16&act=elu&opt=rmsprop&lr=0.005&batch=32&revive=50&revive_tau=0.1&noise=0.1&steps=400",
    "task=circle&layers=8,8&act=tanh&out=softmax&loss=ce&opt=nesterov&init=rai&binit=normal&steps=300",
    "task=xor&layers=8&act=gelu&out=sigmoid&opt=momentum&init=glorot_uniform&steps=200&trace=7",
};

TEST(Determinism, SameConfigTwiceIsBitIdentical) {
  for (const char* q : kConfigs) {
    SCOPED_TRACE(q);
    auto a = testing::trained(q), b = testing::trained(q);
    ASSERT_TRUE(a && b);
    expect_identical(*a, *b);
    // Stepping in pieces is the same as stepping at once.
    auto c = testing::make_session(q);
    ASSERT_TRUE(c);
    while (!c->done()) c->step(37);
    expect_identical(*a, *c);
  }
}

TEST(Determinism, AnotherSeedIsAnotherRun) {
  for (const char* q : kConfigs) {
    SCOPED_TRACE(q);
    auto a = testing::trained(std::string(q) + "&seed=1"), b = testing::trained(std::string(q) + "&seed=2");
    ASSERT_TRUE(a && b);
    EXPECT_NE(a->params(), b->params());
    EXPECT_NE(a->trace().loss, b->trace().loss);
  }
}

TEST(Determinism, StreamsAreIndependent) {
  auto a = testing::make_session("task=spiral&layers=8&batch=10&seed=5");
  auto b = testing::make_session("task=spiral&layers=8&batch=30&shuffle=1&dropout=0.5&seed=5");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->data().x, b->data().x);
  EXPECT_EQ(a->params(), b->params());
  auto c = testing::make_session("task=spiral&layers=8&seed=6");
  ASSERT_TRUE(c);
  EXPECT_NE(a->data().x, c->data().x);
}

}  // namespace
}  // namespace relulab
