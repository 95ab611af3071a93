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
constexpr std::string_view kRefcount = "CPython 3.14.7 Include/refcount.h:24-47";
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
       key(Version::PEP683_R2, 64, Kind::Heap, Threat::Ext311Incref), Column::Immortal, 1152921504606846976.0L, 0, 0, std::nullopt},
      {kPep, "At a fast 5 GHz that would still take nearly 250,000,000 seconds (over 2,500 days)!", "the same count at 0.2 ns per operation",
       key(Version::PEP683_R2, 64, Kind::Heap, Threat::Ext311Incref), Column::Immortal, 250000000.0L, kFiveGhz, 2, std::nullopt},
      {kPep,
       "With 64-bit refcounts, this accidental scenario is so unlikely that we need not worry.",
       "3.12 as shipped, a heap object from refcount 1 (its 64-bit immortality test is bit 31), against 3.12 32-bit",
       key(Version::V3_12, 64, Kind::Heap, Threat::Ext311Incref), Column::Immortal, 0, 0, 0,
       key(Version::V3_12, 32, Kind::Heap, Threat::Ext311Incref)},
      {kPep,
       "Let's say the magic refcount were 2^30.  Using the same specs as above, it would take roughly 4 seconds "
       "to accidentally immortalize an object.",
       "round 3's 32-bit example (bit 2^30), a heap object from refcount 1, at 0.2 ns per operation",
       key(Version::PEP683_R3, 32, Kind::Heap, Threat::Ext311Incref), Column::Immortal, 4.0L, kFiveGhz, 1, std::nullopt},
      {kPepDeimm,
       "if the magic value were 2^30 and the initial immortal refcount were thus 2^30 + 2^29 then it would take "
       "2^29 increfs by the extension to reach a value of 2^31, making the object non-immortal.", "round 3, 32-bit, None",
       key(Version::PEP683_R3, 32, Kind::None, Threat::Ext311Incref), Column::Mortal, 536870912.0L, 0, 0, std::nullopt},
      {kPepDeimm,
       "it would take 2^29 asymmetric decrefs to drop below the magic immortal refcount value.", "round 3, 32-bit, None",
       key(Version::PEP683_R3, 32, Kind::None, Threat::Ext311Decref), Column::Mortal, 536870912.0L, 0, 0, std::nullopt},
      {kPepDeimm,
       "It would require roughly a billion decrefs on that one object without a corresponding incref.",
       "round 3, 32-bit, None, to the crash (the drafts keep 3.11's fatal none_dealloc)",
       key(Version::PEP683_R3, 32, Kind::None, Threat::Ext311Decref), Column::Crash, 1e9L, 0, 1, std::nullopt},
      {kPepDeimm,
       "the 3.12 runtime will basically never incref ``None`` before giving it to the extension. [...] Each time "
       "that exchange happens with the one object, we get one step closer to a crash.",
       "3.12 32-bit without the tp_dealloc reset; no incref at all, so each exchange is one ext-3.11 decref",
       key(Version::V3_12, 32, Kind::None, Threat::Ext311Decref, Strategy::NoReset), Column::Crash, 1e9L, 0, 1, std::nullopt},
      {kPepSolutions, "this only matters in the 32-bit stable-ABI case",
       "3.12 64-bit as shipped, None drained to tp_dealloc, against 3.12 32-bit",
       key(Version::V3_12, 64, Kind::None, Threat::Ext311Decref), Column::Dealloc, 0, 0, 0,
       key(Version::V3_12, 32, Kind::None, Threat::Ext311Decref)},
      {kRefcount,
       "we set the initial value near the middle of the range (2**31, 2**32). That way the refcount can be off "
       "by ~1 billion without affecting immortality.",
       "decrefs",
       key(Version::V3_14, 64, Kind::None, Threat::Ext311Decref), Column::Mortal, 1e9L, 0, 1, std::nullopt},
      {kRefcount, "That way the refcount can be off by ~1 billion without affecting immortality.", "increfs",
       key(Version::V3_14, 64, Kind::None, Threat::Ext311Incref), Column::Mortal, 1e9L, 0, 1, std::nullopt},
  };
  return list;
}

std::string_view name_of(Verdict verdict) {
  switch (verdict) {
    case Verdict::Exact: return "exact";
    case Verdict::OffByOne: return "off by one";
    case Verdict::WithinPrecision: return "within its stated precision";
    case Verdict::Disagrees: return "disagrees";
    case Verdict::True: return "true";
    case Verdict::False: return "false";
  }
  return "?";
}

