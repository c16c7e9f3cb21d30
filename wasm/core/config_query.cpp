// config_query.cpp: the query codec (see config_query.h): reading a query key by key
// through the schema, and writing a Config back.
#include "config_query.h"

#include "config_checks.h"
#include "number_text.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <type_traits>

namespace relulab {
namespace {

// ---- text helpers -------------------------------------------------------------

// Text from a query as a message shows it: at most 40 characters, printable ASCII only.
std::string printable(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size() && i < 40; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    out += (c < 0x20 || c >= 0x7f) ? '?' : static_cast<char>(c);
  }
  if (text.size() > 40) out += "...";
  return out;
}

// A value as a message quotes it ('abc'); keys are named bare.
std::string shown(const std::string& value) { return "'" + printable(value) + "'"; }

bool is_decimal(const std::string& t, bool integer_only) {
  size_t i = 0, n = t.size();
  if (i < n && (t[i] == '-' || t[i] == '+')) ++i;
  size_t digits = 0;
  while (i < n && std::isdigit(static_cast<unsigned char>(t[i]))) ++i, ++digits;
  if (integer_only) return digits > 0 && i == n;
  if (i < n && t[i] == '.') {
    ++i;
    while (i < n && std::isdigit(static_cast<unsigned char>(t[i]))) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < n && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < n && (t[i] == '-' || t[i] == '+')) ++i;
    size_t exp_digits = 0;
    while (i < n && std::isdigit(static_cast<unsigned char>(t[i]))) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == n;
}

std::string range_text(const KeySpec& k) {
  return std::string(k.lo_open ? "(" : "[") + shortest_text(k.lo) + ", " + shortest_text(k.hi) + (k.hi_open ? ")" : "]");
}

bool in_range(const KeySpec& k, double v) {
  if (!std::isfinite(v)) return false;
  if (k.lo_open ? v <= k.lo : v < k.lo) return false;
  if (k.hi_open ? v >= k.hi : v > k.hi) return false;
  return true;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t at = s.find(sep, start);
    parts.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) break;
    start = at + 1;
  }
  return parts;
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

// Percent-decoding; nullopt on a broken escape.
std::optional<std::string> percent_decode(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(s[i + 2])))
      return std::nullopt;
    out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
    i += 2;
  }
  return out;
}

// ---- one key --------------------------------------------------------------------

std::string describe(const KeySpec& k) {
  switch (k.type) {
    case KeyType::Int: return "a whole number in " + range_text(k);
    case KeyType::Number: return "a number in " + range_text(k);
    case KeyType::Bool: return "0 or 1";
    case KeyType::Choice: return "one of " + join(k.choices, ", ");
    case KeyType::IntList:
      return "a comma-separated list of at most " + std::to_string(k.max_items) + " whole numbers in " + range_text(k);
    case KeyType::NumberList:
      return "a comma-separated list of at most " + std::to_string(k.max_items) + " numbers in " + range_text(k);
    case KeyType::BiasInit: return "a number in " + range_text(k) + ", normal or uniform";
  }
  return "";
}

ConfigError problem(const KeySpec& k, const std::string& code, const std::string& reason, const std::string& got,
                    const char* got_name = "got") {
  ConfigError e{k.name, reason, code, {{"kind", key_type_name(k.type)}}};
  if (k.type != KeyType::Bool && k.type != KeyType::Choice) e.args.push_back({"range", range_text(k)});
  if (k.type == KeyType::Choice) e.args.push_back({"choices", join(k.choices, ", ")});
  if (k.max_items) e.args.push_back({"max", std::to_string(k.max_items)});
  e.args.push_back({got_name, got});
  return e;
}

// Sets a Choice key's enum field to the choice at `index`.
void set_choice(Config& c, const FieldRef& field, size_t index) {
  std::visit(
      [&](auto member) {
        using Value = std::remove_reference_t<decltype(c.*member)>;
        if constexpr (std::is_enum_v<Value>) c.*member = static_cast<Value>(index);
      },
      field);
}

// A Choice key's choice, as an index into its choices.
size_t choice_index(const Config& c, const FieldRef& field) {
  return std::visit(
      [&](auto member) -> size_t {
        using Value = std::remove_cv_t<std::remove_reference_t<decltype(c.*member)>>;
        if constexpr (std::is_enum_v<Value>) return static_cast<size_t>(c.*member);
        else return 0;
      },
      field);
}

