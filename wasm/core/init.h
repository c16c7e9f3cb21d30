// init.h: initial parameters. Weight schemes: He, Glorot, LeCun (their scales are in
// init.cpp; sources in docs/SCIENCE.md), plain normal/uniform with `sigma`, the
// randomized asymmetric initialization of Lu et al. 2020, zeros. Biases: a constant,
// or drawn N(0, sigma^2) / U(-sigma, sigma).
#pragma once
#include <string>
#include <vector>

#include "rng.h"

namespace relulab {

enum class Init { HeNormal, HeUniform, GlorotNormal, GlorotUniform, LecunNormal, Normal, Uniform, Rai, Zeros };

// The names of the schemes as a configuration writes them, in the order of Init.
inline const std::vector<std::string>& init_names() {
  static const std::vector<std::string> names = {"he_normal",    "he_uniform", "glorot_normal",
                                                 "glorot_uniform", "lecun_normal", "normal",
                                                 "uniform",      "rai",        "zeros"};
  return names;
}

// How biases start: a constant, or drawn (normal: N(0, sigma^2); uniform: U(-sigma, sigma)).
struct BiasInit {
  enum Kind { Constant, Normal, Uniform } kind = Constant;
  double value = 0;
};

struct InitSpec {
  Init weights = Init::HeNormal;
  double sigma = 1;
  BiasInit bias;
};

// Draws one unit's incoming weights (fan_in values) and its bias. With RAI the bias is
// part of the asymmetric draw and `bias_init` is not used.
void init_unit(const InitSpec& spec, int fan_in, int fan_out, bool has_bias, Rng& rng, double* w, double* b);

}  // namespace relulab
