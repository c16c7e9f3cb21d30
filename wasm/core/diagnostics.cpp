// diagnostics.cpp: see diagnostics.h.
#include "diagnostics.h"

#include <algorithm>
#include <cmath>

namespace relulab {

template <typename T>
std::vector<LayerDiagnostics> layer_diagnostics(const Layout& layout, const Activations& acts, const Workspace<T>& ws) {
  const int L = layout.layers();
  std::vector<LayerDiagnostics> out(static_cast<size_t>(L));
  for (int l = 1; l <= L; ++l) {
    LayerDiagnostics& d = out[static_cast<size_t>(l - 1)];
    const Matrix<T>& z = ws.z[l];
    const Matrix<T>& a = ws.a[l];
    const int units = static_cast<int>(z.rows());
    const int64_t points = z.cols();
    d.units = units;
    d.relu = acts.at(l, L) == Activation::Relu;
    d.firing_rate.assign(units, 0);
    d.activity.assign(units, 0);
    d.dead.assign(units, 0);
    d.dormant.assign(units, 0);
    d.nan.assign(units, 0);
    std::vector<int64_t> fires(units, 0);
    std::vector<double> abs_sum(units, 0);
    double square_sum = 0;
    T lo = 0, hi = 0;
    for (int64_t p = 0; p < points; ++p) {
      const T* zc = z.data() + p * units;
      const T* ac = a.data() + p * units;
      for (int u = 0; u < units; ++u) {
        const T v = zc[u];
        if (!std::isfinite(v)) {
          d.nan[u] = 1;
          continue;
        }
        fires[u] += v > T(0);
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        abs_sum[u] += std::fabs(double(ac[u]));
        square_sum += double(ac[u]) * double(ac[u]);
      }
    }
    for (int u = 0; u < units; ++u) {
      d.firing_rate[u] = points ? float(double(fires[u]) / double(points)) : 0.0f;
      d.activity[u] = points ? float(abs_sum[u] / double(points)) : 0.0f;
      d.dead[u] = d.relu && !d.nan[u] && fires[u] == 0;
      d.dormant[u] = !d.dead[u] && !d.nan[u] && fires[u] > 0 && d.firing_rate[u] < kDormantRate;
      d.dead_count += d.dead[u];
    }
    d.dead_fraction = units ? float(d.dead_count) / float(units) : 0.0f;
    d.mean_square = points && units ? float(square_sum / double(points * units)) : 0.0f;
    // Histogram of z over a range that always holds 0.
    Histogram& h = d.z_histogram;
    h.counts.assign(kHistogramBins, 0);
    h.lo = float(lo);
    h.hi = float(hi);
    if (!(h.hi > h.lo)) {
      h.lo = -1;
      h.hi = 1;
    }
    const double width = (double(h.hi) - double(h.lo)) / kHistogramBins;
    for (int64_t i = 0; i < z.size(); ++i) {
      const double v = double(z.data()[i]);
      if (!std::isfinite(v)) continue;
      int bin = static_cast<int>((v - h.lo) / width);
      h.counts[static_cast<size_t>(std::clamp(bin, 0, kHistogramBins - 1))]++;
    }
  }
  return out;
}

template std::vector<LayerDiagnostics> layer_diagnostics<float>(const Layout&, const Activations&,
                                                                const Workspace<float>&);
template std::vector<LayerDiagnostics> layer_diagnostics<double>(const Layout&, const Activations&,
                                                                 const Workspace<double>&);

std::vector<CollapsedPair> collapsed_pairs(const Layout& layout, const float* params,
                                           const std::vector<LayerDiagnostics>& layers) {
  std::vector<CollapsedPair> pairs;
  const int L = layout.layers();
  for (int l = 1; l < L; ++l) {
    const int units = layout.sizes[l], fan_in = layout.sizes[l - 1];
    if (units > 128) continue;
    auto unit = [&](int u) {
      std::vector<double> v(static_cast<size_t>(fan_in + 1), 0.0);
      for (int k = 0; k < fan_in; ++k) v[k] = params[layout.w_offset[l] + int64_t(u) * fan_in + k];
      if (layout.bias) v[fan_in] = params[layout.b_offset[l] + u];
      return v;
    };
    const LayerDiagnostics& d = layers[static_cast<size_t>(l - 1)];
    for (int i = 0; i < units; ++i) {
      if (d.dead[i] || d.nan[i]) continue;
      const std::vector<double> ui = unit(i);
      for (int j = i + 1; j < units; ++j) {
        if (d.dead[j] || d.nan[j]) continue;
        const std::vector<double> uj = unit(j);
        double diff = 0, ni = 0, nj = 0;
        for (size_t k = 0; k < ui.size(); ++k) {
          diff += (ui[k] - uj[k]) * (ui[k] - uj[k]);
          ni += ui[k] * ui[k];
          nj += uj[k] * uj[k];
        }
        const double scale = std::sqrt(std::max({ni, nj, 1e-24}));
        const double distance = std::sqrt(diff) / scale;
        if (distance <= kCollapseDistance) pairs.push_back({l, i, j, float(distance)});
      }
    }
  }
  return pairs;
}

std::vector<float> layer_gradient_norms(const Layout& layout, const float* grads) {
  std::vector<float> norms;
  for (int l = 1; l <= layout.layers(); ++l) {
    const int64_t begin = layout.w_offset[l];
    const int64_t end = begin + int64_t(layout.sizes[l]) * (layout.sizes[l - 1] + (layout.bias ? 1 : 0));
    double sum = 0;
    for (int64_t i = begin; i < end; ++i) sum += double(grads[i]) * double(grads[i]);
    norms.push_back(float(std::sqrt(sum)));
  }
  return norms;
}

}  // namespace relulab
