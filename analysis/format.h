// Format: numbers and durations as people read them (thousands separators, "1.07 s", "16.3 d").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace refsim::analysis {

/// 1073741825 -> "1,073,741,825".
std::string with_commas(std::uint64_t value);

/// A duration in seconds, to three significant digits in the largest unit that keeps it >= 1
/// (ns, µs, ms, s, min, h, d, y).
std::string duration(long double seconds);

/// The items with `separator` between them: {"a", "b"}, ", " -> "a, b".
std::string join(const std::vector<std::string>& items, const std::string& separator);

}  // namespace refsim::analysis
