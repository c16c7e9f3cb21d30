// dense_test.cpp: the fast SIMD kernels of dense.h against their naive references.
// Both keep the same order of float operations, so the tolerance is zero: outputs
// must be bit-identical, over shapes that hit every SIMD block and every scalar tail
// (sizes 1..9, 100, 103 rows or columns; 1..9 and 300 samples). The references are
// checked against a double computation (relative 1e-5: float sums of up to 300 terms).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "dense.h"
#include "rng.h"

namespace relulab {
namespace {

std::vector<float> random_floats(size_t n, Rng& rng) {
  std::vector<float> v(n);
  for (float& x : v) x = static_cast<float>(rng.normal());
  // Some exact zeros, as after a ReLU.
  for (size_t i = 0; i < n; i += 7) v[i] = 0.0f;
  return v;
}

void expect_identical(const std::vector<float>& fast, const std::vector<float>& ref, const char* what, int out,
                      int in, int64_t n) {
  ASSERT_EQ(fast.size(), ref.size());
  for (size_t i = 0; i < ref.size(); ++i)
    ASSERT_TRUE(fast[i] == ref[i]) << what << " out=" << out << " in=" << in << " n=" << n << " at " << i << ": "
                                    << fast[i] << " vs " << ref[i];
}

TEST(Dense, FastKernelsEqualReferencesBitForBit) {
  Rng rng(1, 1);
  const std::vector<int> sizes = {1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 100, 103};
  const std::vector<int64_t> samples = {1, 2, 3, 4, 5, 8, 9, 300};
  for (int out : sizes)
    for (int in : sizes)
      for (int64_t n : samples) {
        if (int64_t(out) * in * n > 400000) continue;
        const std::vector<float> W = random_floats(size_t(out * in), rng), bias = random_floats(size_t(out), rng);
        const std::vector<float> A = random_floats(size_t(in * n), rng), D = random_floats(size_t(out * n), rng);
        for (bool with_bias : {true, false}) {
          std::vector<float> z_fast(size_t(out * n)), z_ref(size_t(out * n));
          dense_forward_fast(z_fast.data(), W.data(), with_bias ? bias.data() : nullptr, A.data(), out, in, n);
          dense_forward_ref<float>(z_ref.data(), W.data(), with_bias ? bias.data() : nullptr, A.data(), out, in, n);
          expect_identical(z_fast, z_ref, "forward", out, in, n);
        }
        std::vector<float> g_fast = random_floats(size_t(out * in), rng), g_ref = g_fast;  // += onto non-zero
        dense_weight_grad_fast(g_fast.data(), D.data(), A.data(), out, in, n);
        dense_weight_grad_ref<float>(g_ref.data(), D.data(), A.data(), out, in, n);
        expect_identical(g_fast, g_ref, "weight grad", out, in, n);
        std::vector<float> db_fast = random_floats(size_t(out), rng), db_ref = db_fast;
        dense_bias_grad_fast(db_fast.data(), D.data(), out, n);
        dense_bias_grad_ref<float>(db_ref.data(), D.data(), out, n);
        expect_identical(db_fast, db_ref, "bias grad", out, in, n);
        std::vector<float> b_fast(size_t(in * n)), b_ref(size_t(in * n));
        dense_back_fast(b_fast.data(), W.data(), D.data(), out, in, n);
        dense_back_ref<float>(b_ref.data(), W.data(), D.data(), out, in, n);
        expect_identical(b_fast, b_ref, "back", out, in, n);
      }
}

TEST(Dense, ReferencesAgreeWithDouble) {
  Rng rng(2, 2);
  const int out = 7, in = 5;
  const int64_t n = 300;
  const std::vector<float> W = random_floats(out * in, rng), A = random_floats(in * n, rng),
                           bias = random_floats(out, rng), D = random_floats(out * n, rng);
  auto to_double = [](const std::vector<float>& v) { return std::vector<double>(v.begin(), v.end()); };
  const std::vector<double> Wd = to_double(W), Ad = to_double(A), bd = to_double(bias), Dd = to_double(D);
  std::vector<float> z(out * n), g(out * in, 0.0f), back(in * n);
  std::vector<double> zd(out * n), gd(out * in, 0.0), backd(in * n);
  dense_forward_ref<float>(z.data(), W.data(), bias.data(), A.data(), out, in, n);
  dense_forward_ref<double>(zd.data(), Wd.data(), bd.data(), Ad.data(), out, in, n);
  dense_weight_grad_ref<float>(g.data(), D.data(), A.data(), out, in, n);
  dense_weight_grad_ref<double>(gd.data(), Dd.data(), Ad.data(), out, in, n);
  dense_back_ref<float>(back.data(), W.data(), D.data(), out, in, n);
  dense_back_ref<double>(backd.data(), Wd.data(), Dd.data(), out, in, n);
  for (size_t i = 0; i < z.size(); ++i) EXPECT_NEAR(z[i], zd[i], 1e-5 * (1 + std::fabs(zd[i])));
  for (size_t i = 0; i < g.size(); ++i) EXPECT_NEAR(g[i], gd[i], 1e-5 * (10 + std::fabs(gd[i])));
  for (size_t i = 0; i < back.size(); ++i) EXPECT_NEAR(back[i], backd[i], 1e-5 * (1 + std::fabs(backd[i])));
  // Spot values by hand: a 1x2 layer on one sample.
  const float w2[2] = {2.0f, -3.0f}, a2[2] = {0.5f, 0.25f}, b1[1] = {1.0f};
  float z1 = 0;
  dense_forward_fast(&z1, w2, b1, a2, 1, 2, 1);
  EXPECT_EQ(z1, 2.0f * 0.5f - 3.0f * 0.25f + 1.0f);
}

}  // namespace
}  // namespace relulab
