// test_support.h: small helpers shared by the core tests (not a test itself: the
// CMake glob only picks up *_test.cpp).
#pragma once
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <variant>

#include "config_query.h"
#include "landscape.h"
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

// The `layers` key of `depth` hidden layers of `width` units: "w,w,...,w".
inline std::string layers_of(int width, int depth) {
  std::string s;
  for (int l = 0; l < depth; ++l) s += (l ? "," : "") + std::to_string(width);
  return s;
}

// loss_landscape(config, g) equals, bit for bit, Session::loss_at at every grid point
// (the session's initial parameters with parameters g.i and g.j set to the point's).
inline void expect_landscape_is_session_loss(const Config& config, const Grid& g) {
  const std::vector<float> got = loss_landscape(config, g);
  Session session(config);
  std::vector<float> params = session.params();
  for (int64_t iy = 0; iy < g.ny; ++iy)
    for (int64_t ix = 0; ix < g.nx; ++ix) {
      params[size_t(g.i)] = static_cast<float>(g.x(ix));
      params[size_t(g.j)] = static_cast<float>(g.y(iy));
      EXPECT_EQ(got[size_t(iy * g.nx + ix)], static_cast<float>(session.loss_at(params))) << ix << "," << iy;
    }
}

}  // namespace relulab::testing
