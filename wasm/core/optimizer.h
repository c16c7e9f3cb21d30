// optimizer.h: the update rules, one flat loop over the parameter arena.
//   sgd       p -= lr * g
//   momentum  v = mom * v - lr * g;  p += v
//   nesterov  v = mom * v - lr * g;  p += mom * v - lr * g      (Keras/PyTorch form)
//   rmsprop   s = 0.9 s + 0.1 g^2;   p -= lr * g / (sqrt(s) + 1e-7)
//   adam      m, v with beta1 0.9, beta2 0.999, bias-corrected, eps 1e-8
// (The L2 penalty is part of the gradient: see objective.h.) After each update, values
// below 1e-30 in magnitude are flushed to zero: WebAssembly cannot flush denormal
// numbers in hardware, and a dead, decaying network would otherwise crawl through them.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace relulab {

enum class Optimizer { Sgd, Momentum, Nesterov, Rmsprop, Adam };

// The names of the rules as a configuration writes them, in the order of Optimizer.
inline const std::vector<std::string>& optimizer_names() {
  static const std::vector<std::string> names = {"sgd", "momentum", "nesterov", "rmsprop", "adam"};
  return names;
}

// How biases learn. Gradient: from the loss's gradient, by the optimizer, like every
// weight. Decay: each bias's gradient is replaced by the bias itself, so plain SGD makes
// b -= lr * b: the data never reach the biases and they shrink towards 0 by a factor
// (1 - lr) per step. That is the update a hand-written trainer makes when it subtracts
// lr * biases where it meant lr * (the biases' gradient); experiment 3 runs it.
enum class BiasUpdate { Gradient, Decay };

// The names of the bias updates as a configuration writes them, in the order of BiasUpdate.
inline const std::vector<std::string>& bias_update_names() {
  static const std::vector<std::string> names = {"gradient", "decay"};
  return names;
}

constexpr float kFlushBelow = 1e-30f;

struct OptimizerSettings {
  Optimizer kind = Optimizer::Sgd;
  double lr = 0.01, mom = 0.9;
};

class OptimizerState {
 public:
  OptimizerState() = default;
  OptimizerState(const OptimizerSettings& settings, size_t parameters);
  // One update of the n parameters given their gradients.
  void update(float* params, const float* grads, size_t n);
  // Forgets the history of one parameter (used when a unit is revived).
  void reset(size_t index);
  const OptimizerSettings& settings() const { return settings_; }

 private:
  OptimizerSettings settings_;
  std::vector<float> first_, second_;  // velocity / mean, and mean square
  std::vector<int64_t> born_;          // Adam: the step at which a parameter's history began
  int64_t step_ = 0;
};

}  // namespace relulab
