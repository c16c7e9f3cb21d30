// number_text.h: a number as the shortest decimal text that reads back as exactly it,
// as links (config_query.cpp) and JSON reports (json_writer.h) write numbers.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace relulab {

// Whole numbers below 1e15 as integers ("1000000", "0" for -0 too); others in the
// fewest significant digits that give v back ("0.1", "1e-300"). v must be finite.
inline std::string shortest_text(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<int64_t>(v));
  char buf[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

// The same for a float: the fewest digits that give the float v back. v must be finite.
inline std::string shortest_text(float v) {
  char buf[32];
  for (int precision = 1; precision <= 9; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, static_cast<double>(v));
    if (std::strtof(buf, nullptr) == v) break;
  }
  return buf;
}

}  // namespace relulab
