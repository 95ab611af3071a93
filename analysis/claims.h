// Claims: the quantitative statements about counts in PEP 683's text and in the 3.14 refcount.h
// comments, each with the row of the matrix that measures it, refsim's exact figure and a verdict.
#pragma once

#include <cstdint>
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
  long double claimed = 0;  ///< the claimed count (or, with `seconds_per_op`, the claimed seconds)
  long double seconds_per_op = 0;  ///< > 0: the claim is a time at this cost per operation
  long double tolerance = 0;       ///< relative difference still counted as agreement ("roughly")
};

struct ClaimCheck {
  Claim claim;
  std::optional<std::uint64_t> figure;  ///< refsim's count (none: never within the family's maximum)
  std::string refsim;                   ///< the figure in words
  std::string verdict;                  ///< exact, agrees, off by one, disagrees
};

/// The claims, in the order they appear in their sources.
const std::vector<Claim>& claims();

/// Each claim with refsim's figure (one fast-engine row each) and the verdict.
std::vector<ClaimCheck> check_claims();

}  // namespace refsim::analysis
