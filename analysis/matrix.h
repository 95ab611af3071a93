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
  std::uint64_t max_n = 0;         ///< the family's largest n that was run ("never" means not up to it)
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

/// The largest n of a row: the family's, or, for periodic-reset (whose runs cost one engine pass per
/// period), as many operations as 2^16 periods.
std::uint64_t row_max_n(const RowKey& key, const FamilyParams& params);

/// The rows of a selection, in matrix order, without strategies that do not apply to a version.
std::vector<RowKey> rows_of(const Selection& selection);

/// Runs the row's scenario for n = `n_top` with `engine` and reads the first event of each class.
Row analyse(const RowKey& key, const FamilyParams& params, std::uint64_t n_top, EngineKind engine);

/// The row at its largest n, with the fast engine. The run grows from 2^24 single operations by
/// factors of 16 up to the family's largest n, and stops growing once a run has more than 4096 events
/// (the engine replays evented stretches that are not exact cycles one by one): `max_n` says how far
/// it got.
Row compute_row(const RowKey& key, const FamilyParams& params);

/// Every row of a selection.
std::vector<Row> compute(const Selection& selection);

}  // namespace refsim::analysis
