// Threat: one family of scenarios with a single parameter n (the number of unpaired extension
// operations), its scenario for a given n, and the exact n at which a step of that scenario falls.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include "model/scenario.h"

namespace refsim::analysis {

enum class Threat {
  NoneExchange,   ///< n times: core hands out (an incref skipped while immortal), ext-3.11 releases
  CorePairs,      ///< n times: an ext-3.11 decref, then a core incref/decref pair
  TrafficDecref,  ///< n ext-3.11 decrefs, and one runtime release (release_of) after every r of them
  TrafficIncref,  ///< n ext-3.11 increfs, and one runtime release (release_of) after every r of them
  LoopDrain,      ///< ext-3.11 decrefs until the runtime's releases count, then only those releases
  // n unpaired decrefs (increfs) by one origin's code: a pair per REFSIM_ORIGIN row of
  // model/names.def (Ext311Decref, Ext312Incref, ...), of which the table lists those of ext-3.11
  // and of every origin whose code no earlier origin runs (analysis/origin_threats.h).
#define REFSIM_ORIGIN(id, name, code, desc) id##Decref, id##Incref,
#include "model/names.def"
#undef REFSIM_ORIGIN
};

/// The origin and operation of an unpaired-operation threat (none for the others).
constexpr std::optional<std::pair<Origin, OpCode>> counted(Threat threat) {
  switch (threat) {
#define REFSIM_ORIGIN(id, name, code, desc)                            \
  case Threat::id##Decref: return std::pair(Origin::id, OpCode::Decref); \
  case Threat::id##Incref: return std::pair(Origin::id, OpCode::Incref);
#include "model/names.def"
#undef REFSIM_ORIGIN
    default: return std::nullopt;
  }
}

}  // namespace refsim::analysis

#include "analysis/origin_threats.h"

namespace refsim {

/// Every threat, in table order (the order of the matrix): name_of, description_of and parse_name
/// of model/names.h read it. The extension origins' rows come from the origin rows.
template <> struct Names<analysis::Threat> {
  static constexpr auto rows = analysis::threat_rows({
    {analysis::Threat::Ext311Decref, "ext311-decref", "unpaired ext-3.11 decrefs"},
    {analysis::Threat::Ext311Incref, "ext311-incref", "unpaired ext-3.11 increfs"},
    {analysis::Threat::NoneExchange, "none-exchange",
     "PEP 683's exchange, repeated: core hands out a reference (its incref is skipped while the object "
     "is immortal), an ext-3.11 caller releases it"},
    {analysis::Threat::CorePairs, "core-pairs", "ext-3.11 decrefs, each followed by a core incref/decref pair"},
    {analysis::Threat::TrafficDecref, "traffic-decref",
     "ext-3.11 decrefs beside core background traffic: one release of an uncounted reference per r of them "
     "(3.14+: the interpreter loop's release of a stolen reference; earlier: Py_DECREF)"},
    {analysis::Threat::TrafficIncref, "traffic-incref",
     "ext-3.11 increfs beside core background traffic: one release of an uncounted reference per r of them "
     "(3.14+: the interpreter loop's release of a stolen reference; earlier: Py_DECREF)"},
  }, {
    analysis::Threat::LoopDrain, "loop-drain",
     "ext-3.11 decrefs until the runtime's releases of uncounted references count (64-bit 3.14+: until the "
     "borrow clears ob_flags' immortal bit), then only those releases drain the word"});
};

}  // namespace refsim

namespace refsim::analysis {

using refsim::description_of;
using refsim::name_of;

/// The parameters a threat family needs besides n.
struct FamilyParams {
  std::uint64_t rate = 1;  ///< traffic: one core release per `rate` extension operations (>= 1)
};

/// The largest n the family runs to (its scenario then has at most 2^64-1 single operations).
std::uint64_t max_n(Threat threat, const FamilyParams& params);

/// The family's scenario for n, on a runtime, with one object of a kind (id: the kind's name).
Scenario make_scenario(Threat threat, const RuntimeSpec& runtime, Kind kind, std::uint64_t n,
                       const FamilyParams& params);

/// The operation by which the runtime releases a reference it never counted (a call's result): on
/// 3.14+ the interpreter loop's release of a stolen reference, elsewhere Py_DECREF (core).
Op release_of(const RuntimeSpec& runtime);

/// loop-drain: the ext-3.11 decrefs after which the runtime's release of an uncounted reference is
/// a real decrement, from an object of this kind (0 when it already is).
std::uint64_t releases_count_after(const RuntimeSpec& runtime, Kind kind);

/// The smallest n whose scenario contains single step `step` (1-based) of the scenario for max_n:
/// every family's scenario for n is a prefix of its scenario for n + 1.
std::uint64_t n_of_step(Threat threat, std::uint64_t step, const FamilyParams& params);

/// The number of single operations of the scenario for n (the wall-time basis).
unsigned __int128 steps_of_n(Threat threat, std::uint64_t n, const FamilyParams& params);

}  // namespace refsim::analysis
