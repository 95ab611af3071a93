// The message a bad scenario file gets, for the tests that reject one.
#pragma once

#include <string>
#include <variant>

#include "io/scenario_json.h"

namespace refsim {

/// The described error of a parse result, or "(no error)" when the file was accepted.
inline std::string error_of(const ScenarioResult& result) {
  if (const SpecError* error = std::get_if<SpecError>(&result)) return describe(*error);
  return "(no error)";
}

}  // namespace refsim
