// tasks.h: the training data of each task. Columns are samples: x is (inputs x n),
// y is (outputs x n), both column-major in flat vectors; classification tasks also
// keep their integer labels and use one-hot targets.
//   relu1d  x ~ N(0,1), y = relu(x)                      (the Keras question)
//   add2    the six points of the two-number adder question, y = x1 + x2
//   modulus x ~ U(-1,1)^2, y = sqrt(x1^2 + x2^2)          (|x + iy| with three ReLUs)
//   spiral  the CS231n spiral, `classes` arms             (cs231n.github.io)
//   circle  inner disc vs outer ring; xor  quadrant sign product; gauss  two blobs
//   custom  `dim` inputs and one target per point, from the `points` key
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "normal_bulk.h"
#include "rng.h"

namespace relulab {

class Config;  // config.h

enum class Task { Relu1d, Add2, Modulus, Spiral, Circle, Xor, Gauss, Custom };

// The names of the tasks as a configuration writes them, in the order of Task.
inline const std::vector<std::string>& task_names() {
  static const std::vector<std::string> names = {"relu1d", "add2", "modulus", "spiral",
                                                 "circle", "xor",  "gauss",   "custom"};
  return names;
}
inline const std::string& task_name(Task t) { return task_names()[static_cast<size_t>(t)]; }

// What the configuration's task is: its inputs and outputs, and its training set.
struct TaskShape {
  int inputs = 1;
  int outputs = 1;
  bool classification = false;
  bool generated = true;  // can draw fresh samples
  int64_t points = 0;     // points in the training set (the task's own size, or n)
};
TaskShape task_shape(const Config& config);
// The network's layer sizes: the task's inputs, the hidden layers, the task's outputs.
std::vector<int> layer_sizes(const Config& config);
// Parameters of a network of these layer sizes, with or without biases.
int64_t parameter_count(const std::vector<int>& sizes, bool bias);

struct Dataset {
  int inputs = 1, outputs = 1;
  int64_t n = 0;
  bool classification = false;
  std::vector<double> x, y;
  std::vector<int> labels;  // classification only
};

// Draws `count` points of the task into d (count is ignored by fixed tasks: add2,
// custom). d's vectors keep their storage when they are big enough already, so a
// caller that draws every step allocates only once.
void generate_task(const Config& config, int64_t count, Rng& rng, Dataset& d);

// A fresh relu1d batch straight into floats: x ~ N(0, 1) from the bulk sampler,
// y = relu(x) (+ noise * N(0, 1) when the config has noise), count points.
void relu1d_fresh_batch(const Config& config, BulkNormalSampler& normals, float* x, float* y, int64_t count);

// The training set of a configuration: task_shape(config).points points from the
// Data stream of the seed.
Dataset make_training_set(const Config& config);

// The six points of the adder question.
const std::vector<double>& add2_inputs();

}  // namespace relulab
