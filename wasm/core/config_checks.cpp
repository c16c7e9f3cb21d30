// config_checks.cpp: see config_checks.h.
#include "config_checks.h"

namespace relulab {

std::vector<ConfigError> check_between_keys(const Config& c) {
  std::vector<ConfigError> errors;
  const bool fixed = c.task == Task::Add2 || c.task == Task::Custom;
  const std::string task = task_name(c.task);
  if (c.task == Task::Custom) {
    const size_t stride = static_cast<size_t>(c.dim + 1);
    if (c.points.empty() || c.points.size() % stride != 0)
      errors.push_back({"points",
                        "task=custom needs dim+1 = " + std::to_string(stride) +
                            " numbers per point (dim inputs, then the target), got " + std::to_string(c.points.size()) +
                            " numbers",
                        "custom_points",
                        {{"stride", std::to_string(stride)}, {"count", std::to_string(c.points.size())}}});
  } else if (!c.points.empty()) {
    errors.push_back({"points", "is only read by task=custom, but task=" + task, "points_unused", {{"task", task}}});
  }
  const TaskShape shape = task_shape(c);
  if (fixed && c.n != 0 && c.n != shape.points)
    errors.push_back({"n",
                      "task=" + task + " has a fixed set of " + std::to_string(shape.points) +
                          " points, got n=" + std::to_string(c.n),
                      "fixed_points",
                      {{"task", task}, {"points", std::to_string(shape.points)}, {"n", std::to_string(c.n)}}});
  if (c.task == Task::Spiral && c.n != 0 && c.n < c.classes)
    errors.push_back({"n",
                      "the spiral needs at least one point per arm (" + std::to_string(c.classes) +
                          "), got n=" + std::to_string(c.n),
                      "spiral_points",
                      {{"classes", std::to_string(c.classes)}, {"n", std::to_string(c.n)}}});
  if (fixed && c.fresh)
    errors.push_back({"fresh", "task=" + task + " has a fixed data set; fresh=1 needs a generated task", "fresh_fixed",
                      {{"task", task}}});
  if (c.loss == Loss::Ce && !shape.classification)
    errors.push_back({"loss", "ce needs a classification task (spiral, circle, xor, gauss), but task=" + task,
                      "ce_task", {{"task", task}}});
  else if (c.loss == Loss::Ce && c.out != Activation::Softmax)
    errors.push_back({"loss", "ce needs out=softmax, got out=" + activation_name(c.out), "ce_softmax",
                      {{"out", activation_name(c.out)}}});
  if (c.out == Activation::Softmax && shape.outputs < 2)
    errors.push_back({"out",
                      "softmax needs at least 2 outputs, but task=" + task + " has " + std::to_string(shape.outputs),
                      "softmax_outputs",
                      {{"task", task}, {"outputs", std::to_string(shape.outputs)}}});
  const std::vector<int> sizes = layer_sizes(c);
  int64_t units = 0;
  for (int s : sizes) units += s;
  if (shape.points * units > Limits::kMaxActivationValues)
    errors.push_back({c.n != 0 ? "n" : "layers",
                      std::to_string(shape.points) + " points x " + std::to_string(units) +
                          " units exceed the limit of " + std::to_string(Limits::kMaxActivationValues) +
                          " activation values",
                      "activation_budget",
                      {{"points", std::to_string(shape.points)},
                       {"units", std::to_string(units)},
                       {"limit", std::to_string(Limits::kMaxActivationValues)}}});
  const int64_t parameters = parameter_count(sizes, c.bias);
  if (parameters > Limits::kMaxParameters)
    errors.push_back({"layers",
                      "the network's " + std::to_string(parameters) + " weights and biases exceed the limit of " +
                          std::to_string(Limits::kMaxParameters),
                      "parameter_budget",
                      {{"parameters", std::to_string(parameters)}, {"limit", std::to_string(Limits::kMaxParameters)}}});
  if (!c.weights.empty()) {
    const int64_t want = parameter_count(sizes, c.bias);
    if (static_cast<int64_t>(c.weights.size()) != want) {
      std::string shape_text;
      for (size_t i = 0; i < sizes.size(); ++i) shape_text += (i ? "-" : "") + std::to_string(sizes[i]);
      errors.push_back({"weights",
                        "the " + shape_text + " network " + (c.bias ? "with" : "without") + " biases has " +
                            std::to_string(want) + (want == 1 ? " parameter" : " parameters") + ", got " +
                            std::to_string(c.weights.size()),
                        "weights_count",
                        {{"shape", shape_text},
                         {"bias", c.bias ? "1" : "0"},
                         {"want", std::to_string(want)},
                         {"got", std::to_string(c.weights.size())}}});
    }
  }
  return errors;
}

}  // namespace relulab
