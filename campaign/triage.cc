// Triage: sightings from the inputs, then one ClaimResult per claim: recorded counterexamples
// first (in file order), then the new signatures, minimized in signature order.
#include "campaign/triage.h"

#include "campaign/counterexample.h"
#include "io/atomic_write.h"
#include "io/read_file.h"

namespace refsim::campaign {

namespace fs = std::filesystem;

std::map<std::string, Sighting> read_sightings(const ClaimSet& set, const std::vector<fs::path>& files) {
  std::map<std::string, Sighting> out;
  for (const fs::path& file : files) {
    const FileRead bytes = read_file(file);
    if (!bytes.ok()) continue;
    auto input = decode_claim_input(set, bytes.octets());
    if (!input) continue;
    const Claim& claim = set.claims()[input->claim];
    for (const Violation& v : violations(claim, input->scenario)) {
      auto [it, added] = out.try_emplace(v.signature, Sighting{input->claim, input->scenario, 0});
      ++it->second.inputs;
      if (!added && smaller(input->scenario, it->second.smallest)) it->second.smallest = input->scenario;
    }
  }
  return out;
}

namespace {

Counterexample known_one(const Claim& claim, const Recorded& r, const std::string& signature) {
  Counterexample c;
  c.signature = signature;
  c.scenario = r.scenario;
  for (Violation& v : violations(claim, r.scenario))
    if (v.signature == signature) c.violation = std::move(v);
  c.explanation = explain(c.scenario, c.violation);
  c.breaks = runtimes_broken(claim, c.violation.invariant, c.scenario);
  c.file = fs::absolute(r.file);
  return c;
}

Counterexample new_one(const Claim& claim, const std::string& signature, const Sighting& seen, const TriageOptions& o,
                       std::chrono::milliseconds budget) {
  Counterexample c;
  c.signature = signature;
  c.is_new = true;
  c.found = true;
  c.inputs = seen.inputs;
  MinimizeLimits limits;
  limits.time = budget;
  limits.stop = o.stop;
  Minimal m = minimize_counterexample(claim, signature, seen.smallest, limits);
  c.scenario = std::move(m.scenario);
  c.violation = std::move(m.violation);
  c.tries = m.tries;
  c.minimal = m.exhausted;
  c.explanation = explain(c.scenario, c.violation);
  c.breaks = runtimes_broken(claim, c.violation.invariant, c.scenario);
  c.file = fs::absolute(o.counterexamples / claim.id / (signature_file_stem(claim, signature) + ".json"));
  std::error_code error;
  fs::create_directories(c.file.parent_path(), error);
  if (auto reason = write_atomically(c.file, counterexample_json(c.scenario, c.violation)))
    c.record_error = c.file.string() + ": " + *reason;
  if (o.record) {
    auto recorded = record_known(*o.record, claim, c.scenario, c.violation);
    if (auto* path = std::get_if<fs::path>(&recorded)) c.recorded = fs::absolute(*path);
    else c.record_error = std::get<std::string>(recorded);
  }
  return c;
}

}  // namespace

std::vector<ClaimResult> conclude(const ClaimSet& set, const KnownCounterexamples& known,
                                  const std::map<std::string, Sighting>& sightings,
                                  const std::map<std::string, ClaimTally>& tallies, const TriageOptions& o) {
  std::vector<ClaimResult> out;
  std::vector<std::string> fresh;
  for (const auto& [signature, seen] : sightings)
    if (!find_known(known, set.claims()[seen.claim].id, signature)) fresh.push_back(signature);
  const auto budget = fresh.empty() ? o.minimize_time : o.minimize_time / static_cast<long>(fresh.size());
  std::size_t minimized = 0;
  for (const Claim& claim : set.claims()) {
    ClaimResult result;
    result.claim = &claim;
    result.work_limit = claim_max_work(claim);
    if (auto it = tallies.find(claim.id); it != tallies.end()) {
      result.executions = it->second.executions;
      result.gave_up = it->second.gave_up;
    }
    if (auto it = known.find(claim.id); it != known.end())
      for (const Recorded& r : it->second) {
        if (r.signatures.empty()) result.stale.push_back(r.file);
        for (const std::string& signature : r.signatures) {
          bool listed = false;
          for (const Counterexample& c : result.counterexamples) listed = listed || c.signature == signature;
          if (listed) continue;  // two recorded files for one signature: the first stands for it
          Counterexample c = known_one(claim, r, signature);
          if (auto seen = sightings.find(signature); seen != sightings.end()) {
            c.found = true;
            c.inputs = seen->second.inputs;
          }
          result.counterexamples.push_back(std::move(c));
        }
      }
    for (const std::string& signature : fresh) {
      const Sighting& seen = sightings.at(signature);
      if (&set.claims()[seen.claim] != &claim) continue;
      if (o.progress) o.progress(++minimized, fresh.size(), signature);
      result.counterexamples.push_back(new_one(claim, signature, seen, o, budget));
    }
    out.push_back(std::move(result));
  }
  return out;
}

}  // namespace refsim::campaign
