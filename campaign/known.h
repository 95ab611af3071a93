// Known counterexamples: the corpus's record of every violation already seen, one scenario file
// (refsim-scenario/1; a free-threaded claim's: refsim-scenario/2) per signature, under <known>/<claim-id>/<invariant>-<family>-<width>.json. A file counts as
// known for the signatures it still shows when run against the claim as it is now (in its scope).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "campaign/claim.h"
#include "campaign/violation.h"

namespace refsim::campaign {

struct Recorded {
  std::filesystem::path file;
  ClaimScenario scenario;
  std::vector<std::string> signatures;  ///< what it shows now; empty: stale (out of scope, or holds)
};

/// The recorded counterexamples, by claim id.
using KnownCounterexamples = std::map<std::string, std::vector<Recorded>>;

/// Reads `<dir>/<claim-id>/*.json` for each claim (a missing folder holds none). Returns the reason
/// (naming the file) when a file cannot be read or is not a valid scenario.
std::variant<KnownCounterexamples, std::string> read_known(const std::filesystem::path& dir,
                                                           const std::vector<Claim>& claims);

/// The recorded file that shows `signature`, if any.
const Recorded* find_known(const KnownCounterexamples& known, const std::string& claim_id,
                           const std::string& signature);

/// The counterexample as its file holds it: the scenario named by its signature, with an expect
/// block naming the breaking event (the report's `stopped` when the event crashes the process), so
/// that `refsim run FILE` exits 0 while it still shows.
std::string counterexample_json(const ClaimScenario& scenario, const Violation& violation);

/// The scenario as its file format writes it (refsim-scenario/1, or /2 for a free-threaded one).
nlohmann::ordered_json claim_scenario_json(const ClaimScenario& scenario);

/// Writes a counterexample under `<dir>/<claim-id>/` (creating folders) without replacing any
/// file; returns its path or the reason it could not be written.
std::variant<std::filesystem::path, std::string> record_known(const std::filesystem::path& dir, const Claim& claim,
                                                              const ClaimScenario& scenario, const Violation& violation);

/// `<invariant>-<family>-<width>`: a signature's file name without the claim and the extension.
std::string signature_file_stem(const Claim& claim, const std::string& signature);

}  // namespace refsim::campaign
