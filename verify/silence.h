// Silence limit: how long verify lets a child it runs (the interpreter's query, the compiler, a
// scenario's probe) print nothing before stopping it, so that an interpreter or compiler that hangs
// ends refsim with a reason instead of holding it forever. The probe reports progress every 2^30
// single operations (a few seconds, also under qemu), so a limit of minutes stops only a hang.
#pragma once

#include <chrono>
#include <string>

namespace refsim::verify {

inline constexpr std::chrono::seconds kDefaultSilenceLimit{120};

/// The reason a child stopped for silence gives: "WHO printed nothing for N s and was stopped ...".
inline std::string stopped_for_silence(const std::string& who, std::chrono::seconds limit) {
  return who + " printed nothing for " + std::to_string(limit.count()) +
         " s and was stopped (--silence-limit SECONDS sets another limit; 0: none)";
}

}  // namespace refsim::verify
