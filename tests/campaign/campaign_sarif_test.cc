// Campaign SARIF: one result per counterexample (a finding), not per claim; each result and its
// attached reproducer artifact name that counterexample's own file.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "campaign/campaign_ci.h"
#include "campaign/claims_json.h"
#include "decref_scenarios.h"

namespace refsim::campaign {
namespace {

Counterexample counterexample(const std::string& signature, bool is_new, Version version,
                              const std::filesystem::path& file) {
  Counterexample x;
  x.signature = signature;
  x.is_new = is_new;
  x.scenario = ext311_decrefs(release(version, 64), Kind::None, {std::uint64_t{1} << 31});
  x.file = file;
  return x;
}

TEST(CampaignSarif, eachCounterexampleIsAResultLocatedAtItsOwnReproducer) {
  const Claim claim = builtin_catalog().front();
  CampaignRecord record;
  ClaimResult held;
  held.claim = &claim;
  ClaimResult violated;
  violated.claim = &claim;
  violated.counterexamples = {
      counterexample(claim.id + "/stays-immortal/3.12-3.13/64", true, Version::V3_12, "/src/out/a/first.json"),
      counterexample(claim.id + "/stays-immortal/3.14-3.15/64", false, Version::V3_14, "/src/corpus/second.json")};
  record.claims = {held, violated};
  const auto log = nlohmann::json::parse(campaign_sarif(record, "/src"));
  const auto& run = log["runs"][0];
  ASSERT_EQ(run["results"].size(), 2u);
  EXPECT_EQ(run["tool"]["driver"]["rules"].size(), 1u);  // one rule: the claim
  const std::string files[] = {"out/a/first.json", "corpus/second.json"};
  const std::string levels[] = {"error", "note"};
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& result = run["results"][i];
    EXPECT_EQ(result["ruleId"], claim.id);
    EXPECT_EQ(result["level"], levels[i]);
    EXPECT_EQ(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], files[i]);
    EXPECT_EQ(result["partialFingerprints"]["refsimFinding/v1"], violated.counterexamples[i].signature);
    const std::size_t artifact = result["attachments"][0]["artifactLocation"]["index"];
    EXPECT_EQ(run["artifacts"][artifact]["location"]["uri"], files[i]);
    EXPECT_EQ(run["artifacts"][artifact]["location"]["uriBaseId"], "%SRCROOT%");
    EXPECT_NE(result["message"]["text"].get<std::string>().find(files[i]), std::string::npos);
  }
  EXPECT_NE(run["results"][0]["message"]["text"].get<std::string>().find("new: "), std::string::npos);
  EXPECT_EQ(run["results"][0]["message"]["text"].get<std::string>().find("3.14/64"), std::string::npos);
}

}  // namespace
}  // namespace refsim::campaign
