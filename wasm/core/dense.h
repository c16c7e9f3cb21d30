// dense.h: the products of a dense layer, each written twice: a naive reference
// (plain loops, any T) and a fast float kernel (4-wide SIMD through GCC/Clang vector
// extensions: SSE natively, SIMD128 under em++ -msimd128). Eigen has no SIMD path
// under Debian's Emscripten 3.1.6 (docs/TOOLCHAIN.md), and its summation order
// differs between builds; these kernels fix one order, so a seed gives the same floats
// natively and in every browser, and the lane trainer (lanes.h) can reproduce a run
// bit for bit.
//
// The order every version keeps (the contract; tests/core/dense_test.cpp checks that
// fast == reference bit for bit):
//   forward      Z(i,b)  = ((0 + W(i,0)A(0,b)) + W(i,1)A(1,b) + ...) [+ bias(i)]   k ascending
//   weight grad  dW(i,k) += (0 + D(i,0)A(k,0) + D(i,1)A(k,1) + ...)               b ascending
//   bias grad    db(i)   += (0 + D(i,0) + D(i,1) + ...)                           b ascending
//   back         B(k,b)  = (0 + W(0,k)D(0,b) + W(1,k)D(1,b) + ...)                i ascending
// SIMD runs across an index that is not summed over (samples, rows or columns), never
// along the sum, so each output is the same chain of float operations. No FMA: neither
// baseline x86-64 nor WebAssembly SIMD128 has one, and we do not ask for contraction.
// Shapes: W is (out x in) row-major; A, Z, D, B are column-major with samples as
// columns: A (in x n), Z and D (out x n), B (in x n).
#pragma once
#include <cstdint>
#include <type_traits>
#include <vector>

#include "simd4.h"

