// Campaign summary: one line per claim (held, violated with known counterexamples, VIOLATED with
// the new one in one line), every line within kSummaryColumns, the whole within the lines given,
// and counts in the singular when there is one.
#include <gtest/gtest.h>

#include "campaign/campaign_report.h"
#include "campaign/claims_json.h"
#include "decref_scenarios.h"
#include "tests/text_lines.h"

namespace refsim::campaign {
namespace {

Counterexample counterexample(const Claim& claim, bool is_new, std::uint64_t count) {
  Counterexample x;
  x.signature = claim.id + "/stays-immortal/3.12-3.13/64";
  x.is_new = is_new;
  // A long counterexample: the line is cut, not wrapped.
  x.scenario = ext311_decrefs(release(Version::V3_12, 64), Kind::None, std::vector<std::uint64_t>(12, count));
  return x;
}

/// `held` held claims, then one with a known counterexample, then one with a new one.
struct Campaign {
  std::vector<Claim> claims;
  CampaignRecord record;
  explicit Campaign(std::size_t held) {
    const Claim base = builtin_catalog().front();
    for (std::size_t i = 0; i < held + 2; ++i) {
      claims.push_back(base);
      claims.back().id = "claim-number-" + std::to_string(i) + "-with-a-long-identifier";
    }
    for (std::size_t i = 0; i < claims.size(); ++i) {
      ClaimResult r;
      r.claim = &claims[i];
      r.executions = 2000000;
      r.gave_up = 1;
      r.work_limit = 64;
      if (i == held) r.counterexamples = {counterexample(claims[i], false, 7)};
      if (i == held + 1) r.counterexamples = {counterexample(claims[i], true, 2147483648)};
      record.claims.push_back(r);
    }
    record.report = "/tmp/out/report.json";
    record.out = "/tmp/out";
  }
};

TEST(Summary, everyClaimGetsOneLineWithinTheColumnsAndTheScreen) {
  Campaign c(19);
  const auto lines = lines_of(campaign_summary(c.record, 49));
  EXPECT_LE(lines.size(), 49u);
  for (const std::string& line : lines) EXPECT_LE(line.size(), kSummaryColumns) << line;
  for (const Claim& claim : c.claims) {
    int n = 0;
    for (const std::string& line : lines) n += line.find(claim.id + ":") != std::string::npos ||
                                                line.find(claim.id + " (") != std::string::npos;
    EXPECT_EQ(n, 1) << claim.id;
  }
  EXPECT_EQ(lines[0].rfind("campaign: 21 claims: 19 held, 2 violated, 1 new counterexample; ", 0), 0u) << lines[0];
  EXPECT_EQ(lines[20].rfind("  violated  claim-number-19-with-a-long-identifier: "
                            "1 known counterexample (2,000,000 executions)",
                            0),
            0u)
      << lines[20] << "\n" << lines[21];
  EXPECT_EQ(lines[21].rfind("  VIOLATED  claim-number-20-with-a-long-identifier (1 new): "
                            "3.12/64/release/as-shipped: decref",
                            0),
            0u)
      << lines[21];
  EXPECT_EQ(lines[21].substr(lines[21].size() - 3), "...");
  EXPECT_EQ(lines.back(), "campaign: report written to /tmp/out/report.json");
}

TEST(Summary, withMoreClaimsThanLinesTheHeldOnesAreCountedInOneLine) {
  Campaign c(70);
  const std::string text = campaign_summary(c.record, 49);
  EXPECT_LE(lines_of(text).size(), 49u);
  EXPECT_NE(text.find("  held      70 claims: see the report"), std::string::npos) << text;
  EXPECT_NE(text.find("claim-number-70-"), std::string::npos);
  EXPECT_NE(text.find("claim-number-71-"), std::string::npos);
}

TEST(Summary, oneClaimIsSingular) {
  Campaign c(0);
  c.record.claims.pop_back();
  const auto lines = lines_of(campaign_summary(c.record, 49));
  EXPECT_EQ(lines[0].rfind("campaign: 1 claim: 0 held, 1 violated, 0 new counterexamples; 0 executions in 0 s", 0), 0u)
      << lines[0];
}

}  // namespace
}  // namespace refsim::campaign
