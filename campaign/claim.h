// Claim: a statement about CPython's refcounting that a campaign tries to break. A scope says which
// scenarios the statement is about; an invariant says what must hold in every one of them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "campaign/ft_claim.h"
#include "model/names.h"
#include "model/scenario.h"

namespace refsim::campaign {

/// What a claim promises of every scenario in its scope. One row per invariant; `name` is the
/// claims file's word and the signature's second part.
enum class Invariant {
  StaysImmortal,        ///< an object created immortal never loses immortality
  StaysMortal,          ///< an object created mortal never becomes immortal
  NoFatalOrFreeingDealloc,  ///< no fatal or free-static tp_dealloc; no object created immortal freed
  NoPrematureFree,      ///< no mortal object freed while references to it remain
  NoLeak,               ///< no mortal object left alive without references at the end
  NoDebugAbort,         ///< the debug build's negative-refcount check never fires
  NoUseAfterFree,       ///< no operation on a freed object
};

}  // namespace refsim::campaign

namespace refsim {

/// Every invariant, in table order: name_of, parse_name and description_of of model/names.h read it.
template <> struct Names<campaign::Invariant> {
  using Invariant = campaign::Invariant;
  static constexpr NameRow<Invariant> rows[] = {
      {Invariant::StaysImmortal, "stays-immortal", "an object created immortal never loses immortality"},
      {Invariant::StaysMortal, "stays-mortal", "an object created mortal never becomes immortal"},
      {Invariant::NoFatalOrFreeingDealloc, "no-fatal-or-freeing-dealloc",
       "no fatal or free-static tp_dealloc, and no object created immortal is freed"},
      {Invariant::NoPrematureFree, "no-premature-free", "no mortal object is freed while references to it remain"},
      {Invariant::NoLeak, "no-leak", "no mortal object is left alive without references at the end"},
      {Invariant::NoDebugAbort, "no-debug-abort", "the debug build's negative-refcount check never fires"},
      {Invariant::NoUseAfterFree, "no-use-after-free", "no operation touches a freed object"},
  };
};

}  // namespace refsim

namespace refsim::campaign {

/// The scenarios a claim is about. Every list is a set of allowed values; the decoder of claim
/// inputs draws only from them, and a counterexample must stay inside them.
struct Scope {
  std::vector<Version> versions;
  std::vector<unsigned> widths;        ///< 64 and 32 by default; 16 and 8 only when listed
  std::vector<bool> debug;             ///< false (release) and/or true (Py_REF_DEBUG)
  std::vector<Strategy> strategies;    ///< as-shipped by default
  std::vector<Origin> origins;         ///< which code may act
  std::vector<Kind> kinds;             ///< object kinds
  std::vector<OpCode> ops;             ///< incref, decref by default; set_refcnt, gc, repeat when listed
  unsigned max_ops = 8;                ///< operation nodes (repeat bodies counted)
  unsigned max_objects = 3;
  std::uint64_t max_count = ~std::uint64_t{0};  ///< per operation (increfs, decrefs, repeat iterations)
  std::uint64_t max_steps = ~std::uint64_t{0};  ///< single operations in all
  /// References are paired as in mortal_accounting: every reference taken is released once, by
  /// whichever code, nothing is released that was not held, and nothing is taken once no reference
  /// is held (one object, increfs and decrefs).
  bool paired = false;
};

struct Claim {
  std::string id;         ///< [a-z0-9][a-z0-9._-]*: the signature's first part and a folder name
  std::string statement;  ///< the claim in words
  std::string source;     ///< where the statement comes from (may be empty)
  Scope scope;            ///< the default build's scenarios (unused when ft_scope is set)
  /// A claim about free-threaded builds (refsim-claims/2): its scenarios are ft::FtScenarios.
  std::optional<FtScope> ft_scope;
  std::vector<Invariant> invariants;  ///< all must hold
};

/// A scenario a claim is about: the default build's, or a free-threaded one (Claim::ft_scope).
using ClaimScenario = std::variant<Scenario, ft::FtScenario>;

/// Whether the scenario is of the claim's kind (free-threaded or not) and in its scope.
bool in_claim_scope(const Claim& claim, const ClaimScenario& scenario);

/// Every runtime of the scope that refsim::check accepts (a strategy that does not apply to a
/// version is left out), in scope order.
std::vector<RuntimeSpec> runtimes_of(const Scope& scope);

/// Whether the scenario is one the claim is about: its runtime, kinds, origins, operations, bounds
/// and, for paired scopes, its pairing.
bool in_scope(const Scope& scope, const Scenario& scenario);

}  // namespace refsim::campaign
