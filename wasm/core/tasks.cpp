// tasks.cpp: see tasks.h.
#include "tasks.h"

#include <cmath>

#include "config.h"

namespace relulab {

// A training set is made once per run: compiled for size (the WASM module's budget).
// A fresh batch is drawn every step: at full speed (the last function, outside).
#if defined(__clang__)
#pragma clang attribute push(__attribute__((minsize)), apply_to = function)
#endif

TaskShape task_shape(const Config& c) {
  TaskShape s;
  switch (c.task) {
    case Task::Relu1d: s.points = 1000; break;
    case Task::Add2:
      s.inputs = 2;
      s.points = 6;
      s.generated = false;
      break;
    case Task::Modulus:
      s.inputs = 2;
      s.points = 200;
      break;
    case Task::Spiral:
      s.inputs = 2;
      s.outputs = static_cast<int>(c.classes);
      s.classification = true;
      s.points = 100 * c.classes;
      break;
    case Task::Circle:
    case Task::Xor:
    case Task::Gauss:
      s.inputs = 2;
      s.outputs = 2;
      s.classification = true;
      s.points = 200;
      break;
    case Task::Custom:
      s.inputs = static_cast<int>(c.dim);
      s.generated = false;
      s.points = static_cast<int64_t>(c.points.size() / static_cast<size_t>(c.dim + 1));
      break;
  }
  if (s.generated && c.n > 0) s.points = c.n;
  return s;
}

std::vector<int> layer_sizes(const Config& c) {
  const TaskShape shape = task_shape(c);
  std::vector<int> sizes{shape.inputs};
  for (int64_t h : c.layers) sizes.push_back(static_cast<int>(h));
  sizes.push_back(shape.outputs);
  return sizes;
}

int64_t parameter_count(const std::vector<int>& sizes, bool bias) {
  int64_t count = 0;
  for (size_t l = 1; l < sizes.size(); ++l) count += int64_t(sizes[l]) * (sizes[l - 1] + (bias ? 1 : 0));
  return count;
}

const std::vector<double>& add2_inputs() {
  static const std::vector<double> xs = {0.1, 0.2, 0.5, 0.3, 0.2, 0.4, 0.3, 0.7, 0.5, 0.5, 0.4, 0.3};
  return xs;
}

namespace {

constexpr double kPi = 3.14159265358979323846;

void set_label(Dataset& d, int64_t i, int label) {
  d.labels[i] = label;
  d.y[i * d.outputs + label] = 1.0;
}

void spiral(Dataset& d, int classes, Rng& rng) {
  // N points per arm; the first (n mod K) arms get one more.
  int64_t at = 0;
  for (int j = 0; j < classes; ++j) {
    const int64_t arm = d.n / classes + (j < d.n % classes ? 1 : 0);
    for (int64_t k = 0; k < arm; ++k, ++at) {
      const double frac = arm > 1 ? double(k) / double(arm - 1) : 0.0;
      const double r = frac;
      const double t = 4.0 * j + 4.0 * frac + 0.2 * rng.normal();
      d.x[2 * at] = r * std::sin(t);
      d.x[2 * at + 1] = r * std::cos(t);
      set_label(d, at, j);
    }
  }
}

}  // namespace

void generate_task(const Config& config, int64_t count, Rng& rng, Dataset& d) {
  const TaskShape shape = task_shape(config);
  d.inputs = shape.inputs;
  d.outputs = shape.outputs;
  d.classification = shape.classification;
  if (!shape.generated) count = shape.points;
  d.n = count;
  d.x.assign(static_cast<size_t>(d.inputs * count), 0.0);
  d.y.assign(static_cast<size_t>(d.outputs * count), 0.0);
  d.labels.assign(d.classification ? static_cast<size_t>(count) : 0, 0);

  switch (config.task) {
    case Task::Relu1d:
      for (int64_t i = 0; i < count; ++i) {
        d.x[i] = rng.normal();
        d.y[i] = d.x[i] > 0 ? d.x[i] : 0.0;
      }
      break;
    case Task::Add2:
      d.x = add2_inputs();
      for (int64_t i = 0; i < count; ++i) d.y[i] = d.x[2 * i] + d.x[2 * i + 1];
      break;
    case Task::Modulus:
      for (int64_t i = 0; i < count; ++i) {
        const double a = rng.uniform(-1, 1), b = rng.uniform(-1, 1);
        d.x[2 * i] = a;
        d.x[2 * i + 1] = b;
        d.y[i] = std::sqrt(a * a + b * b);
      }
      break;
    case Task::Spiral: spiral(d, static_cast<int>(config.classes), rng); break;
    case Task::Circle:
      for (int64_t i = 0; i < count; ++i) {
        const int label = static_cast<int>(i % 2);
        const double r = label == 0 ? 0.5 * std::sqrt(rng.uniform()) : rng.uniform(0.7, 1.0);
        const double angle = rng.uniform(0, 2 * kPi);
        d.x[2 * i] = r * std::sin(angle);
        d.x[2 * i + 1] = r * std::cos(angle);
        set_label(d, i, label);
      }
      break;
    case Task::Xor:
      for (int64_t i = 0; i < count; ++i) {
        const double a = rng.uniform(-1, 1), b = rng.uniform(-1, 1);
        d.x[2 * i] = a;
        d.x[2 * i + 1] = b;
        set_label(d, i, a * b > 0 ? 1 : 0);
      }
      break;
    case Task::Gauss:
      for (int64_t i = 0; i < count; ++i) {
        const int label = static_cast<int>(i % 2);
        const double centre = label == 1 ? 0.5 : -0.5;
        d.x[2 * i] = centre + 0.3 * rng.normal();
        d.x[2 * i + 1] = centre + 0.3 * rng.normal();
        set_label(d, i, label);
      }
      break;
    case Task::Custom: {
      const int stride = d.inputs + 1;
      for (int64_t i = 0; i < count; ++i) {
        for (int k = 0; k < d.inputs; ++k) d.x[i * d.inputs + k] = config.points[i * stride + k];
        d.y[i] = config.points[i * stride + d.inputs];
      }
      break;
    }
  }

  if (config.noise > 0) {
    // Regression: noisy targets. Classification: noisy inputs (labels stay).
    std::vector<double>& noisy = d.classification ? d.x : d.y;
    for (double& v : noisy) v += config.noise * rng.normal();
  }
}

Dataset make_training_set(const Config& config) {
  Rng rng(static_cast<uint64_t>(config.seed), Stream::Data);
  Dataset d;
  generate_task(config, task_shape(config).points, rng, d);
  return d;
}

#if defined(__clang__)
#pragma clang attribute pop
#endif

void relu1d_fresh_batch(const Config& config, BulkNormalSampler& normals, float* x, float* y, int64_t count) {
  normals.fill(x, count);
  if (config.noise > 0) {
    normals.fill(y, count);
    const float noise = static_cast<float>(config.noise);
    for (int64_t i = 0; i < count; ++i) y[i] = (x[i] > 0.0f ? x[i] : 0.0f) + noise * y[i];
  } else {
    for (int64_t i = 0; i < count; ++i) y[i] = x[i] > 0.0f ? x[i] : 0.0f;
  }
}

}  // namespace relulab
