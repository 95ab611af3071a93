// Summary: the headline and the one screen `refsim compare` prints by default.
#pragma once

#include <string>
#include <vector>

#include "analysis/report.h"

namespace refsim::analysis {

/// The rows the summary is about: ext-3.11 decrefs on None, as shipped, release builds, or the
/// selection's first of each when those are filtered out.
struct Slice {
  Threat threat = Threat::Ext311Decref;
  Kind kind = Kind::None;
  Strategy strategy = Strategy::AsShipped;
  bool debug = false;
};

Slice summary_slice(const Selection& selection);

/// The report's rows of the slice (of every strategy with `any_strategy`), in matrix order.
std::vector<const Row*> slice_rows(const Report& report, const Slice& slice, bool any_strategy);

/// One sentence: on which runtimes the slice crashes the process, after how many operations.
std::string headline(const Report& report);

/// The claims' verdicts, counted.
std::string claims_tally(const Report& report);

/// The default text output: at most 60 lines of at most 120 columns, headline first.
std::string render_summary(const Report& report);

}  // namespace refsim::analysis
