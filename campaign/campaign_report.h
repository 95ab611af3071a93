// Campaign report: what one campaign did and found, as the `refsim-campaign/1` JSON document and
// as a few lines for people.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "campaign/driver.h"
#include "campaign/finding_groups.h"
#include "campaign/triage.h"

namespace refsim::campaign {

/// One signature found in the campaign's artifacts.
struct CampaignFinding {
  const FindingGroup* group = nullptr;
  bool is_new = false;                     ///< not recorded by any sidecar of the regression corpus
  std::optional<Reduced> reduced;          ///< new findings: the minimized input
  std::optional<std::filesystem::path> filed;  ///< where the regression input was written
  std::optional<std::string> file_error;   ///< why it could not be written
};

struct CampaignRecord {
  fuzz::Target target = fuzz::Target::ImmortalSafety;
  std::uint32_t seed = 0;
  unsigned jobs = 1;
  std::uint64_t time_asked = 0;            ///< seconds
  DriverResult run;
  std::filesystem::path out;               ///< the output folder
  std::vector<Artifact> artifacts;         ///< this run's artifacts, replayed
  std::vector<CampaignFinding> findings;   ///< ordered as FindingGroups::ordered()
  bool filing = true;                      ///< false with --no-file
};

/// Executions over the time used (fork mode's own exec/s is per job and often 0).
std::uint64_t exec_per_sec(const DriverResult& run);

std::uint64_t new_findings(const CampaignRecord& record);

/// The `refsim-campaign/1` document: target, seed, jobs, time asked and used, completed and
/// interrupted flags, executions, exec/s, coverage, libFuzzer's command and counters, artifacts,
/// and one entry per signature (group, new/known, minimized reproducer, regression file).
nlohmann::ordered_json campaign_report_json(const CampaignRecord& record);

/// The summary printed at the end: one line for the run, one per finding.
std::string campaign_summary(const CampaignRecord& record);

}  // namespace refsim::campaign
