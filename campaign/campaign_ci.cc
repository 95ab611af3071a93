// Campaign results for CI pages: the record mapped onto the generic SARIF and JUnit writers.
#include "campaign/campaign_ci.h"

#include "campaign/known.h"
#include "io/junit_xml.h"
#include "io/report_json.h"
#include "io/sarif.h"

namespace refsim::campaign {

namespace {

std::string under(const std::filesystem::path& file, const std::filesystem::path& root) {
  const std::filesystem::path relative = file.lexically_relative(root);
  return relative.empty() || *relative.begin() == ".." ? file.string() : relative.string();
}

}  // namespace

std::string campaign_sarif(const CampaignRecord& record, const std::filesystem::path& root) {
  std::vector<SarifResult> results;
  for (const ClaimResult& c : record.claims)
    for (const Counterexample& x : c.counterexamples) {
      SarifResult r;
      r.rule_id = c.claim->id;
      r.rule_description = c.claim->statement;
      r.level = x.is_new ? SarifLevel::Error : SarifLevel::Note;
      r.message = "claim \"" + c.claim->id + "\" is violated: " + c.claim->statement + "\n" +
                  (x.is_new ? "new: " : "known: ") + x.signature + ": " + one_line(x.scenario) + " (" +
                  x.explanation + "); reproduce: refsim run " + x.file.string();
      r.location = under(x.file, root);
      r.location_is_text = true;
      r.reproducer = counterexample_json(x.scenario, x.violation);
      r.reproducer_file = r.location;
      r.fingerprint = x.signature;
      results.push_back(std::move(r));
    }
  return sarif_json({std::string(kToolName), std::string(kToolVersion), "docs/CLAIMS.md"}, results);
}

std::string campaign_junit(const CampaignRecord& record) {
  JunitSuite suite{"refsim campaign", {}};
  for (const ClaimResult& c : record.claims) {
    JunitCase k;
    k.name = c.claim->id;
    k.classname = "campaign.claim";
    k.seconds = static_cast<double>(record.run.elapsed.count()) / 1000.0 / static_cast<double>(record.claims.size());
    std::string output = (c.held() ? "held" : "violated") + std::string(" after ") + std::to_string(c.executions) +
                         " executions: " + c.claim->statement;
    for (const Counterexample& x : c.counterexamples) {
      const std::string line = x.signature + ": " + one_line(x.scenario) + "; reproduce: refsim run " + x.file.string();
      output += "\n" + std::string(x.is_new ? "new " : "known ") + line;
      if (x.is_new) k.failures.push_back({"new-counterexample", line});
    }
    k.output = output;
    suite.cases.push_back(std::move(k));
  }
  return junit_xml(suite);
}

}  // namespace refsim::campaign