// Sets one key from its text; returns the problem on failure (config unchanged then).
std::optional<ConfigError> set_key(Config& c, const KeySpec& k, const std::string& text) {
  const ConfigError bad = problem(k, "invalid", "must be " + describe(k) + ", got " + shown(text), shown(text));
  switch (k.type) {
    case KeyType::Int: {
      if (!is_decimal(text, true) || text.size() > 12) return bad;
      const double v = std::strtod(text.c_str(), nullptr);
      if (!in_range(k, v)) return bad;
      c.*std::get<int64_t Config::*>(k.field) = static_cast<int64_t>(v);
      return std::nullopt;
    }
    case KeyType::Number: {
      if (k.optional && text.empty()) {
        (c.*std::get<std::optional<double> Config::*>(k.field)).reset();
        return std::nullopt;
      }
      if (!is_decimal(text, false) || text.size() > 40) return bad;
      const double v = std::strtod(text.c_str(), nullptr);
      if (!in_range(k, v)) return bad;
      if (k.optional) c.*std::get<std::optional<double> Config::*>(k.field) = v;
      else c.*std::get<double Config::*>(k.field) = v;
      return std::nullopt;
    }
    case KeyType::Bool: {
      bool& flag = c.*std::get<bool Config::*>(k.field);
      if (text == "1" || text == "true") flag = true;
      else if (text == "0" || text == "false") flag = false;
      else return bad;
      return std::nullopt;
    }
    case KeyType::Choice:
      for (size_t i = 0; i < k.choices.size(); ++i)
        if (k.choices[i] == text) {
          set_choice(c, k.field, i);
          return std::nullopt;
        }
      return bad;
    case KeyType::IntList:
    case KeyType::NumberList: {
      const bool ints = k.type == KeyType::IntList;
      std::vector<double> values;
      if (!text.empty()) {
        // Count first, so a huge list is refused before it is split.
        size_t commas = 0;
        for (char ch : text) commas += ch == ',';
        if (commas + 1 > static_cast<size_t>(k.max_items))
          return problem(k, "too_many_items", "must be " + describe(k) + ", got " + std::to_string(commas + 1) + " items",
                         std::to_string(commas + 1), "count");
        for (const std::string& item : split(text, ',')) {
          if (!is_decimal(item, ints) || item.size() > 40) return bad;
          const double v = std::strtod(item.c_str(), nullptr);
          if (!in_range(k, v))
            return problem(k, "invalid_item", "must be " + describe(k) + ", got " + shown(item) + " in it", shown(item));
          values.push_back(v);
        }
      }
      if (ints) {
        std::vector<int64_t>& list = c.*std::get<std::vector<int64_t> Config::*>(k.field);
        list.assign(values.begin(), values.end());
      } else {
        c.*std::get<std::vector<double> Config::*>(k.field) = std::move(values);
      }
      return std::nullopt;
    }
    case KeyType::BiasInit: {
      BiasInit& b = c.*std::get<BiasInit Config::*>(k.field);
      if (text == "normal" || text == "uniform") {
        b = {text == "normal" ? BiasInit::Normal : BiasInit::Uniform, 0};
        return std::nullopt;
      }
      if (!is_decimal(text, false)) return bad;
      const double v = std::strtod(text.c_str(), nullptr);
      if (!in_range(k, v)) return bad;
      b = {BiasInit::Constant, v};
      return std::nullopt;
    }
  }
  return bad;
}

// Puts a key back to its default.
void reset_key(Config& c, const KeySpec& k) {
  static const Config defaults = default_config();
  std::visit([&](auto member) { c.*member = defaults.*member; }, k.field);
}

}  // namespace

Config::Config() = default;

Config default_config() {
  static const Config defaults = [] {
    Config c;
    for (const KeySpec& k : config_schema()) {
      // A default that does not parse is a fault of the schema (its test names the key).
      if (set_key(c, k, k.default_text)) std::abort();
    }
    return c;
  }();
  return defaults;
}

