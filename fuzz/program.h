// Program: what a binary input holds before it becomes a Scenario, the form the mutator edits.
// engine_equivalence and immortal_safety hold a scenario; mortal_accounting holds a ledger of takes
// and releases from which the decoder derives a paired scenario.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "fuzz/codec.h"
#include "fuzz/parts.h"
#include "model/scenario.h"

namespace refsim::fuzz {

/// The interpreter loop's own operations a ledger step can be (format 3 on; docs/SCENARIO-OPS.md).
/// Takes: opening a stack reference (LOAD_CONST's first run, LOAD_CONST_MORTAL, a duplicate of an
/// open one, or taking over a held reference) and `_Py_RefcntAdd`; releases: closing a stack
/// reference, and releasing held references through the loop (a call's result stolen and closed).
/// Not LOAD_CONST_IMMORTAL (`stackref_immortal`): the specializer makes it only for a constant that
/// is immortal at its first run, which a ledger cannot know; on an object that never was, its
/// uncounted reference would free the object "early" by the input's own doing.
enum class LoopAct : std::uint8_t { None, New, NewMortal, Dup, Steal, RefcntAdd, Close, StealRelease };

/// The loop's takes and releases in the order of their 3-bit code in a ledger step (FORMAT.md).
inline constexpr LoopAct kLoopTakes[] = {LoopAct::New, LoopAct::NewMortal, LoopAct::Dup, LoopAct::Steal,
                                         LoopAct::RefcntAdd};
inline constexpr LoopAct kLoopReleases[] = {LoopAct::Close, LoopAct::StealRelease};

/// Whether a loop act takes a reference (else it releases one).
constexpr bool loop_takes(LoopAct act) { return act != LoopAct::Close && act != LoopAct::StealRelease; }

/// The scenario operation a loop act stands for (docs/SCENARIO-OPS.md); LoopAct::None: none.
constexpr std::optional<OpCode> loop_op(LoopAct act) {
  switch (act) {
    case LoopAct::New: return OpCode::StackNew;
    case LoopAct::NewMortal: return OpCode::StackNewMortal;
    case LoopAct::Dup: return OpCode::StackDup;
    case LoopAct::Steal: return OpCode::StackSteal;
    case LoopAct::RefcntAdd: return OpCode::RefcntAdd;
    case LoopAct::Close: return OpCode::StackClose;
    case LoopAct::StealRelease: return OpCode::StealRelease;
    case LoopAct::None: break;
  }
  return std::nullopt;
}

/// Every loop act, takes first, in the order of their codes.
inline constexpr LoopAct kLoopActs[] = {LoopAct::New,   LoopAct::NewMortal, LoopAct::Dup,   LoopAct::Steal,
                                        LoopAct::RefcntAdd, LoopAct::Close,  LoopAct::StealRelease};

/// The loop act a scenario operation is; nullopt for Py_INCREF, Py_DECREF, Py_SET_REFCNT, gc,
/// repeat and stackref_immortal.
constexpr std::optional<LoopAct> loop_act_of(OpCode code) {
  for (LoopAct act : kLoopActs)
    if (loop_op(act) == code) return act;
  return std::nullopt;
}

/// Whether a loop act has a number (a steal-release's count, `_Py_RefcntAdd`'s n, a dup's or a
/// close's depth); an opening has none.
constexpr bool loop_has_number(LoopAct act) {
  return act == LoopAct::StealRelease || act == LoopAct::RefcntAdd || act == LoopAct::Dup || act == LoopAct::Close;
}

/// One ledger entry: some origin takes (incref) or releases (decref) `count` references; or, from
/// format 3 on, the interpreter loop acts (`loop`, with `by` the core): `count` is then the number
/// of references a steal-release releases, the n of `_Py_RefcntAdd`, the depth of the open stack
/// reference a dup or close uses (1: the most recently opened), and 1 for an opening.
struct LedgerStep {
  bool take = true;
  Origin by = Origin::Core;
  std::uint64_t count = 1;
  LoopAct loop = LoopAct::None;
  friend bool operator==(const LedgerStep&, const LedgerStep&) = default;
};

/// A mortal_accounting input: one object, created with `object.refs` references held by the core,
/// and the ledger. Releases beyond what is held are cut to what is held; what is still held at
/// the end is released by the last releaser (else the last taker, else the core). From format 3
/// on, a step once nothing is held (the object is gone) is dropped, and stack references still
/// open at the end are closed first, the most recent first (FORMAT.md "Ledger layout").
struct LedgerProgram {
  RuntimeSpec runtime;
  ObjectSpec object;
  std::vector<LedgerStep> steps;
  std::uint8_t format = kFormatVersion;  ///< the version byte the ledger was read with
};

using Program = std::variant<Scenario, LedgerProgram>;

/// The binary layouts without the final Scenario: for the mutator. Not for scenario_json.
std::variant<Program, DecodeError> decode_program(Target target, std::span<const std::uint8_t> bytes);
/// Encodes a program of the target's layout (nullopt when it exceeds the format's limits).
std::optional<std::vector<std::uint8_t>> encode_program(const Program& program);

/// The scenario a ledger stands for (unchecked: the caller runs check()).
Scenario ledger_scenario(const LedgerProgram& ledger);
/// The ledger that stands for exactly this scenario (one object, paired references, stack
/// references in the slots the ledger would give them); nullopt when there is none.
std::optional<LedgerProgram> ledger_of(const Scenario& scenario);

}  // namespace refsim::fuzz
