// Layouts: the two binary layouts' readers and writers (used by the codec and the mutator).
#pragma once

#include <optional>
#include <vector>

#include "fuzz/bytes.h"
#include "fuzz/program.h"

namespace refsim::fuzz {

/// engine_equivalence and immortal_safety: header, objects, operation tree. Throws FormatError.
Scenario read_scenario_layout(Reader& in);
std::optional<std::vector<std::uint8_t>> write_scenario_layout(const Scenario& scenario);

/// mortal_accounting: header, one object, ledger steps. Throws FormatError.
LedgerProgram read_ledger_layout(Reader& in);
std::optional<std::vector<std::uint8_t>> write_ledger_layout(const LedgerProgram& ledger);

}  // namespace refsim::fuzz
