// config_errors_test.cpp: a table of bad configurations, each with the exact list of
// messages parse_config must give (key: reason), and what the lenient parse keeps.
// Exact strings on purpose: they are what the page, the CLI and the JS API show, and
// a change to any of them should be a deliberate edit of this table.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config_query.h"

namespace relulab {
namespace {

struct Bad {
  std::string query;
  std::vector<std::string> messages;
};

std::string repeat(const std::string& item, int count, const std::string& sep = ",") {
  std::string s;
  for (int i = 0; i < count; ++i) s += (i ? sep : "") + item;
  return s;
}

const std::string kNumberList = "a comma-separated list of at most 300000 numbers in [-1000000, 1000000]";
// points: 2 numbers per point at the least, so at most 2 x 100000 numbers.
const std::string kPointsList = "a comma-separated list of at most 200000 numbers in [-1000000, 1000000]";
const std::string kLayers = "a comma-separated list of at most 100 whole numbers in [1, 512]";
const std::string kLr = "lr: must be a number in (0, 100], got ";

std::vector<Bad> table() {
  return {
      // keys
      {"foo=1", {"foo: is not a configuration key"}},
      {"LR=0.1", {"LR: is not a configuration key"}},
      {"=5", {": is not a configuration key"}},
      {"%01%7F=1", {"??: is not a configuration key"}},
      {std::string(50, 'k') + "=1", {std::string(40, 'k') + "...: is not a configuration key"}},
      // a key given twice: its last value is used (checked below), reported once
      {"lr=0.1&lr=0.2&lr=0.3", {"lr: is given more than once; the last value is used"}},
      {"lr=0.5&lr=abc", {"lr: is given more than once; the last value is used", kLr + "'abc'"}},
      {"lr=0.5&lr=%zz", {"lr: has a broken percent-escape in '%zz'"}},
      // numbers
      {"lr=abc", {kLr + "'abc'"}},
      {"lr=1e999", {kLr + "'1e999'"}},
      {"lr=1e-400", {kLr + "'1e-400'"}},  // underflows to 0, outside (0, 100]
      {"lr=nan", {kLr + "'nan'"}},
      {"lr=inf", {kLr + "'inf'"}},
      {"lr=0x10", {kLr + "'0x10'"}},
      {"lr= 1", {kLr + "' 1'"}},
      {"lr=1 ", {kLr + "'1 '"}},
      {"lr=", {kLr + "''"}},
      {"lr", {kLr + "''"}},
      {"lr=.", {kLr + "'.'"}},
      {"lr=1e", {kLr + "'1e'"}},
      {"lr=1e+", {kLr + "'1e+'"}},
      {"lr=0", {kLr + "'0'"}},
      {"lr=-1", {kLr + "'-1'"}},
      {"lr=100.0001", {kLr + "'100.0001'"}},
      {"lr=0.10000000000000000000000000000000000000001",
       {kLr + "'0.10000000000000000000000000000000000000...'"}},
      {"mom=1", {"mom: must be a number in [0, 1), got '1'"}},
      {"sigma=0", {"sigma: must be a number in (0, 100], got '0'"}},
      {"noise=-0.5", {"noise: must be a number in [0, 10], got '-0.5'"}},
      {"dropout=0.96", {"dropout: must be a number in [0, 0.95], got '0.96'"}},
      {"alpha=-1", {"alpha: must be a number in [0, 10], got '-1'"}},
      {"l2=11", {"l2: must be a number in [0, 10], got '11'"}},
      {"revive_tau=2", {"revive_tau: must be a number in [0, 1], got '2'"}},
      // whole numbers
      {"n=1.5", {"n: must be a whole number in [0, 100000], got '1.5'"}},
      {"n=1e3", {"n: must be a whole number in [0, 100000], got '1e3'"}},
      {"n=100001", {"n: must be a whole number in [0, 100000], got '100001'"}},
      {"seed=-1", {"seed: must be a whole number in [0, 4294967295], got '-1'"}},
      {"seed=4294967296", {"seed: must be a whole number in [0, 4294967295], got '4294967296'"}},
      {"seed=0000000000001", {"seed: must be a whole number in [0, 4294967295], got '0000000000001'"}},
      {"steps=1000001", {"steps: must be a whole number in [0, 1000000], got '1000001'"}},
      {"batch=-1", {"batch: must be a whole number in [0, 100000], got '-1'"}},
      {"classes=1", {"classes: must be a whole number in [2, 10], got '1'"}},
      {"dim=9", {"dim: must be a whole number in [1, 8], got '9'"}},
      {"trace=x", {"trace: must be a whole number in [0, 1000000], got 'x'"}},
      {"revive=0.5", {"revive: must be a whole number in [0, 1000000], got '0.5'"}},
      // flags and choices
      {"bias=yes", {"bias: must be 0 or 1, got 'yes'"}},
      {"shuffle=2", {"shuffle: must be 0 or 1, got '2'"}},
      {"task=foo", {"task: must be one of relu1d, add2, modulus, spiral, circle, xor, gauss, custom, got 'foo'"}},
      {"task=%01", {"task: must be one of relu1d, add2, modulus, spiral, circle, xor, gauss, custom, got '?'"}},
      {"act=softmax", {"act: must be one of relu, leaky, elu, selu, gelu, swish, tanh, sigmoid, linear, got 'softmax'"}},
      {"out=Relu",
       {"out: must be one of relu, leaky, elu, selu, gelu, swish, tanh, sigmoid, linear, softmax, got 'Relu'"}},
      {"init=kaiming",
       {"init: must be one of he_normal, he_uniform, glorot_normal, glorot_uniform, lecun_normal, normal, uniform, "
        "rai, zeros, got 'kaiming'"}},
      {"loss=xent", {"loss: must be one of mse, ce, got 'xent'"}},
      {"opt=SGD", {"opt: must be one of sgd, momentum, nesterov, rmsprop, adam, got 'SGD'"}},
      {"binit=abc", {"binit: must be a number in [-100, 100], normal or uniform, got 'abc'"}},
      {"binit=101", {"binit: must be a number in [-100, 100], normal or uniform, got '101'"}},
      {"binit=0x1", {"binit: must be a number in [-100, 100], normal or uniform, got '0x1'"}},
      {"binit=1e999", {"binit: must be a number in [-100, 100], normal or uniform, got '1e999'"}},
      {"binit=", {"binit: must be a number in [-100, 100], normal or uniform, got ''"}},
      // lists and sizes
      {"layers=" + repeat("2", 101), {"layers: must be " + kLayers + ", got 101 items"}},
      // 100 layers of width 2 are fine; 9 layers of 512 hold more parameters than any
      // 8-layer network may (1 input, 1 output: 2102785)
      {"layers=" + repeat("512", 9),
       {"layers: the network's 2102785 weights and biases exceed the limit of 2097152"}},
      {"layers=513", {"layers: must be " + kLayers + ", got '513' in it"}},
      {"layers=4,0", {"layers: must be " + kLayers + ", got '0' in it"}},
      {"layers=4,,4", {"layers: must be " + kLayers + ", got '4,,4'"}},
      {"layers=4.5", {"layers: must be " + kLayers + ", got '4.5'"}},
      {"layers=4,", {"layers: must be " + kLayers + ", got '4,'"}},
      {"weights=1e7", {"weights: must be " + kNumberList + ", got '1e7' in it"}},
      {"weights=" + repeat("0", 300001), {"weights: must be " + kNumberList + ", got 300001 items"}},
      {"points=1,abc", {"points: must be " + kPointsList + ", got '1,abc'"}},
      {"task=custom&points=" + repeat("0", 200002), {"points: must be " + kPointsList + ", got 200002 items",
                                                     "points: task=custom needs dim+1 = 2 numbers per point (dim inputs, "
                                                     "then the target), got 0 numbers"}},
      // memory budget: points x all units
      {"n=100000&layers=512,512",
       {"n: 100000 points x 1026 units exceed the limit of 16777216 activation values"}},
      {"task=custom&points=" + repeat("1", 30000) + "&layers=512,512,512",
       {"layers: 15000 points x 1538 units exceed the limit of 16777216 activation values"}},
      // between keys
      {"task=add2&layers=4,4&weights=1,2,3", {"weights: the 2-4-4-1 network with biases has 37 parameters, got 3"}},
      {"bias=0&weights=1,2", {"weights: the 1-1 network without biases has 1 parameter, got 2"}},
      {"task=spiral&loss=ce", {"loss: ce needs out=softmax, got out=linear"}},
      {"loss=ce", {"loss: ce needs a classification task (spiral, circle, xor, gauss), but task=relu1d"}},
      {"out=softmax", {"out: softmax needs at least 2 outputs, but task=relu1d has 1"}},
      {"task=add2&fresh=1", {"fresh: task=add2 has a fixed data set; fresh=1 needs a generated task"}},
      {"task=custom&points=1,2&fresh=1", {"fresh: task=custom has a fixed data set; fresh=1 needs a generated task"}},
      {"task=add2&n=10", {"n: task=add2 has a fixed set of 6 points, got n=10"}},
      {"task=spiral&n=2", {"n: the spiral needs at least one point per arm (3), got n=2"}},
      {"points=1,2", {"points: is only read by task=custom, but task=relu1d"}},
      {"task=custom&dim=2&points=1,2,3,4",
       {"points: task=custom needs dim+1 = 3 numbers per point (dim inputs, then the target), got 4 numbers",
        "points: task=custom needs dim+1 = 3 numbers per point (dim inputs, then the target), got 0 numbers"}},
      {"task=custom",
       {"points: task=custom needs dim+1 = 2 numbers per point (dim inputs, then the target), got 0 numbers"}},
      // escapes and size of the whole query
      {"lr=%zz", {"lr: has a broken percent-escape in '%zz'"}},
      {"lr=1%", {"lr: has a broken percent-escape in '1%'"}},
      {"lr=%4", {"lr: has a broken percent-escape in '%4'"}},
      {"l%r=1", {"l%r: has a broken percent-escape"}},
      {std::string(4 * 1024 * 1024 + 1, 'a'), {"(config): is 4194305 characters long; the limit is 4194304"}},
  };
}

TEST(ConfigErrors, TableOfBadInputsWithExactMessages) {
  const std::vector<Bad> bad = table();
  ASSERT_GE(bad.size(), 40u);
  for (const Bad& b : bad) {
    SCOPED_TRACE(b.query.substr(0, 80));
    const ParseResult r = parse_config(b.query);
    std::vector<std::string> got;
    for (const ConfigError& e : r.errors) {
      got.push_back(e.message());
      EXPECT_EQ(e.message(), e.key + ": " + e.reason);
    }
    EXPECT_EQ(got, b.messages);
    EXPECT_FALSE(r.ok());
    // Whatever was wrong, the lenient result is a valid configuration.
    const ParseResult again = parse_config(to_query(r.config));
    EXPECT_TRUE(again.ok()) << to_query(r.config) << " -> " << (again.errors.empty() ? "" : again.errors[0].message());
  }
}

// A key given twice takes its last value, whatever the first was, as the page's link
// reader does; a last value that is bad leaves the key at its default.
TEST(ConfigErrors, DuplicateKeysTakeTheLastValue) {
  const ParseResult r = parse_config("lr=abc&seed=4&lr=0.5&layers=4&seed=9&layers=&lr=0.25");
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_EQ(r.errors[0].key, "lr");
  EXPECT_EQ(r.errors[0].code, "duplicate_key");
  EXPECT_EQ(r.errors[1].key, "seed");
  EXPECT_EQ(r.errors[2].key, "layers");
  EXPECT_EQ(r.config.lr, 0.25);
  EXPECT_EQ(r.config.seed, 9);
  EXPECT_TRUE(r.config.layers.empty());
  EXPECT_EQ(to_query(r.config), "lr=0.25&seed=9");
  const ParseResult bad_last = parse_config("lr=0.5&lr=-1");
  EXPECT_EQ(bad_last.config.lr, 0.01);
  // A pair whose value cannot be decoded is not a value of its key.
  const ParseResult broken = parse_config("lr=0.5&lr=%zz");
  EXPECT_EQ(broken.config.lr, 0.5);
}

// Keys are named bare in every error (values are quoted in the reason).
TEST(ConfigErrors, KeysAreBare) {
  for (const ConfigError& e : parse_config("zz=1&l%r=1&lr=abc&lr=0.5&n=%zz").errors) {
    SCOPED_TRACE(e.message());
    EXPECT_EQ(e.key.find('\''), std::string::npos);
  }
  EXPECT_EQ(parse_config("zz=1").errors[0].key, "zz");
}

TEST(ConfigErrors, ErrorsNameTheKeyToFix) {
  const ParseResult r = parse_config("lr=abc&task=add2&fresh=1");
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].key, "lr");
  EXPECT_EQ(r.errors[0].reason, "must be a number in (0, 100], got 'abc'");
  EXPECT_EQ(r.errors[1].key, "fresh");
}

