// config.cpp: the schema table, and the parser, validator and serializer that read it.
#include "config.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>

#include "activation.h"
#include "init.h"
#include "loss.h"
#include "optimizer.h"
#include "tasks.h"

namespace relulab {
namespace {

std::vector<std::string> hidden_activation_names() {
  std::vector<std::string> names = activation_names();
  names.pop_back();  // softmax is for the output layer only
  return names;
}

KeySpec key(const char* name, KeyType type, const char* fallback, double lo = 0, double hi = 0) {
  KeySpec k;
  k.name = name;
  k.type = type;
  k.default_text = fallback;
  k.lo = lo;
  k.hi = hi;
  return k;
}

KeySpec choice(const char* name, const char* fallback, std::vector<std::string> choices, const char* group,
               const char* doc) {
  KeySpec k = key(name, KeyType::Choice, fallback);
  k.choices = std::move(choices);
  k.group = group;
  k.doc = doc;
  return k;
}
KeySpec number(const char* name, const char* fallback, double lo, double hi, const char* group, const char* doc,
               bool lo_open = false, bool hi_open = false) {
  KeySpec k = key(name, KeyType::Number, fallback, lo, hi);
  k.lo_open = lo_open;
  k.hi_open = hi_open;
  k.group = group;
  k.doc = doc;
  return k;
}
KeySpec integer(const char* name, const char* fallback, double lo, double hi, const char* group, const char* doc) {
  KeySpec k = key(name, KeyType::Int, fallback, lo, hi);
  k.group = group;
  k.doc = doc;
  return k;
}
KeySpec flag(const char* name, const char* fallback, const char* group, const char* doc) {
  KeySpec k = key(name, KeyType::Bool, fallback, 0, 1);
  k.group = group;
  k.doc = doc;
  return k;
}
KeySpec list(const char* name, KeyType type, double lo, double hi, int max_items, const char* group,
             const char* doc) {
  KeySpec k = key(name, type, "", lo, hi);
  k.max_items = max_items;
  k.group = group;
  k.doc = doc;
  return k;
}

std::vector<KeySpec> build_schema() {
  using L = Limits;
  std::vector<KeySpec> s;
  s.push_back(choice("task", "relu1d", task_names(), "data", "what the network learns"));
  s.push_back(integer("n", "0", 0, L::kMaxPoints, "data", "training points; 0 = the task's own size"));
  s.push_back(number("noise", "0", 0, 10, "data", "std of Gaussian noise on targets (inputs for classes)"));
  s.push_back(integer("classes", "3", 2, L::kMaxClasses, "data", "arms of the spiral"));
  s.push_back(integer("dim", "1", 1, L::kMaxInputDim, "data", "inputs per point of task=custom"));
  // 2 numbers per point at the least (dim 1): so at most kMaxPoints points.
  s.push_back(list("points", KeyType::NumberList, -1e6, 1e6, 2 * L::kMaxPoints, "data",
                   "task=custom data: dim inputs then the target, point after point"));
  s.push_back(list("layers", KeyType::IntList, 1, L::kMaxUnits, L::kMaxHiddenLayers, "model",
                   "hidden layer sizes, e.g. 4,4; empty for none"));
  s.push_back(choice("act", "relu", hidden_activation_names(), "model", "hidden activation"));
  s.push_back(choice("out", "linear", activation_names(), "model", "output activation"));
  KeySpec alpha = number("alpha", "", 0, 10, "model", "leaky slope / ELU alpha; empty = 0.01 / 1");
  alpha.optional = true;
  s.push_back(alpha);
  s.push_back(flag("bias", "1", "model", "units have biases"));
  s.push_back(choice("init", "he_normal", init_names(), "model", "weight initialization"));
  s.push_back(number("sigma", "1", 0, 100, "model", "std of init=normal, limit of init=uniform, scale of drawn biases",
                     true));
  KeySpec binit = key("binit", KeyType::Text, "0", -100, 100);
  binit.group = "model";
  binit.doc = "bias init: a constant, normal (N(0, sigma^2)) or uniform (U(-sigma, sigma))";
  s.push_back(binit);
  s.push_back(list("weights", KeyType::NumberList, -1e6, 1e6, L::kMaxWeights, "model",
                   "explicit initial parameters, layer by layer: weights row-major, then biases"));
  s.push_back(choice("loss", "mse", loss_names(), "training", "loss: mean squared error or softmax cross-entropy"));
  s.push_back(choice("opt", "sgd", optimizer_names(), "training", "optimizer"));
  s.push_back(number("lr", "0.01", 0, 100, "training", "learning rate", true));
  s.push_back(number("mom", "0.9", 0, 1, "training", "momentum (momentum, nesterov)", false, true));
  s.push_back(integer("batch", "0", 0, L::kMaxPoints, "training", "batch size; 0 = the full set"));
  s.push_back(flag("shuffle", "0", "training", "shuffle the order of points every epoch"));
  s.push_back(flag("fresh", "0", "training", "draw new points for every step"));
  s.push_back(integer("steps", "1000", 0, double(L::kMaxSteps), "training", "optimizer steps"));
  s.push_back(number("l2", "0", 0, 10, "training", "L2 penalty 0.5*l2*sum(W^2) on weights"));
  s.push_back(number("dropout", "0", 0, 0.95, "training", "dropout rate of hidden units"));
  s.push_back(integer("revive", "0", 0, double(L::kMaxSteps), "training",
                      "every this many steps re-initialise dead units; 0 = off"));
  s.push_back(number("revive_tau", "0", 0, 1, "training",
                     "revive units whose mean |activation| over the layer's mean is at most this"));
  s.push_back(integer("seed", "1", 0, 4294967295.0, "run", "random seed: data, init, batches"));
  s.push_back(integer("trace", "0", 0, double(L::kMaxSteps), "run", "record every this many steps; 0 = auto"));
  return s;
}

// ---- text helpers -------------------------------------------------------------

std::string shown(const std::string& value) {
  // A value as quoted in a message: at most 40 characters, printable ASCII only.
  std::string out;
  for (size_t i = 0; i < value.size() && i < 40; ++i) {
    unsigned char c = static_cast<unsigned char>(value[i]);
    out += (c < 0x20 || c >= 0x7f) ? '?' : static_cast<char>(c);
  }
  if (value.size() > 40) out += "...";
  return "'" + out + "'";
}

// The shortest text that reads back as exactly v.
std::string format_number(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<int64_t>(v));
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  std::string s = buf;
  if (s == "-0") s = "0";
  return s;
}

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
  return std::string(k.lo_open ? "(" : "[") + format_number(k.lo) + ", " + format_number(k.hi) + (k.hi_open ? ")" : "]");
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

// Field access: every key's value lives in one Config member of the key's type.
struct Field {
  explicit Field(int64_t* p) : as_int(p) {}
  explicit Field(double* p) : as_number(p) {}
  explicit Field(std::optional<double>* p) : as_optional(p) {}
  explicit Field(bool* p) : as_bool(p) {}
  explicit Field(std::string* p) : as_text(p) {}
  explicit Field(std::vector<int64_t>* p) : as_ints(p) {}
  explicit Field(std::vector<double>* p) : as_numbers(p) {}
  int64_t* as_int = nullptr;
  double* as_number = nullptr;
  std::optional<double>* as_optional = nullptr;
  bool* as_bool = nullptr;
  std::string* as_text = nullptr;
  std::vector<int64_t>* as_ints = nullptr;
  std::vector<double>* as_numbers = nullptr;
};

Field field_of(Config& c, const std::string& key) {
  static const std::map<std::string, std::function<Field(Config&)>> fields = {
      {"task", [](Config& c) { return Field(&c.task); }},
      {"n", [](Config& c) { return Field(&c.n); }},
      {"noise", [](Config& c) { return Field(&c.noise); }},
      {"classes", [](Config& c) { return Field(&c.classes); }},
      {"dim", [](Config& c) { return Field(&c.dim); }},
      {"points", [](Config& c) { return Field(&c.points); }},
      {"layers", [](Config& c) { return Field(&c.layers); }},
      {"act", [](Config& c) { return Field(&c.act); }},
      {"out", [](Config& c) { return Field(&c.out); }},
      {"alpha", [](Config& c) { return Field(&c.alpha); }},
      {"bias", [](Config& c) { return Field(&c.bias); }},
      {"init", [](Config& c) { return Field(&c.init); }},
      {"sigma", [](Config& c) { return Field(&c.sigma); }},
      {"binit", [](Config& c) { return Field(&c.binit); }},
      {"weights", [](Config& c) { return Field(&c.weights); }},
      {"loss", [](Config& c) { return Field(&c.loss); }},
      {"opt", [](Config& c) { return Field(&c.opt); }},
      {"lr", [](Config& c) { return Field(&c.lr); }},
      {"mom", [](Config& c) { return Field(&c.mom); }},
      {"batch", [](Config& c) { return Field(&c.batch); }},
      {"shuffle", [](Config& c) { return Field(&c.shuffle); }},
      {"fresh", [](Config& c) { return Field(&c.fresh); }},
      {"steps", [](Config& c) { return Field(&c.steps); }},
      {"l2", [](Config& c) { return Field(&c.l2); }},
      {"dropout", [](Config& c) { return Field(&c.dropout); }},
      {"revive", [](Config& c) { return Field(&c.revive); }},
      {"revive_tau", [](Config& c) { return Field(&c.revive_tau); }},
      {"seed", [](Config& c) { return Field(&c.seed); }},
      {"trace", [](Config& c) { return Field(&c.trace); }},
  };
  return fields.at(key)(c);
}

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
    case KeyType::Text: return "a number in " + range_text(k) + ", normal or uniform";
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

// Sets one key from its text; returns the problem on failure (config unchanged then).
std::optional<ConfigError> set_key(Config& c, const KeySpec& k, const std::string& text) {
  const ConfigError bad = problem(k, "invalid", "must be " + describe(k) + ", got " + shown(text), shown(text));
  Field f = field_of(c, k.name);
  switch (k.type) {
    case KeyType::Int: {
      if (!is_decimal(text, true) || text.size() > 12) return bad;
      double v = std::strtod(text.c_str(), nullptr);
      if (!in_range(k, v)) return bad;
      *f.as_int = static_cast<int64_t>(v);
      return std::nullopt;
    }
    case KeyType::Number: {
      if (k.optional && text.empty()) {
        f.as_optional->reset();
        return std::nullopt;
      }
      if (!is_decimal(text, false) || text.size() > 40) return bad;
      double v = std::strtod(text.c_str(), nullptr);
      if (!in_range(k, v)) return bad;
      if (f.as_optional) *f.as_optional = v;
      else *f.as_number = v;
      return std::nullopt;
    }
    case KeyType::Bool:
      if (text == "1" || text == "true") *f.as_bool = true;
      else if (text == "0" || text == "false") *f.as_bool = false;
      else return bad;
      return std::nullopt;
    case KeyType::Choice:
      for (const auto& choice : k.choices)
        if (choice == text) {
          *f.as_text = text;
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
          double v = std::strtod(item.c_str(), nullptr);
          if (!in_range(k, v))
            return problem(k, "invalid_item", "must be " + describe(k) + ", got " + shown(item) + " in it", shown(item));
          values.push_back(v);
        }
      }
      if (ints) {
        f.as_ints->clear();
        for (double v : values) f.as_ints->push_back(static_cast<int64_t>(v));
      } else {
        *f.as_numbers = std::move(values);
      }
      return std::nullopt;
    }
    case KeyType::Text: {  // binit
      auto parsed = parse_bias_init(text);
      if (!parsed || (!is_decimal(text, false) && text != "normal" && text != "uniform")) return bad;
      if (parsed->kind == BiasInit::Constant && !in_range(k, parsed->value)) return bad;
      // Constants are kept in their shortest form ("0.0" -> "0"), so equal configs
      // give equal links.
      *f.as_text = parsed->kind == BiasInit::Constant ? format_number(parsed->value) : text;
      return std::nullopt;
    }
  }
  return bad;
}

