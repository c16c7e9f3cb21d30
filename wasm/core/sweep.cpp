// sweep.cpp: see sweep.h.
#include "sweep.h"

#include <algorithm>
#include <deque>
#include <memory>

#include "lanes.h"
#include "last_tenth.h"

namespace relulab {

const std::vector<std::string>& failure_names() {
  static const std::vector<std::string> names = {"none",       "diverged",  "output_dead",
                                                  "layer_dead", "improving", "stuck"};
  return names;
}

Failure classify(const Evaluation& eval, RunState state, double loss_at_last_tenth, double success_loss) {
  if (state == RunState::Diverged || !eval.finite) return Failure::Diverged;
  if (eval.loss < success_loss) return Failure::None;
  const LayerDiagnostics& output = eval.layers.back();
  if (output.relu && output.dead_count == output.units) return Failure::OutputDead;
  for (size_t l = 0; l + 1 < eval.layers.size(); ++l)
    if (eval.layers[l].relu && eval.layers[l].dead_count == eval.layers[l].units) return Failure::LayerDead;
  if (still_improving(loss_at_last_tenth, eval.loss)) return Failure::Improving;
  return Failure::Stuck;
}

namespace {

SeedOutcome outcome_of(int64_t seed, const Evaluation& eval, RunState state, int64_t diverged_at,
                       double loss_at_last_tenth, double success_loss) {
  SeedOutcome out;
  out.seed = seed;
  out.final_loss = eval.loss;
  out.accuracy = eval.accuracy;
  out.state = state;
  out.diverged_at = diverged_at;
  out.loss_at_last_tenth = loss_at_last_tenth;
  for (const LayerDiagnostics& d : eval.layers) out.dead_per_layer.push_back(d.dead_count);
  const LayerDiagnostics& output = eval.layers.back();
  out.output_dead = output.relu && output.dead_count == output.units;
  out.failure = classify(eval, state, loss_at_last_tenth, success_loss);
  out.success = out.failure == Failure::None;
  return out;
}

}  // namespace

SeedOutcome run_seed(const Config& config, int64_t seed, double success_loss) {
  Config c = config;
  c.seed = seed;
  c.trace = c.steps > 0 ? c.steps : 1;  // no intermediate records: only the outcome counts
  Session session(c);
  session.step(c.steps);
  return outcome_of(seed, session.evaluate(), session.state(), session.diverged_at(), session.loss_at_last_tenth(),
                    success_loss);
}

// The bookkeeping of a sweep runs once per stretch of steps, not per step: it is
// compiled for size (the WASM module's budget), the training loops for speed.
#if defined(__clang__)
#pragma clang attribute push(__attribute__((minsize)), apply_to = function)
#endif

namespace {

// One seed's run on its way through the lane groups of a sweep.
struct SweepRun {
  int64_t index = 0;           // seed - first_seed
  Dataset data;                // its training set
  std::vector<double> whole;   // the whole network's parameters where the run last moved
  std::vector<int> kept;       // the first-layer units its group computes (ascending)
  int64_t steps = 0;           // steps still to take
  // Whether it has reached the step where the last tenth of training begins, and its
  // loss there (last_tenth.h).
  bool past_last_tenth = false;
  double loss_at_last_tenth = std::numeric_limits<double>::quiet_NaN();
};

// Runs of one width of the first hidden layer, side by side in a LaneTrainer.
struct LaneGroup {
  LaneGroup(int w, const Config& c) : width(w), config(c) {}
  int width;
  Config config;                                // the sweep's, with that width
  std::unique_ptr<LaneTrainer> lanes;           // made when the first run comes
  std::vector<std::unique_ptr<SweepRun>> lane;  // the run in each lane, or null
  std::deque<std::unique_ptr<SweepRun>> waiting;
  int running() const {
    int n = 0;
    for (const auto& r : lane) n += r != nullptr;
    return n;
  }
  int load() const { return running() + int(waiting.size()); }
  bool at_epoch_start() const { return !lanes || lanes->at_epoch_start(); }
};

// Where each parameter of the network whose first layer has only the units `kept` (in
// their order) sits in the whole network's arena: W1's rows, b1's entries and W2's
// columns of those units, then everything above unchanged. (All units kept, or no
// hidden layer: 0, 1, 2, ...; only prunable networks, which have biases, keep fewer.)
std::vector<size_t> narrowed_arena(const Layout& whole, const std::vector<int>& kept) {
  std::vector<size_t> at;
  if (whole.layers() < 2 || int(kept.size()) == whole.sizes[1]) {
    for (int64_t i = 0; i < whole.total; ++i) at.push_back(size_t(i));
    return at;
  }
  const int in = whole.sizes[0], h = whole.sizes[1], next = whole.sizes[2];
  for (int u : kept)
    for (int k = 0; k < in; ++k) at.push_back(size_t(whole.w_offset[1] + u * in + k));
  for (int u : kept) at.push_back(size_t(whole.b_offset[1] + u));
  for (int i = 0; i < next; ++i)
    for (int u : kept) at.push_back(size_t(whole.w_offset[2] + i * h + u));
  for (int64_t i = whole.b_offset[2]; i < whole.total; ++i) at.push_back(size_t(i));
  return at;
}

// A sweep on lane groups (see sweep_seeds).
class LaneSweep {
 public:
  LaneSweep(const Config& config, int64_t first_seed, int64_t count, double success_loss, SweepStats* stats)
      : config_(config),
        first_seed_(first_seed),
        count_(count),
        success_loss_(success_loss),
        stats_(stats),
        whole_(layer_sizes(config), config.bias),
        last_tenth_(config.steps - last_tenth_start(config.steps)),
        width_(config.layers.empty() ? 0 : int(config.layers[0])),
        // Narrower groups hold fewer runs, so they fill their lanes less often, and a
        // step costs the same bookkeeping at any width: no group is under half as wide.
        narrowest_((width_ + 1) / 2),
        groups_(size_t(width_ + 1)),
        outcomes_(size_t(count)) {}

