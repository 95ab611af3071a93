// Threat: one family of scenarios with a single parameter n (the number of unpaired extension
// operations), its scenario for a given n, and the exact n at which a step of that scenario falls.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "model/scenario.h"

namespace refsim::analysis {

enum class Threat {
  Ext311Decref,   ///< n unpaired ext-3.11 decrefs
  Ext311Incref,   ///< n unpaired ext-3.11 increfs
  NoneExchange,   ///< n times: core hands out (an incref skipped while immortal), ext-3.11 releases
  CorePairs,      ///< n times: an ext-3.11 decref, then a core incref/decref pair
  TrafficDecref,  ///< n ext-3.11 decrefs, and one runtime release (release_of) after every r of them
  TrafficIncref,  ///< n ext-3.11 increfs, and one runtime release (release_of) after every r of them
  Ext312Decref,   ///< n decrefs by an extension built with 3.12 headers
  Ext312Incref,
  Ext314Decref,   ///< n decrefs by an extension built with 3.14 headers
  Ext314Incref,
  LoopDrain,      ///< ext-3.11 decrefs until the runtime's releases count, then only those releases
};

}  // namespace refsim::analysis

namespace refsim {

/// Every threat, in table order (the order of the matrix): name_of, description_of and parse_name
/// of model/names.h read it.
template <> struct Names<analysis::Threat> {
  using Threat = analysis::Threat;
  static constexpr NameRow<Threat> rows[] = {
    {Threat::Ext311Decref, "ext311-decref", "unpaired ext-3.11 decrefs"},
    {Threat::Ext311Incref, "ext311-incref", "unpaired ext-3.11 increfs"},
    {Threat::NoneExchange, "none-exchange",
     "PEP 683's exchange, repeated: core hands out a reference (its incref is skipped while the object "
     "is immortal), an ext-3.11 caller releases it"},
    {Threat::CorePairs, "core-pairs", "ext-3.11 decrefs, each followed by a core incref/decref pair"},
    {Threat::TrafficDecref, "traffic-decref",
     "ext-3.11 decrefs beside core background traffic: one release of an uncounted reference per r of them "
     "(3.14+: the interpreter loop's release of a stolen reference; earlier: Py_DECREF)"},
    {Threat::TrafficIncref, "traffic-incref",
     "ext-3.11 increfs beside core background traffic: one release of an uncounted reference per r of them "
     "(3.14+: the interpreter loop's release of a stolen reference; earlier: Py_DECREF)"},
    {Threat::Ext312Decref, "ext312-decref", "unpaired decrefs by an extension built with 3.12 headers"},
    {Threat::Ext312Incref, "ext312-incref", "unpaired increfs by an extension built with 3.12 headers"},
    {Threat::Ext314Decref, "ext314-decref", "unpaired decrefs by an extension built with 3.14 headers"},
    {Threat::Ext314Incref, "ext314-incref", "unpaired increfs by an extension built with 3.14 headers"},
    {Threat::LoopDrain, "loop-drain",
     "ext-3.11 decrefs until the runtime's releases of uncounted references count (64-bit 3.14+: until the "
     "borrow clears ob_flags' immortal bit), then only those releases drain the word"},
};
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
