// Campaign report: the refsim-campaign/4 document (integers that can exceed 2^53 as decimal
// strings) and the summary printed at the end.
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

std::string reproduce(const Counterexample& c) { return "refsim run " + c.file.string(); }

Json counterexample_json(const Counterexample& c) {
  Json j;
  j["signature"] = c.signature;
  j["status"] = c.is_new ? "new" : "known";
  j["found_this_run"] = c.found;
  j["inputs"] = decimal(c.inputs);
  j["counterexample"] = one_line(c.scenario);
  j["explanation"] = c.explanation;
  j["reproduce"] = reproduce(c);
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

std::string campaign_summary(const CampaignRecord& r, std::size_t max_lines) {
  std::vector<std::string> lines;
  std::uint64_t held = 0;
  for (const ClaimResult& c : r.claims) held += c.held();
  const std::uint64_t execs = r.run.status.final_execs ? *r.run.status.final_execs : r.run.status.execs;
  lines.push_back("campaign: " + grouped(execs) + " executions in " + std::to_string(r.run.elapsed.count() / 1000) +
                  " s (" + grouped(exec_per_sec(r.run)) + " exec/s): " + std::to_string(r.claims.size()) + " claims, " +
                  std::to_string(held) + " held, " + std::to_string(r.claims.size() - held) + " violated, " +
                  std::to_string(new_counterexamples(r)) + " new counterexamples");
  for (const ClaimResult& c : r.claims) {
    if (c.held()) {
      lines.push_back("  held      " + c.claim->id + ": " + grouped(c.executions - c.gave_up) + " executions checked, " +
                      grouped(c.gave_up) + " gave up (work limit " + grouped(c.work_limit) + ")");
    } else {
      std::uint64_t fresh = 0;
      for (const Counterexample& x : c.counterexamples) fresh += x.is_new;
      lines.push_back("  violated  " + c.claim->id + " (" + std::to_string(c.counterexamples.size() - fresh) + " known, " +
                      std::to_string(fresh) + " new; " + grouped(c.executions) + " executions)");
    }
    for (const Counterexample& x : c.counterexamples) {
      lines.push_back(std::string("    ") + (x.is_new ? "NEW   " : "known ") + x.signature.substr(c.claim->id.size() + 1) +
                      ": " + one_line(x.scenario) + (x.found ? "" : "  [recorded, not found this run]"));
      if (!x.is_new) continue;
      lines.push_back("          " + x.explanation);
      lines.push_back("          reproduce: " + reproduce(x));
      std::string breaks = "          breaks it on " + std::to_string(x.breaks.size()) + " runtimes";
      for (std::size_t i = 0; i < x.breaks.size() && i < 3; ++i) breaks += (i ? ", " : ": ") + x.breaks[i];
      if (x.breaks.size() > 3) breaks += ", ...";
      lines.push_back(breaks);
      if (x.recorded) lines.push_back("          recorded as known: " + x.recorded->string());
      if (x.record_error) lines.push_back("          not recorded: " + *x.record_error);
    }
    for (const auto& f : c.stale) lines.push_back("    stale: " + f.string() + " no longer breaks the claim");
  }
  if (lines.size() + 1 > max_lines) {
    const std::size_t cut = lines.size() + 2 - max_lines;
    lines.resize(max_lines - 2);
    lines.push_back("  ... " + std::to_string(cut) + " more lines: see the report");
  }
  lines.push_back("campaign: report written to " + r.report.string());
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

}  // namespace refsim::campaign
