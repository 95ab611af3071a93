// Triage: after the fuzzer ran, read back the inputs it kept for each violation signature, tell
// known signatures from new ones, minimize the new ones, re-run them on every runtime, write each
// as a scenario file, and (when asked) record them as known. Gives each claim its verdict.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "campaign/campaign_report.h"
#include "campaign/claim_input.h"
#include "campaign/known.h"

namespace refsim::campaign {

/// One signature seen in this run's inputs: the smallest input's scenario and how many showed it.
struct Sighting {
  std::size_t claim = 0;
  ClaimScenario smallest;
  std::uint64_t inputs = 0;
};

/// Decodes each file as a claim input and groups the violations by signature (on equal size the
/// first file, in the given order, keeps its place).
std::map<std::string, Sighting> read_sightings(const ClaimSet& set, const std::vector<std::filesystem::path>& files);

struct TriageOptions {
  std::filesystem::path counterexamples;   ///< new counterexamples are written here, per claim
  std::optional<std::filesystem::path> record;  ///< --file: also recorded as known here
  std::chrono::milliseconds minimize_time{20000};  ///< shared by the new signatures
  std::function<bool()> stop;              ///< cut minimization short
  std::function<void(std::size_t n, std::size_t of, const std::string& signature)> progress;
};

/// Every claim's result: executions and runs given up (`tallies`, by claim id), the known counterexamples (recorded, found now or not) and the
/// new ones, minimized; stale recorded files listed.
std::vector<ClaimResult> conclude(const ClaimSet& set, const KnownCounterexamples& known,
                                  const std::map<std::string, Sighting>& sightings,
                                  const std::map<std::string, ClaimTally>& tallies, const TriageOptions& options);

}  // namespace refsim::campaign
