// Claims: PEP 683 (python/peps peps/pep-0683.rst, read at 024252ccfc7b, status Accepted; the same
// sentences are in the Final text docs/SEMANTICS.md cites) and CPython 3.14's Include/refcount.h comment
// (3.14.7 Include/refcount.h:24-47), each checked against one row of the matrix.
#include "analysis/claims.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "analysis/format.h"

namespace refsim::analysis {

namespace {

constexpr std::string_view kPep = "PEP 683, Accidental Immortality (python/peps pep-0683.rst @ 024252cc)";
constexpr std::string_view kPepDeimm = "PEP 683, Accidental De-Immortalizing (python/peps pep-0683.rst @ 024252cc)";
constexpr std::string_view kPepSolutions =
    "PEP 683, Solutions for Accidental De-Immortalization (python/peps pep-0683.rst @ 024252cc)";
constexpr std::string_view kRefcount = "CPython 3.14.7 Include/refcount.h:24-47 (SEMANTICS.md [S3147])";
constexpr long double kFiveGhz = 1.0L / 5e9L;

RowKey key(Version v, unsigned width, Kind kind, Threat threat, Strategy strategy = Strategy::AsShipped) {
  return {v, width, false, strategy, kind, threat};
}

std::optional<Threshold> pick(const Row& row, Column column) {
  switch (column) {
    case Column::Mortal: return row.mortal;
    case Column::Dealloc: return row.dealloc;
    case Column::Crash: return row.crash ? std::optional<Threshold>(row.crash->at) : std::nullopt;
    case Column::Immortal: return row.immortal;
  }
  return std::nullopt;
}

std::string_view column_words(Column column) {
  switch (column) {
    case Column::Mortal: return "lose immortality";
    case Column::Dealloc: return "reach tp_dealloc";
    case Column::Crash: return "crash";
    case Column::Immortal: return "become immortal";
  }
  return "?";
}

}  // namespace

const std::vector<Claim>& claims() {
  static const std::vector<Claim> list = {
      {kPep,
       "Even if done deliberately by using ``Py_INCREF()`` in a tight loop and each iteration only took 1 "
       "CPU cycle, it would take 2^60 cycles (if the immortal bit were 2^60).",
       "round 2's immortal bit 2^60, a heap object from refcount 1",
       key(Version::PEP683_R2, 64, Kind::Heap, Threat::Ext311Incref), Column::Immortal, 1152921504606846976.0L, 0,
       0.01L},
      {kPep, "At a fast 5 GHz that would still take nearly 250,000,000 seconds (over 2,500 days)!", "the same count at 0.2 ns per operation",
       key(Version::PEP683_R2, 64, Kind::Heap, Threat::Ext311Incref), Column::Immortal, 250000000.0L, kFiveGhz,
       0.10L},
      {kPep,
       "With 64-bit refcounts, this accidental scenario is so unlikely that we need not worry.",
       "as shipped, 3.12's 64-bit immortality test is bit 31",
       key(Version::V3_12, 64, Kind::Heap, Threat::Ext311Incref), Column::Immortal, 1152921504606846976.0L, 0,
       0.01L},
      {kPep,
       "Let's say the magic refcount were 2^30.  Using the same specs as above, it would take roughly 4 seconds "
       "to accidentally immortalize an object.",
       "round 3's 32-bit example (bit 2^30), a heap object from refcount 1, at 0.2 ns per operation",
       key(Version::PEP683_R3, 32, Kind::Heap, Threat::Ext311Incref), Column::Immortal, 4.0L, kFiveGhz, 0.5L},
      {kPepDeimm,
       "if the magic value were 2^30 and the initial immortal refcount were thus 2^30 + 2^29 then it would take "
       "2^29 increfs by the extension to reach a value of 2^31, making the object non-immortal.", "round 3, 32-bit, None",
       key(Version::PEP683_R3, 32, Kind::None, Threat::Ext311Incref), Column::Mortal, 536870912.0L, 0, 0},
      {kPepDeimm,
       "it would take 2^29 asymmetric decrefs to drop below the magic immortal refcount value.", "round 3, 32-bit, None",
       key(Version::PEP683_R3, 32, Kind::None, Threat::Ext311Decref), Column::Mortal, 536870912.0L, 0, 0},
      {kPepDeimm,
       "It would require roughly a billion decrefs on that one object without a corresponding incref.",
       "round 3, 32-bit, None, to the crash (the drafts keep 3.11's fatal none_dealloc)",
       key(Version::PEP683_R3, 32, Kind::None, Threat::Ext311Decref), Column::Crash, 1e9L, 0, 0.75L},
      {kPepDeimm,
       "the 3.12 runtime will basically never incref ``None`` before giving it to the extension. [...] Each time "
       "that exchange happens with the one object, we get one step closer to a crash.",
       "3.12 32-bit without the tp_dealloc reset; no incref at all, so each exchange is one ext-3.11 decref",
       key(Version::V3_12, 32, Kind::None, Threat::Ext311Decref, Strategy::NoReset), Column::Crash, 1e9L, 0,
       0.75L},
      {kPepSolutions, "this only matters in the 32-bit stable-ABI case",
       "3.12 64-bit as shipped, None drained to tp_dealloc, against 3.12 32-bit's 1,073,741,823",
       key(Version::V3_12, 64, Kind::None, Threat::Ext311Decref), Column::Dealloc, 1073741823.0L, 0, 0.75L},
      {kRefcount,
       "we set the initial value near the middle of the range (2**31, 2**32). That way the refcount can be off "
       "by ~1 billion without affecting immortality.",
       "decrefs",
       key(Version::V3_14, 64, Kind::None, Threat::Ext311Decref), Column::Mortal, 1e9L, 0, 0.10L},
      {kRefcount, "That way the refcount can be off by ~1 billion without affecting immortality.", "increfs",
       key(Version::V3_14, 64, Kind::None, Threat::Ext311Incref), Column::Mortal, 1e9L, 0, 0.10L},
  };
  return list;
}

std::vector<ClaimCheck> check_claims() {
  std::vector<ClaimCheck> out;
  for (const Claim& claim : claims()) {
    ClaimCheck check{claim, std::nullopt, "", ""};
    const Row row = compute_row(claim.row, FamilyParams{});
    const std::optional<Threshold> t = pick(row, claim.column);
    if (!t) {
      check.refsim = "never (n up to " + with_commas(row.max_n) + ")";
      check.verdict = "disagrees";
      out.push_back(check);
      continue;
    }
    check.figure = t->n;
    const long double measured = claim.seconds_per_op > 0 ? t->steps * claim.seconds_per_op : t->n;
    check.refsim = with_commas(t->n) + " to " + std::string(column_words(claim.column));
    if (claim.seconds_per_op > 0) check.refsim += ": " + duration(measured) + " at 5 GHz";
    const long double diff = std::fabs(measured - claim.claimed);
    if (diff == 0) check.verdict = "exact";
    else if (claim.seconds_per_op == 0 && diff <= 1) check.verdict = "off by one";
    else if (diff <= claim.tolerance * claim.claimed) check.verdict = "agrees (within " + std::to_string(static_cast<int>(std::lround(100 * diff / claim.claimed))) + "%)";
    else {
      const long double big = std::max(measured, claim.claimed), small = std::min(measured, claim.claimed);
      char factor[64];
      std::snprintf(factor, sizeof factor, big / small >= 100 ? "%.3Le" : "%.2Lf", big / small);
      check.verdict = std::string("disagrees (refsim's figure is ") + factor + (measured < claim.claimed ? " times smaller)" : " times larger)");
    }
    out.push_back(check);
  }
  return out;
}

}  // namespace refsim::analysis