  std::vector<SeedOutcome> run() {
    for (bool worked = true; worked;) {
      worked = false;
      for (int w = width_; w >= narrowest_; --w) worked |= advance(w);
      if (next_ == count_) gather();
    }
    return std::move(outcomes_);
  }

 private:
  static constexpr int64_t kEpochsBetweenChecks = 64;  // for dead first-layer units

  LaneGroup& group(int w) {
    std::unique_ptr<LaneGroup>& g = groups_[size_t(w)];
    if (!g) {
      g = std::make_unique<LaneGroup>(w, config_);
      if (w < width_) {
        g->config.layers[0] = w;
        g->config.weights.clear();  // (lanes take their runs' parameters)
      }
      g->lane.resize(kLanes);
    }
    return *g;
  }

  // One stretch of training of the group of width w; false if it had nothing to do.
  bool advance(int w) {
    const bool top = w == width_, seeds_left = next_ < count_;
    if (!top && !groups_[size_t(w)]) return false;
    LaneGroup& g = group(w);
    if (g.load() == 0 && !(top && seeds_left)) return false;
    if (!top && g.load() < kLanes && seeds_left) return false;  // waits for a lane's worth
    if (g.at_epoch_start()) fill(g);
    if (g.running() == 0) return false;
    g.lanes->advance(!g.waiting.empty() || (top && next_ < count_), kEpochsBetweenChecks * g.lanes->epoch_steps());
    for (int j = 0; j < kLanes; ++j) {
      if (!g.lane[size_t(j)] || !g.lanes->ended(j)) continue;
      if (!g.lane[size_t(j)]->past_last_tenth && !g.lanes->suspect(j)) reach_last_tenth(g, j);
      if (g.lanes->ended(j)) finish(g, j);
    }
    if (g.running() == 0) {  // a new run may come before this trainer's next epoch start
      g.lanes.reset();
      return true;
    }
    if (!g.lanes->at_epoch_start() || !g.lanes->prunable() || w == narrowest_) return true;
    for (int j = 0; j < kLanes; ++j) {
      if (!g.lane[size_t(j)] || g.lanes->steps_done(j) == 0) continue;
      const std::vector<uint8_t> dead = g.lanes->first_layer_dead(j);
      const int to = std::max(w - int(std::count(dead.begin(), dead.end(), 1)), narrowest_);
      if (to == w) continue;
      queue(take(g, j), dead, to, false);
      if (stats_) ++stats_->narrowed;
    }
    return true;
  }