void reset_key(Config& c, const std::string& key) {
  const KeySpec* k = find_key(key);
  if (k) set_key(c, *k, k->default_text);
}

// Checks between keys. Each error names the key to reset to fix it.
std::vector<ConfigError> cross_check(const Config& c) {
  std::vector<ConfigError> errors;
  const Task task = *task_from_name(c.task);
  const bool fixed = task == Task::Add2 || task == Task::Custom;
  if (task == Task::Custom) {
    const size_t stride = static_cast<size_t>(c.dim + 1);
    if (c.points.empty() || c.points.size() % stride != 0)
      errors.push_back({"points",
                        "task=custom needs dim+1 = " + std::to_string(stride) +
                            " numbers per point (dim inputs, then the target), got " + std::to_string(c.points.size()) +
                            " numbers",
                        "custom_points",
                        {{"stride", std::to_string(stride)}, {"count", std::to_string(c.points.size())}}});
  } else if (!c.points.empty()) {
    errors.push_back({"points", "is only read by task=custom, but task=" + c.task, "points_unused", {{"task", c.task}}});
  }
  const TaskShape shape = task_shape(c);
  if (fixed && c.n != 0 && c.n != shape.points)
    errors.push_back({"n",
                      "task=" + c.task + " has a fixed set of " + std::to_string(shape.points) +
                          " points, got n=" + std::to_string(c.n),
                      "fixed_points",
                      {{"task", c.task}, {"points", std::to_string(shape.points)}, {"n", std::to_string(c.n)}}});
  if (task == Task::Spiral && c.n != 0 && c.n < c.classes)
    errors.push_back({"n",
                      "the spiral needs at least one point per arm (" + std::to_string(c.classes) +
                          "), got n=" + std::to_string(c.n),
                      "spiral_points",
                      {{"classes", std::to_string(c.classes)}, {"n", std::to_string(c.n)}}});
  if (fixed && c.fresh)
    errors.push_back({"fresh", "task=" + c.task + " has a fixed data set; fresh=1 needs a generated task", "fresh_fixed",
                      {{"task", c.task}}});
  if (c.loss == "ce" && !shape.classification)
    errors.push_back({"loss", "ce needs a classification task (spiral, circle, xor, gauss), but task=" + c.task,
                      "ce_task", {{"task", c.task}}});
  else if (c.loss == "ce" && c.out != "softmax")
    errors.push_back({"loss", "ce needs out=softmax, got out=" + c.out, "ce_softmax", {{"out", c.out}}});
  if (c.out == "softmax" && shape.outputs < 2)
    errors.push_back({"out",
                      "softmax needs at least 2 outputs, but task=" + c.task + " has " + std::to_string(shape.outputs),
                      "softmax_outputs",
                      {{"task", c.task}, {"outputs", std::to_string(shape.outputs)}}});
  const std::vector<int> sizes = layer_sizes(c);
  int64_t units = 0;
  for (int s : sizes) units += s;
  if (shape.points * units > Limits::kMaxActivationValues)
    errors.push_back({c.n != 0 ? "n" : "layers",
                      std::to_string(shape.points) + " points x " + std::to_string(units) +
                          " units exceed the limit of " + std::to_string(Limits::kMaxActivationValues) +
                          " activation values",
                      "activation_budget",
                      {{"points", std::to_string(shape.points)},
                       {"units", std::to_string(units)},
                       {"limit", std::to_string(Limits::kMaxActivationValues)}}});
  if (!c.weights.empty()) {
    const int64_t want = parameter_count(sizes, c.bias);
    if (static_cast<int64_t>(c.weights.size()) != want) {
      std::string shape_text;
      for (size_t i = 0; i < sizes.size(); ++i) shape_text += (i ? "-" : "") + std::to_string(sizes[i]);
      errors.push_back({"weights",
                        "the " + shape_text + " network " + (c.bias ? "with" : "without") + " biases has " +
                            std::to_string(want) + (want == 1 ? " parameter" : " parameters") + ", got " +
                            std::to_string(c.weights.size()),
                        "weights_count",
                        {{"shape", shape_text},
                         {"bias", c.bias ? "1" : "0"},
                         {"want", std::to_string(want)},
                         {"got", std::to_string(c.weights.size())}}});
    }
  }
  return errors;
}

}  // namespace

