// names.h: look-up between a concept's names (as written in a configuration) and its
// enum, shared by every concept header (activation, init, loss, optimizer, task).
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace relulab {

template <typename Enum>
std::optional<Enum> enum_from_name(const std::vector<std::string>& names, const std::string& name) {
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<Enum>(i);
  return std::nullopt;
}

}  // namespace relulab