// The lenient parse: a bad key falls back to its default, everything else is kept.
TEST(ConfigErrors, LenientParseKeepsTheRest) {
  const ParseResult r = parse_config("task=modulus&lr=abc&layers=4,4&seed=9&opt=bogus&mom=0.5");
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].key, "lr");
  EXPECT_EQ(r.errors[1].key, "opt");
  EXPECT_EQ(r.config.task, Task::Modulus);
  EXPECT_EQ(r.config.lr, 0.01);
  EXPECT_EQ(r.config.opt, Optimizer::Sgd);
  EXPECT_EQ(r.config.layers, (std::vector<int64_t>{4, 4}));
  EXPECT_EQ(r.config.seed, 9);
  EXPECT_EQ(r.config.mom, 0.5);
  EXPECT_EQ(to_query(r.config), "task=modulus&layers=4,4&mom=0.5&seed=9");
  // A cross-key fault resets only the key it names.
  const ParseResult c = parse_config("task=spiral&loss=ce&lr=0.5&layers=16");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.config.loss, Loss::Mse);
  EXPECT_EQ(c.config.task, Task::Spiral);
  EXPECT_EQ(c.config.lr, 0.5);
  // task=custom without points falls back to the default task (nothing else could
  // make it valid), once, not once per pass.
  const ParseResult custom = parse_config("task=custom&lr=0.5");
  EXPECT_EQ(custom.errors.size(), 1u);
  EXPECT_EQ(custom.config.task, Task::Relu1d);
  EXPECT_EQ(custom.config.lr, 0.5);
}

