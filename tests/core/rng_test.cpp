// rng_test.cpp: the engine's own random numbers (PCG32 + Marsaglia polar). Moments of
// uniform, normal and Beta(2, 1) draws, the unbiased integer draw, determinism for a
// seed, independence of streams and seeds, and golden values that every build (native,
// WASM, any browser) must reproduce bit for bit.
// Bands: 5 standard errors of each estimate over n = 10^6 draws (for a variance
// estimate the standard error is sqrt((mu4 - sigma^4) / n)).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "rng.h"

namespace relulab {
namespace {

constexpr int kDraws = 1000000;

struct Moments {
  double mean = 0, var = 0, fourth = 0;  // fourth central moment
};
template <typename Draw>
Moments moments(Draw draw) {
  std::vector<double> v(kDraws);
  double sum = 0;
  for (double& x : v) sum += (x = draw());
  Moments m;
  m.mean = sum / kDraws;
  for (double x : v) {
    const double d = (x - m.mean) * (x - m.mean);
    m.var += d;
    m.fourth += d * d;
  }
  m.var /= kDraws;
  m.fourth /= kDraws;
  return m;
}

TEST(Rng, UniformMoments) {
  Rng rng(42, 7);
  double lo = 1, hi = 0;
  const Moments m = moments([&] {
    const double u = rng.uniform();
    lo = std::min(lo, u);
    hi = std::max(hi, u);
    return u;
  });
  EXPECT_GE(lo, 0.0);
  EXPECT_LT(hi, 1.0);
  EXPECT_LT(lo, 1e-5);
  EXPECT_GT(hi, 1 - 1e-5);
  EXPECT_NEAR(m.mean, 0.5, 5 * std::sqrt(1.0 / 12 / kDraws));
  EXPECT_NEAR(m.var, 1.0 / 12, 5 * std::sqrt((1.0 / 80 - 1.0 / 144) / kDraws));
  Rng r2(42, 8);
  for (int i = 0; i < 1000; ++i) {
    const double u = r2.uniform(-3, 5);
    ASSERT_GE(u, -3.0);
    ASSERT_LT(u, 5.0);
  }
}

TEST(Rng, NormalMoments) {
  Rng rng(42, 9);
  const Moments m = moments([&] { return rng.normal(); });
  EXPECT_NEAR(m.mean, 0.0, 5 * std::sqrt(1.0 / kDraws));
  EXPECT_NEAR(m.var, 1.0, 5 * std::sqrt(2.0 / kDraws));
  EXPECT_NEAR(m.fourth, 3.0, 5 * std::sqrt(96.0 / kDraws));  // E x^8 - (E x^4)^2 = 105 - 9
  Rng shifted(42, 10);
  const Moments s = moments([&] { return shifted.normal(2.0, 0.5); });
  EXPECT_NEAR(s.mean, 2.0, 5 * 0.5 / std::sqrt(double(kDraws)));
  EXPECT_NEAR(s.var, 0.25, 5 * 0.25 * std::sqrt(2.0 / kDraws));
}

TEST(Rng, BetaTwoOneMoments) {
  Rng rng(3, 3);
  const Moments m = moments([&] { return rng.beta_a1(2.0); });
  // Beta(2, 1): mean 2/3, variance 1/18, density 2x on [0, 1].
  EXPECT_NEAR(m.mean, 2.0 / 3, 5 * std::sqrt(1.0 / 18 / kDraws));
  EXPECT_NEAR(m.var, 1.0 / 18, 0.002);
}

TEST(Rng, BelowIsUniformOverItsRange) {
  Rng rng(5, 1);
  std::vector<int> counts(6, 0);
  for (int i = 0; i < 600000; ++i) {
    const uint32_t k = rng.below(6);
    ASSERT_LT(k, 6u);
    counts[k]++;
  }
  const double sd = std::sqrt(600000 * (1.0 / 6) * (5.0 / 6));
  for (int c : counts) EXPECT_NEAR(c, 100000, 5 * sd);
  EXPECT_EQ(rng.below(1), 0u);
  // A range that is not a power of two near 2^32, where a modulo would be biased.
  Rng big(5, 2);
  int upper = 0;
  const uint32_t n = 3000000000u;
  for (int i = 0; i < 100000; ++i) upper += big.below(n) >= n / 2;
  EXPECT_NEAR(upper, 50000, 5 * std::sqrt(25000.0));
}

TEST(Rng, SameSeedSameNumbersOtherSeedOrStreamOtherNumbers) {
  Rng a(123, Stream::Init), b(123, Stream::Init), c(123, Stream::Data), d(124, Stream::Init);
  int same_ac = 0, same_ad = 0;
  for (int i = 0; i < 1000; ++i) {
    const uint32_t x = a.next_u32();
    ASSERT_EQ(x, b.next_u32());
    same_ac += x == c.next_u32();
    same_ad += x == d.next_u32();
  }
  EXPECT_LE(same_ac, 1);
  EXPECT_LE(same_ad, 1);
  Rng e(123, Stream::Init), f(123, Stream::Init);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(e.normal(), f.normal());
}

// Golden values, recorded from the native build. PCG32 is integer arithmetic and
// uniform() an exact conversion, so these are bit-exact in every build; normal()
// goes through log and sqrt, whose libm results may differ in the last bit, so it is
// compared to 1e-15 relative.
TEST(Rng, GoldenValuesAreTheSameInEveryBuild) {
  Rng rng(1, Stream::Init);
  const std::vector<uint32_t> expected_u32 = {1501254537u, 2749624574u, 667841998u, 2908838983u, 1063903652u};
  for (uint32_t want : expected_u32) EXPECT_EQ(rng.next_u32(), want);
  Rng u(2024, 0);
  EXPECT_EQ(u.uniform(), 0.89039724797383746);
  Rng n(7, Stream::Data);
  const std::vector<double> expected_normal = {0.57179175280476924, -0.52982800233049276, -1.4335324700142675,
                                             -0.048124117051010731};
  for (double want : expected_normal) EXPECT_NEAR(n.normal(), want, 1e-15 * std::fabs(want));
}

}  // namespace
}  // namespace relulab
