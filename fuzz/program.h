// Program: what a binary input holds before it becomes a Scenario, the form the mutator edits.
// engine_equivalence and immortal_safety hold a scenario; mortal_accounting holds a ledger of takes
// and releases from which the decoder derives a paired scenario.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "fuzz/codec.h"
#include "model/scenario.h"

namespace refsim::fuzz {

/// One ledger entry: some origin takes (incref) or releases (decref) `count` references.
struct LedgerStep {
  bool take = true;
  Origin by = Origin::Core;
  std::uint64_t count = 1;
  friend bool operator==(const LedgerStep&, const LedgerStep&) = default;
};

/// A mortal_accounting input: one object, created with `object.refs` references held by the core,
/// and the ledger. Releases beyond what is held are cut to what is held; what is still held at
/// the end is released by the last releaser (else the last taker, else the core).
struct LedgerProgram {
  RuntimeSpec runtime;
  ObjectSpec object;
  std::vector<LedgerStep> steps;
};

using Program = std::variant<Scenario, LedgerProgram>;

/// The binary layouts without the final Scenario: for the mutator. Not for scenario_json.
std::variant<Program, DecodeError> decode_program(Target target, std::span<const std::uint8_t> bytes);
/// Encodes a program of the target's layout (nullopt when it exceeds the format's limits).
std::optional<std::vector<std::uint8_t>> encode_program(const Program& program);

/// The scenario a ledger stands for (unchecked: the caller runs check()).
Scenario ledger_scenario(const LedgerProgram& ledger);

}  // namespace refsim::fuzz
