// config_schema.cpp: the table of keys (see config_schema.h).
#include "config_schema.h"

#include <type_traits>

namespace relulab {
namespace {

// The builders below each make one kind of row; their field argument's type is the
// kind's, so a key and its field cannot disagree on the type.
KeySpec row(const char* name, FieldRef field, KeyType type, const char* fallback, double lo, double hi,
            const char* group, const char* doc) {
  return KeySpec{name, field, type, fallback, lo, hi, false, false, false, 0, {}, group, doc};
}

template <typename Enum>
KeySpec choice(const char* name, Enum Config::*field, const char* fallback, std::vector<std::string> choices,
               const char* group, const char* doc) {
  KeySpec k = row(name, field, KeyType::Choice, fallback, 0, 0, group, doc);
  k.choices = std::move(choices);
  return k;
}
KeySpec number(const char* name, double Config::*field, const char* fallback, double lo, double hi, const char* group,
               const char* doc, bool lo_open = false, bool hi_open = false) {
  KeySpec k = row(name, field, KeyType::Number, fallback, lo, hi, group, doc);
  k.lo_open = lo_open;
  k.hi_open = hi_open;
  return k;
}
KeySpec optional_number(const char* name, std::optional<double> Config::*field, double lo, double hi,
                        const char* group, const char* doc) {
  KeySpec k = row(name, field, KeyType::Number, "", lo, hi, group, doc);
  k.optional = true;
  return k;
}
KeySpec integer(const char* name, int64_t Config::*field, const char* fallback, double lo, double hi,
                const char* group, const char* doc) {
  return row(name, field, KeyType::Int, fallback, lo, hi, group, doc);
}
KeySpec flag(const char* name, bool Config::*field, const char* fallback, const char* group, const char* doc) {
  return row(name, field, KeyType::Bool, fallback, 0, 1, group, doc);
}
// A list of whole numbers (int64_t items) or of numbers (double items).
template <typename Item>
KeySpec list(const char* name, std::vector<Item> Config::*field, double lo, double hi, int max_items,
             const char* group, const char* doc) {
  const KeyType type = std::is_integral_v<Item> ? KeyType::IntList : KeyType::NumberList;
  KeySpec k = row(name, field, type, "", lo, hi, group, doc);
  k.max_items = max_items;
  return k;
}

KeySpec bias_init(const char* name, BiasInit Config::*field, const char* fallback, double lo, double hi,
                  const char* group, const char* doc) {
  return row(name, field, KeyType::BiasInit, fallback, lo, hi, group, doc);
}

std::vector<std::string> hidden_activation_names() {
  std::vector<std::string> names = activation_names();
  names.pop_back();  // softmax, the last, is for the output layer only
  return names;
}

std::vector<KeySpec> build_schema() {
  using L = Limits;
  using C = Config;
  return {
      choice("task", &C::task, "relu1d", task_names(), "data", "what the network learns"),
      integer("n", &C::n, "0", 0, L::kMaxPoints, "data", "training points; 0 = the task's own size"),
      number("noise", &C::noise, "0", 0, 10, "data", "std of Gaussian noise on targets (inputs for classes)"),
      integer("classes", &C::classes, "3", 2, L::kMaxClasses, "data", "arms of the spiral"),
      integer("dim", &C::dim, "1", 1, L::kMaxInputDim, "data", "inputs per point of task=custom"),
      // 2 numbers per point at the least (dim 1): so at most kMaxPoints points.
      list("points", &C::points, -1e6, 1e6, 2 * L::kMaxPoints, "data",
           "task=custom data: dim inputs then the target, point after point"),
      list("layers", &C::layers, 1, L::kMaxUnits, L::kMaxHiddenLayers, "model",
           "hidden layer sizes, e.g. 4,4; empty for none"),
      choice("act", &C::act, "relu", hidden_activation_names(), "model", "hidden activation"),
      choice("out", &C::out, "linear", activation_names(), "model", "output activation"),
      optional_number("alpha", &C::alpha, 0, 10, "model", "leaky slope / ELU alpha; empty = 0.01 / 1"),
      flag("bias", &C::bias, "1", "model", "units have biases"),
      choice("init", &C::init, "he_normal", init_names(), "model", "weight initialization"),
      number("sigma", &C::sigma, "1", 0, 100, "model",
             "std of init=normal, limit of init=uniform, scale of drawn biases", true),
      bias_init("binit", &C::binit, "0", -100, 100, "model",
                "bias init: a constant, normal (N(0, sigma^2)) or uniform (U(-sigma, sigma))"),
      list("weights", &C::weights, -1e6, 1e6, L::kMaxWeights, "model",
           "explicit initial parameters, layer by layer: weights row-major, then biases"),
      choice("loss", &C::loss, "mse", loss_names(), "training", "loss: mean squared error or softmax cross-entropy"),
      choice("opt", &C::opt, "sgd", optimizer_names(), "training", "optimizer"),
      number("lr", &C::lr, "0.01", 0, 100, "training", "learning rate", true),
      number("mom", &C::mom, "0.9", 0, 1, "training", "momentum (momentum, nesterov)", false, true),
      choice("bias_update", &C::bias_update, "gradient", bias_update_names(), "training",
             "how biases learn: gradient, or decay (b -= lr*b: the data never reach them)"),
      integer("batch", &C::batch, "0", 0, L::kMaxPoints, "training", "batch size; 0 = the full set"),
      flag("shuffle", &C::shuffle, "0", "training", "shuffle the order of points every epoch"),
      flag("fresh", &C::fresh, "0", "training", "draw new points for every step"),
      integer("steps", &C::steps, "1000", 0, double(L::kMaxSteps), "training", "optimizer steps"),
      number("l2", &C::l2, "0", 0, 10, "training", "L2 penalty 0.5*l2*sum(W^2) on weights"),
      number("l2_bias", &C::l2_bias, "0", 0, 10, "training", "L2 penalty 0.5*l2_bias*sum(b^2) on biases"),
      number("dropout", &C::dropout, "0", 0, 0.95, "training", "dropout rate of hidden units"),
      integer("revive", &C::revive, "0", 0, double(L::kMaxSteps), "training",
              "every this many steps revive units (revive_rule); 0 = off"),
      number("revive_tau", &C::revive_tau, "0", 0, 1, "training",
             "revive units whose mean |activation| over the layer's mean is at most this"),
      choice("revive_rule", &C::revive_rule, "dead", revive_rule_names(), "training",
             "what reviving does: dead (ReDo) or negative (redraw the negative weights into ReLUs)"),
      integer("seed", &C::seed, "1", 0, double(L::kMaxSeed), "run", "random seed: data, init, batches"),
      integer("trace", &C::trace, "0", 0, double(L::kMaxSteps), "run", "record every this many steps; 0 = auto"),
      flag("batch_loss", &C::batch_loss, "0", "run",
           "records also hold the mean loss of the batches since the last, each before its update (as Keras logs)"),
  };
}

}  // namespace

const std::vector<KeySpec>& config_schema() {
  static const std::vector<KeySpec> schema = build_schema();
  return schema;
}

const KeySpec* find_key(const std::string& name) {
  for (const KeySpec& k : config_schema())
    if (k.name == name) return &k;
  return nullptr;
}

const char* key_type_name(KeyType t) {
  switch (t) {
    case KeyType::Int: return "int";
    case KeyType::Number: return "number";
    case KeyType::Bool: return "bool";
    case KeyType::Choice: return "choice";
    case KeyType::IntList: return "intList";
    case KeyType::NumberList: return "numberList";
    case KeyType::BiasInit: return "biasInit";
  }
  return "";
}

}  // namespace relulab
