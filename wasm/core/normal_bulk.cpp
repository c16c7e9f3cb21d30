// normal_bulk.cpp: see normal_bulk.h for the method and its sources.
#include "normal_bulk.h"

#include <cmath>
#include <cstring>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "simd4.h"

namespace relulab {

namespace {

static_assert(kNormalLanes == 4, "the vector types below are 4 lanes wide");
using simd::f32x4;
using simd::i32x4;
using simd::load;
using simd::store;
using simd::u32x4;

// Bit casts between vectors of one size (a C-style vector cast keeps the bits).
inline f32x4 as_float(i32x4 v) { return (f32x4)v; }
inline f32x4 as_float(u32x4 v) { return (f32x4)v; }
inline i32x4 as_int(f32x4 v) { return (i32x4)v; }
inline u32x4 as_bits(f32x4 v) { return (u32x4)v; }
inline f32x4 to_float(i32x4 v) { return __builtin_convertvector(v, f32x4); }  // exact below 2^24

// IEEE square root, correctly rounded in every branch.
inline f32x4 sqrt4(f32x4 v) {
#if defined(__wasm_simd128__)
  return (f32x4)wasm_f32x4_sqrt((v128_t)v);
#elif defined(__SSE2__)
  return _mm_sqrt_ps(v);
#else
  for (int j = 0; j < 4; ++j) v[j] = std::sqrt(v[j]);
  return v;
#endif
}

// One xoshiro128+ step of every lane: returns the outputs, advances the state.
inline u32x4 xoshiro128plus(u32x4& s0, u32x4& s1, u32x4& s2, u32x4& s3) {
  const u32x4 result = s0 + s3;
  const u32x4 t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = (s3 << 11) | (s3 >> 21);
  return result;
}

// ln u for u in (0, 1] (normal, positive floats): u = 2^k m with m in [sqrt(1/2),
// sqrt(2)), found on the bits: adding 1 - sqrt(1/2)'s bit pattern offset carries into
// the exponent exactly when the mantissa is at least sqrt(2)'s.
inline f32x4 log_unit(f32x4 u) {
  constexpr int32_t kOne = 0x3f800000, kSqrtHalf = 0x3f3504f3;  // bits of 1 and of sqrt(1/2)
  const i32x4 shifted = as_int(u) + (kOne - kSqrtHalf);
  const f32x4 k = to_float((shifted >> 23) - 127);
  const f32x4 m = as_float((shifted & 0x007fffff) + kSqrtHalf);
  const f32x4 f = m - 1.0f;  // exact (Sterbenz)
  const f32x4 s = f / (2.0f + f);
  const f32x4 z = s * s;
  // 2 atanh(s) = 2s + s z (2/3 + z (2/5 + z (2/7 + z 2/9)))
  const f32x4 p = 0.666666687f + z * (0.400000006f + z * (0.285714298f + z * 0.222222224f));
  // ln 2 = kLn2Hi + kLn2Lo; kLn2Hi has 9 trailing zero bits, so k * kLn2Hi is exact.
  constexpr float kLn2Hi = 0.693145752f, kLn2Lo = 1.42860677e-06f;
  return k * kLn2Hi + ((s + s) + (s * (z * p) + k * kLn2Lo));
}

// sin and cos of phi for |phi| <= pi/4 (Taylor series in z = phi^2).
inline f32x4 sin_quarter(f32x4 phi, f32x4 z) {
  const f32x4 p = -0.166666672f + z * (0.00833333377f + z * (-0.000198412701f + z * 2.75573188e-06f));
  return phi + phi * (z * p);
}
inline f32x4 cos_quarter(f32x4 z) {
  return 1.0f + z * (-0.5f + z * (0.0416666679f + z * (-0.00138888892f + z * (2.48015876e-05f + z * -2.755732e-07f))));
}

// One block: kNormalLanes cosines into out[0..3], sines into out[4..7].
inline void box_muller(u32x4 a, u32x4 b, float* out) {
  const f32x4 u = to_float((i32x4)((a >> 8) + 1)) * 0x1p-24f;
  const f32x4 r = sqrt4(-2.0f * log_unit(u));

  constexpr float kStep = 1.57079637f * 0x1p-22f;  // (pi/2) / 2^22
  const f32x4 phi = to_float((i32x4)((b >> 8) & 0x3fffff) - 0x200000) * kStep;
  const f32x4 z = phi * phi;
  const f32x4 sin_phi = sin_quarter(phi, z), cos_phi = cos_quarter(z);
  // Quarter turn q = b >> 30: (cos, sin) of q pi/2 + phi is (c, s), (-s, c), (-c, -s)
  // or (s, -c) for q = 0..3: swap where q is odd (bit 30), negate the cosine where
  // bits 31 and 30 differ, the sine where bit 31 is set.
  const u32x4 swap = (u32x4)((i32x4)(b << 1) >> 31);  // all ones where bit 30 is set
  const u32x4 c_bits = as_bits(cos_phi), s_bits = as_bits(sin_phi);
  const u32x4 first = (c_bits & ~swap) | (s_bits & swap), second = (s_bits & ~swap) | (c_bits & swap);
  const u32x4 cos_sign = (b ^ (b << 1)) & 0x80000000u, sin_sign = b & 0x80000000u;
  store(out, r * as_float(first ^ cos_sign));
  store(out + kNormalLanes, r * as_float(second ^ sin_sign));
}

}  // namespace

BulkNormalSampler::BulkNormalSampler(Rng seeder) {
  for (int j = 0; j < kNormalLanes; ++j)
    for (int w = 0; w < 4; ++w) state_[w][j] = seeder.next_u32();
  // xoshiro's one forbidden state is all zero (a 2^-128 chance per lane).
  for (int j = 0; j < kNormalLanes; ++j)
    if ((state_[0][j] | state_[1][j] | state_[2][j] | state_[3][j]) == 0) state_[0][j] = 1;
}

void BulkNormalSampler::fill(float* out, int64_t n) {
  u32x4 s0 = load(state_[0]), s1 = load(state_[1]), s2 = load(state_[2]), s3 = load(state_[3]);
  int64_t i = 0;
  for (; i + kNormalBlock <= n; i += kNormalBlock) {
    const u32x4 a = xoshiro128plus(s0, s1, s2, s3);
    const u32x4 b = xoshiro128plus(s0, s1, s2, s3);
    box_muller(a, b, out + i);
  }
  if (i < n) {
    float block[kNormalBlock];
    const u32x4 a = xoshiro128plus(s0, s1, s2, s3);
    const u32x4 b = xoshiro128plus(s0, s1, s2, s3);
    box_muller(a, b, block);
    std::memcpy(out + i, block, sizeof(float) * size_t(n - i));
  }
  store(state_[0], s0);
  store(state_[1], s1);
  store(state_[2], s2);
  store(state_[3], s3);
}

}  // namespace relulab
