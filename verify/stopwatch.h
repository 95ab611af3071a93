// Stopwatch: the seconds a verify step took, as its report records them.
#pragma once

#include <chrono>

namespace refsim::verify {

using Clock = std::chrono::steady_clock;

/// Seconds from `start` to now.
inline double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace refsim::verify
