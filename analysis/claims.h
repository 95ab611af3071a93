// Claims: the quantitative statements about counts in PEP 683's text and in the 3.14 refcount.h
// comments, each with the row of the matrix that measures it, refsim's exact figure and a verdict
// under one rule (docs/COMPARE.md, "Claim verdicts").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/matrix.h"

namespace refsim::analysis {

/// Which figure of a row a claim is about.
enum class Column { Mortal, Dealloc, Crash, Immortal };

struct Claim {
  std::string_view source;  ///< where the statement is, with the commit it was read at
  std::string_view quote;   ///< the statement, verbatim
  std::string_view note;    ///< how refsim reads it (which design stands for the statement)
  RowKey row;               ///< the design and threat that measure it
  Column column = Column::Mortal;
  /// The figure the statement gives (a count, or seconds with `seconds_per_op`); 0: it gives none.
  long double claimed = 0;
  long double seconds_per_op = 0;  ///< > 0: the claim is a time at this cost per operation
  /// Significant digits the figure is written to ("roughly a billion": 1, "250,000,000": 2);
  /// 0: an exact figure ("2^29").
  unsigned significant = 0;
  /// A statement with no figure that 64-bit is safe where 32-bit is not: the 32-bit design it
  /// contrasts with.
  std::optional<RowKey> against;
};

/// The verdicts, in the order the rule tries them.
enum class Verdict { Exact, OffByOne, WithinPrecision, Disagrees, True, False };

std::string_view name_of(Verdict verdict);

/// The one rule for claims with a figure: exact; else off by one (counts only); else within the
/// claim's stated precision (half a unit in its last significant digit); else disagrees.
Verdict judge(long double measured, long double claimed, unsigned significant, bool count);

/// A statement with no figure, "64-bit is safe where 32-bit is not", holds when the 64-bit count is
/// at least this many times the 32-bit one: the margin PEP 683's own argument assumes (its 64-bit
/// example's immortal bit 2^60 against its 32-bit example's 2^30).
inline constexpr long double kWidthMargin = 1073741824.0L;

/// The rule for a claim with no figure: true when the 64-bit count is "never" (within the family's
/// maximum) or at least kWidthMargin times the 32-bit count.
Verdict contrast(std::optional<std::uint64_t> wide, std::optional<std::uint64_t> narrow);

/// The rule in one paragraph, printed with the verdicts.
std::string_view verdict_rule();

struct ClaimCheck {
  Claim claim;
  std::optional<std::uint64_t> figure;  ///< refsim's count (none: never within the family's maximum)
  std::optional<std::uint64_t> against_figure;  ///< the 32-bit count of a claim without a figure
  std::optional<long double> ratio;     ///< refsim's figure / the claimed one (64-bit / 32-bit)
  std::string refsim;                   ///< the figures in words
  Verdict verdict = Verdict::Disagrees;
  std::string verdict_text;             ///< the verdict with its ratio
};

/// The claims, in the order they appear in their sources.
const std::vector<Claim>& claims();

/// Each claim with refsim's figure (one fast-engine row each) and the verdict.
std::vector<ClaimCheck> check_claims();

/// Whether a claim's row is in a selection (the filters of `refsim compare`).
bool selected(const Claim& claim, const Selection& selection);

}  // namespace refsim::analysis
