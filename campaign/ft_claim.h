// Free-threaded claims: the scope of a claim about 3.13t, 3.14t, 3.15t or the gh153202 draft
// (docs/CLAIMS.md, "Free-threaded claims"): builds, which threads may act on an object (its owner,
// other threads), where owners merge, object kinds and bounds; the builds of a scope and the test
// that a free-threaded scenario is in it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/freethreaded/ft_scenario.h"
#include "model/names.h"

namespace refsim::campaign {

/// Which thread runs an increment or a decrement of an object: the object's owner (ob_tid, the
/// biased ob_ref_local) or another thread (ob_ref_shared, atomically).
enum class FtActor : std::uint8_t { Owner, Other };

}  // namespace refsim::campaign

namespace refsim {

template <> struct Names<campaign::FtActor> {
  using FtActor = campaign::FtActor;
  static constexpr NameRow<FtActor> rows[] = {
      {FtActor::Owner, "owner", "the thread that owns the object (ob_ref_local)"},
      {FtActor::Other, "other", "a thread that does not own the object (ob_ref_shared)"},
  };
};
}  // namespace refsim

namespace refsim::campaign {

/// The free-threaded scenarios a claim is about. Scenarios have up to max_threads threads
/// ("main", "t2", ...); every object but an immortal one is owned by one of them.
struct FtScope {
  std::vector<ft::FtVersion> versions;
  std::vector<unsigned> widths;         ///< 64 and 32 by default; 16 and 8 only when listed
  std::vector<bool> debug;              ///< false (release) and/or true (Py_REF_DEBUG)
  std::vector<FtActor> threads;         ///< who may increment and decrement an object
  std::vector<ft::MergeAt> merges;      ///< where owners may merge (with the `merge` operation)
  std::vector<ft::FtKind> kinds;
  std::vector<ft::FtOpCode> ops;        ///< incref, decref by default; merge, refcnt when listed
  unsigned max_ops = 8;
  unsigned max_objects = 2;             ///< at most 8
  unsigned max_threads = 2;             ///< at most 4
  std::uint64_t max_count = ~std::uint64_t{0};
  std::uint64_t max_steps = ~std::uint64_t{0};
  /// One heap object; every reference taken (by its owner or another thread) is released once,
  /// nothing is released that is not held and nothing taken once none is held; merges allowed.
  bool paired = false;
};

/// Whether a build holds an object of that kind (deferred counting: 3.13t to 3.15t, not the draft).
bool kind_on(const ft::FtBuild& build, ft::FtKind kind);

/// Every build of the scope that holds at least one of its kinds, in scope order.
std::vector<ft::FtBuild> ft_builds_of(const FtScope& scope);

/// "3.13t", "3.14t-3.15t" (the same code, kFtVersions) or "gh153202-proto": the signature's family.
std::string_view ft_family_name(ft::FtVersion version);

/// The name of a claim scenario's thread I: "main", "t2", "t3", ...
std::string thread_name(std::size_t i);

/// "3.14t/64/release".
std::string ft_build_name(const ft::FtBuild& build);

/// Who runs OP (an incref or decref) on its object in S.
FtActor actor_of(const ft::FtScenario& s, const ft::FtOp& op);

/// Whether the scenario is one the claim is about: build, kinds, threads, actors, operations,
/// merges, bounds and, for paired scopes, its pairing.
bool ft_in_scope(const FtScope& scope, const ft::FtScenario& scenario);

}  // namespace refsim::campaign
