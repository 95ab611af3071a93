// Regression: the recorded behaviour of a regression input, kept next to it as a JSON sidecar.
//   corpus/<target>/regression/<sha1-of-content>            the input
//   corpus/<target>/regression/<sha1-of-content>.expected   {"format": "refsim-regression/2", ...}
// Files ending in `.expected` are metadata, never inputs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "fuzz/target.h"

namespace refsim::fuzz {

/// Written: `step` as a decimal string (the JSON integer rule, docs/FORMATS-REPORT.md).
inline constexpr std::string_view kRegressionFormat = "refsim-regression/2";
/// Still read: `step` as a JSON number.
inline constexpr std::string_view kRegressionFormatV1 = "refsim-regression/1";
inline constexpr std::string_view kExpectedSuffix = ".expected";

struct Expected {
  Target target;
  std::vector<std::string> signatures;  ///< in check()'s order; empty: the input must be clean now
  std::optional<std::uint64_t> step;    ///< the first finding's step, when recorded
  std::string note;
};

/// Reads a sidecar (refsim-regression/2 or /1); the error is one line naming what is wrong (without
/// the path).
std::variant<Expected, std::string> read_expected(const std::filesystem::path& path);
/// The sidecar's text (pretty JSON, newline at the end).
std::string expected_json(const Expected& expected);
/// The SHA-1 of the bytes as 40 lower-case hex digits: libFuzzer's artifact naming.
std::string sha1_hex(std::span<const std::uint8_t> bytes);
/// Whether a path names a sidecar rather than an input.
bool is_sidecar(const std::filesystem::path& path);

}  // namespace refsim::fuzz
