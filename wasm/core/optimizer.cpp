// optimizer.cpp: see optimizer.h.
#include "optimizer.h"

#include <cmath>

namespace relulab {

namespace {
inline float flushed(float v) { return std::fabs(v) < kFlushBelow ? 0.0f : v; }
}  // namespace

OptimizerState::OptimizerState(const OptimizerSettings& settings, size_t parameters) : settings_(settings) {
  if (settings.kind != Optimizer::Sgd) first_.assign(parameters, 0.0f);
  if (settings.kind == Optimizer::Rmsprop || settings.kind == Optimizer::Adam) second_.assign(parameters, 0.0f);
  if (settings.kind == Optimizer::Adam) born_.assign(parameters, 0);
}

void OptimizerState::reset(size_t i) {
  if (!first_.empty()) first_[i] = 0;
  if (!second_.empty()) second_[i] = 0;
  if (!born_.empty()) born_[i] = step_;
}

void OptimizerState::update(float* p, const float* grads, size_t n) {
  const float lr = static_cast<float>(settings_.lr), mom = static_cast<float>(settings_.mom);
  ++step_;
  // Adam's bias corrections for parameters whose history began at step 0.
  const double c1_all = 1.0 - std::pow(0.9, double(step_)), c2_all = 1.0 - std::pow(0.999, double(step_));
  for (size_t i = 0; i < n; ++i) {
    const float g = grads[i];
    switch (settings_.kind) {
      case Optimizer::Sgd: p[i] -= lr * g; break;
      case Optimizer::Momentum:
        first_[i] = flushed(mom * first_[i] - lr * g);
        p[i] += first_[i];
        break;
      case Optimizer::Nesterov:
        first_[i] = flushed(mom * first_[i] - lr * g);
        p[i] += mom * first_[i] - lr * g;
        break;
      case Optimizer::Rmsprop:
        second_[i] = flushed(0.9f * second_[i] + 0.1f * g * g);
        p[i] -= lr * g / (std::sqrt(second_[i]) + 1e-7f);
        break;
      case Optimizer::Adam: {
        first_[i] = flushed(0.9f * first_[i] + 0.1f * g);
        second_[i] = flushed(0.999f * second_[i] + 0.001f * g * g);
        const int64_t t = step_ - born_[i];
        const double c1 = born_[i] == 0 ? c1_all : 1.0 - std::pow(0.9, double(t));
        const double c2 = born_[i] == 0 ? c2_all : 1.0 - std::pow(0.999, double(t));
        const float mhat = static_cast<float>(first_[i] / c1), vhat = static_cast<float>(second_[i] / c2);
        p[i] -= lr * mhat / (std::sqrt(vhat) + 1e-8f);
        break;
      }
    }
    p[i] = flushed(p[i]);
  }
}

}  // namespace relulab
