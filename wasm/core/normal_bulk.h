// normal_bulk.h: standard normal floats in bulk, for the fresh batch drawn at every
// step (task relu1d with fresh=1). The engine's scalar sampler (Rng::normal, rng.h:
// the polar method in double, with libm) stays the source of every other random
// number; this one trades its generality for speed, and fills a float array at 1.3
// (native) to 1.6 (WebAssembly in Node) nanoseconds a value on our 2-core machine.
//
// Method
//   Uniform bits: kNormalLanes independent xoshiro128+ generators side by side, one
//   per SIMD lane (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
//   ACM TOMS 47(4), 2021; prng.di.unimi.it). xoshiro128+ is the variant its authors
//   recommend for floats: its lowest bits are weak, so only the top 24 bits of each
//   32-bit output are used. Lane j's state words s0..s3 are the next four next_u32()
//   draws of the seeding Rng (PCG32), lane 0 first.
//   Normals: the Box-Muller transform (Box & Muller, "A note on the generation of
//   random normal deviates", Ann. Math. Statist. 29(2), 1958), both values of each
//   pair kept. From two outputs a, b of one lane:
//     u     = ((a >> 8) + 1) / 2^24                       in (0, 1]
//     r     = sqrt(-2 ln u)                               at most sqrt(48 ln 2) = 5.77
//     theta = (b >> 30) * pi/2 + phi,  phi = (((b >> 8) mod 2^22) - 2^21) * (pi/2) / 2^22
//     x1    = r cos theta,   x2 = r sin theta
//   theta is uniform on the circle in 2^24 steps: the top two bits pick a quarter
//   turn, applied exactly by swapping and negating (cos phi, sin phi), so the
//   polynomials only ever see |phi| <= pi/4.
//   ln, sin and cos are our own float polynomials (no libm), each accurate to a few
//   float ulps: ln u = k ln 2 + 2 atanh(s) with u = 2^k m, m in [sqrt(1/2), sqrt(2)),
//   s = (m - 1)/(m + 1), the atanh series to s^9 (|s| <= 0.172, so the first term
//   left out is below 1e-9); sin and cos by their Taylor series to phi^9 and phi^10
//   (first terms left out below 2e-9 for |phi| <= pi/4). sqrt is IEEE's, correctly
//   rounded.
//   So no value lies beyond 5.77 sigma, where a normal has probability 8e-9: about
//   one value in 60 runs of 2000 steps of 1000 values.
//
// Reproducibility: every step is an IEEE float or integer operation whose result is
// fixed by the standard (+, -, *, /, sqrt, exact int-float conversions, bit moves),
// done in a fixed order with no fused multiply-add (the build turns contraction off,
// CMakeLists.txt), so a seed gives the same floats natively (SSE) and in WebAssembly
// (SIMD128), bit for bit (tests/core/normal_bulk_test.cpp pins golden values).
//
// Values come in blocks of kNormalBlock: lanes' cosines then lanes' sines. fill(n)
// uses ceil(n / kNormalBlock) blocks and drops the unused end of the last one, so
// the numbers depend on how a sequence is cut into fills, never on anything else.
#pragma once
#include <cstdint>

#include "rng.h"

namespace relulab {

constexpr int kNormalLanes = 4;
constexpr int kNormalBlock = 2 * kNormalLanes;

class BulkNormalSampler {
 public:
  // Seeds the lanes from the first 4 * kNormalLanes draws of `seeder` (a copy: the
  // caller's Rng does not move).
  explicit BulkNormalSampler(Rng seeder);

  // Writes n standard normal values to out.
  void fill(float* out, int64_t n);

 private:
  uint32_t state_[4][kNormalLanes];  // xoshiro128+ state word w of lane j at [w][j]
};

}  // namespace relulab
