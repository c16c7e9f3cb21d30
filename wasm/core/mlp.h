// mlp.h: the multilayer perceptron, forward and backward, as free function templates
// (float for training, double for the gradient checks). Columns are samples.
// Parameters live in one flat arena, layer by layer: W_l (out x in, row-major), then
// b_l (out) when biases are on; the `weights` key of a configuration uses the same
// order. Layer l (1..L) maps a[l-1] (in x B) to z[l] = W_l a[l-1] + b_l and
// a[l] = f(z[l]); f is the hidden activation, or the output activation for l = L.
#pragma once
#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "activation.h"
#include "dense.h"

namespace relulab {

template <typename T>
using Matrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
template <typename T>
using RowMajorMap = Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>;
template <typename T>
using VectorMap = Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, 1>>;

// Where each layer's parameters sit in the arena.
struct Layout {
  std::vector<int> sizes;  // inputs, hidden..., outputs
  bool bias = true;
  std::vector<int64_t> w_offset, b_offset;  // index 0 unused; layers are 1..L
  int64_t total = 0;

  Layout() = default;
  Layout(std::vector<int> layer_sizes, bool with_bias) : sizes(std::move(layer_sizes)), bias(with_bias) {
    w_offset.assign(sizes.size(), 0);
    b_offset.assign(sizes.size(), -1);
    for (size_t l = 1; l < sizes.size(); ++l) {
      w_offset[l] = total;
      total += int64_t(sizes[l]) * sizes[l - 1];
      if (bias) {
        b_offset[l] = total;
        total += sizes[l];
      }
    }
  }
  int layers() const { return static_cast<int>(sizes.size()) - 1; }
};

struct Activations {
  Activation hidden = Activation::Relu, output = Activation::Linear;
  double hidden_alpha = 0.01, output_alpha = 0.01;
  Activation at(int layer, int layers) const { return layer == layers ? output : hidden; }
  double alpha_at(int layer, int layers) const { return layer == layers ? output_alpha : hidden_alpha; }
};

// Buffers of one forward/backward pass over a batch; z[0] is unused, a[0] is the input.
template <typename T>
struct Workspace {
  std::vector<Matrix<T>> z, a, mask;  // mask: inverted-dropout factors of hidden layers
  Matrix<T> delta, back;              // dL/dz of the current layer, and of the one below
  void resize(const Layout& layout, int64_t batch) {
    const int L = layout.layers();
    z.resize(L + 1);
    a.resize(L + 1);
    for (int l = 0; l <= L; ++l) {
      if (l > 0) z[l].resize(layout.sizes[l], batch);
      a[l].resize(layout.sizes[l], batch);
    }
  }
  int64_t batch() const { return a.empty() ? 0 : a[0].cols(); }
};

// Forward pass: ws.a[0] must hold the input batch (inputs x B). With a non-empty
// ws.mask, hidden activations are multiplied by it (training-time dropout).
template <typename T>
void mlp_forward(const Layout& layout, const Activations& acts, const T* params, Workspace<T>& ws) {
  const int L = layout.layers();
  for (int l = 1; l <= L; ++l) {
    // z[l] = W_l a[l-1] + b_l, in the fixed order of dense.h.
    dense_forward<T>(ws.z[l].data(), params + layout.w_offset[l], layout.bias ? params + layout.b_offset[l] : nullptr,
                     ws.a[l - 1].data(), layout.sizes[l], layout.sizes[l - 1], ws.z[l].cols());
    const Activation f = acts.at(l, L);
    const size_t count = static_cast<size_t>(ws.z[l].size());
    activation_forward<T>(f, T(acts.alpha_at(l, L)), ws.z[l].data(), ws.a[l].data(), count);
    if (f == Activation::Softmax) softmax_columns<T>(ws.a[l].data(), ws.a[l].rows(), ws.a[l].cols());
    if (l < L && static_cast<int>(ws.mask.size()) > l && ws.mask[l].size() == ws.a[l].size())
      ws.a[l].array() *= ws.mask[l].array();
  }
}

// Backward pass: ws.delta must hold dL/dz of the output layer. Adds dL/dparams into
// grads (which the caller zeroes first); leaves ws.delta as dL/dz of layer 1.
template <typename T>
void mlp_backward(const Layout& layout, const Activations& acts, const T* params, Workspace<T>& ws, T* grads) {
  const int L = layout.layers();
  for (int l = L; l >= 1; --l) {
    const int out = layout.sizes[l], in = layout.sizes[l - 1];
    const int64_t n = ws.delta.cols();
    // dW_l += delta a[l-1]^T, db_l += delta 1, back = W_l^T delta (dense.h's order).
    dense_weight_grad<T>(grads + layout.w_offset[l], ws.delta.data(), ws.a[l - 1].data(), out, in, n);
    if (layout.bias) dense_bias_grad<T>(grads + layout.b_offset[l], ws.delta.data(), out, n);
    if (l == 1) break;
    ws.back.resize(in, n);
    dense_back<T>(ws.back.data(), params + layout.w_offset[l], ws.delta.data(), out, in, n);
    const int below = l - 1;
    if (static_cast<int>(ws.mask.size()) > below && ws.mask[below].size() == ws.back.size())
      ws.back.array() *= ws.mask[below].array();
    // a[below] holds f(z) times the mask; activation_backward needs f(z) only where
    // it reads a (ELU, SELU, tanh, sigmoid, swish), and there the mask factor is
    // undone below by using an unmasked copy when dropout is on.
    const Activation f = acts.at(below, L);
    if (static_cast<int>(ws.mask.size()) > below && ws.mask[below].size() == ws.back.size()) {
      Matrix<T> unmasked(ws.z[below].rows(), ws.z[below].cols());
      activation_forward<T>(f, T(acts.alpha_at(below, L)), ws.z[below].data(), unmasked.data(),
                            static_cast<size_t>(unmasked.size()));
      activation_backward<T>(f, T(acts.alpha_at(below, L)), ws.z[below].data(), unmasked.data(), ws.back.data(),
                             static_cast<size_t>(ws.back.size()));
    } else {
      activation_backward<T>(f, T(acts.alpha_at(below, L)), ws.z[below].data(), ws.a[below].data(), ws.back.data(),
                             static_cast<size_t>(ws.back.size()));
    }
    ws.delta.swap(ws.back);
  }
}

}  // namespace relulab