TEST(ConfigErrors, AcceptedSpellings) {
  struct Good {
    std::string query, normalized;
  };
  for (const Good& g : std::vector<Good>{{"?lr=0.5", "lr=0.5"},
                                         {"#lr=0.5", "lr=0.5"},
                                         {"lr=+1", "lr=1"},
                                         {"lr=.5", "lr=0.5"},
                                         {"lr=5.", "lr=5"},
                                         {"lr=1E-2", ""},
                                         {"l%72=0.25", "lr=0.25"},
                                         {"layers=4%2C4", "layers=4,4"},
                                         {"bias=false&shuffle=true", "bias=0&shuffle=1"},
                                         {"&&lr=0.5&&", "lr=0.5"},
                                         {"alpha=", ""},
                                         {"alpha=0", "alpha=0"},
                                         {"layers=", ""},
                                         {"n=-0", ""},
                                         {"bias=0&weights=-0.0", "bias=0&weights=0"},
                                         {"binit=normal&binit_unused=1", ""}}) {
    SCOPED_TRACE(g.query);
    const ParseResult r = parse_config(g.query);
    if (g.query.find("binit_unused") != std::string::npos) {
      ASSERT_EQ(r.errors.size(), 1u);  // the unknown key; binit=normal is kept
      EXPECT_EQ(r.config.binit.kind, BiasInit::Normal);
      continue;
    }
    EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].message());
    EXPECT_EQ(to_query(r.config), g.normalized);
  }
}

}  // namespace
}  // namespace relulab