const std::vector<KeySpec>& config_schema() {
  static const std::vector<KeySpec> schema = build_schema();
  return schema;
}

const char* key_type_name(KeyType t) {
  switch (t) {
    case KeyType::Int: return "int";
    case KeyType::Number: return "number";
    case KeyType::Bool: return "bool";
    case KeyType::Choice: return "choice";
    case KeyType::IntList: return "intList";
    case KeyType::NumberList: return "numberList";
    case KeyType::Text: return "biasInit";
  }
  return "";
}

const KeySpec* find_key(const std::string& name) {
  for (const KeySpec& k : config_schema())
    if (k.name == name) return &k;
  return nullptr;
}

Config default_config() {
  static const Config defaults = [] {
    Config c;
    for (const KeySpec& k : config_schema()) set_key(c, k, k.default_text);
    return c;
  }();
  return defaults;
}

TaskShape task_shape(const Config& c) {
  TaskShape s;
  const Task task = task_from_name(c.task).value_or(Task::Relu1d);
  switch (task) {
    case Task::Relu1d: s.inputs = 1; s.points = 1000; break;
    case Task::Add2: s.inputs = 2; s.points = 6; s.generated = false; break;
    case Task::Modulus: s.inputs = 2; s.points = 200; break;
    case Task::Spiral:
      s.inputs = 2;
      s.outputs = static_cast<int>(c.classes);
      s.classification = true;
      s.points = 100 * c.classes;
      break;
    case Task::Circle:
    case Task::Xor:
    case Task::Gauss:
      s.inputs = 2;
      s.outputs = 2;
      s.classification = true;
      s.points = 200;
      break;
    case Task::Custom:
      s.inputs = static_cast<int>(c.dim);
      s.generated = false;
      s.points = static_cast<int64_t>(c.points.size() / static_cast<size_t>(c.dim + 1));
      break;
  }
  if (s.generated && c.n > 0) s.points = c.n;
  return s;
}

