// test_support.h: small helpers shared by the core tests (not a test itself: the
// CMake glob only picks up *_test.cpp).
#pragma once
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <variant>

#include "config_query.h"
#include "session.h"

namespace relulab::testing {

// A session of a configuration that must be valid; a failure names every error.
inline std::unique_ptr<Session> make_session(const std::string& query) {
  auto created = Session::create(query);
  if (auto* errors = std::get_if<std::vector<ConfigError>>(&created)) {
    std::string all;
    for (const ConfigError& e : *errors) all += "\n  " + e.message();
    ADD_FAILURE() << "config '" << query << "' refused:" << all;
    return nullptr;
  }
  return std::move(std::get<std::unique_ptr<Session>>(created));
}

// A valid configuration, parsed strictly.
inline Config valid_config(const std::string& query) {
  ParseResult parsed = parse_config(query);
  for (const ConfigError& e : parsed.errors) ADD_FAILURE() << "config '" << query << "': " << e.message();
  return parsed.config;
}

// Runs a session to its configured number of steps.
inline std::unique_ptr<Session> trained(const std::string& query) {
  std::unique_ptr<Session> s = make_session(query);
  if (s) s->step(s->config().steps);
  return s;
}

}  // namespace relulab::testing
