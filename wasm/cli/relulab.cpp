// relulab: the engine on the command line (native build).
//   relulab train --config 'QUERY' [--json]
//   relulab sweep --config 'QUERY' --seeds N [--first-seed S] [--success-loss L] [--json]
//   relulab schema [--json]
// Bad input: a message naming what was wrong on stderr, exit code 2.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>

#include "json_writer.h"
#include "number_text.h"
#include "report.h"
#include "session.h"
#include "sweep.h"

using namespace relulab;

namespace {

constexpr int kBadInput = 2;

const char* kUsage =
    "usage:\n"
    "  relulab train --config 'QUERY' [--json]\n"
    "  relulab sweep --config 'QUERY' --seeds N [--first-seed S] [--success-loss L] [--json]\n"
    "  relulab schema [--json]\n"
    "QUERY is a configuration as in the page's URL, e.g. 'task=add2&layers=4,4&out=relu'.\n"
    "Run 'relulab schema' for every key, its range and its default.\n";

int bad_input(const std::string& message) {
  std::cerr << "relulab: " << message << "\n";
  return kBadInput;
}

struct Options {
  std::map<std::string, std::string> values;
  bool json = false;
};

// Parses "--name value" pairs and the --json flag; returns an error message or "".
std::string parse_options(int argc, char** argv, const std::vector<std::string>& allowed, Options& out) {
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--json") {
      out.json = true;
      continue;
    }
    bool known = false;
    for (const std::string& a : allowed) known = known || arg == "--" + a;
    if (!known) return "unknown option '" + arg + "'";
    if (i + 1 >= argc) return "option '" + arg + "' needs a value";
    out.values[arg.substr(2)] = argv[++i];
  }
  return "";
}

bool parse_int(const std::string& text, int64_t lo, int64_t hi, int64_t& out) {
  char* end = nullptr;
  long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v < lo || v > hi) return false;
  out = v;
  return true;
}

std::string errors_text(const std::vector<ConfigError>& errors) {
  std::string text = "bad configuration:";
  for (const ConfigError& e : errors) text += "\n  " + e.message();
  return text;
}

int train(const Options& opt) {
  auto it = opt.values.find("config");
  auto created = Session::create(it == opt.values.end() ? "" : it->second);
  if (auto* errors = std::get_if<std::vector<ConfigError>>(&created)) return bad_input(errors_text(*errors));
  Session& s = *std::get<std::unique_ptr<Session>>(created);
  s.step(s.config().steps);
  const Evaluation eval = s.evaluate();
  if (!opt.json) {
    std::printf("config   %s\n", to_query(s.config(), false).c_str());
    std::printf("state    %s after %lld steps\n", state_name(s.state()), static_cast<long long>(s.current_step()));
    std::printf("loss     %.6g\n", eval.loss);
    if (eval.accuracy >= 0) std::printf("accuracy %.4f\n", eval.accuracy);
    for (size_t l = 0; l < eval.layers.size(); ++l)
      std::printf("layer %zu  %d of %d units dead\n", l + 1, eval.layers[l].dead_count, eval.layers[l].units);
    return 0;
  }
  JsonWriter w;
  w.begin_object();
  w.field("config", to_query(s.config(), false));
  w.field("finalLoss", eval.loss);
  w.key("params").array(s.params());
  w.key("trace");
  write_trace(w, s);
  w.key("revivals");
  write_revivals(w, s);
  w.key("diagnostics");
  write_evaluation(w, s, eval);
  w.end_object();
  std::cout << w.str() << "\n";
  return 0;
}

int sweep(const Options& opt) {
  auto it = opt.values.find("config");
  ParseResult parsed = parse_config(it == opt.values.end() ? "" : it->second);
  if (!parsed.ok()) return bad_input(errors_text(parsed.errors));
  int64_t seeds = 0, first = parsed.config.seed;
  double success_loss = 1e-3;
  if (!opt.values.count("seeds")) return bad_input("sweep needs --seeds N");
  if (!parse_int(opt.values.at("seeds"), 1, kMaxSweepSeeds, seeds))
    return bad_input("--seeds must be a whole number in [1, " + std::to_string(kMaxSweepSeeds) + "], got '" +
                     opt.values.at("seeds") + "'");
  if (opt.values.count("first-seed") && !parse_int(opt.values.at("first-seed"), 0, Limits::kMaxSeed, first))
    return bad_input("--first-seed must be a whole number in [0, " + std::to_string(Limits::kMaxSeed) + "], got '" +
                     opt.values.at("first-seed") + "'");
  if (opt.values.count("success-loss")) {
    const std::string& t = opt.values.at("success-loss");
    char* end = nullptr;
    success_loss = std::strtod(t.c_str(), &end);
    if (t.empty() || *end != '\0' || !(success_loss > 0) || success_loss > kMaxSuccessLoss)
      return bad_input("--success-loss must be a number in (0, " + shortest_text(kMaxSuccessLoss) + "], got '" + t +
                       "'");
  }
  const std::vector<SeedOutcome> outcomes = sweep_seeds(parsed.config, first, seeds, success_loss);
  int64_t successes = 0, output_dead = 0;
  for (const SeedOutcome& o : outcomes) {
    successes += o.success;
    output_dead += !o.success && o.output_dead;
  }
  const double share = double(successes) / double(seeds);
  if (!opt.json) {
    std::printf("config  %s\n", to_query(parsed.config, false).c_str());
    std::printf("%lld of %lld seeds reached loss < %g (%.1f%%); %lld failures with a dead output unit\n",
                static_cast<long long>(successes), static_cast<long long>(seeds), success_loss, 100 * share,
                static_cast<long long>(output_dead));
    return 0;
  }
  JsonWriter w;
  w.begin_object();
  w.field("config", to_query(parsed.config, false)).field("successLoss", success_loss);
  w.field("seeds", seeds).field("successShare", share).field("failuresWithDeadOutput", output_dead);
  w.key("runs").begin_array();
  for (const SeedOutcome& o : outcomes) write_outcome(w, o);
  w.end_array();
  w.end_object();
  std::cout << w.str() << "\n";
  return 0;
}

int schema(const Options& opt) {
  if (opt.json) {
    JsonWriter w;
    write_schema(w);
    std::cout << w.str() << "\n";
    return 0;
  }
  for (const KeySpec& k : config_schema())
    std::printf("%-11s default '%s'  %s\n", k.name.c_str(), k.default_text.c_str(), k.doc.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return bad_input(std::string("no command\n") + kUsage);
  const std::string command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (command == "--version") {
    std::cout << "relulab " << RELULAB_VERSION << "\n";
    return 0;
  }
  Options opt;
  std::string problem;
  if (command == "train") problem = parse_options(argc, argv, {"config"}, opt);
  else if (command == "sweep") problem = parse_options(argc, argv, {"config", "seeds", "first-seed", "success-loss"}, opt);
  else if (command == "schema") problem = parse_options(argc, argv, {}, opt);
  else return bad_input("unknown command '" + command + "'\n" + kUsage);
  if (!problem.empty()) return bad_input(problem + "\n" + kUsage);
  if (command == "train") return train(opt);
  if (command == "sweep") return sweep(opt);
  return schema(opt);
}
