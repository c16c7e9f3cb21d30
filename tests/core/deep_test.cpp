// deep_test.cpp: networks of up to 100 hidden layers (Limits::kMaxHiddenLayers), narrow
// enough to stay within Limits::kMaxParameters: the session, its diagnostics and trace,
// the lane trainer of the sweeps and the born-dead probe walk every layer.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "born_dead.h"
#include "sweep.h"
#include "test_support.h"

namespace relulab {
namespace {

using testing::layers_of;

TEST(Deep, AHundredLayersTrainAndReportEveryLayer) {
  auto s = testing::trained("task=relu1d&n=64&layers=" + layers_of(3, 100) + "&steps=40&trace=10");
  ASSERT_TRUE(s);
  const Evaluation e = s->evaluate();
  ASSERT_EQ(e.layers.size(), 101u) << "100 hidden layers and the output";
  EXPECT_EQ(s->trace().step.size(), 5u);
  EXPECT_EQ(s->trace().dead_fraction.size(), 5u * 101u);
  EXPECT_TRUE(std::isfinite(e.loss));
  // He init at width 3 and depth 100: some layer is all but surely dead at birth
  // (1 - (1 - 1/8)^100 = 0.9999984 for one input), so the output is constant
  int dead_layers = 0;
  for (size_t l = 0; l + 1 < e.layers.size(); ++l) dead_layers += e.layers[l].dead_count == e.layers[l].units;
  EXPECT_GT(dead_layers, 0);
}

TEST(Deep, TheLanesOfASweepAgreeWithOneSessionPerSeedAtDepth100) {
  const Config c = testing::valid_config("task=relu1d&n=32&layers=" + layers_of(4, 100) + "&init=rai&steps=60&lr=0.01");
  const std::vector<SeedOutcome> swept = sweep_seeds(c, 1, 9, 1e-3);
  ASSERT_EQ(swept.size(), 9u);
  for (const SeedOutcome& o : swept) {
    const SeedOutcome one = run_seed(c, o.seed, 1e-3);
    EXPECT_TRUE(o.final_loss == one.final_loss || (std::isnan(o.final_loss) && std::isnan(one.final_loss)))
        << "seed " << o.seed << ": " << o.final_loss << " vs " << one.final_loss;
    EXPECT_EQ(o.dead_per_layer, one.dead_per_layer) << "seed " << o.seed;
  }
}

TEST(Deep, BornDeadCountsEveryLayerOfADeepNet) {
  const Config c = testing::valid_config("task=custom&dim=1&points=1,1&bias=0&init=he_normal&layers=" + layers_of(2, 100));
  const BornDeadResult r = born_dead(c, 1, 400);
  ASSERT_EQ(r.dead_unit_fraction.size(), 101u);
  // 1 - (3/4)^100 = 1 - 3e-13: every one of 400 draws is dead
  EXPECT_EQ(r.dead_networks, 400);
}

TEST(Deep, ADeepWideNetworkIsRefusedForItsParametersNotItsDepth) {
  EXPECT_TRUE(parse_config("n=100&layers=" + layers_of(100, 100)).ok()) << "100 x 100: 1 million parameters";
  const ParseResult wide = parse_config("n=100&layers=" + layers_of(200, 100));
  ASSERT_EQ(wide.errors.size(), 1u);
  EXPECT_EQ(wide.errors[0].code, "parameter_budget");
  EXPECT_EQ(wide.errors[0].key, "layers");
}

}  // namespace
}  // namespace relulab