Verdict judge(long double measured, long double claimed, unsigned significant, bool count) {
  const long double diff = std::fabs(measured - claimed);
  if (diff == 0) return Verdict::Exact;
  if (count && diff <= 1) return Verdict::OffByOne;
  if (significant > 0 && claimed > 0) {
    const long double unit = std::pow(10.0L, std::floor(std::log10(claimed)) - (significant - 1));
    if (diff <= unit / 2) return Verdict::WithinPrecision;
  }
  return Verdict::Disagrees;
}

std::string_view verdict_rule() {
  return "One rule for every claim with a figure: \"exact\" when refsim's figure equals it; \"off by one\" when a "
         "count differs by 1; \"within its stated precision\" when the difference is at most half a unit in the "
         "last significant digit the claim writes (\"roughly a billion\": 1 digit, so 0.5 to 1.5 billion); else "
         "\"disagrees\". The ratio is refsim's figure over the claimed one. A claim with no figure that 64-bit "
         "is safe where 32-bit is not is \"true\" when the 64-bit count is at least 2^30 times the 32-bit one "
         "(the margin PEP 683's own examples assume: immortal bit 2^60 against 2^30), else \"false\".";
}

Verdict contrast(std::optional<std::uint64_t> wide, std::optional<std::uint64_t> narrow) {
  if (!wide) return Verdict::True;
  if (!narrow) return Verdict::False;
  return static_cast<long double>(*wide) / *narrow >= kWidthMargin ? Verdict::True : Verdict::False;
}

bool selected(const Claim& claim, const Selection& s) {
  const auto in = [](const auto& list, const auto& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
  };
  const auto row_in = [&](const RowKey& k) {
    return in(s.versions, k.version) && in(s.widths, k.width) && in(s.debug, k.debug) && in(s.strategies, k.strategy) &&
           in(s.kinds, k.kind) && in(s.threats, k.threat);
  };
  return row_in(claim.row);  // a 64/32-bit contrast is about its 64-bit row
}

namespace {

std::string ratio_text(long double ratio) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.3Lg", ratio);
  return buffer;
}

/// A claim with a figure: refsim's count (or time) against it.
void check_figure(const Claim& claim, const Threshold& t, ClaimCheck& check) {
  const long double measured = claim.seconds_per_op > 0 ? t.steps * claim.seconds_per_op : t.n;
  check.refsim = with_commas(t.n) + " to " + std::string(column_words(claim.column));
  if (claim.seconds_per_op > 0) check.refsim += ": " + duration(measured) + " at 5 GHz";
  check.ratio = measured / claim.claimed;
  check.verdict = judge(measured, claim.claimed, claim.significant, claim.seconds_per_op == 0);
  check.verdict_text = std::string(name_of(check.verdict));
  if (check.verdict == Verdict::WithinPrecision)
    check.verdict_text += " (" + std::to_string(claim.significant) + " significant digit" +
                          (claim.significant == 1 ? "" : "s") + ")";
  check.verdict_text += ", ratio " + ratio_text(*check.ratio);
}

/// A claim with no figure: the 64-bit count against the 32-bit one.
void check_contrast(const Claim& claim, const std::optional<Threshold>& wide, ClaimCheck& check) {
  const Row narrow_row = compute_row(*claim.against, FamilyParams{});
  const std::optional<Threshold> narrow = pick(narrow_row, claim.column);
  const std::string words(column_words(claim.column));
  check.refsim = "64-bit: " + (wide ? with_commas(wide->n) : "never") + " to " + words + "; 32-bit: " +
                 (narrow ? with_commas(narrow->n) : "never");
  if (narrow) check.against_figure = narrow->n;
  if (wide && narrow) check.ratio = static_cast<long double>(wide->n) / narrow->n;
  check.verdict = contrast(wide ? std::optional(wide->n) : std::nullopt, check.against_figure);
  const bool holds = check.verdict == Verdict::True;
  check.verdict_text = std::string(name_of(check.verdict)) +
                       (check.ratio ? ", 64-bit / 32-bit = " + ratio_text(*check.ratio) : std::string()) +
                       (holds ? " (at least 2^30)" : " (below 2^30)");
}

}  // namespace

std::vector<ClaimCheck> check_claims() {
  std::vector<ClaimCheck> out;
  for (const Claim& claim : claims()) {
    ClaimCheck check;
    check.claim = claim;
    const Row row = compute_row(claim.row, FamilyParams{});
    const std::optional<Threshold> t = pick(row, claim.column);
    if (t) check.figure = t->n;
    if (claim.against) check_contrast(claim, t, check);
    else if (t) check_figure(claim, *t, check);
    else {
      check.refsim = "never (n up to " + with_commas(row.max_n) + ")";
      check.verdict = Verdict::Disagrees;
      check.verdict_text = "disagrees, ratio infinite";
    }
    out.push_back(check);
  }
  return out;
}

}  // namespace refsim::analysis
