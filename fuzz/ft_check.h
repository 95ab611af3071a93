// The ft_engine fuzz target's check: on a decoded free-threaded scenario, the fast engine equals the
// stepwise reference, and the owner/other ledger holds where no edge excuses it (ft_check.cc).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace refsim::fuzz {

/// How much of an input the checks covered (for tests that the ledger check is not vacuous).
struct FtCheckStats {
  bool decoded = false;            ///< the bytes decoded into a scenario that passed ft::check
  std::size_t ledger_objects = 0;  ///< objects no edge excused, whose ledger was checked
};

/// What is wrong with the model on this input: one line per finding, empty when nothing is.
std::vector<std::string> check_ft(std::span<const std::uint8_t> bytes, FtCheckStats* stats = nullptr);

}  // namespace refsim::fuzz
