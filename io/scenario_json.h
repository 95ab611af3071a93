// Scenario JSON: decodes a `refsim-scenario/2` (or /1) document into a validated Scenario. Every problem
// comes back as a SpecError naming its JSON path, before anything runs.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "model/scenario.h"

namespace refsim {

/// The scenario format written and read; /2 adds the runtime's own operations (stack references,
/// _Py_RefcntAdd). /1 documents are still read.
inline constexpr std::string_view kScenarioFormat = "refsim-scenario/2";
inline constexpr std::string_view kScenarioFormatV1 = "refsim-scenario/1";
/// Deepest `repeat` nesting a scenario may use.
inline constexpr int kMaxRepeatDepth = 64;
/// Deepest JSON nesting accepted at all (checked before the document is built).
inline constexpr int kMaxJsonDepth = 256;

/// A decoded scenario file: the scenario and its `expect` block (validated; null when absent).
struct ScenarioFile {
  Scenario scenario;
  nlohmann::ordered_json expect;
};

using ScenarioResult = std::variant<ScenarioFile, SpecError>;

/// Decodes and validates a scenario document (the file's bytes). `default_name` is used when the
/// document has no `name` (the caller passes the file's stem). Ends with refsim::check(). Never
/// throws for any input.
ScenarioResult parse_scenario(std::string_view bytes, std::string_view default_name);

/// "path: message", or just the message when the error concerns the whole document.
std::string describe(const SpecError& error);

// --- numbers as scenario files and reports write them -----------------------------------------

/// A JSON integer, a "0x..." string or (where allowed) a decimal string, read as a 128-bit value.
struct JsonNumber {
  enum class Status { Ok, NotANumber, OutOfRange } status = Status::NotANumber;
  Int128 value = 0;  ///< the value (Ok), or its sign as -1/+1 (OutOfRange)
};
/// Reads `j` as an integer. Hex strings are "0x" followed by hex digits; decimal strings (only when
/// `decimal_strings`) are an optional '-' and digits. Floats are NotANumber unless they are whole
/// numbers too large for 64 bits (OutOfRange). Magnitudes of 2^120 and more are OutOfRange.
JsonNumber read_number(const nlohmann::ordered_json& j, bool decimal_strings);

/// The decimal text of a 128-bit integer.
std::string decimal(Int128 value);

}  // namespace refsim
