// config_test.cpp: the configuration schema, its defaults, and round trips:
// parse_config(to_query(c)) gives back c exactly (every field, every double to the
// bit), with only_changed true and false, for hand-picked configurations and for 2000
// random ones drawn from the schema itself (so a key added later is covered too).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <set>
#include <string>
#include <type_traits>

#include "config_query.h"
#include "rng.h"

namespace relulab {
namespace {

// Field-by-field equality (Config has no operator==; doubles compared exactly).
void expect_same(const Config& a, const Config& b) {
  EXPECT_EQ(a.task, b.task);
  EXPECT_EQ(a.n, b.n);
  EXPECT_EQ(a.noise, b.noise);
  EXPECT_EQ(a.classes, b.classes);
  EXPECT_EQ(a.dim, b.dim);
  EXPECT_EQ(a.points, b.points);
  EXPECT_EQ(a.layers, b.layers);
  EXPECT_EQ(a.act, b.act);
  EXPECT_EQ(a.out, b.out);
  EXPECT_EQ(a.alpha, b.alpha);
  EXPECT_EQ(a.bias, b.bias);
  EXPECT_EQ(a.init, b.init);
  EXPECT_EQ(a.sigma, b.sigma);
  EXPECT_EQ(a.binit.kind, b.binit.kind);
  EXPECT_EQ(a.binit.value, b.binit.value);
  EXPECT_EQ(a.weights, b.weights);
  EXPECT_EQ(a.loss, b.loss);
  EXPECT_EQ(a.opt, b.opt);
  EXPECT_EQ(a.lr, b.lr);
  EXPECT_EQ(a.mom, b.mom);
  EXPECT_EQ(a.bias_update, b.bias_update);
  EXPECT_EQ(a.batch, b.batch);
  EXPECT_EQ(a.shuffle, b.shuffle);
  EXPECT_EQ(a.fresh, b.fresh);
  EXPECT_EQ(a.steps, b.steps);
  EXPECT_EQ(a.l2, b.l2);
  EXPECT_EQ(a.l2_bias, b.l2_bias);
  EXPECT_EQ(a.dropout, b.dropout);
  EXPECT_EQ(a.revive, b.revive);
  EXPECT_EQ(a.revive_tau, b.revive_tau);
  EXPECT_EQ(a.revive_rule, b.revive_rule);
  EXPECT_EQ(a.seed, b.seed);
  EXPECT_EQ(a.trace, b.trace);
  EXPECT_EQ(a.batch_loss, b.batch_loss);
  EXPECT_EQ(to_query(a, false), to_query(b, false));
}

void expect_round_trip(const Config& c) {
  for (bool only_changed : {true, false}) {
    const std::string q = to_query(c, only_changed);
    SCOPED_TRACE(q.substr(0, 200));
    const ParseResult r = parse_config(q);
    ASSERT_TRUE(r.ok()) << r.errors[0].message();
    expect_same(r.config, c);
    EXPECT_EQ(to_query(r.config, only_changed), q);
  }
}

// The only way to a Config is the codec (default_config, parse_config): no in-class
// value exists that could differ from the schema's default.
static_assert(!std::is_default_constructible_v<Config>, "a Config comes from default_config() or parse_config()");
static_assert(!std::is_aggregate_v<Config>, "a Config cannot be brace-initialised around the schema");

TEST(Config, DefaultsAreTheSchemasKeyByKey) {
  const Config d = default_config();
  for (const KeySpec& k : config_schema()) {
    SCOPED_TRACE(k.name);
    EXPECT_EQ(format_key(d, k), k.default_text) << "default_config() holds the schema's default";
    expect_same(parse_config(k.name + "=" + k.default_text).config, d);
  }
}

TEST(Config, Defaults) {
  const Config d = default_config();
  EXPECT_EQ(d.task, Task::Relu1d);
  EXPECT_EQ(d.n, 0);
  EXPECT_EQ(d.classes, 3);
  EXPECT_EQ(d.dim, 1);
  EXPECT_TRUE(d.layers.empty());
  EXPECT_EQ(d.act, Activation::Relu);
  EXPECT_EQ(d.out, Activation::Linear);
  EXPECT_FALSE(d.alpha.has_value());
  EXPECT_TRUE(d.bias);
  EXPECT_EQ(d.init, Init::HeNormal);
  EXPECT_EQ(d.sigma, 1.0);
  EXPECT_EQ(d.binit.kind, BiasInit::Constant);
  EXPECT_EQ(d.binit.value, 0.0);
  EXPECT_EQ(d.loss, Loss::Mse);
  EXPECT_EQ(d.opt, Optimizer::Sgd);
  EXPECT_EQ(d.lr, 0.01);  // Keras's SGD default (docs/SCIENCE.md)
  EXPECT_EQ(d.mom, 0.9);
  EXPECT_EQ(d.batch, 0);
  EXPECT_EQ(d.steps, 1000);
  EXPECT_EQ(d.seed, 1);
  EXPECT_EQ(d.trace, 0);
  EXPECT_EQ(parse_config("").config.steps, 1000);
  EXPECT_TRUE(parse_config("").ok());
  EXPECT_EQ(to_query(d, true), "");
  EXPECT_EQ(to_query(d, false),
            "task=relu1d&n=0&noise=0&classes=3&dim=1&points=&layers=&act=relu&out=linear&alpha=&bias=1&init=he_normal&"
            "sigma=1&binit=0&weights=&loss=mse&opt=sgd&lr=0.01&mom=0.9&bias_update=gradient&batch=0&shuffle=0&fresh=0&steps=1000&l2=0&l2_bias=0&"
            "dropout=0&revive=0&revive_tau=0&revive_rule=dead&seed=1&trace=0&batch_loss=0");
}

TEST(Config, SchemaIsComplete) {
  std::set<std::string> names;
  for (const KeySpec& k : config_schema()) {
    SCOPED_TRACE(k.name);
    EXPECT_TRUE(names.insert(k.name).second) << "duplicate key";
    EXPECT_EQ(find_key(k.name), &k);
    EXPECT_FALSE(k.doc.empty());
    EXPECT_TRUE(k.group == "data" || k.group == "model" || k.group == "training" || k.group == "run") << k.group;
    EXPECT_TRUE(parse_config(k.name + "=" + k.default_text).ok()) << "its default must be valid";
    if (k.type == KeyType::Choice) {
      EXPECT_FALSE(k.choices.empty());
    }
    if (k.type == KeyType::Int || k.type == KeyType::Number) {
      EXPECT_LT(k.lo, k.hi);
    }
  }
  EXPECT_EQ(find_key("nope"), nullptr);
  // The keys the lesson's links use all exist.
  for (const char* key : {"task", "n", "noise", "layers", "act", "out", "alpha", "bias", "init", "sigma", "binit",
                          "weights", "loss", "opt", "lr", "mom", "batch", "fresh", "steps", "l2", "dropout", "revive",
                          "seed"})
    EXPECT_NE(find_key(key), nullptr) << key;
  EXPECT_EQ(find_key("layers")->max_items, Limits::kMaxHiddenLayers);
  EXPECT_EQ(find_key("layers")->hi, Limits::kMaxUnits);
  EXPECT_EQ(find_key("n")->hi, Limits::kMaxPoints);
}

TEST(Config, HandPickedRoundTrips) {
  for (const char* q : {"task=relu1d&out=relu&bias=0&weights=-10&fresh=1&steps=2000",
                        "task=add2&layers=4,4&out=relu&init=normal&binit=normal&batch=1&steps=30000",
                        "task=spiral&layers=100&out=softmax&loss=ce&init=normal&sigma=0.01&lr=1&l2=0.001&steps=10000",
                        "task=custom&dim=2&points=0.1,0.2,0.3,-1e-300,5e-324,1e6&layers=3&act=leaky&alpha=0.3",
                        "task=gauss&n=777&noise=0.25&layers=8,8,8&act=selu&init=lecun_normal&opt=adam&lr=0.001",
                        "task=spiral&classes=10&layers=512,512,512,512,512,512,512,512&steps=0",
                        "task=modulus&layers=3&binit=-0.125&opt=nesterov&mom=0.99&dropout=0.5&revive=100&revive_tau=0.1",
                        "task=add2&layers=4,4&out=relu&batch=1&revive=6&revive_rule=negative",
                        "task=xor&layers=4&init=rai&seed=4294967295&trace=7&shuffle=1&batch=32",
                        "task=circle&layers=16&init=uniform&sigma=0.30000000000000004&l2=1e-10&lr=100"}) {
    SCOPED_TRACE(q);
    const ParseResult r = parse_config(q);
    ASSERT_TRUE(r.ok()) << r.errors[0].message();
    expect_round_trip(r.config);
  }
}

// A random valid-looking value of a key, written in one of several spellings.
std::string random_value(const KeySpec& k, Rng& rng) {
  auto number = [&](double lo, double hi, bool integer) {
    double v = lo + (hi - lo) * rng.uniform();
    if (rng.below(4) == 0) v = rng.below(2) ? lo : hi;
    if (integer) v = std::floor(v);
    char buf[64];
    const int precision = 1 + static_cast<int>(rng.below(17));
    if (integer) std::snprintf(buf, sizeof buf, "%.0f", v);
    else std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    return std::string(buf);
  };
  switch (k.type) {
    case KeyType::Int: return number(k.lo, std::min(k.hi, 1e6), true);
    case KeyType::Number: return k.optional && rng.below(3) == 0 ? "" : number(k.lo, k.hi, false);
    case KeyType::Bool: return rng.below(2) ? "1" : "0";
    case KeyType::Choice: return k.choices[rng.below(uint32_t(k.choices.size()))];
    case KeyType::BiasInit: {
      const uint32_t pick = rng.below(3);
      return pick == 0 ? "normal" : pick == 1 ? "uniform" : number(-100, 100, false);
    }
    case KeyType::IntList:
    case KeyType::NumberList: {
      const int items = static_cast<int>(rng.below(uint32_t(std::min(k.max_items, 12) + 1)));
      std::string s;
      for (int i = 0; i < items; ++i)
        s += (i ? "," : "") + number(k.lo, k.type == KeyType::IntList ? std::min(k.hi, 40.0) : k.hi,
                                     k.type == KeyType::IntList);
      return s;
    }
  }
  return "";
}

TEST(Config, RandomRoundTrips) {
  Rng rng(2024, 77);
  const std::vector<KeySpec>& schema = config_schema();
  int clean = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    std::string q;
    for (const KeySpec& k : schema)
      if (rng.below(3) == 0) q += (q.empty() ? "" : "&") + k.name + "=" + random_value(k, rng);
    SCOPED_TRACE(q.substr(0, 300));
    const ParseResult r = parse_config(q);
    clean += r.ok();
    expect_round_trip(r.config);  // the lenient result round-trips too
    if (::testing::Test::HasFatalFailure()) return;
  }
  std::printf("random configs parsed with no error: %d of 2000\n", clean);
  EXPECT_GT(clean, 100) << "the generator should produce many fully valid configurations";
}

// Each choice names its enum value: the parser sets a Choice key's field by the
// choice's place in the key's list, so the lists must follow their enums' order.
TEST(Config, ChoicesNameTheirEnumValues) {
  const auto parsed = [](const std::string& q) { return parse_config(q).config; };
  const std::vector<std::pair<Task, const char*>> tasks = {
      {Task::Relu1d, "relu1d"}, {Task::Add2, "add2"}, {Task::Modulus, "modulus"}, {Task::Spiral, "spiral"},
      {Task::Circle, "circle"}, {Task::Xor, "xor"},   {Task::Gauss, "gauss"},     {Task::Custom, "custom"}};
  for (const auto& [task, name] : tasks) {
    EXPECT_EQ(task_name(task), name);
    if (task != Task::Custom) {  // (a custom task needs its points)
      EXPECT_EQ(parsed(std::string("task=") + name).task, task) << name;
    }
  }
  const std::vector<std::pair<Activation, const char*>> activations = {
      {Activation::Relu, "relu"},   {Activation::Leaky, "leaky"},     {Activation::Elu, "elu"},
      {Activation::Selu, "selu"},   {Activation::Gelu, "gelu"},       {Activation::Swish, "swish"},
      {Activation::Tanh, "tanh"},   {Activation::Sigmoid, "sigmoid"}, {Activation::Linear, "linear"},
      {Activation::Softmax, "softmax"}};
  for (const auto& [activation, name] : activations) {
    EXPECT_EQ(activation_name(activation), name);
    if (activation != Activation::Softmax) {  // (an output activation only)
      EXPECT_EQ(parsed(std::string("act=") + name).act, activation) << name;
    }
    EXPECT_EQ(parsed(std::string("task=xor&out=") + name).out, activation) << name;
  }
  const std::vector<std::pair<Init, const char*>> inits = {
      {Init::HeNormal, "he_normal"},       {Init::HeUniform, "he_uniform"},     {Init::GlorotNormal, "glorot_normal"},
      {Init::GlorotUniform, "glorot_uniform"}, {Init::LecunNormal, "lecun_normal"}, {Init::Normal, "normal"},
      {Init::Uniform, "uniform"},          {Init::Rai, "rai"},                  {Init::Zeros, "zeros"}};
  for (const auto& [init, name] : inits) EXPECT_EQ(parsed(std::string("init=") + name).init, init) << name;
  EXPECT_EQ(parsed("task=xor&out=softmax&loss=ce").loss, Loss::Ce);
  const std::vector<std::pair<Optimizer, const char*>> optimizers = {{Optimizer::Sgd, "sgd"},
                                                                     {Optimizer::Momentum, "momentum"},
                                                                     {Optimizer::Nesterov, "nesterov"},
                                                                     {Optimizer::Rmsprop, "rmsprop"},
                                                                     {Optimizer::Adam, "adam"}};
  for (const auto& [opt, name] : optimizers) EXPECT_EQ(parsed(std::string("opt=") + name).opt, opt) << name;
  EXPECT_EQ(parsed("bias_update=gradient").bias_update, BiasUpdate::Gradient);
  EXPECT_EQ(parsed("bias_update=decay").bias_update, BiasUpdate::Decay);
}

TEST(Config, TaskShapesAndParameterCounts) {
  const Config add2 = parse_config("task=add2&layers=4,4").config;
  EXPECT_EQ(layer_sizes(add2), (std::vector<int>{2, 4, 4, 1}));
  EXPECT_EQ(parameter_count(layer_sizes(add2), true), 37);
  EXPECT_EQ(parameter_count(layer_sizes(add2), false), 28);
  EXPECT_EQ(task_shape(add2).points, 6);
  EXPECT_FALSE(task_shape(add2).generated);
  const Config spiral = parse_config("task=spiral&classes=5&n=0").config;
  EXPECT_EQ(task_shape(spiral).points, 500);
  EXPECT_EQ(task_shape(spiral).outputs, 5);
  EXPECT_TRUE(task_shape(spiral).classification);
  EXPECT_EQ(task_shape(parse_config("task=relu1d&n=50").config).points, 50);
  EXPECT_EQ(task_shape(parse_config("task=custom&dim=3&points=1,2,3,4,5,6,7,8").config).points, 2);
}

}  // namespace
}  // namespace relulab
