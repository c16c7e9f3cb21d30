// normal_bulk_test.cpp: the bulk standard-normal sampler (normal_bulk.h).
//   - the method as documented: every value against a scalar double-precision
//     recomputation of xoshiro128+ and Box-Muller from the same seed;
//   - statistical quality on 10^6 values (the way a session draws them, 1000 at a
//     time): mean, variance, skewness, kurtosis, Kolmogorov-Smirnov distance, tail
//     frequencies, correlations at short lags, between values and between squares;
//   - seeds and streams give unrelated sequences; a seed gives the same sequence;
//     lengths that are not a multiple of the block;
//   - golden values from the native build, which every build must reproduce bit for
//     bit (the WASM build of this suite runs the same test).
// Tolerances (each says why): estimates get 5 standard errors, a band a correct
// sampler leaves with probability below 1e-6. The seeds are fixed, so each check
// gives the same answer on every run; 5 standard errors only keeps the bands from
// being tuned to the seed. A biased sampler fails: each band is given with the size
// of the smallest defect it catches.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "normal_bulk.h"
#include "tasks.h"
#include "test_support.h"

namespace relulab {
namespace {

constexpr int64_t kCount = 1000000;
constexpr double kPi = 3.14159265358979323846;

std::vector<float> draw(BulkNormalSampler& sampler, int64_t count, int64_t chunk = 1000) {
  std::vector<float> v(static_cast<size_t>(count));
  for (int64_t at = 0; at < count; at += chunk) sampler.fill(v.data() + at, std::min(chunk, count - at));
  return v;
}

std::vector<float> draw(uint64_t seed, Stream stream, int64_t count, int64_t chunk = 1000) {
  BulkNormalSampler sampler{Rng(seed, stream)};
  return draw(sampler, count, chunk);
}

uint32_t bits_of(float x) {
  uint32_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

// Sample correlation of v[i] and v[i + lag] (or of their squares), about N(0, 1/n)
// for independent values.
double lag_correlation(const std::vector<float>& v, size_t lag, bool squares) {
  const size_t n = v.size() - lag;
  auto at = [&](size_t i) { return squares ? double(v[i]) * v[i] : double(v[i]); };
  double ma = 0, mb = 0;
  for (size_t i = 0; i < n; ++i) ma += at(i), mb += at(i + lag);
  ma /= double(n);
  mb /= double(n);
  double sab = 0, saa = 0, sbb = 0;
  for (size_t i = 0; i < n; ++i) {
    const double a = at(i) - ma, b = at(i + lag) - mb;
    sab += a * b, saa += a * a, sbb += b * b;
  }
  return sab / std::sqrt(saa * sbb);
}

// The method of normal_bulk.h, one value at a time in double: lane j of block k.
class ScalarReference {
 public:
  explicit ScalarReference(Rng seeder) {
    for (int j = 0; j < kNormalLanes; ++j)
      for (int w = 0; w < 4; ++w) s_[j][w] = seeder.next_u32();
  }
  // The next block of kNormalBlock values: cosines of lanes 0..3, then sines.
  std::vector<double> block() {
    std::vector<double> out(kNormalBlock);
    for (int j = 0; j < kNormalLanes; ++j) {
      const uint32_t a = next(s_[j]), b = next(s_[j]);
      const double u = double((a >> 8) + 1) / 16777216.0;
      const double r = std::sqrt(-2.0 * std::log(u));
      const double phi = (double((b >> 8) & 0x3fffff) - 2097152.0) * (kPi / 2) / 4194304.0;
      const double theta = double(b >> 30) * (kPi / 2) + phi;
      out[size_t(j)] = r * std::cos(theta);
      out[size_t(j + kNormalLanes)] = r * std::sin(theta);
    }
    return out;
  }

 private:
  static uint32_t next(uint32_t* s) {  // xoshiro128+ (prng.di.unimi.it/xoshiro128plus.c)
    const uint32_t result = s[0] + s[3], t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = (s[3] << 11) | (s[3] >> 21);
    return result;
  }
  uint32_t s_[kNormalLanes][4];
};

// Every value is the documented transform of the documented bits, computed in float
// with our own log, sin and cos. Tolerance: each of those is good to a few float ulps
// (2^-24 relative), so the value is within ~1e-6 of r cos(theta) for r <= 5.77; the
// worst difference measured is 4.9e-7. Catches any error in the bit mapping (a wrong
// quarter turn or sign is off by about r) and a polynomial cut short: the sine
// series without its phi^9 term (3e-7 at pi/4, times r) fails it.
TEST(BulkNormal, ValuesFollowTheDocumentedMethod) {
  BulkNormalSampler sampler{Rng(11, Stream::Fresh)};
  ScalarReference reference{Rng(11, Stream::Fresh)};
  const std::vector<float> got = draw(sampler, 200000);
  double worst = 0;
  for (size_t k = 0; k < got.size() / kNormalBlock; ++k) {
    const std::vector<double> want = reference.block();
    for (int i = 0; i < kNormalBlock; ++i) {
      const double error = std::fabs(double(got[k * kNormalBlock + size_t(i)]) - want[size_t(i)]);
      worst = std::max(worst, error);
      ASSERT_LT(error, 1e-6) << "block " << k << " value " << i << ": " << got[k * kNormalBlock + size_t(i)]
                             << " vs " << want[size_t(i)];
    }
  }
  std::printf("largest difference from the double computation: %.3g\n", worst);
}

// Moments over n = 10^6 values, 5 standard errors each: mean (se 1/sqrt(n) = 1e-3),
// variance (se sqrt(2/n) = 1.4e-3), skewness (se sqrt(6/n) = 2.4e-3), excess kurtosis
// (se sqrt(24/n) = 4.9e-3). A scale off by 0.4% or a mean off by 0.005 sigma fails.
TEST(BulkNormal, Moments) {
  const std::vector<float> v = draw(1, Stream::Fresh, kCount);
  double mean = 0;
  for (float x : v) mean += x;
  mean /= kCount;
  double m2 = 0, m3 = 0, m4 = 0;
  for (float x : v) {
    const double d = x - mean;
    m2 += d * d, m3 += d * d * d, m4 += d * d * d * d;
  }
  m2 /= kCount, m3 /= kCount, m4 /= kCount;
  const double n = double(kCount);
  EXPECT_NEAR(mean, 0.0, 5 / std::sqrt(n));
  EXPECT_NEAR(m2, 1.0, 5 * std::sqrt(2 / n));
  EXPECT_NEAR(m3 / std::pow(m2, 1.5), 0.0, 5 * std::sqrt(6 / n));
  EXPECT_NEAR(m4 / (m2 * m2) - 3, 0.0, 5 * std::sqrt(24 / n));
}

// Kolmogorov-Smirnov distance to the normal CDF over 10^6 values. sqrt(n) D follows
// Kolmogorov's distribution, which exceeds 1.95 with probability 0.001: the band is
// D < 1.95e-3. A CDF off by 0.2% anywhere (a 0.5% error in the scale, a log that is
// off by 1e-3) fails.
TEST(BulkNormal, KolmogorovSmirnovDistance) {
  std::vector<float> v = draw(2, Stream::Fresh, kCount);
  std::sort(v.begin(), v.end());
  double d = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    const double cdf = 0.5 * std::erfc(-double(v[i]) / std::sqrt(2.0));
    d = std::max({d, double(i + 1) / kCount - cdf, cdf - double(i) / kCount});
  }
  std::printf("KS distance %.3g (band %.3g)\n", d, 1.95 / std::sqrt(double(kCount)));
  EXPECT_LT(d, 1.95 / std::sqrt(double(kCount)));
}

// Tails over 4 * 10^6 values: P(|x| > 3) = 2.700e-3 (expected 10799, sd 104) and
// P(|x| > 4) = 6.334e-5 (expected 253, sd 16): counts within 5 sd, i.e. 4.8% and
// 31%. A tail that is 5% thin at 3 sigma fails. The largest value is at most
// sqrt(48 ln 2) = 5.768 by construction (u >= 2^-24), and every value is finite.
TEST(BulkNormal, TailFrequencies) {
  const int64_t n = 4 * kCount;
  const std::vector<float> v = draw(3, Stream::Fresh, n);
  int64_t beyond3 = 0, beyond4 = 0;
  float largest = 0;
  for (float x : v) {
    ASSERT_TRUE(std::isfinite(x));
    beyond3 += std::fabs(x) > 3;
    beyond4 += std::fabs(x) > 4;
    largest = std::max(largest, std::fabs(x));
  }
  const double p3 = std::erfc(3 / std::sqrt(2.0)), p4 = std::erfc(4 / std::sqrt(2.0));
  EXPECT_NEAR(double(beyond3), n * p3, 5 * std::sqrt(n * p3 * (1 - p3)));
  EXPECT_NEAR(double(beyond4), n * p4, 5 * std::sqrt(n * p4 * (1 - p4)));
  EXPECT_LE(largest, std::sqrt(48 * std::log(2.0)) + 1e-5);
  EXPECT_GT(largest, 4.5f) << "4 * 10^6 normals reach past 4.5 sigma (P = 7e-6 each)";
}

// Correlations between values 1..2 * kNormalBlock apart, of the values and of their
// squares (a shared radius shows in the squares only): each about N(0, 1/n), band
// 5 / sqrt(n) = 5e-3. Lag kNormalLanes pairs each cosine with the sine of the same
// radius; other lags pair lanes, blocks and consecutive generator outputs.
TEST(BulkNormal, NoCorrelationAtShortLags) {
  const std::vector<float> v = draw(4, Stream::Fresh, kCount);
  for (size_t lag = 1; lag <= 2 * kNormalBlock; ++lag) {
    EXPECT_NEAR(lag_correlation(v, lag, false), 0.0, 5 / std::sqrt(double(kCount))) << "lag " << lag;
    EXPECT_NEAR(lag_correlation(v, lag, true), 0.0, 5 / std::sqrt(double(kCount))) << "squares, lag " << lag;
  }
}

// Two seeds, or two streams of one seed, give unrelated sequences: different values
// and a cross-correlation within 5 / sqrt(n) of 0 over n = 10^5.
TEST(BulkNormal, SeedsAndStreamsGiveUnrelatedSequences) {
  const int64_t n = 100000;
  const std::vector<std::vector<float>> runs = {draw(1, Stream::Fresh, n), draw(2, Stream::Fresh, n),
                                                draw(1, Stream::Data, n)};
  for (size_t a = 0; a < runs.size(); ++a)
    for (size_t b = a + 1; b < runs.size(); ++b) {
      int64_t same = 0;
      double sab = 0, saa = 0, sbb = 0;
      for (size_t i = 0; i < size_t(n); ++i) {
        same += runs[a][i] == runs[b][i];
        sab += double(runs[a][i]) * runs[b][i], saa += double(runs[a][i]) * runs[a][i],
            sbb += double(runs[b][i]) * runs[b][i];
      }
      EXPECT_LE(same, 2) << a << " vs " << b;
      EXPECT_NEAR(sab / std::sqrt(saa * sbb), 0.0, 5 / std::sqrt(double(n))) << a << " vs " << b;
    }
}

// One seed, one sequence: bit-identical between samplers, whatever whole blocks the
// fills are cut into; a fill of n values writes exactly n; a fill that ends inside a
// block drops the rest of that block (normal_bulk.h).
TEST(BulkNormal, SameSeedSameSequenceAnyLength) {
  const std::vector<float> whole = draw(5, Stream::Fresh, 4096, 4096);
  EXPECT_EQ(draw(5, Stream::Fresh, 4096, 8), whole);
  EXPECT_EQ(draw(5, Stream::Fresh, 4096, 1024), whole);
  for (int64_t n : {1, 2, 3, 5, 7, 9, 15, 17, 999, 1001}) {
    SCOPED_TRACE(n);
    BulkNormalSampler sampler{Rng(5, Stream::Fresh)};
    std::vector<float> out(size_t(n) + 3, -99.0f);
    sampler.fill(out.data(), n);
    for (int64_t i = 0; i < n; ++i) ASSERT_EQ(bits_of(out[size_t(i)]), bits_of(whole[size_t(i)])) << i;
    for (size_t i = size_t(n); i < out.size(); ++i) EXPECT_EQ(out[i], -99.0f) << "written past the end";
    const int64_t next_block = (n + kNormalBlock - 1) / kNormalBlock * kNormalBlock;
    float after[kNormalBlock];
    sampler.fill(after, kNormalBlock);
    for (int i = 0; i < kNormalBlock; ++i) EXPECT_EQ(bits_of(after[i]), bits_of(whole[size_t(next_block + i)]));
  }
}

// Recorded from the native build (GCC 12, x86-64): the first values of seed 1's Fresh
// stream and an FNV-1a hash of the bits of its first 10^5 values. Every build must
// give these bit for bit (the sampler uses only correctly rounded IEEE operations).
TEST(BulkNormal, GoldenValuesInEveryBuild) {
  const std::vector<float> v = draw(1, Stream::Fresh, 100000);
  const std::vector<float> want = {-0.433408082f, -0.730623841f, 0.567432821f, -1.25740194f,
                                   -0.724901617f, -1.46270049f,  -1.18860400f, -0.352897137f};
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(bits_of(v[i]), bits_of(want[i])) << i << ": " << v[i];
  uint64_t hash = 0xcbf29ce484222325ull;
  for (float x : v) hash = (hash ^ bits_of(x)) * 0x100000001b3ull;
  EXPECT_EQ(hash, 0xfc0de4dba2295c41ull);
}

// The relu1d batch: y = relu(x) exactly; with noise, y - relu(x) has sd `noise`.
TEST(BulkNormal, Relu1dFreshBatch) {
  const int64_t n = 100000;
  std::vector<float> x(n), y(n);
  BulkNormalSampler sampler{Rng(6, Stream::Fresh)};
  relu1d_fresh_batch(testing::valid_config("task=relu1d&fresh=1"), sampler, x.data(), y.data(), n);
  for (int64_t i = 0; i < n; ++i) ASSERT_EQ(y[i], x[i] > 0 ? x[i] : 0.0f) << i;
  relu1d_fresh_batch(testing::valid_config("task=relu1d&fresh=1&noise=0.5"), sampler, x.data(), y.data(), n);
  double sum = 0, sq = 0;
  for (int64_t i = 0; i < n; ++i) {
    const double e = double(y[i]) - (x[i] > 0 ? x[i] : 0.0f);
    sum += e, sq += e * e;
  }
  // sd of the mean 0.5 / sqrt(n) = 1.6e-3; of the variance 0.25 sqrt(2 / n) = 1.1e-3.
  EXPECT_NEAR(sum / n, 0.0, 5 * 0.5 / std::sqrt(double(n)));
  EXPECT_NEAR(sq / n, 0.25, 5 * 0.25 * std::sqrt(2.0 / n));
}

}  // namespace
}  // namespace relulab
