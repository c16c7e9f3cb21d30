// simd4.h: 4-wide float and integer vectors (GCC/clang vector extensions: SSE2 on
// x86-64, SIMD128 under Emscripten) with unaligned loads and stores. Every 4-wide
// kernel of the core (dense.h, lanes.cpp, normal_bulk.cpp) is written with these, so
// the native and the WASM builds run the same float operations in the same order.
#pragma once
#include <cstdint>
#include <cstring>

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

}  // namespace simd
}  // namespace relulab
