// revive_negative_test.cpp: revive_rule=negative (config.h), a commenter's rule for the
// dying ReLU: every `revive` steps each weight into a ReLU unit that went negative is
// drawn again from the initializer. What a revival changes and keeps is checked against
// the same run without it; on one ReLU learning a ReLU from w0 = -10 the rule is what
// lets the weight escape.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>

#include "test_support.h"

namespace relulab {
namespace {

// The parameters after `steps` steps of `query` (a run that does not revive before then).
std::vector<float> params_after(const std::string& query, int64_t steps) {
  auto s = testing::make_session(query);
  EXPECT_TRUE(s);
  s->step(steps);
  return s->params();
}

// `base` run with revive_rule=negative every `period` steps, up to its first revival;
// `before`: the parameters the same run had just before it (the run without revival).
struct FirstRevival {
  std::vector<float> before;
  std::unique_ptr<Session> session;
  Layout layout;
};
FirstRevival first_revival(const std::string& base, int64_t period) {
  FirstRevival r{params_after(base, period),
                 testing::make_session(base + "&revive=" + std::to_string(period) + "&revive_rule=negative"),
                 Layout(layer_sizes(testing::valid_config(base)), true)};
  EXPECT_TRUE(r.session);
  r.session->step(period - 1);
  EXPECT_EQ(r.session->params(), params_after(base, period - 1)) << "no revival before step " << period;
  r.session->step(1);  // trained as the run without revival, then revived
  EXPECT_EQ(r.session->params().size(), r.before.size());
  return r;
}

TEST(ReviveNegative, DrawsAgainOnlyTheNegativeWeightsIntoReluUnits) {
  // The spiral, 2-100-3 with a softmax output: only the first layer's weights feed ReLUs.
  const std::string base = "task=spiral&layers=100&out=softmax&loss=ce&init=normal&sigma=0.01&lr=1&steps=100";
  const FirstRevival r = first_revival(base, 10);
  const std::vector<float>& before = r.before;
  const std::vector<float>& after = r.session->params();
  const Layout& layout = r.layout;
  int negative = 0, redrawn = 0, units = 0;
  for (int u = 0; u < 100; ++u) {
    bool any = false;
    for (int k = 0; k < 2; ++k) {
      const size_t i = size_t(layout.w_offset[1] + u * 2 + k);
      if (before[i] < 0) {
        ++negative;
        any = true;
        redrawn += after[i] != before[i];
      } else {
        EXPECT_EQ(after[i], before[i]) << "a weight that is not negative keeps its value";
      }
    }
    units += any;
  }
  for (size_t i = size_t(layout.b_offset[1]); i < after.size(); ++i)
    EXPECT_EQ(after[i], before[i]) << "biases and the softmax layer's weights stay (parameter " << i << ")";
  EXPECT_GT(negative, 50) << "about half of 200 weights drawn around 0 are negative";
  EXPECT_EQ(redrawn, negative) << "every negative weight is drawn again";
  const RevivalLog& log = r.session->revivals();
  ASSERT_EQ(log.step.size(), 1u);
  EXPECT_EQ(log.step[0], 10);
  EXPECT_EQ(log.revived[0], units) << "the log counts the units with a weight drawn again";
  EXPECT_EQ(r.session->revived_units(), units);
}

TEST(ReviveNegative, AReluOutputIsAReluUnitToo) {
  // The adder (2-4-4-1, ReLU output): all three layers feed ReLUs, so after a revival
  // the only weights that changed are ones that were negative, in every layer.
  const std::string base = "task=add2&layers=4,4&out=relu&init=normal&binit=normal&batch=1&lr=0.01&steps=30&seed=3";
  const FirstRevival r = first_revival(base, 6);
  const Layout& layout = r.layout;
  for (int l = 1; l <= 3; ++l) {
    int changed = 0;
    const int64_t n = int64_t(layout.sizes[size_t(l - 1)]) * layout.sizes[size_t(l)];
    for (int64_t j = 0; j < n; ++j) {
      const size_t i = size_t(layout.w_offset[size_t(l)] + j);
      if (r.session->params()[i] != r.before[i]) {
        EXPECT_LT(r.before[i], 0.0f) << "layer " << l;
        ++changed;
      }
    }
    EXPECT_GT(changed, 0) << "layer " << l << " had negative weights drawn again";
  }
}

TEST(ReviveNegative, OneReluLearnsAReluFromMinusTen) {
  // relu(w x) against relu(x) from w0 = -10 (experiment 1): without the rule w stops just
  // below 0; drawing it again whenever it is negative, once per 100 steps, it ends at 1.
  const std::string query = "task=relu1d&out=relu&bias=0&weights=-10&fresh=1&lr=0.01&steps=2000";
  for (int seed = 1; seed <= 10; ++seed) {
    SCOPED_TRACE(seed);
    auto stuck = testing::make_session(query + "&seed=" + std::to_string(seed));
    stuck->step(2000);
    EXPECT_LT(stuck->params()[0], 0.0f);
    auto revived = testing::make_session(query + "&revive=100&revive_rule=negative&seed=" + std::to_string(seed));
    revived->step(2000);
    EXPECT_NEAR(revived->params()[0], 1.0f, 0.01f);
  }
}

TEST(ReviveNegative, TheDefaultRuleIsReDo) {
  EXPECT_EQ(testing::valid_config("").revive_rule, ReviveRule::Dead);
  EXPECT_EQ(testing::valid_config("revive_rule=negative").revive_rule, ReviveRule::Negative);
  const ParseResult bad = parse_config("revive_rule=positive");
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors[0].key, "revive_rule");
}

}  // namespace
}  // namespace relulab