ParseResult parse_config(const std::string& query) {
  ParseResult result{default_config(), {}};
  if (query.size() > static_cast<size_t>(Limits::kMaxQueryLength)) {
    result.errors.push_back({"(config)",
                             "is " + std::to_string(query.size()) + " characters long; the limit is " +
                                 std::to_string(Limits::kMaxQueryLength),
                             "query_too_long",
                             {{"length", std::to_string(query.size())},
                              {"limit", std::to_string(Limits::kMaxQueryLength)}}});
    return result;
  }
  std::string body = query;
  if (!body.empty() && (body[0] == '?' || body[0] == '#')) body.erase(0, 1);
  // A key given more than once takes its last value, as the page's link reader does;
  // it is reported once, after the problems of single pairs.
  std::vector<std::pair<const KeySpec*, std::string>> values;  // where each key's last value stood
  std::vector<std::pair<const KeySpec*, int>> given;           // how often, in order of first sight
  for (const std::string& pair : split(body, '&')) {
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    auto key = percent_decode(pair.substr(0, eq));
    auto value = percent_decode(eq == std::string::npos ? "" : pair.substr(eq + 1));
    if (!key) {
      result.errors.push_back({printable(pair.substr(0, eq)), "has a broken percent-escape", "broken_escape",
                               {{"got", shown(pair.substr(0, eq))}}});
      continue;
    }
    const KeySpec* spec = find_key(*key);
    if (!spec) {
      result.errors.push_back({printable(*key), "is not a configuration key", "unknown_key", {}});
      continue;
    }
    if (!value) {
      result.errors.push_back({*key, "has a broken percent-escape in " + shown(pair.substr(eq + 1)), "broken_escape",
                               {{"got", shown(pair.substr(eq + 1))}}});
      continue;
    }
    auto seen = std::find_if(given.begin(), given.end(), [&](const auto& g) { return g.first == spec; });
    if (seen == given.end()) given.push_back({spec, 1});
    else ++seen->second;
    values.erase(std::remove_if(values.begin(), values.end(), [&](const auto& v) { return v.first == spec; }),
                 values.end());
    values.push_back({spec, *value});
  }
  for (const auto& [spec, times] : given)
    if (times > 1)
      result.errors.push_back({spec->name, "is given more than once; the last value is used", "duplicate_key", {}});
  for (const auto& [spec, value] : values)
    if (auto problem = set_key(result.config, *spec, value)) result.errors.push_back(*problem);
  // Cross-key checks; a key at fault goes back to its default, which can expose another.
  for (int pass = 0; pass < 8; ++pass) {
    std::vector<ConfigError> cross = check_between_keys(result.config);
    if (cross.empty()) break;
    for (const ConfigError& e : cross) {
      result.errors.push_back(e);
      const KeySpec& spec = *find_key(e.key);
      const std::string before = format_key(result.config, spec);
      reset_key(result.config, spec);
      // A key already at its default cannot be the fault: the task asks for it
      // (task=custom with no points). Fall back to the default task, or the same
      // error would repeat every pass and the config would stay invalid.
      if (format_key(result.config, spec) == before) reset_key(result.config, *find_key("task"));
    }
  }
  return result;
}

std::string format_key(const Config& c, const KeySpec& k) {
  switch (k.type) {
    case KeyType::Int: return std::to_string(c.*std::get<int64_t Config::*>(k.field));
    case KeyType::Number:
      if (k.optional) {
        const std::optional<double>& v = c.*std::get<std::optional<double> Config::*>(k.field);
        return v ? shortest_text(*v) : "";
      }
      return shortest_text(c.*std::get<double Config::*>(k.field));
    case KeyType::Bool: return c.*std::get<bool Config::*>(k.field) ? "1" : "0";
    case KeyType::Choice: return k.choices[choice_index(c, k.field)];
    case KeyType::IntList: {
      std::vector<std::string> parts;
      for (int64_t v : c.*std::get<std::vector<int64_t> Config::*>(k.field)) parts.push_back(std::to_string(v));
      return join(parts, ",");
    }
    case KeyType::NumberList: {
      std::vector<std::string> parts;
      for (double v : c.*std::get<std::vector<double> Config::*>(k.field)) parts.push_back(shortest_text(v));
      return join(parts, ",");
    }
    case KeyType::BiasInit: {
      const BiasInit& b = c.*std::get<BiasInit Config::*>(k.field);
      // A constant in its shortest form ("0.0" -> "0"), so equal configs give equal links.
      return b.kind == BiasInit::Normal ? "normal" : b.kind == BiasInit::Uniform ? "uniform" : shortest_text(b.value);
    }
  }
  return "";
}

std::string to_query(const Config& config, bool only_changed) {
  const Config defaults = default_config();
  std::vector<std::string> parts;
  for (const KeySpec& k : config_schema()) {
    const std::string value = format_key(config, k);
    if (only_changed && value == format_key(defaults, k)) continue;
    parts.push_back(k.name + "=" + value);
  }
  return join(parts, "&");
}

}  // namespace relulab
