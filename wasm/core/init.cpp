// init.cpp: see init.h.
#include "init.h"

#include <cmath>

namespace relulab {

void init_unit(const InitSpec& spec, int fan_in, int fan_out, bool has_bias, Rng& rng, double* w, double* b) {
  const double in = fan_in, out = fan_out;
  auto normal_all = [&](double sd) {
    for (int i = 0; i < fan_in; ++i) w[i] = rng.normal() * sd;
  };
  auto uniform_all = [&](double limit) {
    for (int i = 0; i < fan_in; ++i) w[i] = rng.uniform(-limit, limit);
  };
  switch (spec.weights) {
    case Init::HeNormal: normal_all(std::sqrt(2.0 / in)); break;
    case Init::HeUniform: uniform_all(std::sqrt(6.0 / in)); break;
    case Init::GlorotNormal: normal_all(std::sqrt(2.0 / (in + out))); break;
    case Init::GlorotUniform: uniform_all(std::sqrt(6.0 / (in + out))); break;
    case Init::LecunNormal: normal_all(std::sqrt(1.0 / in)); break;
    case Init::Normal: normal_all(spec.sigma); break;
    case Init::Uniform: uniform_all(spec.sigma); break;
    case Init::Zeros:
      for (int i = 0; i < fan_in; ++i) w[i] = 0;
      break;
    case Init::Rai: {
      // [w | b] ~ N(0, (0.6007/sqrt(fan_in))^2), then one of the fan_in + 1 entries
      // (fan_in without a bias) is replaced by a Beta(2, 1) draw.
      const double sd = 0.6007 / std::sqrt(in);
      normal_all(sd);
      double bias_draw = rng.normal() * sd;
      const int entries = fan_in + (has_bias ? 1 : 0);
      const uint32_t pick = rng.below(static_cast<uint32_t>(entries));
      const double positive = rng.beta_a1(2.0);
      if (static_cast<int>(pick) < fan_in) w[pick] = positive;
      else bias_draw = positive;
      if (has_bias) *b = bias_draw;
      return;
    }
  }
  if (!has_bias) return;
  switch (spec.bias.kind) {
    case BiasInit::Constant: *b = spec.bias.value; break;
    case BiasInit::Normal: *b = rng.normal() * spec.sigma; break;
    case BiasInit::Uniform: *b = rng.uniform(-spec.sigma, spec.sigma); break;
  }
}

}  // namespace relulab
