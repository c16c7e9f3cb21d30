// simd4.h: 4-wide float and integer vectors (GCC/clang vector extensions: SSE2 on
// x86-64, SIMD128 under Emscripten) with unaligned loads and stores. Every 4-wide
// kernel of the core (dense.h, lane_kernels.h, normal_bulk.cpp) is written with these, so
// the native and the WASM builds run the same float operations in the same order.
#pragma once
#include <cstdint>
#include <cstring>
#if !defined(__wasm_simd128__) && defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace relulab {
namespace simd {

typedef float f32x4 __attribute__((vector_size(16)));
typedef int32_t i32x4 __attribute__((vector_size(16)));
typedef uint32_t u32x4 __attribute__((vector_size(16)));

inline f32x4 load(const float* p) {
  f32x4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline u32x4 load(const uint32_t* p) {
  u32x4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(float* p, f32x4 v) { std::memcpy(p, &v, sizeof v); }
inline void store(uint32_t* p, u32x4 v) { std::memcpy(p, &v, sizeof v); }
inline f32x4 splat(float x) { return f32x4{x, x, x, x}; }

// pmin(a, b) = b < a ? b : a and pmax(a, b) = a < b ? b : a, lane by lane: one
// instruction each (WebAssembly's f32x4.pmin and pmax, x86's minps and maxps with the
// operands swapped). Where b is a NaN, or a and b are zeros, the result is a.
inline f32x4 pmin(f32x4 a, f32x4 b) {
#if defined(__wasm_simd128__)
  return __builtin_wasm_pmin_f32x4(a, b);
#elif defined(__SSE2__)
  return _mm_min_ps(b, a);
#else
  return b < a ? b : a;
#endif
}
inline f32x4 pmax(f32x4 a, f32x4 b) {
#if defined(__wasm_simd128__)
  return __builtin_wasm_pmax_f32x4(a, b);
#elif defined(__SSE2__)
  return _mm_max_ps(b, a);
#else
  return a < b ? b : a;
#endif
}

// Some lane of a comparison's result is true.
inline bool any(i32x4 mask) {
#if defined(__wasm_simd128__)
  return __builtin_wasm_any_true_v128((__attribute__((vector_size(16))) signed char)mask);
#elif defined(__SSE2__)
  return _mm_movemask_ps((__m128)mask) != 0;
#else
  return (mask[0] | mask[1] | mask[2] | mask[3]) != 0;
#endif
}

}  // namespace simd
}  // namespace relulab
