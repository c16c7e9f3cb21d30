// config_schema.h: the one table of configuration keys. Each row declares a key's name,
// the Config field it sets, its type, range, default (as written in a URL) and allowed
// values. The query codec (config_query.h), the page's controls (through the schema
// the engine hands out) and `relulab schema` all read this table; nothing else holds a
// default.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "config.h"

namespace relulab {

// BiasInit keys take a number, "normal" or "uniform".
enum class KeyType { Int, Number, Bool, Choice, IntList, NumberList, BiasInit };

// The Config field a key sets. A Choice key's field is an enum whose values number the
// key's choices in order.
using FieldRef = std::variant<int64_t Config::*, double Config::*, std::optional<double> Config::*, bool Config::*,
                              std::vector<int64_t> Config::*, std::vector<double> Config::*, BiasInit Config::*,
                              Task Config::*, Activation Config::*, Init Config::*, Loss Config::*,
                              Optimizer Config::*, BiasUpdate Config::*, ReviveRule Config::*>;

struct KeySpec {
  std::string name;
  FieldRef field;
  KeyType type;
  std::string default_text;  // as written in a URL; default_config() parses it
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
const KeySpec* find_key(const std::string& name);
// "int", "number", "bool", "choice", "intList", "numberList", "biasInit": the schema's
// type names as the page and the error args see them.
const char* key_type_name(KeyType type);

}  // namespace relulab
