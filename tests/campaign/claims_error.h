// The message a bad claims file gets, for the tests that reject one.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "campaign/claims_json.h"
#include "io/scenario_json.h"

namespace refsim::campaign {

/// What parse_claims says about `text`: its error, described, or "no error".
inline std::string error_of(std::string_view text) {
  auto parsed = parse_claims(text);
  return std::holds_alternative<SpecError>(parsed) ? describe(std::get<SpecError>(parsed)) : "no error";
}

}  // namespace refsim::campaign
