// Campaign report: what one campaign concluded about each claim, as the `refsim-campaign/4` JSON
// document and as the screen-sized summary (one line per claim).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "campaign/claim.h"
#include "campaign/driver.h"
#include "campaign/violation.h"

namespace refsim::campaign {

inline constexpr std::string_view kCampaignFormat = "refsim-campaign/4";

/// One signature of a claim: a counterexample found now or recorded before.
struct Counterexample {
  std::string signature;
  bool is_new = false;          ///< not recorded among the known counterexamples
  bool found = false;           ///< this run found it (a known one may only be recorded)
  std::uint64_t inputs = 0;     ///< this run's inputs that showed it
  ClaimScenario scenario;       ///< new: the minimal counterexample; known: the recorded one
  Violation violation;
  std::string explanation;      ///< one line
  std::vector<std::string> breaks;  ///< every runtime the same scenario breaks the invariant on (re-run on all)
  std::filesystem::path file;   ///< the scenario file `refsim run` reproduces it from
  std::optional<std::filesystem::path> recorded;  ///< --file: where it was recorded as known
  std::optional<std::string> record_error;
  std::uint64_t tries = 0;      ///< new: candidates the minimizer ran
  bool minimal = true;          ///< new: the minimizer finished (no time limit cut it short)
};

/// What an engine ran of one claim.
struct ClaimTally {
  std::uint64_t executions = 0;  ///< inputs that tested the claim
  std::uint64_t gave_up = 0;     ///< of those, runs cut short at its work limit (claim_max_work): no check
};

struct ClaimResult {
  const Claim* claim = nullptr;
  std::uint64_t executions = 0;  ///< inputs that tested this claim
  std::uint64_t gave_up = 0;     ///< of those, runs given up at the work limit (not checks)
  std::uint64_t work_limit = 0;  ///< claim_max_work(*claim)
  std::int64_t first_wall_us = -1, first_cpu_us = -1;  ///< in-process: when this run first broke it (microseconds)
  std::vector<Counterexample> counterexamples;
  std::vector<std::filesystem::path> stale;  ///< recorded files that no longer break it
  bool held() const { return counterexamples.empty(); }
};

struct CampaignRecord {
  std::string claims_from;      ///< "built-in catalog" or the claims files
  std::uint32_t seed = 0;
  unsigned jobs = 1;
  std::string engine;            ///< "in-process" or "libfuzzer"
  std::uint64_t time_asked = 0;  ///< seconds
  std::string repeat;            ///< the command that repeats this campaign
  DriverResult run;
  std::filesystem::path out;
  std::filesystem::path report;
  std::vector<ClaimResult> claims;
};

/// Executions over the time used.
std::uint64_t exec_per_sec(const DriverResult& run);
/// Counterexamples not recorded as known.
std::uint64_t new_counterexamples(const CampaignRecord& record);

nlohmann::ordered_json campaign_report_json(const CampaignRecord& record);

/// `refsim run FILE` for the counterexample's file.
std::string reproduce_command(const Counterexample& counterexample);

/// The summary (campaign_summary.cc): the totals, then one line per claim of at most
/// kSummaryColumns: `held` (executions checked, given up, the work limit), `violated` (its known
/// counterexamples) or `VIOLATED` (its first new counterexample in one line), then where the new
/// counterexamples and the report are. When the claims need more than `max_lines`, the held ones
/// are counted in one line; the report has everything.
std::string campaign_summary(const CampaignRecord& record, std::size_t max_lines);
inline constexpr std::size_t kSummaryColumns = 120;

}  // namespace refsim::campaign
