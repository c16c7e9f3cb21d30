// config_fuzzer.cpp: libFuzzer target for the configuration parser and validator, and
// for the engine behind them. For any bytes:
//   1. parse_config never crashes, and every error names a key and a reason;
//   2. the lenient result is a valid configuration: its to_query (short and full)
//      parses again with no errors and gives the same query back (a fixed point);
//   3. when the configuration is small, a Session is created from it and stepped a
//      few times, evaluated and asked for predictions (sizes and steps are capped so
//      that every input runs in milliseconds).
// Built with -fsanitize=fuzzer,address,undefined (RELULAB_FUZZ=ON, clang).
//   build/t-asan/config_fuzzer -max_total_time=30 tests/fuzz/corpus
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "config_query.h"
#include "session.h"

using namespace relulab;

namespace {

[[noreturn]] void fail(const char* what, const std::string& a, const std::string& b = "") {
  std::fprintf(stderr, "config_fuzzer: %s\n  %s\n  %s\n", what, a.substr(0, 2000).c_str(), b.substr(0, 2000).c_str());
  std::abort();
}

void check_fixed_point(const Config& config, bool only_changed) {
  const std::string q = to_query(config, only_changed);
  const ParseResult again = parse_config(q);
  if (!again.ok()) fail("to_query of a parsed config does not parse cleanly", q, again.errors[0].message());
  const std::string q2 = to_query(again.config, only_changed);
  if (q2 != q) fail("to_query is not a fixed point", q, q2);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string query(reinterpret_cast<const char*>(data), size);
  const ParseResult parsed = parse_config(query);
  for (const ConfigError& e : parsed.errors)
    if (e.key.empty() && e.reason.empty()) fail("an error without key or reason", query);
  check_fixed_point(parsed.config, true);
  check_fixed_point(parsed.config, false);

  // Train a little when the network and data are small.
  Config c = parsed.config;
  const std::vector<int> sizes = layer_sizes(c);
  int64_t units = 0;
  for (int s : sizes) units += s;
  const int64_t points = task_shape(c).points;
  const int64_t batch = c.batch > 0 ? c.batch : points;
  if (points * units > 20000 || batch * units > 20000 || parameter_count(sizes, c.bias) > 5000) return 0;
  if (c.steps > 5) c.steps = 5;
  if (c.revive > 5) c.revive = 2;
  Session session(c);
  session.step(3);
  session.step(10);
  if (!session.done()) fail("a session did not finish its steps", query);
  const Evaluation e = session.evaluate();
  if (e.layers.size() != sizes.size() - 1) fail("evaluation has the wrong number of layers", query);
  std::vector<float> inputs(static_cast<size_t>(sizes.front()) * 2, 0.5f);
  const std::vector<float> out = session.predict(inputs, 2);
  if (out.size() != static_cast<size_t>(sizes.back()) * 2) fail("predict has the wrong size", query);
  return 0;
}
