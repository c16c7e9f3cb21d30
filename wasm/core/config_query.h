// config_query.h: the query codec. parse_config reads a query string into a Config,
// key by key through the schema (config_schema.h), then checks the keys against each
// other; to_query writes a Config back as a query string.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "config.h"
#include "config_schema.h"

namespace relulab {

// One problem with one key: `key` names it, bare as the query writes it (an unknown or
// undecodable key as printable text, at most 40 characters), `reason` says why in
// English, quoting a bad value ("must be a number in (0, 100], got 'abc'"); message()
// is "key: reason". `code` and `args` say
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
//   parameter_budget {parameters, limit}
struct ConfigError {
  std::string key;
  std::string reason;
  std::string code;
  std::vector<std::pair<std::string, std::string>> args;
  std::string message() const { return key + ": " + reason; }
};

// Parses and validates a query string. Never throws. Every bad key is reported and
// falls back to its default; the rest of the configuration stays as given. Strict
// callers (the command-line tool, createSession) refuse a config with any error.
struct ParseResult {
  Config config;
  std::vector<ConfigError> errors;
  bool ok() const { return errors.empty(); }
};
ParseResult parse_config(const std::string& query);

// The normalized query string: keys in schema order; with only_changed, keys equal to
// their default are left out (short links). parse_config(to_query(c)) gives c again.
std::string to_query(const Config& config, bool only_changed = true);
// One key's value as to_query writes it.
std::string format_key(const Config& config, const KeySpec& spec);

}  // namespace relulab
