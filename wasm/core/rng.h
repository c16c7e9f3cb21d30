// rng.h: the engine's own randomness, so a seed means the same numbers in every
// build and every browser. PCG32 (O'Neill, pcg-random.org: XSH-RR output on a 64-bit
// LCG) for uniform bits, and the Marsaglia polar method for normals.
// Not cryptographic; not std::mt19937 (whose distributions differ between libraries).
// Fresh relu1d batches take their normals in bulk from normal_bulk.h instead.
#pragma once
#include <cmath>
#include <cstdint>

namespace relulab {

// SplitMix64 step: turns (seed, stream id) into well-mixed PCG state words.
inline uint64_t splitmix64(uint64_t& x) {
  uint64_t z = (x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Independent random streams of one run. Each purpose draws from its own stream so
// that, e.g., changing the batch size does not change the data or the initial weights.
enum class Stream : uint64_t { Data = 1, Init = 2, Batches = 3, Dropout = 4, Revive = 5, Fresh = 6 };

class Rng {
 public:
  Rng() : Rng(0, 0) {}
  Rng(uint64_t seed, uint64_t stream) {
    uint64_t mix = seed * 0x100000001B3ull + stream;
    state_ = splitmix64(mix);
    inc_ = (splitmix64(mix) << 1u) | 1u;
    next_u32();
  }
  Rng(uint64_t seed, Stream stream) : Rng(seed, static_cast<uint64_t>(stream)) {}

  uint32_t next_u32() {
    uint64_t old = state_;
    state_ = old * 6364136223846793005ull + inc_;
    uint32_t xorshifted = static_cast<uint32_t>(((old >> 18u) ^ old) >> 27u);
    uint32_t rot = static_cast<uint32_t>(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
  }

  // Uniform in [0, 1) with 53 random bits.
  double uniform() {
    uint64_t hi = next_u32() >> 5, lo = next_u32() >> 6;  // 27 + 26 bits
    return (static_cast<double>(hi) * 67108864.0 + static_cast<double>(lo)) * (1.0 / 9007199254740992.0);
  }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

  // Uniform integer in [0, n), unbiased (Lemire's method with rejection).
  uint32_t below(uint32_t n) {
    uint64_t m = static_cast<uint64_t>(next_u32()) * n;
    uint32_t low = static_cast<uint32_t>(m);
    if (low < n) {
      uint32_t threshold = static_cast<uint32_t>(-n) % n;
      while (low < threshold) {
        m = static_cast<uint64_t>(next_u32()) * n;
        low = static_cast<uint32_t>(m);
      }
    }
    return static_cast<uint32_t>(m >> 32);
  }

  // Standard normal, Marsaglia polar method; the second value of each pair is kept.
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u, v, s;
    do {
      u = 2.0 * uniform() - 1.0;
      v = 2.0 * uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    double factor = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * factor;
    has_spare_ = true;
    return u * factor;
  }
  double normal(double mean, double stddev) { return mean + stddev * normal(); }

  // Beta(a, 1) by inversion: X = U^(1/a). RAI uses Beta(2, 1).
  double beta_a1(double a) { return std::pow(uniform(), 1.0 / a); }

 private:
  uint64_t state_ = 0, inc_ = 1;
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace relulab
