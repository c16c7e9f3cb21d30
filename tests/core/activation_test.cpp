// activation_test.cpp: every activation's value and derivative at points worked out by
// hand (or from the closed forms in docs/SCIENCE.md), the ReLU'(0) = 0 convention, the SELU
// constants, and softmax's stability on large logits.
// Tolerances: the double path is compared to 1e-15 relative (the reference values are
// the correctly rounded doubles of the closed forms; erf/exp/tanh are accurate to an
// ulp or two). The float path gets 1e-6 relative (float epsilon is 1.2e-7).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "activation.h"

namespace relulab {
namespace {

double value(Activation f, double z, double alpha = 0.01) {
  double a = 0;
  activation_forward<double>(f, alpha, &z, &a, 1);
  return a;
}

// f'(z): activation_backward turns dL/da = 1 into dL/dz = f'(z).
double slope(Activation f, double z, double alpha = 0.01) {
  const double a = value(f, z, alpha);
  double grad = 1;
  activation_backward<double>(f, alpha, &z, &a, &grad, 1);
  return grad;
}

#define EXPECT_CLOSE(actual, expected) EXPECT_NEAR(actual, expected, 1e-15 * (1 + std::fabs(expected)))

TEST(Activation, ReluValuesAndDerivativeAtZeroIsZero) {
  EXPECT_EQ(value(Activation::Relu, -1.5), 0.0);
  EXPECT_EQ(value(Activation::Relu, 0.0), 0.0);
  EXPECT_EQ(value(Activation::Relu, 2.5), 2.5);
  EXPECT_EQ(slope(Activation::Relu, 0.0), 0.0);  // ReLU'(0) = 0, as TensorFlow and PyTorch
  EXPECT_EQ(slope(Activation::Relu, -0.0), 0.0);
  EXPECT_EQ(slope(Activation::Relu, -1e-300), 0.0);
  EXPECT_EQ(slope(Activation::Relu, 1e-300), 1.0);
  EXPECT_EQ(slope(Activation::Relu, 3.0), 1.0);
}

TEST(Activation, LeakyUsesAlphaOnTheNegativeSideAndAtZero) {
  EXPECT_CLOSE(value(Activation::Leaky, -2.0, 0.01), -0.02);
  EXPECT_CLOSE(value(Activation::Leaky, -2.0, 0.3), -0.6);
  EXPECT_EQ(value(Activation::Leaky, 2.0, 0.3), 2.0);
  EXPECT_EQ(slope(Activation::Leaky, 0.0, 0.01), 0.01);
  EXPECT_EQ(slope(Activation::Leaky, -5.0, 0.3), 0.3);
  EXPECT_EQ(slope(Activation::Leaky, 5.0, 0.3), 1.0);
  EXPECT_EQ(standard_alpha(Activation::Leaky), 0.01);  // PyTorch's slope (docs/SCIENCE.md)
}

TEST(Activation, Elu) {
  EXPECT_EQ(standard_alpha(Activation::Elu), 1.0);
  EXPECT_CLOSE(value(Activation::Elu, -1.0, 1.0), std::exp(-1.0) - 1.0);
  EXPECT_CLOSE(slope(Activation::Elu, -1.0, 1.0), std::exp(-1.0));
  EXPECT_CLOSE(value(Activation::Elu, -1.0, 2.0), 2.0 * (std::exp(-1.0) - 1.0));
  EXPECT_CLOSE(slope(Activation::Elu, -1.0, 2.0), 2.0 * std::exp(-1.0));
  EXPECT_EQ(value(Activation::Elu, 1.5, 1.0), 1.5);
  EXPECT_EQ(slope(Activation::Elu, 1.5, 1.0), 1.0);
  EXPECT_CLOSE(value(Activation::Elu, -40.0, 1.0), -1.0);
}

TEST(Activation, SeluConstantsAndValues) {
  // The constants of Klambauer et al. 2017, as docs/SCIENCE.md states them.
  EXPECT_EQ(kSeluAlpha, 1.6732632423543772848170429916717);
  EXPECT_EQ(kSeluLambda, 1.0507009873554804934193349852946);
  EXPECT_CLOSE(value(Activation::Selu, 1.0), 1.0507009873554805);
  EXPECT_CLOSE(value(Activation::Selu, -1.0), -1.1113307378125625);  // lambda alpha (e^-1 - 1)
  EXPECT_CLOSE(slope(Activation::Selu, 1.0), 1.0507009873554805);
  EXPECT_CLOSE(slope(Activation::Selu, -1.0), 0.646768603034814);  // lambda alpha e^-1
  EXPECT_CLOSE(value(Activation::Selu, -50.0), -kSeluLambda * kSeluAlpha);
}

TEST(Activation, GeluIsXTimesPhi) {
  EXPECT_CLOSE(value(Activation::Gelu, 1.0), 0.8413447460685429);
  EXPECT_CLOSE(value(Activation::Gelu, -1.0), -0.15865525393145707);
  EXPECT_EQ(value(Activation::Gelu, 0.0), 0.0);
  EXPECT_CLOSE(slope(Activation::Gelu, 0.0), 0.5);  // Phi(0) + 0 * phi(0)
  // Phi(1) + phi(1) = 0.8413447460685429 + 0.24197072451914337
  EXPECT_CLOSE(slope(Activation::Gelu, 1.0), 0.8413447460685429 + 0.24197072451914337);
  // Far tails: no NaN, the slope goes to 0 and 1.
  EXPECT_NEAR(slope(Activation::Gelu, -40.0), 0.0, 1e-300);
  EXPECT_EQ(slope(Activation::Gelu, 40.0), 1.0);
}

TEST(Activation, SwishTanhSigmoidLinear) {
  EXPECT_CLOSE(value(Activation::Swish, 1.0), 0.7310585786300049);
  EXPECT_CLOSE(slope(Activation::Swish, 0.0), 0.5);
  EXPECT_CLOSE(value(Activation::Tanh, 0.5), 0.46211715726000974);
  EXPECT_CLOSE(slope(Activation::Tanh, 0.5), 0.7864477329659274);
  EXPECT_EQ(value(Activation::Sigmoid, 0.0), 0.5);
  EXPECT_EQ(slope(Activation::Sigmoid, 0.0), 0.25);
  EXPECT_CLOSE(value(Activation::Sigmoid, 1.0), 0.7310585786300049);
  // Split by sign: no overflow of exp on either side.
  EXPECT_EQ(value(Activation::Sigmoid, 800.0), 1.0);
  const double tiny = value(Activation::Sigmoid, -800.0);
  EXPECT_TRUE(std::isfinite(tiny));
  EXPECT_GE(tiny, 0.0);
  EXPECT_LT(tiny, 1e-300);
  EXPECT_TRUE(std::isfinite(value(Activation::Swish, -800.0)));
  EXPECT_EQ(value(Activation::Linear, -3.25), -3.25);
  EXPECT_EQ(slope(Activation::Linear, -3.25), 1.0);
}

TEST(Activation, FloatPathAgreesWithDouble) {
  const std::vector<double> zs = {-3.0, -1.0, -0.25, 0.25, 1.0, 3.0};
  for (size_t k = 0; k + 1 < activation_names().size(); ++k) {  // every elementwise one
    const Activation f = static_cast<Activation>(k);
    for (double z : zs) {
      const float zf = static_cast<float>(z);
      float af = 0, gf = 1;
      activation_forward<float>(f, 0.2f, &zf, &af, 1);
      activation_backward<float>(f, 0.2f, &zf, &af, &gf, 1);
      EXPECT_NEAR(af, value(f, z, 0.2), 1e-6 * (1 + std::fabs(value(f, z, 0.2)))) << activation_names()[k] << " " << z;
      EXPECT_NEAR(gf, slope(f, z, 0.2), 1e-6 * (1 + std::fabs(slope(f, z, 0.2)))) << activation_names()[k] << " " << z;
    }
  }
}

TEST(Softmax, ColumnsSumToOneAndMatchClosedForm) {
  // Two columns (samples): (1, 2, 3) and (0, log 3, 0).
  std::vector<double> z = {1, 2, 3, 0, std::log(3.0), 0};
  softmax_columns<double>(z.data(), 3, 2);
  EXPECT_CLOSE(z[0], 0.09003057317038046);
  EXPECT_CLOSE(z[1], 0.24472847105479767);
  EXPECT_CLOSE(z[2], 0.6652409557748219);
  EXPECT_CLOSE(z[3], 0.2);
  EXPECT_CLOSE(z[4], 0.6);
  EXPECT_CLOSE(z[5], 0.2);
}

TEST(Softmax, LargeLogitsStayFinite) {
  std::vector<double> z = {1000, 1000, 0, -100};
  softmax_columns<double>(z.data(), 2, 2);
  EXPECT_EQ(z[0], 0.5);
  EXPECT_EQ(z[1], 0.5);
  EXPECT_EQ(z[2], 1.0);
  EXPECT_EQ(z[3], 0.0);  // e^-100 is taken as 0 (no denormals)
  std::vector<float> zf = {1e30f, -1e30f};
  softmax_columns<float>(zf.data(), 2, 1);
  EXPECT_EQ(zf[0], 1.0f);
  EXPECT_EQ(zf[1], 0.0f);
}

TEST(Softmax, BackwardIsTheJacobianProduct) {
  // p = (0.2, 0.6, 0.2), g = (1, 0, -1): <g, p> = 0, so grad = p * g = (0.2, 0, -0.2).
  std::vector<double> p = {0.2, 0.6, 0.2}, g = {1, 0, -1};
  softmax_backward_columns<double>(p.data(), g.data(), 3, 1);
  EXPECT_CLOSE(g[0], 0.2);
  EXPECT_CLOSE(g[1], 0.0);
  EXPECT_CLOSE(g[2], -0.2);
}

}  // namespace
}  // namespace relulab
