// native_bench.cpp: the benchmark workloads (docs/BENCHMARKS.md) on the native
// build of the core, the near-limit reference for our WASM. Same configurations and
// the same engine entry points as bench/ours.mjs runs on the WASM build.
//   relulab_bench WORKLOAD REPEATS [SEEDS]   WORKLOAD: w1neg w1pos w2 w2x2 w3 w3lr10 w4 w4lanes
// w4lanes is W4 by brute force (every grid point through LaneLoss), the path
// loss_landscape takes for slices the exact one cannot do: the two side by side.
// w2x2 is W2 split as the page's pool of two workers splits it (two jobs, the first
// and the second half of the seeds), on two threads at once: with w2 beside it, what
// two cores of the machine give native code (bench/pool.mjs takes turns with it).
// Prints one JSON object: {"workload", "times_ms": [...], "outcome": {...}}; a warm-up
// run comes first and is not timed.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "landscape.h"
#include "lane_loss.h"
#include "lanes.h"
#include "session.h"
#include "sweep.h"

using namespace relulab;

namespace {

const char* kW1 = "task=relu1d&layers=&out=relu&bias=0&fresh=1&batch=1000&lr=0.01&steps=2000&trace=2000&weights=";
const char* kW2 = "task=add2&layers=4,4&out=relu&init=normal&binit=normal&batch=1&steps=30000";
const char* kW3 = "task=spiral&layers=100&out=softmax&loss=ce&init=normal&sigma=0.01&l2=0.001&steps=10000&trace=10000&lr=";
const char* kW4 = "task=relu1d&layers=&out=relu&bias=1&steps=0";

Config config_of(const std::string& query) {
  ParseResult parsed = parse_config(query);
  if (!parsed.ok()) {
    std::fprintf(stderr, "bad config %s: %s\n", query.c_str(), parsed.errors[0].message().c_str());
    std::exit(2);
  }
  return parsed.config;
}

// W4's grid, and its outcome from the loss at every grid point.
Grid w4_grid() {
  Grid g;
  g.nx = g.ny = 256;
  return g;
}

std::string w4_outcome(const std::vector<float>& loss, const Grid& g) {
  char buf[256];
  size_t best = 0;
  for (size_t i = 1; i < loss.size(); ++i)
    if (loss[i] < loss[best]) best = i;
  std::snprintf(buf, sizeof buf, "{\"min_loss\": %.6g, \"min_w\": %.4f, \"min_b\": %.4f, \"loss_at_0\": %.6g}",
                loss[best], g.x(int64_t(best) % g.nx), g.y(int64_t(best) / g.nx), loss[0]);
  return buf;
}

std::string run(const std::string& workload, int64_t seeds) {
  char buf[256];
  if (workload == "w1neg" || workload == "w1pos") {
    Session s(config_of(std::string(kW1) + (workload == "w1neg" ? "-10" : "0.5")));
    s.step(s.config().steps);
    std::snprintf(buf, sizeof buf, "{\"w\": %.9g, \"loss\": %.9g}", s.params()[0], s.evaluate().loss);
  } else if (workload == "w2" || workload == "w2x2") {
    const Config config = config_of(kW2);
    std::vector<SeedOutcome> out;
    if (workload == "w2") {
      out = sweep_seeds(config, 1, seeds, 1e-3);
    } else {
      const int64_t half = (seeds + 1) / 2;
      std::vector<SeedOutcome> second;
      std::thread other([&] { second = sweep_seeds(config, 1 + half, seeds - half, 1e-3); });
      out = sweep_seeds(config, 1, half, 1e-3);
      other.join();
      out.insert(out.end(), second.begin(), second.end());
    }
    int ok = 0, output_dead = 0;
    for (const SeedOutcome& o : out) {
      ok += o.success;
      output_dead += o.failure == Failure::OutputDead;
    }
    std::snprintf(buf, sizeof buf, "{\"seeds\": %lld, \"success\": %d, \"output_dead\": %d}", (long long)seeds, ok,
                  output_dead);
  } else if (workload == "w3" || workload == "w3lr10") {
    Session s(config_of(std::string(kW3) + (workload == "w3" ? "1" : "10")));
    s.step(s.config().steps);
    const Evaluation e = s.evaluate();
    std::snprintf(buf, sizeof buf, "{\"accuracy\": %.4f, \"loss\": %.6g, \"dead_fraction\": %.4f}", e.accuracy, e.loss,
                  e.layers[0].dead_fraction);
  } else if (workload == "w4") {
    const Grid g = w4_grid();
    return w4_outcome(loss_landscape(config_of(kW4), g), g);
  } else if (workload == "w4lanes") {
    const Grid g = w4_grid();
    std::vector<float> params(size_t(2 * g.nx * g.ny));
    for (int64_t at = 0; at < g.nx * g.ny; ++at) {
      params[size_t(2 * at)] = static_cast<float>(g.x(at % g.nx));
      params[size_t(2 * at + 1)] = static_cast<float>(g.y(at / g.nx));
    }
    return w4_outcome(losses_in_lanes(config_of(kW4), params, g.nx * g.ny), g);
  } else {
    std::fprintf(stderr, "unknown workload %s\n", workload.c_str());
    std::exit(2);
  }
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: relulab_bench WORKLOAD REPEATS [SEEDS]\n");
    return 2;
  }
  const std::string workload = argv[1];
  const int repeats = std::atoi(argv[2]);
  const int64_t seeds = argc > 3 ? std::atoll(argv[3]) : 200;
  std::string outcome = run(workload, seeds);  // warm-up
  std::string times;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    outcome = run(workload, seeds);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    times += (r ? ", " : "") + std::to_string(ms);
  }
  std::printf("{\"workload\": \"%s\", \"times_ms\": [%s], \"outcome\": %s}\n", workload.c_str(), times.c_str(),
              outcome.c_str());
  return 0;
}
