// Triage and the campaign report on hand-made findings: replaying artifacts into groups, known
// signatures from sidecars, minimizing a new finding (smaller, same signature), filing it so that
// replay accepts it, and the refsim-campaign/1 document's shape.
#include <stdlib.h>

#include <fstream>

#include <gtest/gtest.h>

#include "campaign/campaign_report.h"
#include "campaign/triage.h"
#include "fuzz/codec.h"
#include "fuzz/regression.h"

namespace refsim::campaign {
namespace {

namespace fs = std::filesystem;
using fuzz::Target;

/// 3.14 32-bit None drained by ext-3.11 decrefs, with noise around: deimmortalized at 805,306,369.
Scenario noisy() {
  Scenario s;
  s.runtime.version = Version::V3_14;
  s.runtime.width = Width{32};
  s.objects = {{"h", Kind::Heap, std::nullopt, 1}, {"none", Kind::None, std::nullopt, 1}};
  s.ops = {leaf(OpCode::Incref, 0, Origin::Core, 3), leaf(OpCode::Decref, 1, Origin::Ext311, 1000000000),
           leaf(OpCode::Decref, 0, Origin::Core, 3)};
  return s;
}

const std::string kSignature = "3.14/32/release/as-shipped/none/deimmortalized";

class Triage : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "refsim-triage-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path artifact(const std::string& name, const Bytes& bytes) {
    fs::create_directories(dir_ / "artifacts");
    std::ofstream(dir_ / "artifacts" / name, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    return dir_ / "artifacts" / name;
  }
  fs::path dir_;
};

TEST_F(Triage, minimizesANewFindingFilesItAndReportsIt) {
  const auto bytes = fuzz::encode(Target::ImmortalSafety, noisy());
  ASSERT_TRUE(bytes);
  const fs::path crash = artifact("crash-" + fuzz::sha1_hex(*bytes), *bytes);
  const fs::path timeout = artifact("timeout-0123", {0xff});
  FindingGroups groups;
  const std::vector<Artifact> artifacts = replay_artifacts(Target::ImmortalSafety, {crash, timeout}, groups);
  ASSERT_EQ(artifacts.size(), 2u);
  EXPECT_EQ(artifacts[0].kind, "crash");
  EXPECT_EQ(artifacts[1].kind, "timeout");
  EXPECT_TRUE(artifacts[1].findings.empty());
  const auto ordered = groups.ordered();
  ASSERT_EQ(ordered.size(), 1u);
  EXPECT_EQ(ordered[0]->signature, kSignature);

  // Minimized: one decref of the right count, same signature, strictly smaller.
  const std::optional<Reduced> reduced = reduce(*ordered[0], {});
  ASSERT_TRUE(reduced);
  EXPECT_TRUE(reduced->minimized);
  const fuzz::Finding& finding = reduced->findings[reduced->finding];
  EXPECT_EQ(finding.signature, kSignature);
  EXPECT_LT(size_of(finding.scenario), size_of(noisy()));
  EXPECT_EQ(count_ops(finding.scenario.ops), 1u);
  EXPECT_EQ(finding.scenario.ops[0].count, 805306369u);
  EXPECT_EQ(finding.step, 805306369u);

  // Filed as <sha1> + sidecar; its signature is then known.
  const fs::path regression = dir_ / "corpus/immortal_safety/regression";
  auto known = known_signatures(regression);
  ASSERT_EQ(known.index(), 0u);
  EXPECT_TRUE(std::get<0>(known).empty());
  auto filed = file_regression(regression, Target::ImmortalSafety, *reduced, "test");
  ASSERT_EQ(filed.index(), 0u) << std::get<1>(filed);
  const fs::path input = std::get<0>(filed);
  EXPECT_EQ(input.filename().string(), fuzz::sha1_hex(reduced->input));
  auto expected = fuzz::read_expected(input.string() + ".expected");
  ASSERT_EQ(expected.index(), 0u);
  EXPECT_EQ(std::get<0>(expected).signatures, std::vector<std::string>{kSignature});
  EXPECT_EQ(std::get<0>(expected).step, 805306369u);
  known = known_signatures(regression);
  EXPECT_EQ(std::get<0>(known), std::set<std::string>{kSignature});

  // The report.
  CampaignRecord record;
  record.seed = 7;
  record.time_asked = 60;
  record.run.elapsed = std::chrono::milliseconds(2000);
  record.run.status.execs = 1000;
  record.run.status.cov = 42;
  record.run.completed = true;
  record.out = dir_;
  record.artifacts = artifacts;
  record.findings.push_back({ordered[0], true, reduced, input, std::nullopt});
  const auto j = campaign_report_json(record);
  EXPECT_EQ(j["format"], "refsim-campaign/1");
  EXPECT_EQ(j["target"], "immortal_safety");
  EXPECT_EQ(j["seed"], 7);
  EXPECT_EQ(j["time"]["asked"], 60);
  EXPECT_EQ(j["time"]["used"], 2.0);
  EXPECT_EQ(j["completed"], true);
  EXPECT_EQ(j["executions"], 1000);
  EXPECT_EQ(j["exec_per_sec"], 500);
  EXPECT_EQ(j["coverage"]["cov"], 42);
  EXPECT_EQ(j["coverage"]["ft"], nullptr);
  EXPECT_EQ(j["artifacts"]["total"], 2);
  EXPECT_EQ(j["artifacts"]["reproduced"], 1);
  EXPECT_EQ(j["artifacts"]["unreproduced"][0]["kind"], "timeout");
  EXPECT_EQ(j["new_findings"], 1);
  const auto& f = j["findings"][0];
  EXPECT_EQ(f["signature"], kSignature);
  EXPECT_EQ(f["new"], true);
  EXPECT_EQ(f["count"], 1);
  EXPECT_EQ(f["reproducer"]["ops"], 3);
  EXPECT_EQ(f["minimized"]["ops"], 1);
  EXPECT_EQ(f["minimized"]["step"], 805306369);
  EXPECT_EQ(f["minimized"]["scenario"]["ops"][0]["count"], "805306369");  // counts are decimal strings
  EXPECT_EQ(f["regression_file"], input.string());
  EXPECT_NE(campaign_summary(record).find("NEW   " + kSignature + "  x1\n        filed as " + input.string()),
            std::string::npos)
      << campaign_summary(record);
}

TEST_F(Triage, anUnreadableSidecarIsReported) {
  fs::create_directories(dir_ / "regression");
  std::ofstream(dir_ / "regression" / "abc.expected") << "{not json";
  auto known = known_signatures(dir_ / "regression");
  ASSERT_EQ(known.index(), 1u);
  EXPECT_NE(std::get<1>(known).find("abc.expected: "), std::string::npos);
}

}  // namespace
}  // namespace refsim::campaign
