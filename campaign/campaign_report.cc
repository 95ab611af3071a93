// Campaign report: the refsim-campaign/4 document (integers that can exceed 2^53 as decimal
// strings); the summary printed at the end is campaign_summary.cc.
#include "campaign/campaign_report.h"

#include "campaign/claims_json.h"
#include "campaign/known.h"
#include "campaign/progress.h"
#include "io/scenario_json.h"
#include "io/scenario_writer.h"
#include "io/report_json.h"

namespace refsim::campaign {

namespace {

using Json = nlohmann::ordered_json;

Json counterexample_json(const Counterexample& c) {
  Json j;
  j["signature"] = c.signature;
  j["status"] = c.is_new ? "new" : "known";
  j["found_this_run"] = c.found;
  j["inputs"] = decimal(c.inputs);
  j["counterexample"] = one_line(c.scenario);
  j["explanation"] = c.explanation;
  j["reproduce"] = reproduce_command(c);
  j["file"] = c.file.string();
  j["recorded"] = c.recorded ? Json(c.recorded->string()) : Json(nullptr);
  if (c.record_error) j["record_error"] = *c.record_error;
  if (c.is_new) {
    j["minimizer_tries"] = decimal(c.tries);
    j["minimizer_finished"] = c.minimal;
  }
  j["breaks"] = c.breaks;
  j["scenario"] = claim_scenario_json(c.scenario);
  return j;
}

}  // namespace

std::string reproduce_command(const Counterexample& c) { return "refsim run " + c.file.string(); }

std::uint64_t exec_per_sec(const DriverResult& run) {
  const std::uint64_t execs = run.status.final_execs ? *run.status.final_execs : run.status.execs;
  return run.elapsed.count() > 0 ? static_cast<std::uint64_t>(static_cast<double>(execs) * 1000.0 /
                                                              static_cast<double>(run.elapsed.count()))
                                 : 0;
}

std::uint64_t new_counterexamples(const CampaignRecord& record) {
  std::uint64_t n = 0;
  for (const ClaimResult& c : record.claims)
    for (const Counterexample& x : c.counterexamples) n += x.is_new;
  return n;
}

Json campaign_report_json(const CampaignRecord& r) {
  Json j;
  j["format"] = kCampaignFormat;
  j["tool"] = {{"name", kToolName}, {"version", kToolVersion}};
  j["claims_from"] = r.claims_from;
  j["seed"] = r.seed;
  j["engine"] = r.engine;
  j["jobs"] = r.jobs;
  j["time_asked"] = r.time_asked;
  j["repeat"] = r.repeat;
  const std::uint64_t execs = r.run.status.final_execs ? *r.run.status.final_execs : r.run.status.execs;
  std::uint64_t gave_up = 0;
  for (const ClaimResult& c : r.claims) gave_up += c.gave_up;
  j["run"] = {{"completed", r.run.completed},
              {"interrupted", r.run.interrupted},
              {"elapsed_ms", r.run.elapsed.count()},
              {"executions", decimal(execs)},
              {"gave_up", decimal(gave_up)},
              {"exec_per_sec", decimal(exec_per_sec(r.run))},
              {"coverage", r.run.status.cov ? Json(*r.run.status.cov) : Json(nullptr)},
              {"command", r.run.command}};
  std::uint64_t held = 0;
  for (const ClaimResult& c : r.claims) held += c.held();
  j["summary"] = {{"claims", r.claims.size()},
                  {"held", held},
                  {"violated", r.claims.size() - held},
                  {"new_counterexamples", new_counterexamples(r)}};
  Json claims = Json::array();
  for (const ClaimResult& c : r.claims) {
    Json cj = claim_json(*c.claim);
    cj["verdict"] = c.held() ? "held" : "violated";
    cj["executions"] = decimal(c.executions);
    cj["gave_up"] = decimal(c.gave_up);
    cj["work_limit"] = decimal(c.work_limit);
    cj["first_violation"] = c.first_wall_us < 0 ? Json(nullptr)
                                                : Json{{"wall_us", c.first_wall_us}, {"cpu_us", c.first_cpu_us}};
    Json list = Json::array();
    for (const Counterexample& x : c.counterexamples) list.push_back(counterexample_json(x));
    cj["counterexamples"] = list;
    Json stale = Json::array();
    for (const auto& f : c.stale) stale.push_back(f.string());
    cj["stale_recorded"] = stale;
    claims.push_back(cj);
  }
  j["claims"] = claims;
  return j;
}

}  // namespace refsim::campaign