  // With no new seed left, runs of narrower groups go to the free lanes of wider groups
  // that are running, so the tail of the sweep runs as few groups as it can.
  void gather() {
    for (int w = narrowest_; w < width_; ++w) {
      if (!groups_[size_t(w)]) continue;
      LaneGroup& g = group(w);
      if (!g.at_epoch_start()) continue;
      const std::vector<uint8_t> none(size_t(w), 0);  // (moving up drops no unit)
      for (int v = w + 1; v <= width_ && g.load() > 0; ++v) {
        if (!groups_[size_t(v)]) continue;
        LaneGroup& h = group(v);
        if (h.running() == 0 || !h.at_epoch_start()) continue;
        for (int room = kLanes - h.load(); room > 0 && g.load() > 0; --room) {
          if (stats_) ++stats_->widened;
          if (!g.waiting.empty()) {
            std::unique_ptr<SweepRun> run = std::move(g.waiting.front());
            g.waiting.pop_front();
            queue(std::move(run), none, v, true);
            continue;
          }
          for (int j = 0; j < kLanes; ++j)
            if (g.lane[size_t(j)]) {
              queue(take(g, j), none, v, true);
              break;
            }
        }
      }
      if (g.lanes && g.running() == 0) g.lanes.reset();
    }
  }

  std::unique_ptr<SweepRun> fresh() {
    auto run = std::make_unique<SweepRun>();
    Config c = config_;
    c.seed = first_seed_ + next_;
    run->index = next_++;
    run->data = make_training_set(c);
    run->whole = initial_parameters(c, whole_);
    for (int u = 0; u < width_; ++u) run->kept.push_back(u);
    run->steps = config_.steps;
    return run;
  }

  // At an epoch start: runs for the free lanes, from the queue, then new seeds (top only).
  void fill(LaneGroup& g) {
    for (int j = 0; j < kLanes; ++j) {
      if (g.lane[size_t(j)]) continue;
      if (!g.waiting.empty()) {
        g.lane[size_t(j)] = std::move(g.waiting.front());
        g.waiting.pop_front();
      } else if (g.width == width_ && next_ < count_) {
        g.lane[size_t(j)] = fresh();
      } else {
        return;
      }
      const SweepRun& r = *g.lane[size_t(j)];
      // A run stops where its last tenth begins (see reach_last_tenth).
      const int64_t steps = r.past_last_tenth ? r.steps : r.steps - last_tenth_;
      LaneRun run{static_cast<uint64_t>(first_seed_ + r.index), &r.data, {}, steps};
      for (size_t i : narrowed_arena(whole_, r.kept)) run.initial.push_back(r.whole[i]);
      if (g.lanes) g.lanes->load(j, run);
      else g.lanes = std::make_unique<LaneTrainer>(g.config, std::vector<LaneRun>{run});  // in lane 0 alone
    }
  }

  // The whole network's parameters of lane j's run now.
  std::vector<double> whole_params(const LaneGroup& g, int j) const {
    const SweepRun& run = *g.lane[size_t(j)];
    const std::vector<float> p = g.lanes->params(j);
    std::vector<double> whole = run.whole;
    const std::vector<size_t> at = narrowed_arena(whole_, run.kept);
    for (size_t i = 0; i < at.size(); ++i) whole[at[i]] = p[i];
    return whole;
  }

  // What Session::evaluate measures for lane j's run now, at the given step.
  Evaluation evaluate_lane(const LaneGroup& g, int j, int64_t step) const {
    const std::vector<double> whole = whole_params(g, j);
    return evaluate_parameters(config_, g.lane[size_t(j)]->data, std::vector<float>(whole.begin(), whole.end()), step);
  }

  // Lane j's run has ended where the last tenth of its training begins: it has taken
  // its steps to there, or it is frozen a whole number of epochs before (its parameters
  // then are those it has now, LaneTrainer::frozen). Its loss there, as the Session
  // measures it; then the lane trains on, optimizer state and batch order unchanged.
  void reach_last_tenth(LaneGroup& g, int j) {
    SweepRun& run = *g.lane[size_t(j)];
    run.loss_at_last_tenth = evaluate_lane(g, j, last_tenth_start(config_.steps)).loss;
    run.past_last_tenth = true;
    g.lanes->extend(j, last_tenth_);
  }