std::vector<int> layer_sizes(const Config& c) {
  const TaskShape shape = task_shape(c);
  std::vector<int> sizes{shape.inputs};
  for (int64_t h : c.layers) sizes.push_back(static_cast<int>(h));
  sizes.push_back(shape.outputs);
  return sizes;
}

int64_t parameter_count(const std::vector<int>& sizes, bool bias) {
  int64_t count = 0;
  for (size_t l = 1; l < sizes.size(); ++l) count += int64_t(sizes[l]) * (sizes[l - 1] + (bias ? 1 : 0));
  return count;
}

ParseResult parse_config(const std::string& query) {
  ParseResult result;
  result.config = default_config();
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
  std::map<std::string, int> seen;
  for (const std::string& pair : split(body, '&')) {
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    auto key = percent_decode(pair.substr(0, eq));
    auto value = percent_decode(eq == std::string::npos ? "" : pair.substr(eq + 1));
    if (!key) {
      result.errors.push_back({shown(pair.substr(0, eq)), "has a broken percent-escape", "broken_escape",
                               {{"got", shown(pair.substr(0, eq))}}});
      continue;
    }
    const KeySpec* spec = find_key(*key);
    if (!spec) {
      result.errors.push_back({shown(*key), "is not a configuration key", "unknown_key", {}});
      continue;
    }
    if (++seen[*key] > 1) {
      result.errors.push_back({*key, "is given more than once; the first value is kept", "duplicate_key", {}});
      continue;
    }
    if (!value) {
      result.errors.push_back({*key, "has a broken percent-escape in " + shown(pair.substr(eq + 1)), "broken_escape",
                               {{"got", shown(pair.substr(eq + 1))}}});
      continue;
    }
    if (auto problem = set_key(result.config, *spec, *value)) result.errors.push_back(*problem);
  }
  // Cross-key checks; a key at fault goes back to its default, which can expose another.
  for (int pass = 0; pass < 8; ++pass) {
    std::vector<ConfigError> cross = cross_check(result.config);
    if (cross.empty()) break;
    for (const ConfigError& e : cross) {
      result.errors.push_back(e);
      const KeySpec* spec = find_key(e.key);
      const std::string before = spec ? format_key(result.config, *spec) : "";
      reset_key(result.config, e.key);
      // A key already at its default cannot be the fault: the task asks for it
      // (task=custom with no points). Fall back to the default task, or the same
      // error would repeat every pass and the config would stay invalid.
      if (spec && format_key(result.config, *spec) == before) reset_key(result.config, "task");
    }
  }
  return result;
}

std::string format_key(const Config& config, const KeySpec& k) {
  Config& c = const_cast<Config&>(config);  // field_of only reads here
  Field f = field_of(c, k.name);
  switch (k.type) {
    case KeyType::Int: return std::to_string(*f.as_int);
    case KeyType::Number:
      if (f.as_optional) return *f.as_optional ? format_number(**f.as_optional) : "";
      return format_number(*f.as_number);
    case KeyType::Bool: return *f.as_bool ? "1" : "0";
    case KeyType::Choice:
    case KeyType::Text: return *f.as_text;
    case KeyType::IntList: {
      std::vector<std::string> parts;
      for (int64_t v : *f.as_ints) parts.push_back(std::to_string(v));
      return join(parts, ",");
    }
    case KeyType::NumberList: {
      std::vector<std::string> parts;
      for (double v : *f.as_numbers) parts.push_back(format_number(v));
      return join(parts, ",");
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