namespace relulab {

// ---- naive references -------------------------------------------------------------

template <typename T>
void dense_forward_ref(T* Z, const T* W, const T* bias, const T* A, int out, int in, int64_t n) {
  for (int64_t b = 0; b < n; ++b)
    for (int i = 0; i < out; ++i) {
      T s = 0;
      for (int k = 0; k < in; ++k) s += W[int64_t(i) * in + k] * A[b * in + k];
      if (bias) s += bias[i];
      Z[b * out + i] = s;
    }
}

template <typename T>
void dense_weight_grad_ref(T* dW, const T* D, const T* A, int out, int in, int64_t n) {
  for (int i = 0; i < out; ++i)
    for (int k = 0; k < in; ++k) {
      T s = 0;
      for (int64_t b = 0; b < n; ++b) s += D[b * out + i] * A[b * in + k];
      dW[int64_t(i) * in + k] += s;
    }
}

template <typename T>
void dense_bias_grad_ref(T* db, const T* D, int out, int64_t n) {
  for (int i = 0; i < out; ++i) {
    T s = 0;
    for (int64_t b = 0; b < n; ++b) s += D[b * out + i];
    db[i] += s;
  }
}

template <typename T>
void dense_back_ref(T* B, const T* W, const T* D, int out, int in, int64_t n) {
  for (int64_t b = 0; b < n; ++b)
    for (int k = 0; k < in; ++k) {
      T s = 0;
      for (int i = 0; i < out; ++i) s += W[int64_t(i) * in + k] * D[b * out + i];
      B[b * in + k] = s;
    }
}

// ---- fast float kernels -------------------------------------------------------------

namespace simd {
// In-register transpose of the 4x4 block r0..r3.
inline void transpose(f32x4& r0, f32x4& r1, f32x4& r2, f32x4& r3) {
  const f32x4 t0 = __builtin_shufflevector(r0, r1, 0, 4, 1, 5), t1 = __builtin_shufflevector(r2, r3, 0, 4, 1, 5);
  const f32x4 t2 = __builtin_shufflevector(r0, r1, 2, 6, 3, 7), t3 = __builtin_shufflevector(r2, r3, 2, 6, 3, 7);
  r0 = __builtin_shufflevector(t0, t1, 0, 1, 4, 5);
  r1 = __builtin_shufflevector(t0, t1, 2, 3, 6, 7);
  r2 = __builtin_shufflevector(t2, t3, 0, 1, 4, 5);
  r3 = __builtin_shufflevector(t2, t3, 2, 3, 6, 7);
}
inline std::vector<float>& scratch() {
  static thread_local std::vector<float> buffer;
  return buffer;
}
}  // namespace simd

// dense_forward_fast for a layer of one unit (out == 1), where Z is one row: SIMD
// over 4 samples, A(k, b..b+3) gathered from 4 columns (one load when in == 1).
inline void dense_forward_one_unit(float* Z, const float* W, const float* bias, const float* A, int in, int64_t n) {
  using namespace simd;
  const int64_t n4 = n & ~int64_t(3);
  for (int64_t b = 0; b < n4; b += 4) {
    const float* a = A + b * in;
    f32x4 s{};
    for (int k = 0; k < in; ++k)
      s += splat(W[k]) * (in == 1 ? load(a) : f32x4{a[k], a[in + k], a[2 * in + k], a[3 * in + k]});
    if (bias) s += splat(bias[0]);
    store(Z + b, s);
  }
  if (n4 < n) dense_forward_ref<float>(Z + n4, W, bias, A + n4 * in, 1, in, n - n4);
}

// Z = W A (+ bias). SIMD over 4 samples at a time: A's columns are first transposed
// in blocks of 4 so that A(k, b..b+3) is one load; results are transposed back.
inline void dense_forward_fast(float* Z, const float* W, const float* bias, const float* A, int out, int in,
                               int64_t n) {
  using namespace simd;
  const int64_t n4 = n & ~int64_t(3);
  if (n4 == 0) return dense_forward_ref<float>(Z, W, bias, A, out, in, n);
  if (out == 1) return dense_forward_one_unit(Z, W, bias, A, in, n);
  std::vector<float>& At = scratch();  // (in x n4) row-major: At[k * n4 + b] = A(k, b)
  if (At.size() < size_t(in) * size_t(n4)) At.resize(size_t(in) * size_t(n4));
  const int in4 = in & ~3;
  for (int64_t b = 0; b < n4; b += 4) {
    for (int k = 0; k < in4; k += 4) {
      f32x4 c0 = load(A + b * in + k), c1 = load(A + (b + 1) * in + k), c2 = load(A + (b + 2) * in + k),
            c3 = load(A + (b + 3) * in + k);
      transpose(c0, c1, c2, c3);
      store(&At[size_t(k) * n4 + b], c0);
      store(&At[size_t(k + 1) * n4 + b], c1);
      store(&At[size_t(k + 2) * n4 + b], c2);
      store(&At[size_t(k + 3) * n4 + b], c3);
    }
    for (int k = in4; k < in; ++k)
      for (int j = 0; j < 4; ++j) At[size_t(k) * n4 + b + j] = A[(b + j) * in + k];
  }
  const int out4 = out & ~3;
  for (int64_t b = 0; b < n4; b += 4) {
    const float* at = At.data() + b;
    for (int i = 0; i < out4; i += 4) {
      const float* w0 = W + int64_t(i) * in;
      f32x4 s0{}, s1{}, s2{}, s3{};
      for (int k = 0; k < in; ++k) {
        const f32x4 a = load(at + size_t(k) * n4);
        s0 += splat(w0[k]) * a;
        s1 += splat(w0[in + k]) * a;
        s2 += splat(w0[2 * in + k]) * a;
        s3 += splat(w0[3 * in + k]) * a;
      }
      if (bias) {
        s0 += splat(bias[i]);
        s1 += splat(bias[i + 1]);
        s2 += splat(bias[i + 2]);
        s3 += splat(bias[i + 3]);
      }
      transpose(s0, s1, s2, s3);  // now s_j holds rows i..i+3 of column b + j
      store(Z + b * out + i, s0);
      store(Z + (b + 1) * out + i, s1);
      store(Z + (b + 2) * out + i, s2);
      store(Z + (b + 3) * out + i, s3);
    }
    for (int i = out4; i < out; ++i) {
      const float* w = W + int64_t(i) * in;
      f32x4 s{};
      for (int k = 0; k < in; ++k) s += splat(w[k]) * load(at + size_t(k) * n4);
      if (bias) s += splat(bias[i]);
      for (int j = 0; j < 4; ++j) Z[(b + j) * out + i] = s[j];
    }
  }
  if (n4 < n) dense_forward_ref<float>(Z + n4 * out, W, bias, A + n4 * in, out, in, n - n4);
}

// dW += D A^T, summed over samples in order. SIMD over 4 columns k of dW when the
// layer has at least 4 inputs, else over 4 rows i.
inline void dense_weight_grad_fast(float* dW, const float* D, const float* A, int out, int in, int64_t n) {
  using namespace simd;
  if (in >= 4) {
    const int in4 = in & ~3;
    for (int i = 0; i < out; ++i) {
      float* g = dW + int64_t(i) * in;
      int k = 0;
      for (; k + 8 <= in4; k += 8) {
        f32x4 s0{}, s1{};
        for (int64_t b = 0; b < n; ++b) {
          const f32x4 d = splat(D[b * out + i]);
          s0 += d * load(A + b * in + k);
          s1 += d * load(A + b * in + k + 4);
        }
        store(g + k, load(g + k) + s0);
        store(g + k + 4, load(g + k + 4) + s1);
      }
      for (; k < in4; k += 4) {
        f32x4 s{};
        for (int64_t b = 0; b < n; ++b) s += splat(D[b * out + i]) * load(A + b * in + k);
        store(g + k, load(g + k) + s);
      }
      for (; k < in; ++k) {
        float s = 0;
        for (int64_t b = 0; b < n; ++b) s += D[b * out + i] * A[b * in + k];
        g[k] += s;
      }
    }
    return;
  }
  const int out4 = out & ~3;
  for (int k = 0; k < in; ++k) {
    int i = 0;
    for (; i + 8 <= out4; i += 8) {
      f32x4 s0{}, s1{};
      for (int64_t b = 0; b < n; ++b) {
        const f32x4 a = splat(A[b * in + k]);
        s0 += load(D + b * out + i) * a;
        s1 += load(D + b * out + i + 4) * a;
      }
      for (int j = 0; j < 4; ++j) {
        dW[int64_t(i + j) * in + k] += s0[j];
        dW[int64_t(i + 4 + j) * in + k] += s1[j];
      }
    }
    for (; i < out4; i += 4) {
      f32x4 s{};
      for (int64_t b = 0; b < n; ++b) s += load(D + b * out + i) * splat(A[b * in + k]);
      for (int j = 0; j < 4; ++j) dW[int64_t(i + j) * in + k] += s[j];
    }
    for (; i < out; ++i) {
      float s = 0;
      for (int64_t b = 0; b < n; ++b) s += D[b * out + i] * A[b * in + k];
      dW[int64_t(i) * in + k] += s;
    }
  }
}

inline void dense_bias_grad_fast(float* db, const float* D, int out, int64_t n) {
  using namespace simd;
  const int out4 = out & ~3;
  for (int i = 0; i < out4; i += 4) {
    f32x4 s{};
    for (int64_t b = 0; b < n; ++b) s += load(D + b * out + i);
    store(db + i, load(db + i) + s);
  }
  for (int i = out4; i < out; ++i) {
    float s = 0;
    for (int64_t b = 0; b < n; ++b) s += D[b * out + i];
    db[i] += s;
  }
}

// B = W^T D, SIMD over 4 entries k of a column of B (a row of W is contiguous in k).
inline void dense_back_fast(float* B, const float* W, const float* D, int out, int in, int64_t n) {
  using namespace simd;
  const int in4 = in & ~3;
  for (int64_t b = 0; b < n; ++b) {
    const float* d = D + b * out;
    float* col = B + b * in;
    int k = 0;
    for (; k + 16 <= in4; k += 16) {
      f32x4 s0{}, s1{}, s2{}, s3{};
      for (int i = 0; i < out; ++i) {
        const f32x4 di = splat(d[i]);
        const float* w = W + int64_t(i) * in + k;
        s0 += load(w) * di;
        s1 += load(w + 4) * di;
        s2 += load(w + 8) * di;
        s3 += load(w + 12) * di;
      }
      store(col + k, s0);
      store(col + k + 4, s1);
      store(col + k + 8, s2);
      store(col + k + 12, s3);
    }
    for (; k < in4; k += 4) {
      f32x4 s{};
      for (int i = 0; i < out; ++i) s += load(W + int64_t(i) * in + k) * splat(d[i]);
      store(col + k, s);
    }
    for (; k < in; ++k) {
      float s = 0;
      for (int i = 0; i < out; ++i) s += W[int64_t(i) * in + k] * d[i];
      col[k] = s;
    }
  }
}

// ---- dispatch: float takes the fast kernels, double (gradient checks) the references.

template <typename T>
void dense_forward(T* Z, const T* W, const T* bias, const T* A, int out, int in, int64_t n) {
  if constexpr (std::is_same_v<T, float>) dense_forward_fast(Z, W, bias, A, out, in, n);
  else dense_forward_ref<T>(Z, W, bias, A, out, in, n);
}
template <typename T>
void dense_weight_grad(T* dW, const T* D, const T* A, int out, int in, int64_t n) {
  if constexpr (std::is_same_v<T, float>) dense_weight_grad_fast(dW, D, A, out, in, n);
  else dense_weight_grad_ref<T>(dW, D, A, out, in, n);
}
template <typename T>
void dense_bias_grad(T* db, const T* D, int out, int64_t n) {
  if constexpr (std::is_same_v<T, float>) dense_bias_grad_fast(db, D, out, n);
  else dense_bias_grad_ref<T>(db, D, out, n);
}
template <typename T>
void dense_back(T* B, const T* W, const T* D, int out, int in, int64_t n) {
  if constexpr (std::is_same_v<T, float>) dense_back_fast(B, W, D, out, in, n);
  else dense_back_ref<T>(B, W, D, out, in, n);
}

}  // namespace relulab
