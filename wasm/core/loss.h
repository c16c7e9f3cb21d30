// loss.h: the losses, each returning the mean loss over a batch and writing dL/dz of
// the output layer. Columns are samples; the output block is (outputs x batch).
//   mse: mean over batch and outputs of (yhat - y)^2 (Keras's convention, no 1/2).
//   ce:  softmax cross-entropy with one-hot targets; the output activation must be
//        softmax and the gradient is taken straight to the logits: (p - y) / batch.
#pragma once
#include <cmath>
#include <string>
#include <vector>

namespace relulab {

enum class Loss { Mse, Ce };

// The names of the losses as a configuration writes them, in the order of Loss.
inline const std::vector<std::string>& loss_names() {
  static const std::vector<std::string> names = {"mse", "ce"};
  return names;
}

// Mean squared error. grad (may be null) receives dL/dyhat.
template <typename T>
T mse_loss(const T* yhat, const T* y, size_t rows, size_t cols, T* grad) {
  const size_t n = rows * cols;
  const T scale = T(2) / T(n);
  T sum = 0;
  for (size_t i = 0; i < n; ++i) {
    T d = yhat[i] - y[i];
    sum += d * d;
    if (grad) grad[i] = scale * d;
  }
  return sum / T(n);
}

// The gradient of cross-entropy of softmax probabilities p against one-hot y with
// respect to the logits: (p - y) / cols.
template <typename T>
void ce_gradient(const T* p, const T* y, size_t rows, size_t cols, T* grad) {
  const size_t n = rows * cols;
  for (size_t i = 0; i < n; ++i) grad[i] = (p[i] - y[i]) / T(cols);
}

// Cross-entropy of softmax probabilities p against one-hot y; grad (may be null)
// receives ce_gradient. Probabilities are floored at 1e-30 for the log, so the loss is
// at most -log(1e-30) ~ 69.1 whatever p holds (NaN included): it is always finite.
template <typename T>
T ce_loss(const T* p, const T* y, size_t rows, size_t cols, T* grad) {
  const size_t n = rows * cols;
  T sum = 0;
  for (size_t i = 0; i < n; ++i)
    if (y[i] > T(0)) sum -= y[i] * std::log(p[i] > T(1e-30) ? p[i] : T(1e-30));
  if (grad) ce_gradient<T>(p, y, rows, cols, grad);
  return sum / T(cols);
}

}  // namespace relulab
