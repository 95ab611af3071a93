// Campaign report: the JSON document and the summary lines, both from a CampaignRecord.
#include "campaign/campaign_report.h"

#include "campaign/progress.h"
#include "io/report_json.h"

namespace refsim::campaign {

using Json = nlohmann::ordered_json;

std::uint64_t exec_per_sec(const DriverResult& run) {
  if (run.elapsed.count() <= 0) return 0;
  return static_cast<std::uint64_t>(static_cast<double>(run.status.execs) * 1000.0 /
                                    static_cast<double>(run.elapsed.count()));
}

std::uint64_t new_findings(const CampaignRecord& record) {
  std::uint64_t n = 0;
  for (const CampaignFinding& f : record.findings) n += f.is_new ? 1 : 0;
  return n;
}

namespace {

template <class T>
Json optional_json(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json finding_json(const CampaignFinding& f) {
  Json j = group_json(*f.group);
  j["new"] = f.is_new;
  if (f.reduced) {
    const fuzz::Finding& finding = f.reduced->findings[f.reduced->finding];
    Json minimized = reproducer_json(finding, f.filed ? *f.filed : std::filesystem::path());
    minimized["minimized"] = f.reduced->minimized;
    minimized["tries"] = f.reduced->tries;
    minimized["cut_short"] = f.reduced->cut_short;
    minimized["bytes"] = f.reduced->input.size();
    Json signatures = Json::array();
    for (const fuzz::Finding& other : f.reduced->findings) signatures.push_back(other.signature);
    minimized["signatures"] = std::move(signatures);
    j["minimized"] = std::move(minimized);
  } else {
    j["minimized"] = nullptr;
  }
  j["regression_file"] = f.filed ? Json(f.filed->string()) : Json(nullptr);
  if (f.file_error) j["file_error"] = *f.file_error;
  return j;
}

}  // namespace

Json campaign_report_json(const CampaignRecord& r) {
  Json j;
  j["format"] = "refsim-campaign/1";
  j["tool"] = {{"name", std::string(kToolName)}, {"version", std::string(kToolVersion)}};
  j["target"] = std::string(fuzz::target_name(r.target));
  j["seed"] = r.seed;
  j["jobs"] = r.jobs;
  j["time"] = {{"asked", r.time_asked}, {"used", static_cast<double>(r.run.elapsed.count()) / 1000.0}};
  j["completed"] = r.run.completed;
  j["interrupted"] = r.run.interrupted;
  j["error"] = optional_json(r.run.error);
  j["executions"] = r.run.status.execs;
  j["exec_per_sec"] = exec_per_sec(r.run);
  j["coverage"] = {{"cov", optional_json(r.run.status.cov)},
                   {"ft", optional_json(r.run.status.ft)},
                   {"corpus", optional_json(r.run.status.corpus)}};
  j["libfuzzer"] = {{"command", r.run.command},
                    {"exit", r.run.exit ? Json(r.run.exit->describe()) : Json(nullptr)},
                    {"crashes", r.run.status.crashes},
                    {"timeouts", r.run.status.timeouts},
                    {"ooms", r.run.status.ooms}};
  Json unreproduced = Json::array();
  std::uint64_t reproduced = 0;
  for (const Artifact& a : r.artifacts) {
    if (a.findings.empty())
      unreproduced.push_back({{"file", a.file.string()}, {"kind", a.kind}, {"replayed", a.replayed}});
    else ++reproduced;
  }
  j["artifacts"] = {{"folder", (r.out / "artifacts").string()},
                    {"total", r.artifacts.size()},
                    {"reproduced", reproduced},
                    {"unreproduced", std::move(unreproduced)}};
  j["filing"] = r.filing;
  j["new_findings"] = new_findings(r);
  Json findings = Json::array();
  for (const CampaignFinding& f : r.findings) findings.push_back(finding_json(f));
  j["findings"] = std::move(findings);
  return j;
}

std::string campaign_summary(const CampaignRecord& r) {
  std::string out = "campaign: " + std::string(fuzz::target_name(r.target)) + ", seed " + std::to_string(r.seed) +
                    ": " + (r.run.completed ? "completed" : r.run.interrupted ? "interrupted" : "failed") + " after " +
                    clock_text(std::chrono::duration_cast<std::chrono::seconds>(r.run.elapsed)) + ", " +
                    grouped(r.run.status.execs) + " execs (" + grouped(exec_per_sec(r.run)) + "/s), cov " +
                    (r.run.status.cov ? grouped(*r.run.status.cov) : "-") + ", " + grouped(r.artifacts.size()) +
                    " artifacts, " + std::to_string(r.findings.size()) + " signatures, " +
                    std::to_string(new_findings(r)) + " new\n";
  for (const CampaignFinding& f : r.findings) {
    out += std::string("  ") + (f.is_new ? "NEW   " : "known ") + f.group->signature + "  x" + grouped(f.group->count);
    if (fuzz::findings_are_bugs(f.group->target)) out += "  (refsim bug)";
    if (f.filed) out += "\n        filed as " + f.filed->string();
    else if (f.file_error) out += "\n        NOT filed: " + *f.file_error;
    else if (f.reduced) out += "\n        not filed (--no-file); smallest input: " + f.group->source.string();
    out += "\n";
  }
  return out;
}

}  // namespace refsim::campaign
