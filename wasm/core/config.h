// config.h: a configuration of the lab as typed values. A configuration is written as a
// URL query string ("task=add2&layers=4,4&lr=0.01"), the same keys for the page's URL,
// the command-line tool and the JS API. The schema (config_schema.h) declares every
// key's field, type, range, default and allowed values; the query codec
// (config_query.h) reads a query into a Config and writes one back. A Config exists
// only as what the codec made: there is no other way to construct one, so no default
// can be written anywhere but in the schema.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "activation.h"
#include "init.h"
#include "loss.h"
#include "optimizer.h"
#include "tasks.h"

namespace relulab {

// How a run revives its units every `revive` steps. Dead: ReDo (Sokar et al. 2023): a
// hidden unit whose activity is at most revive_tau of its layer's mean gets fresh incoming
// weights and zero outgoing ones. Negative: a commenter's rule for the dying ReLU: every
// weight into a ReLU unit (hidden, and the output when it is a ReLU) that has gone
// negative is drawn again from the initializer; every other weight and every bias stays.
enum class ReviveRule { Dead, Negative };

// The names of the revival rules as a configuration writes them, in the order of ReviveRule.
inline const std::vector<std::string>& revive_rule_names() {
  static const std::vector<std::string> names = {"dead", "negative"};
  return names;
}

// Limits that keep any configuration inside memory and time a browser tab can give.
struct Limits {
  static constexpr int kMaxHiddenLayers = 100;
  static constexpr int kMaxUnits = 512;
  // Weights and biases of one network: the most that 8 layers of 512 units between 8
  // inputs and 10 outputs have (1848330), so a deep network is a narrow one and holds
  // no more memory than the widest 8-layer one.
  static constexpr int64_t kMaxParameters = 1 << 21;
  static constexpr int kMaxPoints = 100000;
  static constexpr int64_t kMaxSteps = 1000000;
  static constexpr int kMaxInputDim = 8;
  static constexpr int kMaxClasses = 10;
  static constexpr int64_t kMaxActivationValues = 1 << 24;  // points x (all units)
  static constexpr int kMaxWeights = 300000;                // explicit `weights` entries
  static constexpr int kMaxQueryLength = 4 * 1024 * 1024;
  static constexpr int64_t kMaxSeed = 4294967295;           // seeds are 32-bit
};

class Config {
 public:
  // data
  Task task;
  int64_t n;  // 0 = the task's own size
  double noise;
  int64_t classes;
  int64_t dim;
  std::vector<double> points;
  // model
  std::vector<int64_t> layers;
  Activation act;               // hidden layers (never softmax)
  Activation out;               // the output layer
  std::optional<double> alpha;  // absent = the activation's standard constant
  bool bias;
  Init init;
  double sigma;
  BiasInit binit;
  std::vector<double> weights;
  // training
  Loss loss;
  Optimizer opt;
  double lr;
  double mom;
  BiasUpdate bias_update;
  int64_t batch;
  bool shuffle;
  bool fresh;
  int64_t steps;
  double l2;
  double l2_bias;
  double dropout;
  int64_t revive;
  double revive_tau;
  ReviveRule revive_rule;
  int64_t seed;
  int64_t trace;  // record diagnostics every `trace` steps; 0 = about 1000 records
  bool batch_loss;  // records also hold the mean loss of the batches trained since the last

 private:
  // Only default_config() starts a Config, and it sets every field from the schema's
  // defaults (the fields hold nothing before that).
  Config();
  friend Config default_config();
};

// The configuration of an empty query: every key at its schema default.
Config default_config();

}  // namespace relulab
