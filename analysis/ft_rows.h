// Free-threaded rows of `refsim compare`: threat families on the biased reference counting of 3.13t,
// 3.14t and 3.15t (64- and 32-bit, release and debug), each with the exact smallest n at which the
// object ends immortal, is freed early, leaks or stops the process, found by the free-threaded engine.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/freethreaded/ft_scenario.h"
#include "model/names.h"

namespace refsim::analysis {

enum class FtThreat : std::uint8_t { OwnerIncrefs, OtherReleases, QueuedThenOwnerIncrefs, OtherIncrefs };

}  // namespace refsim::analysis

namespace refsim {

/// Every free-threaded threat, in table order (the order of the rows): name_of, description_of and
/// values_of of model/names.h read it.
template <> struct Names<analysis::FtThreat> {
  using FtThreat = analysis::FtThreat;
  static constexpr NameRow<FtThreat> rows[] = {
    {FtThreat::OwnerIncrefs, "ft-owner-increfs",
     "the owner takes n references to a fresh object, then releases them and its own (all paired)"},
    {FtThreat::OtherReleases, "ft-other-releases",
     "the owner hands n references to another thread, which releases them through the queue; the owner "
     "merges at its eval breaker and releases its own"},
    {FtThreat::QueuedThenOwnerIncrefs, "ft-queued-then-owner-increfs",
     "another thread's release is queued, the owner then takes n references before its eval breaker "
     "merges, and releases them and its own"},
    {FtThreat::OtherIncrefs, "ft-other-increfs",
     "another thread takes n references to a fresh object and releases them; the owner then releases its own"},
  };
};

}  // namespace refsim

namespace refsim::analysis {


/// The family's scenario for n on a build.
ft::FtScenario ft_threat_scenario(FtThreat threat, const ft::FtBuild& build, std::uint64_t n);
/// The largest n a family runs to on a build.
std::uint64_t ft_max_n(FtThreat threat, const ft::FtBuild& build);

struct FtRow {
  ft::FtBuild build;
  FtThreat threat = FtThreat::OwnerIncrefs;
  std::uint64_t max_n = 0;
  std::optional<std::uint64_t> immortal;   ///< smallest n whose run ends with the object immortal
  std::optional<std::uint64_t> premature;  ///< ... frees it while paired references remain
  std::optional<std::uint64_t> leak;       ///< ... leaves it alive with no paired reference
  std::optional<std::uint64_t> crash;      ///< ... stops the process (debug checks, use after free)
};

/// Which free-threaded rows a compare selection holds: `refsim compare`'s --runtime, --width,
/// --debug and --threat filters apply to them (--strategy and --kind do not: the rows have no
/// strategy, and their object is a fresh heap object).
struct FtSelection {
  std::vector<ft::FtVersion> versions;
  std::vector<unsigned> widths;  ///< rows exist at 64 and 32 only
  std::vector<bool> debug;
  std::vector<FtThreat> threats;

  /// Every version (and the gh153202 draft) and family, 64 and 32-bit, release and debug builds.
  static FtSelection all();
};

/// The selection's rows, in table order: versions x widths 64, 32 x release, debug x families. Each
/// threshold is the smallest n in 1..max_n, found by bisection and checked: the run at n has the
/// outcome and the run at n - 1 has not (the families are monotone in n; a row where that check
/// fails throws std::logic_error).
std::vector<FtRow> ft_rows(const FtSelection& selection = FtSelection::all());

std::string ft_rows_text(const std::vector<FtRow>& rows);
std::string ft_rows_markdown(const std::vector<FtRow>& rows);
nlohmann::ordered_json ft_rows_json(const std::vector<FtRow>& rows);
/// The compare page's section: a heading, the families and a table whose cells carry data-event and
/// data-n (the smallest n or "never"), their rows data-version, data-width, data-debug and data-threat.
std::string ft_rows_html(const std::vector<FtRow>& rows);

}  // namespace refsim::analysis
