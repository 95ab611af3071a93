// Matrix: the survival matrix. For each runtime (version, width, debug, strategy), object kind and
// threat, the exact smallest n of the threat's family at which the object loses immortality, reaches
// tp_dealloc, crashes the process or overflows the signed word, read from one run at the family's
// largest n.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "analysis/threat.h"
#include "model/engine.h"

namespace refsim::analysis {

/// Which rows to compute (the filters of `refsim compare`).
struct Selection {
  std::vector<Version> versions;
  std::vector<unsigned> widths;
  std::vector<bool> debug;
  std::vector<Strategy> strategies;
  std::vector<Kind> kinds;
  std::vector<Threat> threats;
  FamilyParams family;

  /// The headline: every version, strategy and threat; 64- and 32-bit release builds; None.
  static Selection headline();
};

struct RowKey {
  Version version = Version::V3_14;
  unsigned width = 64;
  bool debug = false;
  Strategy strategy = Strategy::AsShipped;
  Kind kind = Kind::None;
  Threat threat = Threat::Ext311Decref;
};

/// An event's first occurrence: the smallest n, and the single operations run up to it.
struct Threshold {
  std::uint64_t n = 0;
  std::uint64_t steps = 0;
};

struct Crash {
  Threshold at;
  EventKind event = EventKind::Dealloc;
  std::optional<Action> action;  ///< for a dealloc: fatal or free-static
};

struct Row {
  RowKey key;
  RuntimeSpec runtime;
  std::uint64_t max_n = 0;         ///< the largest n that was run ("never" means not up to it)
  bool gave_up = false;            ///< the engine gave up short of the family's largest n (kRowWork)
  bool created_immortal = false;
  std::optional<Threshold> mortal;    ///< (a) the immortality test first fails
  std::optional<Threshold> dealloc;   ///< (b) tp_dealloc first runs
  std::optional<Action> dealloc_action;
  std::optional<Crash> crash;         ///< (c) fatal dealloc, free-static, negative-refcount
  std::optional<Threshold> overflow;  ///< (d) the first signed overflow
  std::optional<Threshold> immortal;  ///< the test first passes again (or, created mortal, at all)
  bool immortal_at_end = false;       ///< after the run (at max_n, or where it crashed)
  std::uint64_t steps = 0;            ///< single operations of the whole run
  std::uint64_t events = 0;           ///< events of the whole run (kept or not)
};

/// The runtime of a row, with the strategy parameters refsim compares at (periodic-reset: a period
/// of 2^24 operations at 64 and 32 bits, 2^(bits/2-2) on the scaled words).
RuntimeSpec runtime_of(const RowKey& key);

/// The engine's work per row (RunLimits::max_work): rows whose run needs more give up short of the
/// family's largest n (periodic-reset runs whose rounds do not come back at the same phase of the
/// period, which cost one engine pass per period; repeated families with a net drift, which cost an
/// iteration at each boundary they cross; evented stretches that are not exact cycles).
inline constexpr std::uint64_t kRowWork = std::uint64_t{1} << 16;

/// The rows of a selection, in matrix order, without strategies that do not apply to a version.
std::vector<RowKey> rows_of(const Selection& selection);

/// Runs the row's scenario for n = `n_top` with `engine` and reads the first event of each class.
/// A run that needs more than `max_work` (RunLimits::max_work) gives up: the row is then the
/// scenario for the largest n whose steps all ran, with `gave_up` set.
Row analyse(const RowKey& key, const FamilyParams& params, std::uint64_t n_top, EngineKind engine,
            std::uint64_t max_work = UINT64_MAX);

/// The row at the family's largest n, with the fast engine and at most kRowWork of its work:
/// `max_n` says how far it got.
Row compute_row(const RowKey& key, const FamilyParams& params);

/// Every row of a selection.
std::vector<Row> compute(const Selection& selection);

}  // namespace refsim::analysis
