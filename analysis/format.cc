// Format: thousands separators and human durations.
#include "analysis/format.h"

#include <cstdio>

namespace refsim::analysis {

std::string with_commas(std::uint64_t value) {
  std::string digits = std::to_string(value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string duration(long double seconds) {
  struct Unit {
    const char* name;
    long double seconds;
  };
  static constexpr Unit units[] = {{"y", 365.25L * 86400}, {"d", 86400}, {"h", 3600}, {"min", 60},
                                   {"s", 1},  {"ms", 1e-3L},   {"µs", 1e-6L}, {"ns", 1e-9L}};
  for (const Unit& unit : units) {
    if (seconds >= unit.seconds || unit.seconds == 1e-9L) {
      const long double v = seconds / unit.seconds;
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, v >= 100 ? "%.0Lf %s" : v >= 10 ? "%.1Lf %s" : "%.2Lf %s", v, unit.name);
      return buffer;
    }
  }
  return "?";
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) text += (i ? separator : "") + items[i];
  return text;
}

}  // namespace refsim::analysis
