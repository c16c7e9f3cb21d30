// lanes_test.cpp: the lane trainer (lanes.h) against the one-session path. Every lane
// repeats its Session's float operations in the same order, so the tolerance is zero:
// parameters after training must be bit-identical (compared with ==; -0 == +0),
// over every task, every activation, both losses, every optimizer, full batches,
// mini-batches with and without shuffling, L2, and short last batches. Sweeps and
// landscapes built on the lanes must give exactly the one-session answers; a lane
// that diverges must be replayed on the Session path.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "landscape.h"
#include "landscape_exact.h"
#include "lane_loss.h"
#include "lanes.h"
#include "session.h"
#include "sweep.h"
#include "test_support.h"

namespace relulab {
namespace {

// The runs of seeds first_seed .. first_seed + count - 1 of `config`, as a sweep makes
// them; `data` holds their training sets.
std::vector<LaneRun> lane_runs(const Config& config, int64_t first_seed, int count, std::vector<Dataset>& data) {
  const Layout layout(layer_sizes(config), config.bias);
  data.resize(static_cast<size_t>(count));
  std::vector<LaneRun> runs;
  for (int j = 0; j < count; ++j) {
    Config c = config;
    c.seed = first_seed + j;
    data[size_t(j)] = make_training_set(c);
    runs.push_back({static_cast<uint64_t>(c.seed), &data[size_t(j)], initial_parameters(c, layout)});
  }
  return runs;
}

// Trains `count` seeds from first_seed both ways and compares every parameter.
void expect_lanes_match_sessions(const std::string& query, int64_t first_seed, int count) {
  SCOPED_TRACE(query);
  const Config config = testing::valid_config(query);
  ASSERT_TRUE(lanes_unsupported(config).empty());
  std::vector<Dataset> data;
  LaneTrainer lanes(config, lane_runs(config, first_seed, count, data));
  lanes.train(config.steps);
  for (int j = 0; j < count; ++j) {
    Config c = config;
    c.seed = first_seed + j;
    Session session(c);
    session.step(c.steps);
    ASSERT_EQ(session.state(), RunState::Ok) << "seed " << c.seed << " diverged: pick a tamer configuration";
    EXPECT_FALSE(lanes.suspect(j));
    const std::vector<float> got = lanes.params(j);
    const std::vector<float>& want = session.params();
    ASSERT_EQ(got.size(), want.size());
    int mismatches = 0;
    for (size_t i = 0; i < want.size(); ++i)
      if (!(got[i] == want[i]) && mismatches++ < 3)
        ADD_FAILURE() << "seed " << c.seed << " parameter " << i << ": lanes " << got[i] << ", session " << want[i];
    EXPECT_EQ(mismatches, 0) << "seed " << c.seed;
  }
}

TEST(Lanes, Add2PerSampleMatchesSessionsBitForBit) {
  // The lesson's sweep: 2-4-4-1 ReLU everywhere, N(0,1) init, per-sample SGD 0.01.
  expect_lanes_match_sessions("task=add2&layers=4,4&out=relu&init=normal&binit=normal&batch=1&steps=30000", 1,
                              kLanes);
  // A group that does not fill every lane, and seeds far from 1.
  expect_lanes_match_sessions("task=add2&layers=4,4&out=relu&init=normal&binit=normal&batch=1&steps=3000", 1000, 5);
}

TEST(Lanes, EveryActivationMatches) {
  for (const char* act : {"relu", "leaky", "elu", "selu", "gelu", "swish", "tanh", "sigmoid", "linear"})
    expect_lanes_match_sessions(std::string("task=add2&layers=4,4&init=normal&binit=normal&batch=2&steps=600&act=") +
                                    act + "&out=" + act,
                                3, kLanes);
}

TEST(Lanes, EveryOptimizerMatches) {
  for (const char* opt : {"sgd", "momentum", "nesterov", "rmsprop", "adam"})
    expect_lanes_match_sessions(std::string("task=modulus&layers=3&lr=0.01&batch=16&shuffle=1&steps=400&opt=") + opt,
                                7, kLanes);
}

// One configuration of every task, with the seeds to train.
struct TaskCase {
  const char* query;
  int64_t first_seed;
  int count;
};
const TaskCase kEveryTask[] = {
    {"task=relu1d&layers=&out=relu&bias=0&init=normal&steps=200", 1, kLanes},
    {"task=relu1d&layers=8&batch=64&shuffle=1&steps=100&lr=0.05", 1, 3},
    // Spiral: softmax cross-entropy, L2, full batch (the CS231n net, shortened).
    {"task=spiral&layers=100&out=softmax&loss=ce&init=normal&sigma=0.01&lr=1&l2=0.001&steps=60", 1, kLanes},
    {"task=circle&layers=8,8&out=softmax&loss=ce&opt=adam&batch=32&shuffle=1&steps=150", 2, kLanes},
    {"task=xor&layers=6&act=tanh&out=sigmoid&loss=mse&batch=50&steps=100&lr=0.1", 4, 6},
    {"task=gauss&layers=5&act=leaky&alpha=0.2&out=softmax&loss=mse&steps=100&l2=0.01", 9, kLanes},
    // Batches of 4 over 6 points: every other batch is a short one.
    {"task=add2&layers=3&batch=4&shuffle=1&steps=500&init=glorot_uniform", 11, kLanes},
    {"task=custom&dim=1&points=-1,0,0,0,1,1,2,2&layers=2&act=elu&steps=300&batch=3", 5, 4},
    {"task=modulus&layers=3,3&init=rai&noise=0.1&steps=100", 1, kLanes},
};

TEST(Lanes, EveryTaskMatches) {
  for (const TaskCase& t : kEveryTask) expect_lanes_match_sessions(t.query, t.first_seed, t.count);
}

TEST(Lanes, PerSampleStepsFlushTinyParametersLikeTheSession) {
  // L2 shrinks every weight by 1 - lr * l2 = 0.75 a step where the data gradient is
  // zero (dead units), so weights cross 1e-30 mid-run and SGD sets them to 0. The
  // per-sample kernel flushes at the end of a step, only when the step wrote such a
  // value: the lanes must still equal the Session bit for bit, and the Session must
  // really have flushed (exact zeros where the weights started nonzero).
  const std::string query = "task=add2&layers=4,4&out=relu&init=normal&binit=normal&batch=1&lr=0.5&l2=0.5&steps=900";
  expect_lanes_match_sessions(query, 1, kLanes);
  int zeros = 0;
  for (int seed = 1; seed <= kLanes; ++seed) {
    Config c = testing::valid_config(query);
    c.seed = seed;
    Session session(c);
    session.step(c.steps);
    for (float p : session.params()) zeros += p == 0.0f;
  }
  EXPECT_GT(zeros, 10);
}

bool same_number(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

// The sweep (which runs on lanes) against one Session per seed, outcome by outcome.
SweepStats expect_sweep_matches_sessions(const std::string& query, int64_t first_seed, int64_t count) {
  SCOPED_TRACE(query);
  const Config config = testing::valid_config(query);
  SweepStats stats;
  const std::vector<SeedOutcome> swept = sweep_seeds(config, first_seed, count, 1e-3, &stats);
  EXPECT_EQ(swept.size(), size_t(count));
  if (swept.size() != size_t(count)) return stats;
  for (int64_t k = 0; k < count; ++k) {
    const SeedOutcome one = run_seed(config, first_seed + k, 1e-3);
    const SeedOutcome& s = swept[size_t(k)];
    EXPECT_EQ(s.seed, one.seed);
    EXPECT_TRUE(same_number(s.final_loss, one.final_loss))
        << "seed " << one.seed << ": " << s.final_loss << " vs " << one.final_loss;
    EXPECT_TRUE(same_number(s.loss_at_last_tenth, one.loss_at_last_tenth))
        << "seed " << one.seed << ": " << s.loss_at_last_tenth << " vs " << one.loss_at_last_tenth;
    EXPECT_EQ(s.accuracy, one.accuracy);
    EXPECT_EQ(s.state, one.state);
    EXPECT_EQ(s.diverged_at, one.diverged_at);
    EXPECT_EQ(s.dead_per_layer, one.dead_per_layer);
    EXPECT_EQ(s.output_dead, one.output_dead);
    EXPECT_EQ(s.failure, one.failure) << "seed " << one.seed;
  }
  return stats;
}

// Sweeps of every task, outcome by outcome, the loss where the last tenth began included.
TEST(Lanes, EveryTaskSweepEqualsOneSessionPerSeed) {
  for (const TaskCase& t : kEveryTask) expect_sweep_matches_sessions(t.query, t.first_seed, 3);
}

TEST(Lanes, Add2SweepOutcomesEqualOneSessionPerSeed) {
  expect_sweep_matches_sessions("task=add2&layers=4,4&out=relu&init=normal&binit=normal&batch=1&steps=30000", 1, 19);
}

TEST(Lanes, SpiralSweepOutcomesEqualOneSessionPerSeed) {
  expect_sweep_matches_sessions("task=spiral&layers=20&out=softmax&loss=ce&init=normal&sigma=0.01&lr=1&l2=0.001&steps=200",
                                3, 9);
}

TEST(Lanes, DivergedLanesAreReplayedOnTheSessionPath) {
  // lr 5 on add2 blows up on some seeds and not on others: both kinds must come out
  // exactly as the Session path has them, diverged_at included.
  const std::string query = "task=add2&layers=4,4&init=normal&binit=normal&batch=1&steps=2000&lr=5";
  const std::vector<SeedOutcome> swept = sweep_seeds(testing::valid_config(query), 1, 16, 1e-3);
  int diverged = 0;
  for (const SeedOutcome& s : swept) diverged += s.state == RunState::Diverged;
  EXPECT_GT(diverged, 0) << "the test needs at least one diverging seed";
  expect_sweep_matches_sessions(query, 1, 16);
}

TEST(Lanes, UnsupportedConfigurationsFallBackToSessions) {
  EXPECT_EQ(lanes_unsupported(testing::valid_config("task=add2&layers=4&dropout=0.5")), "dropout");
  EXPECT_EQ(lanes_unsupported(testing::valid_config("task=add2&layers=4&revive=10")), "revive");
  EXPECT_EQ(lanes_unsupported(testing::valid_config("task=relu1d&fresh=1&batch=10")), "fresh");
  expect_sweep_matches_sessions("task=modulus&layers=4&dropout=0.3&steps=50&batch=20", 1, 3);
}

TEST(Lanes, LossesInLanesEqualSessionLossAt) {
  for (const char* query : {"task=relu1d&layers=&out=relu&bias=1&steps=0",
                            "task=spiral&layers=10&out=softmax&loss=ce&l2=0.001&steps=0",
                            "task=add2&layers=4,4&out=relu&init=normal&binit=normal&steps=0"}) {
    SCOPED_TRACE(query);
    const Config config = testing::valid_config(query);
    Session session(config);
    const int64_t total = int64_t(session.params().size());
    const int64_t count = 2 * kLanes + 3;
    std::vector<float> params(size_t(count * total));
    Rng rng(5, 5);
    for (float& p : params) p = static_cast<float>(rng.normal());
    const std::vector<float> got = losses_in_lanes(config, params, count);
    ASSERT_EQ(got.size(), size_t(count));
    for (int64_t k = 0; k < count; ++k) {
      const std::vector<float> one(params.begin() + k * total, params.begin() + (k + 1) * total);
      EXPECT_EQ(got[size_t(k)], static_cast<float>(session.loss_at(one))) << "point " << k;
    }
  }
}

TEST(Lanes, LandscapeEqualsSessionLossAtEveryGridPoint) {
  // The 4-parameter variant of experiment 2, sliced along the hidden weight and the
  // output weight (the single unit's weight-bias slice takes the exact path instead:
  // landscape_exact_test.cpp).
  const Config config = testing::valid_config("task=relu1d&layers=1&out=linear&steps=0");
  Grid g;
  g.i = 0;
  g.j = 2;
  g.nx = 13;  // not a multiple of kLanes
  g.ny = 7;
  ASSERT_FALSE(exact_landscape_supported(config, g));
  testing::expect_landscape_is_session_loss(config, g);
}

TEST(Lanes, BasinMapEqualsOneSessionPerStartPoint) {
  // The 4-parameter variant of experiment 2 (w, b of the hidden unit on the grid), with
  // a rate high enough that some corners diverge (those are replayed on the Session).
  Config config = testing::valid_config("task=relu1d&layers=1&out=relu&init=normal&batch=50&shuffle=1&steps=300&lr=0.3");
  Grid g;
  g.i = 0;
  g.j = 1;
  g.x0 = -30;
  g.x1 = 30;
  g.nx = 5;
  g.ny = 4;
  const std::vector<BasinPoint> got = basin_map(config, g);
  Config c = config;
  c.trace = c.steps;
  std::vector<double> start = initial_parameters(c, Layout(layer_sizes(c), c.bias));
  for (int64_t iy = 0; iy < g.ny; ++iy)
    for (int64_t ix = 0; ix < g.nx; ++ix) {
      start[0] = static_cast<float>(g.x(ix));
      start[1] = static_cast<float>(g.y(iy));
      c.weights = start;
      Session session(c);
      session.step(c.steps);
      const BasinPoint& p = got[size_t(iy * g.nx + ix)];
      SCOPED_TRACE(std::to_string(ix) + "," + std::to_string(iy));
      EXPECT_TRUE(p.final_loss == session.trace().loss.back() ||
                  (std::isnan(p.final_loss) && std::isnan(session.trace().loss.back())));
      EXPECT_EQ(p.diverged, session.state() == RunState::Diverged);
      if (!p.diverged) {
        EXPECT_EQ(p.end_x, session.params()[0]);
        EXPECT_EQ(p.end_y, session.params()[1]);
      }
    }
}

// A run loaded into a lane between epochs (how sweeps refill a lane whose run ended)
// trains exactly as its own Session, beside lanes that are further along: its batch
// order, optimizer state and Adam's step count start afresh.
TEST(Lanes, RunLoadedBetweenEpochsMatchesItsSession) {
  for (const char* opt : {"sgd", "momentum", "adam"}) {
    const std::string query = std::string("task=modulus&layers=3&lr=0.01&batch=16&shuffle=1&opt=") + opt;
    SCOPED_TRACE(query);
    const Config config = testing::valid_config(query);
    std::vector<Dataset> data, late_data;
    LaneTrainer lanes(config, lane_runs(config, 1, kLanes, data));
    int64_t before = 0;
    do {
      lanes.step();
      ++before;
    } while (!lanes.at_epoch_start());
    ASSERT_GT(before, 1) << "the test needs epochs of several batches";
    const int64_t late_seed = 100, after = 3 * before + 5;  // ends mid-epoch
    lanes.load(2, lane_runs(config, late_seed, 1, late_data)[0]);
    lanes.train(after);
    EXPECT_EQ(lanes.steps_done(2), after);
    EXPECT_EQ(lanes.steps_done(0), before + after);
    auto session_params = [&](int64_t seed, int64_t steps) {
      Config c = config;
      c.seed = seed;
      Session session(c);
      session.step(steps);
      return session.params();
    };
    EXPECT_EQ(lanes.params(2), session_params(late_seed, after));
    EXPECT_EQ(lanes.params(0), session_params(1, before + after));
    EXPECT_EQ(lanes.params(7), session_params(8, before + after));
  }
}

// frozen(): from the first epoch start where a lane reports it, its parameters are
// already those of the end of its run (the Session's after every step).
void expect_frozen_lanes_are_final(const std::string& query) {
  SCOPED_TRACE(query);
  const Config config = testing::valid_config(query);
  std::vector<Dataset> data;
  LaneTrainer lanes(config, lane_runs(config, 1, kLanes, data));
  std::vector<std::vector<float>> at_freeze(kLanes);
  for (int64_t t = 0; t < config.steps; ++t) {
    lanes.step();
    for (int j = 0; j < kLanes; ++j)
      if (lanes.frozen(j) && at_freeze[size_t(j)].empty()) {
        EXPECT_TRUE(lanes.at_epoch_start());
        at_freeze[size_t(j)] = lanes.params(j);
      }
  }
  int frozen = 0;
  for (int j = 0; j < kLanes; ++j) {
    Config c = config;
    c.seed = 1 + j;
    Session session(c);
    session.step(c.steps);
    if (at_freeze[size_t(j)].empty()) {
      EXPECT_EQ(lanes.params(j), session.params()) << "seed " << c.seed;
      continue;
    }
    ++frozen;
    EXPECT_EQ(at_freeze[size_t(j)], session.params()) << "seed " << c.seed;
  }
  EXPECT_GT(frozen, 0) << "pick seeds where some run freezes";
  EXPECT_LT(frozen, kLanes) << "pick seeds where some run keeps learning";
}

TEST(Lanes, FrozenLanesAlreadyHoldTheirFinalParameters) {
  // Per-sample SGD on add2 (a dead output unit freezes a run), and full-batch GD on one
  // ReLU over positive inputs (a negative start weight is dead on every point at once).
  expect_frozen_lanes_are_final("task=add2&layers=4,4&out=relu&init=normal&binit=normal&batch=1&steps=6000");
  expect_frozen_lanes_are_final("task=custom&dim=1&points=1,1,2,3,3,2&layers=&out=relu&bias=0&init=normal&steps=30");
}

TEST(Lanes, OnlyStatelessSgdWithRecurringBatchesFreezes) {
  // Momentum carries velocity; a reshuffled order gives other batches every epoch: an
  // unchanged epoch proves nothing there, so no lane may report frozen (add2 seeds 1-8
  // include runs whose output dies, frozen in fact but not provably so here).
  for (const char* query : {"task=relu1d&layers=&out=relu&bias=0&init=normal&steps=50&opt=momentum",
                            "task=relu1d&layers=&out=relu&bias=0&init=normal&steps=50&batch=10&shuffle=1",
                            "task=add2&layers=4,4&out=relu&init=normal&binit=normal&batch=1&shuffle=1&steps=600"}) {
    SCOPED_TRACE(query);
    const Config config = testing::valid_config(query);
    std::vector<Dataset> data;
    LaneTrainer lanes(config, lane_runs(config, 1, kLanes, data));
    for (int64_t t = 0; t < config.steps; ++t) {
      lanes.step();
      for (int j = 0; j < kLanes; ++j) EXPECT_FALSE(lanes.frozen(j)) << "lane " << j << " step " << t;
    }
  }
}

// A run stops in its lane where the last tenth of its steps begins (C = S - S / 10),
// to measure its loss there, then trains on; a run frozen before C ends early only
// where the steps left are a whole number of epochs. The adder's epoch is 6 steps;
// of seeds 1-12, 5 end with a dead output unit, which freezes a run, and 2 are still
// improving. S = 3000 has C = 2700 and S whole epochs, 2993 only C (2694), 2994 only
// S (C = 2695), 2995 neither (C = 2696).
TEST(Lanes, SweepsMeasureTheLastTenthAsTheSessionDoes) {
  for (const char* steps : {"3000", "2993", "2994", "2995"})
    expect_sweep_matches_sessions(
        std::string("task=add2&layers=4,4&out=relu&init=normal&binit=normal&batch=1&steps=") + steps, 1, 12);
}

// Sweeps longer than one lane group: finished, frozen and diverged lanes take the next
// seed, and every outcome is still the Session's.
TEST(Lanes, SweepsThatRefillLanesEqualOneSessionPerSeed) {
  expect_sweep_matches_sessions("task=add2&layers=4,4&out=relu&init=normal&binit=normal&batch=1&shuffle=1&steps=3000", 1,
                                21);
  expect_sweep_matches_sessions("task=custom&dim=1&points=1,1,2,2,3,3&layers=&out=relu&bias=0&init=normal&steps=100", 1,
                                20);
  expect_sweep_matches_sessions("task=add2&layers=3&batch=4&shuffle=1&steps=500&opt=adam", 1, 19);
  expect_sweep_matches_sessions("task=add2&layers=4,4&init=normal&binit=normal&batch=1&steps=2000&lr=5", 1, 27);
}

// Runs whose first hidden layer has dead units go on without them (sweep.cpp), and
// come back to a wider network near the end of the sweep: still the Session's outcome
// for every seed, dead units counted as the Session counts them.
TEST(Lanes, SweepsWithoutDeadFirstLayerUnitsEqualOneSessionPerSeed) {
  const SweepStats add2 =
      expect_sweep_matches_sessions("task=add2&layers=4,4&out=relu&init=normal&binit=normal&batch=1&steps=6000", 1, 60);
  EXPECT_GT(add2.narrowed, 5);
  EXPECT_GT(add2.widened, 0);
  // One hidden layer (the next layer is the output), eight units: widths 4 to 8.
  const SweepStats wide = expect_sweep_matches_sessions(
      "task=custom&dim=1&points=-2,0,-1,1,0,0,1,1,2,0&layers=8&out=linear&init=he_normal&lr=0.05&steps=2000", 1, 40);
  EXPECT_GT(wide.narrowed, 5);
}

TEST(Lanes, OnlyRunsWhoseDeadUnitsStayDeadArePrunable) {
  auto prunable = [](const std::string& query) {
    const Config config = testing::valid_config(query);
    std::vector<Dataset> data;
    return LaneTrainer(config, lane_runs(config, 1, 1, data)).prunable();
  };
  const std::string add2 = "task=add2&layers=4,4&out=relu";
  EXPECT_TRUE(prunable(add2 + "&batch=1"));
  EXPECT_TRUE(prunable(add2 + "&shuffle=1"));          // full batches: the same every epoch
  EXPECT_FALSE(prunable(add2 + "&opt=momentum"));      // velocity moves dead weights
  EXPECT_FALSE(prunable(add2 + "&l2=0.001"));          // decay moves dead weights
  EXPECT_FALSE(prunable(add2 + "&act=leaky"));         // a leaky unit never dies
  EXPECT_FALSE(prunable(add2 + "&bias=0"));
  EXPECT_FALSE(prunable(add2 + "&batch=2&shuffle=1"));  // batches differ between epochs
  EXPECT_FALSE(prunable("task=add2&layers=&out=relu"));  // no hidden layer
}

}  // namespace
}  // namespace relulab
