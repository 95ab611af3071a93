// Runtime: one simulated interpreter (version, width, debug, strategy) as tables: the code each
// origin runs, its step table, the immortality test, initial words and tp_dealloc per kind, resets,
// boundaries.
#pragma once

#include <array>
#include <optional>

#include "model/cell.h"
#include "model/names.h"
#include "model/scenario.h"
#include "model/semantics/step.h"
#include "model/step_table.h"

namespace refsim {

/// A set of origins: bit 1 << Origin.
using OriginSet = std::uint32_t;
constexpr OriginSet kAllOrigins = (OriginSet{1} << count_of<Origin>()) - 1;
constexpr OriginSet origin_bit(Origin origin) { return OriginSet{1} << static_cast<unsigned>(origin); }
static_assert(count_of<Origin>() <= 32, "OriginSet holds one bit per origin");
/// The legacy origins (legacy_origin: extensions whose code knows no immortality), as one set so
/// that the engine's loop tests an origin with one mask.
constexpr OriginSet kLegacyOrigins = [] {
  OriginSet set = 0;
  for (const Origin origin : values_of<Origin>())
    if (legacy_origin(origin)) set |= origin_bit(origin);
  return set;
}();
constexpr bool runs_legacy_code(Origin origin) { return (kLegacyOrigins & origin_bit(origin)) != 0; }

/// Whether a strategy applies to a version (reset-on-margin needs a bit-test draft; 3.11 has no
/// immortality, so only as-shipped applies to it).
bool strategy_applies(Strategy strategy, Version version);

/// Whether anything can be immortal on a runtime: its family has immortality (not 3.11) and the
/// strategy keeps it (not no-immortals).
constexpr bool has_immortals(Version version, Strategy strategy) {
  return has_immortality(family_of(version)) && strategy != Strategy::NoImmortals;
}

class Runtime {
 public:
  explicit Runtime(const RuntimeSpec& spec);

  const RuntimeSpec& spec() const { return spec_; }
  Width width() const { return spec_.width; }
  /// The compiled code an origin runs on this runtime.
  const Code& code(Origin origin) const { return codes_[static_cast<std::size_t>(origin)]; }
  /// The runtime's _Py_IsImmortal, used for the immortality events (always false on 3.11 and
  /// with no-immortals): the test of its family's core code.
  bool immortal(Word word) const { return immortal_(word, draft_bit_); }
  /// Which _Py_IsImmortal immortal() is.
  ImmortalTest immortal_test() const { return test_; }
  /// Each origin's single increfs and decrefs that have no event (step_table.h).
  StepTable step_table() const { return {tables_->steps.data(), draft_bit_}; }
  /// The word an object of this kind starts with (heap objects: their logical count).
  Word initial_word(Kind kind, Int128 refs) const;
  /// What tp_dealloc does for this kind (docs/semantics-dealloc.md, then the strategy).
  Action dealloc_action(Kind kind) const;
  /// The word after tp_dealloc's _Py_SetImmortal.
  Word reset(Word word) const;
  /// Py_REFCNT on this version and width.
  std::int64_t refcnt(Word word) const;
  /// Every boundary of every origin's code and of the immortality test.
  const Cuts& cuts() const { return tables_->cuts; }
  /// The boundaries that matter to one origin: its code's and the immortality test's.
  const Cuts& cuts(Origin origin) const { return tables_->origin_cuts[static_cast<std::size_t>(origin)]; }
  /// Steps from `word` that stay inside its cell (model/cell.h), for the code of every origin in
  /// `origins` (a bit set of 1 << Origin): going down (`down`) and up (`up`).
  using Cell = refsim::Cell;
  Cell cell(Word word, OriginSet origins = kAllOrigins) const;
  /// The cell of moves of `word` by multiples of `stride` (narrow_translated in model/cell.h): the
  /// cuts shorter than the word whose modulus divides `stride` do not bound it.
  Cell translated_cell(Word word, OriginSet origins, Word stride) const;
  bool periodic() const { return spec_.strategy == Strategy::PeriodicReset; }

  /// What follows from the version, width, debug build and strategy alone: built once per process
  /// for each such combination, and shared by every Runtime of it.
  struct Tables {
    Cuts cuts;
    std::array<Cuts, count_of<Origin>()> origin_cuts{};
    std::array<OriginSteps, count_of<Origin>()> steps{};
  };

 private:
  RuntimeSpec spec_;
  std::array<Code, count_of<Origin>()> codes_{};
  Word draft_bit_ = 0;
  ImmortalTest test_ = Arith::Full311;
  ImmortalFn immortal_ = nullptr;
  const Tables* tables_ = nullptr;
  /// The family row's facts (model/semantics/rows.h), resolved once.
  struct FamilyFacts {
    Word (*initial_word)(Version, Kind, Width, Int128 refs, Word bit);
    Action (*dealloc)(Version, Kind, bool debug);
    Word (*reset)(Width, Word word, Word bit);
    std::int64_t (*refcnt)(Width, Word word);
  };
  FamilyFacts facts_{};
};

}  // namespace refsim
