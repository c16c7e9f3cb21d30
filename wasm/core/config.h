// config.h: the one configuration schema of the lab. A configuration is a flat set of
// keys written as a URL query string ("task=add2&layers=4,4&lr=0.01"). The same keys
// serve the page's URL, the command-line tool and the JS API. Every key's type, range,
// default and allowed values are declared once, in config_schema() (config.cpp); the
// parser, the validator, the serializer and the page's controls all read that table.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace relulab {

// Limits that keep any configuration inside memory and time a browser tab can give.
struct Limits {
  static constexpr int kMaxHiddenLayers = 8;
  static constexpr int kMaxUnits = 512;
  static constexpr int kMaxPoints = 100000;
  static constexpr int64_t kMaxSteps = 1000000;
  static constexpr int kMaxInputDim = 8;
  static constexpr int kMaxClasses = 10;
  static constexpr int64_t kMaxActivationValues = 1 << 24;  // points x (all units)
  static constexpr int kMaxWeights = 300000;                // explicit `weights` entries
  static constexpr int kMaxQueryLength = 4 * 1024 * 1024;
};

struct Config {
  // data
  std::string task;
  int64_t n = 0;  // 0 = the task's own size
  double noise = 0;
  int64_t classes = 3;
  int64_t dim = 1;
  std::vector<double> points;
  // model
  std::vector<int64_t> layers;
  std::string act, out;
  std::optional<double> alpha;  // absent = the activation's standard constant
  bool bias = true;
  std::string init;
  double sigma = 1;
  std::string binit;  // a number, "normal" or "uniform"
  std::vector<double> weights;
  // training
  std::string loss, opt;
  double lr = 0.01, mom = 0.9;
  int64_t batch = 0;
  bool shuffle = false, fresh = false;
  int64_t steps = 0;
  double l2 = 0, dropout = 0;
  int64_t revive = 0;
  double revive_tau = 0;
  int64_t seed = 1;
  int64_t trace = 0;  // record diagnostics every `trace` steps; 0 = about 1000 records
};

// One problem with one key: `key` names it, `reason` says why in English ("must be a
// number in (0, 100], got 'abc'"); message() is "key: reason". `code` and `args` say
// the same as data, so the page can word it in the reader's language:
//   invalid          {kind, range, choices, max, got}  kind: int, number, bool, choice,
//                                                      intList, numberList, biasInit
//   too_many_items   {kind, range, max, count}
//   invalid_item     {kind, range, max, got}
//   query_too_long   {length, limit}          broken_escape  {got}
//   unknown_key      {}                       duplicate_key  {}
//   custom_points    {stride, count}          points_unused  {task}
//   fixed_points     {task, points, n}        spiral_points  {classes, n}
//   fresh_fixed      {task}                   ce_task        {task}
//   ce_softmax       {out}                    softmax_outputs {task, outputs}
//   activation_budget {points, units, limit}  weights_count  {shape, bias (1/0), want, got}
struct ConfigError {
  std::string key;
  std::string reason;
  std::string code;
  std::vector<std::pair<std::string, std::string>> args;
  std::string message() const { return key + ": " + reason; }
};

enum class KeyType { Int, Number, Bool, Choice, IntList, NumberList, Text };

struct KeySpec {
  std::string name;
  KeyType type;
  std::string default_text;  // as written in a URL; parsed to give Config's default
  double lo = 0, hi = 0;     // range of the value (or of each list item)
  bool lo_open = false;      // true: lo itself is not allowed
  bool hi_open = false;      // true: hi itself is not allowed
  bool optional = false;     // may be absent (empty default)
  int max_items = 0;         // lists
  std::vector<std::string> choices;  // Choice keys
  std::string group;                 // "data", "model", "training", "run"
  std::string doc;                   // one line for controls and --help
};

const std::vector<KeySpec>& config_schema();
// "int", "number", "bool", "choice", "intList", "numberList", "biasInit": the schema's
// type names as the page and the error args see them.
const char* key_type_name(KeyType type);
const KeySpec* find_key(const std::string& name);

// Parses and validates a query string. Never throws. Every bad key is reported and
// falls back to its default; the rest of the configuration stays as given. Strict
// callers (the command-line tool, createSession) refuse a config with any error.
struct ParseResult {
  Config config;
  std::vector<ConfigError> errors;
  bool ok() const { return errors.empty(); }
};
ParseResult parse_config(const std::string& query);

Config default_config();

// The normalized query string: keys in schema order; with only_changed, keys equal to
// their default are left out (short links). parse_config(to_query(c)) == c.
std::string to_query(const Config& config, bool only_changed = true);
std::string format_key(const Config& config, const KeySpec& spec);

// The task's facts the validator and engine both need.
struct TaskShape {
  int inputs = 1;
  int outputs = 1;
  bool classification = false;
  bool generated = true;  // can draw fresh samples
  int64_t points = 0;     // points in the training set
};
TaskShape task_shape(const Config& config);
std::vector<int> layer_sizes(const Config& config);  // inputs, hidden..., outputs
int64_t parameter_count(const std::vector<int>& sizes, bool bias);

}  // namespace relulab
