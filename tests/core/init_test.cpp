// init_test.cpp: the initialisation schemes of docs/SCIENCE.md through init_unit():
// He/Glorot/LeCun/normal/uniform variances and limits, zeros, the bias inits
// (constant, normal, uniform), and RAI's moments (one entry of [w | b] replaced by a
// Beta(2, 1) draw); and initial_parameters(): a seed's draw is reproducible, another
// seed's differs, the `weights` key overrides everything.
// Bands: over n = 100000 draws the sample variance has relative standard error
// sqrt(2/n) = 0.45% for normals and sqrt(0.8/n) = 0.28% for uniforms; the test allows
// 2.5% (5+ standard errors). Means: 5 standard errors.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "init.h"
#include "session.h"
#include "test_support.h"

namespace relulab {
namespace {

struct Draws {
  std::vector<double> w, b;
};

Draws draw_units(const InitSpec& spec, int fan_in, int fan_out, bool has_bias, int units, uint64_t seed = 11) {
  Rng rng(seed, Stream::Init);
  Draws d;
  d.w.resize(static_cast<size_t>(fan_in * units));
  d.b.resize(static_cast<size_t>(units), -999);
  for (int u = 0; u < units; ++u)
    init_unit(spec, fan_in, fan_out, has_bias, rng, d.w.data() + u * fan_in, has_bias ? &d.b[size_t(u)] : nullptr);
  return d;
}

double mean_of(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s / double(v.size());
}
double var_of(const std::vector<double>& v) {
  const double m = mean_of(v);
  double s = 0;
  for (double x : v) s += (x - m) * (x - m);
  return s / double(v.size());
}
double max_abs(const std::vector<double>& v) {
  double m = 0;
  for (double x : v) m = std::max(m, std::fabs(x));
  return m;
}

TEST(Init, WeightVariancesOfEveryScheme) {
  const int fan_in = 50, fan_out = 30, units = 2000;  // 100000 weights
  struct Want {
    Init init;
    double var;
    double limit;  // 0 for normals
  };
  const std::vector<Want> wants = {
      {Init::HeNormal, 2.0 / 50, 0},          {Init::HeUniform, 2.0 / 50, std::sqrt(6.0 / 50)},
      {Init::GlorotNormal, 2.0 / 80, 0},      {Init::GlorotUniform, 2.0 / 80, std::sqrt(6.0 / 80)},
      {Init::LecunNormal, 1.0 / 50, 0},       {Init::Normal, 0.3 * 0.3, 0},
      {Init::Uniform, 0.3 * 0.3 / 3, 0.3},
  };
  for (const Want& want : wants) {
    SCOPED_TRACE(init_names()[size_t(want.init)]);
    const Draws d = draw_units({want.init, 0.3, {}}, fan_in, fan_out, true, units);
    EXPECT_NEAR(var_of(d.w) / want.var, 1.0, 0.025);
    EXPECT_NEAR(mean_of(d.w), 0.0, 5 * std::sqrt(want.var / double(d.w.size())));
    if (want.limit > 0) {
      EXPECT_LE(max_abs(d.w), want.limit);
      EXPECT_GT(max_abs(d.w), 0.999 * want.limit);
    } else {
      EXPECT_GT(max_abs(d.w), 3.5 * std::sqrt(want.var)) << "a normal's tails";
    }
    for (double b : d.b) ASSERT_EQ(b, 0.0) << "default bias init is the constant 0";
  }
  const Draws zeros = draw_units({Init::Zeros, 1, {}}, fan_in, fan_out, true, 10);
  EXPECT_EQ(max_abs(zeros.w), 0.0);
}

TEST(Init, BiasInits) {
  const Draws c = draw_units({Init::HeNormal, 2.0, {BiasInit::Constant, 0.01}}, 4, 4, true, 100);
  for (double b : c.b) ASSERT_EQ(b, 0.01);
  const Draws n = draw_units({Init::HeNormal, 2.0, {BiasInit::Normal, 0}}, 4, 4, true, 100000);
  EXPECT_NEAR(var_of(n.b) / 4.0, 1.0, 0.025) << "binit=normal draws N(0, sigma^2)";
  const Draws u = draw_units({Init::HeNormal, 2.0, {BiasInit::Uniform, 0}}, 4, 4, true, 100000);
  EXPECT_NEAR(var_of(u.b) / (4.0 / 3), 1.0, 0.025) << "binit=uniform draws U(-sigma, sigma)";
  EXPECT_LE(max_abs(u.b), 2.0);
  // Without biases nothing is written to b.
  const Draws none = draw_units({Init::HeNormal, 2.0, {BiasInit::Normal, 0}}, 4, 4, false, 10);
  for (double b : none.b) ASSERT_EQ(b, -999);
}

// RAI: each of the fan_in + 1 entries of [w | b] is, with probability 1/(fan_in + 1),
// the Beta(2, 1) draw (mean 2/3, second moment 1/2), else N(0, s^2) with
// s = 0.6007 / sqrt(fan_in). So every entry has mean (2/3)/(k) and variance
// (1 - 1/k) s^2 + (1/k)(1/2) - mean^2, with k = fan_in + 1 (fan_in without a bias).
TEST(Init, RandomizedAsymmetricMoments) {
  const int fan_in = 3, units = 100000;
  for (bool bias : {true, false}) {
    SCOPED_TRACE(bias ? "with bias" : "without bias");
    const Draws d = draw_units({Init::Rai, 1.0, {BiasInit::Constant, 5}}, fan_in, 7, bias, units);
    const double k = fan_in + (bias ? 1 : 0), s2 = 0.6007 * 0.6007 / fan_in;
    const double mean = (2.0 / 3) / k, var = (1 - 1 / k) * s2 + 0.5 / k - mean * mean;
    std::vector<std::vector<double>> entries(static_cast<size_t>(k));
    for (int u = 0; u < units; ++u) {
      for (int i = 0; i < fan_in; ++i) entries[size_t(i)].push_back(d.w[size_t(u * fan_in + i)]);
      if (bias) entries[size_t(fan_in)].push_back(d.b[size_t(u)]);
    }
    for (const auto& e : entries) {
      EXPECT_NEAR(mean_of(e), mean, 5 * std::sqrt(var / units));
      EXPECT_NEAR(var_of(e) / var, 1.0, 0.03);
    }
    // The bias is part of the asymmetric draw: the constant binit=5 is never used.
    if (bias) {
      for (double b : d.b) ASSERT_LT(std::fabs(b), 5.0);
    }
  }
}

TEST(Init, InitialParametersAreReproducibleAndOverridable) {
  const Config a = testing::valid_config("task=modulus&layers=8,8&seed=3");
  const Layout layout(layer_sizes(a), a.bias);
  ASSERT_EQ(layout.total, 8 * 2 + 8 + 8 * 8 + 8 + 8 + 1);
  const std::vector<double> p1 = initial_parameters(a, layout), p2 = initial_parameters(a, layout);
  EXPECT_EQ(p1, p2);
  Config b = a;
  b.seed = 4;
  EXPECT_NE(p1, initial_parameters(b, layout));
  // He normal with binit=0: biases exactly 0.
  for (int l = 1; l <= layout.layers(); ++l)
    for (int i = 0; i < layout.sizes[size_t(l)]; ++i) EXPECT_EQ(p1[size_t(layout.b_offset[size_t(l)] + i)], 0.0);
  // The data, the batches and the init come from separate streams: changing the batch
  // size does not change the initial weights.
  Config c = a;
  c.batch = 7;
  EXPECT_EQ(p1, initial_parameters(c, layout));
  Config w = testing::valid_config("task=relu1d&layers=&bias=0&weights=-10");
  EXPECT_EQ(initial_parameters(w, Layout(layer_sizes(w), false)), std::vector<double>{-10});
}

}  // namespace
}  // namespace relulab