  void finish(LaneGroup& g, int j) {
    const SweepRun& run = *g.lane[size_t(j)];
    const int64_t seed = first_seed_ + run.index;
    if (g.lanes->suspect(j)) {  // the Session stops such a run: replay it there
      outcomes_[size_t(run.index)] = run_seed(config_, seed, success_loss_);
    } else {
      outcomes_[size_t(run.index)] =
          outcome_of(seed, evaluate_lane(g, j, config_.steps), RunState::Ok, -1, run.loss_at_last_tenth, success_loss_);
    }
    g.lanes->retire(j);
    g.lane[size_t(j)].reset();
  }

  // Takes lane j's run out of its group (at an epoch start) as it stands.
  std::unique_ptr<SweepRun> take(LaneGroup& g, int j) {
    std::vector<double> whole = whole_params(g, j);
    std::unique_ptr<SweepRun> run = std::move(g.lane[size_t(j)]);
    run->whole = std::move(whole);
    run->steps -= g.lanes->steps_done(j);
    g.lanes->retire(j);
    return run;
  }

  // Queues a run for the group of width w, which computes its live first-layer units
  // and, to fill the width, the first of its dead ones (every unit it dropped is dead;
  // dead_kept marks the dead among those it kept).
  void queue(std::unique_ptr<SweepRun> run, const std::vector<uint8_t>& dead_kept, int w, bool front) {
    std::vector<uint8_t> live(size_t(width_), 0);
    for (size_t i = 0; i < run->kept.size(); ++i) live[size_t(run->kept[i])] = !dead_kept[i];
    int spare = w - int(std::count(live.begin(), live.end(), 1));
    run->kept.clear();
    for (int u = 0; u < width_; ++u)
      if (live[size_t(u)] || spare-- > 0) run->kept.push_back(u);
    LaneGroup& g = group(w);
    if (front) g.waiting.push_front(std::move(run));
    else g.waiting.push_back(std::move(run));
  }

  const Config& config_;
  const int64_t first_seed_, count_;
  const double success_loss_;
  SweepStats* stats_;
  const Layout whole_;
  const int64_t last_tenth_;  // steps in the last tenth of training
  const int width_, narrowest_;
  std::vector<std::unique_ptr<LaneGroup>> groups_;  // by width
  std::vector<SeedOutcome> outcomes_;
  int64_t next_ = 0;  // the next new seed's index
};

}  // namespace

// Seeds go through the lane trainer when it supports the configuration; it reproduces
// each seed's Session run bit for bit (lanes.h), and a lane that meets a non-finite
// loss is replayed on the Session path. A lane whose run has frozen (LaneTrainer::
// frozen: e.g. a dead ReLU output under plain SGD) ends early with the parameters it
// would end with anyway, and the next seed takes its lane where the next epoch starts.
// Each run first ends where the last tenth of its training begins (last_tenth.h), or
// frozen before it, has its loss measured there, and trains on in the same lane.
//
// Where LaneTrainer::prunable holds, a run whose first hidden layer has dead units goes
// on in a group of lanes that trains the network without them (one group per width,
// down to half the whole; a narrower group starts once it has a lane's worth of runs,
// or when no new seed is left), and its dead units' parameters, which can no longer
// change, are put back for its outcome.
std::vector<SeedOutcome> sweep_seeds(const Config& config, int64_t first_seed, int64_t count, double success_loss,
                                     SweepStats* stats) {
  if (!lanes_unsupported(config).empty() || count < 2 || config.steps == 0) {
    std::vector<SeedOutcome> outcomes;
    outcomes.reserve(static_cast<size_t>(count));
    for (int64_t k = 0; k < count; ++k) outcomes.push_back(run_seed(config, first_seed + k, success_loss));
    return outcomes;
  }
  return LaneSweep(config, first_seed, count, success_loss, stats).run();
}

#if defined(__clang__)
#pragma clang attribute pop
#endif

}  // namespace relulab
