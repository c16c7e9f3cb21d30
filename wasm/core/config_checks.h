// config_checks.h: the checks between keys of a configuration whose every key is valid
// on its own (a custom task needs its points, cross-entropy a softmax output, the data
// times the units must fit the activation budget, explicit weights must fit the
// network). parse_config runs them and resets each key they name.
#pragma once
#include <vector>

#include "config.h"
#include "config_query.h"

namespace relulab {

// The problems between keys; each error names the key to reset to fix it.
std::vector<ConfigError> check_between_keys(const Config& config);

}  // namespace relulab
