// Codec: the binary input format of the fuzz targets (fuzz/FORMAT.md), bytes <-> Scenario.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "fuzz/target.h"
#include "model/scenario.h"

namespace refsim::fuzz {

/// Why some bytes stand for no scenario: the offset of the byte at fault and a message.
struct DecodeError {
  std::size_t offset;
  std::string message;
};

/// Every byte string decodes to a valid (check()-clean) Scenario or a DecodeError. Total.
/// For scenario_json the bytes are JSON text and decode parses them with io/scenario_json (the
/// error then has offset 0 and the message names the JSON path).
/// The scenario is named "<target>-<first 12 hex digits of the input's SHA-1>".
std::variant<Scenario, DecodeError> decode(Target target, std::span<const std::uint8_t> bytes);

/// What an input stands for, in one line: the decoded scenario as compact scenario JSON, or
/// "error at byte N: message". The committed corpus's lines are golden (fuzz/FORMAT.md).
std::string meaning(Target target, std::span<const std::uint8_t> bytes);

/// The inverse, for scenarios the format can express (nullopt otherwise): decode(encode(s)) gives
/// s back up to its name and object ids. mortal_accounting needs a balanced ledger (one object,
/// top-level increfs and decrefs, no release beyond what is held, nothing held at the end).
std::optional<std::vector<std::uint8_t>> encode(Target target, const Scenario& scenario);

}  // namespace refsim::fuzz
