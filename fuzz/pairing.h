// Pairing: the scenario a ledger of takes and releases stands for, built one step at a time, so
// that every reference is released exactly once (fuzz/FORMAT.md "Ledger layout"). The
// mortal_accounting decoder and the claims' paired scopes (campaign/claim_input.cc) share it.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "fuzz/program.h"

namespace refsim::fuzz {

/// The lowest stack reference slot not among `open` (the slots a ledger and a claim input give).
std::size_t lowest_free_slot(const std::vector<std::size_t>& open);

class LedgerPairing {
 public:
  /// Appends to `s.ops` (one object, index 0) and names `s.refs`; `refs`: the references held at
  /// the start. `drops_when_gone`: format 3's rule, a step once nothing is held is dropped.
  LedgerPairing(Scenario& s, unsigned __int128 refs, bool drops_when_gone = true);

  /// One step: an origin's incref or decref, or the interpreter loop's act. A release is cut to
  /// what is held; a step that cannot be taken (nothing to release, no stack reference open or
  /// free, the object gone) is dropped.
  void step(const LedgerStep& step);

  /// Closes what is open, the most recent first, then releases what is held, in operations of at
  /// most `max_count`: by the last code that released (else the last origin that took a reference
  /// with Py_INCREF, else `fallback`); then names the stack references used.
  void finish(std::uint64_t max_count = ~std::uint64_t{0}, Origin fallback = Origin::Core);

  unsigned __int128 held() const { return held_; }
  std::size_t open_refs() const { return open_.size(); }
  /// Whether a reference is held or a stack reference open: the object is alive.
  bool alive() const { return held_ > 0 || !open_.empty(); }

 private:
  void code_step(const LedgerStep& step);
  void release(OpCode code, Origin by, std::uint64_t count);
  bool open(OpCode code);
  void close(std::size_t index);
  std::size_t depth_index(std::uint64_t depth) const;

  Scenario& s_;
  const bool drops_when_gone_;
  unsigned __int128 held_;
  std::vector<std::size_t> open_;  ///< the open stack references' slots, in the order they were opened
  std::size_t slots_ = 0;          ///< the slots ever used: the scenario names r0 .. r(slots_ - 1)
  std::optional<std::pair<OpCode, Origin>> closer_;
  std::optional<Origin> last_taker_;
};

}  // namespace refsim::fuzz
