// activation.h: the activation functions and their derivatives, elementwise over a
// flat array. Softmax, the only one that mixes elements, works per column (sample).
// Conventions: ReLU'(0) = 0 (as TensorFlow and PyTorch); leaky slope and ELU alpha
// come from `alpha`; SELU constants from Klambauer et al. 2017 (sources of every
// constant: docs/SCIENCE.md).
#pragma once
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace relulab {

enum class Activation { Relu, Leaky, Elu, Selu, Gelu, Swish, Tanh, Sigmoid, Linear, Softmax };

// The names of the activations as a configuration writes them, in the order of Activation.
inline const std::vector<std::string>& activation_names() {
  static const std::vector<std::string> names = {"relu", "leaky", "elu",     "selu",   "gelu",
                                                 "swish", "tanh", "sigmoid", "linear", "softmax"};
  return names;
}
inline const std::string& activation_name(Activation a) { return activation_names()[static_cast<size_t>(a)]; }

// The standard constant of the activations that take one: leaky 0.01 (PyTorch), ELU 1.
inline double standard_alpha(Activation a) { return a == Activation::Elu ? 1.0 : 0.01; }

constexpr double kSeluAlpha = 1.6732632423543772848170429916717;
constexpr double kSeluLambda = 1.0507009873554804934193349852946;
constexpr double kInvSqrt2 = 0.70710678118654752440;
constexpr double kInvSqrt2Pi = 0.39894228040143267794;

template <typename T>
inline T sigmoid(T z) {
  // Split by sign so that exp never overflows.
  if (z >= T(0)) return T(1) / (T(1) + std::exp(-z));
  T e = std::exp(z);
  return e / (T(1) + e);
}

// a = f(z) for n elements. Softmax is not elementwise: see softmax_columns.
template <typename T>
void activation_forward(Activation f, T alpha, const T* z, T* a, size_t n) {
  switch (f) {
    case Activation::Relu:
      for (size_t i = 0; i < n; ++i) a[i] = z[i] > T(0) ? z[i] : T(0);
      break;
    case Activation::Leaky:
      for (size_t i = 0; i < n; ++i) a[i] = z[i] > T(0) ? z[i] : alpha * z[i];
      break;
    case Activation::Elu:
      for (size_t i = 0; i < n; ++i) a[i] = z[i] > T(0) ? z[i] : alpha * std::expm1(z[i]);
      break;
    case Activation::Selu:
      for (size_t i = 0; i < n; ++i)
        a[i] = T(kSeluLambda) * (z[i] > T(0) ? z[i] : T(kSeluAlpha) * std::expm1(z[i]));
      break;
    case Activation::Gelu:
      for (size_t i = 0; i < n; ++i) a[i] = z[i] * T(0.5) * (T(1) + std::erf(z[i] * T(kInvSqrt2)));
      break;
    case Activation::Swish:
      for (size_t i = 0; i < n; ++i) a[i] = z[i] * sigmoid(z[i]);
      break;
    case Activation::Tanh:
      for (size_t i = 0; i < n; ++i) a[i] = std::tanh(z[i]);
      break;
    case Activation::Sigmoid:
      for (size_t i = 0; i < n; ++i) a[i] = sigmoid(z[i]);
      break;
    case Activation::Linear:
    case Activation::Softmax:  // handled per column by the caller
      for (size_t i = 0; i < n; ++i) a[i] = z[i];
      break;
  }
}

// grad[i] *= f'(z[i]), given z and a = f(z). Turns dL/da into dL/dz in place.
template <typename T>
void activation_backward(Activation f, T alpha, const T* z, const T* a, T* grad, size_t n) {
  switch (f) {
    case Activation::Relu:
      // grad[i] is read whether or not it is kept: a select, not a conditional load,
      // so clang vectorises the loop for WebAssembly (a branch per element, taken at
      // random, cost more than the rest of a single-unit step).
      for (size_t i = 0; i < n; ++i) {
        const T g = grad[i];
        grad[i] = z[i] > T(0) ? g : T(0);
      }
      break;
    case Activation::Leaky:
      for (size_t i = 0; i < n; ++i) grad[i] *= z[i] > T(0) ? T(1) : alpha;
      break;
    case Activation::Elu:  // f' = f + alpha for z <= 0
      for (size_t i = 0; i < n; ++i) grad[i] *= z[i] > T(0) ? T(1) : a[i] + alpha;
      break;
    case Activation::Selu:
      for (size_t i = 0; i < n; ++i)
        grad[i] *= z[i] > T(0) ? T(kSeluLambda) : a[i] + T(kSeluLambda * kSeluAlpha);
      break;
    case Activation::Gelu:
      for (size_t i = 0; i < n; ++i) {
        T cdf = T(0.5) * (T(1) + std::erf(z[i] * T(kInvSqrt2)));
        T pdf = z[i] * z[i] > T(138) ? T(0) : T(kInvSqrt2Pi) * std::exp(T(-0.5) * z[i] * z[i]);
        grad[i] *= cdf + z[i] * pdf;
      }
      break;
    case Activation::Swish:
      for (size_t i = 0; i < n; ++i) {
        T s = sigmoid(z[i]);
        grad[i] *= s + a[i] * (T(1) - s);
      }
      break;
    case Activation::Tanh:
      for (size_t i = 0; i < n; ++i) grad[i] *= T(1) - a[i] * a[i];
      break;
    case Activation::Sigmoid:
      for (size_t i = 0; i < n; ++i) grad[i] *= a[i] * (T(1) - a[i]);
      break;
    case Activation::Linear:
    case Activation::Softmax:
      break;
  }
}

// Softmax of each column of a (rows x cols) column-major block, in place: z -> p.
template <typename T>
void softmax_columns(T* za, size_t rows, size_t cols) {
  for (size_t c = 0; c < cols; ++c) {
    T* col = za + c * rows;
    T m = col[0];
    for (size_t r = 1; r < rows; ++r) m = col[r] > m ? col[r] : m;
    T sum = 0;
    for (size_t r = 0; r < rows; ++r) {
      const T d = col[r] - m;  // exp below -69 would be a denormal float: take it as 0
      col[r] = d < T(-69) ? T(0) : std::exp(d);
      sum += col[r];
    }
    for (size_t r = 0; r < rows; ++r) col[r] /= sum;
  }
}

// Softmax's Jacobian-vector product per column: grad <- p * (grad - <grad, p>).
template <typename T>
void softmax_backward_columns(const T* p, T* grad, size_t rows, size_t cols) {
  for (size_t c = 0; c < cols; ++c) {
    const T* pc = p + c * rows;
    T* gc = grad + c * rows;
    T dot = 0;
    for (size_t r = 0; r < rows; ++r) dot += gc[r] * pc[r];
    for (size_t r = 0; r < rows; ++r) gc[r] = pc[r] * (gc[r] - dot);
  }
}

}  // namespace relulab
