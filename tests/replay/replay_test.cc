// refsim replay, called in-process on temporary corpora: exit statuses (clean 0, failed expect 1,
// regression mismatch 1, undecodable seed 1, bad JSON 2, no target 2), grouping by signature and
// the choice of the smallest reproducer, the report's shape and its atomic write (JUnit and SARIF:
// replay_outputs_test.cc).
#include "tests/replay/replay_support.h"

#include "fuzz/regression.h"

namespace refsim::tools {
namespace {

using namespace replay_test;

const char* kHeldScenario = R"({"format": "refsim-scenario/1", "runtime": {"version": "3.14", "width": 32},
  "objects": [{"id": "none", "kind": "none"}],
  "ops": [{"op": "decref", "obj": "none", "by": "ext-3.11", "count": 805306369}],
  "expect": {"outcome": "survived", "events": [{"kind": "deimmortalized", "step": 805306369}]}})";

TEST_F(Replay, cleanCorpusPassesAndGroupsFindingsBySignature) {
  write("corpus/scenarios/held.json", kHeldScenario);
  write("corpus/README.md", "not an input");
  const fs::path big = seed(drain(Kind::None, 900000000, 3));   // 4 ops
  const fs::path small = seed(drain(Kind::None, 810000000, 1)); // 2 ops: the smallest reproducer
  seed(drain(Kind::None, 1000));                                 // clean: no finding
  seed(drain(Kind::True, 900000000));                            // another signature
  ASSERT_EQ(replay({(dir_ / "corpus").string()}), 0) << err_;
  EXPECT_EQ(err_, "");
  EXPECT_EQ(report_["format"], "refsim-replay/2");
  EXPECT_EQ(report_["passed"], true);
  EXPECT_EQ(report_["inputs"]["scenarios"], 1);
  EXPECT_EQ(report_["inputs"]["fuzz_inputs"], 4);
  ASSERT_EQ(report_["groups"].size(), 2u);
  const Json& none = report_["groups"][0];
  EXPECT_EQ(none["signature"], "3.14/32/release/as-shipped/none/deimmortalized");
  EXPECT_EQ(none["target"], "immortal_safety");
  EXPECT_EQ(none["is_bug"], false);
  EXPECT_EQ(none["count"], 2);
  EXPECT_EQ(none["reproducer"]["file"], small.string());
  EXPECT_EQ(none["reproducer"]["ops"], 2);
  EXPECT_EQ(none["reproducer"]["step"], "805306370");  // a decimal string, as every step count
  EXPECT_EQ(none["reproducer"]["scenario"]["format"], "refsim-scenario/1");
  EXPECT_EQ(report_["groups"][1]["signature"], "3.14/32/release/as-shipped/true/deimmortalized");
  EXPECT_EQ(report_["groups"][1]["count"], 1);
  (void)big;
}

TEST_F(Replay, aFailedExpectFailsTheReplay) {
  std::string text = kHeldScenario;
  text.replace(text.find("\"step\": 805306369"), 17, "\"step\": 805306368");
  const fs::path file = write("s/off-by-one.json", text);
  EXPECT_EQ(replay({file.string()}), 1);
  EXPECT_NE(err_.find("refsim: " + file.string() + ": expect: "), std::string::npos) << err_;
  EXPECT_EQ(report_["passed"], false);
  EXPECT_EQ(report_["failures"][0]["kind"], "expect");
}

TEST_F(Replay, regressionInputsMustBehaveAsRecorded) {
  const fs::path input = seed(drain(Kind::None, 810000000), "corpus/immortal_safety/regression");
  fuzz::Expected expected{fuzz::Target::ImmortalSafety, {"3.14/32/release/as-shipped/none/deimmortalized"}, 805306369, "t"};
  write(input.string() + ".expected", fuzz::expected_json(expected));
  EXPECT_EQ(replay({(dir_ / "corpus").string()}), 0) << err_;
  EXPECT_EQ(report_["inputs"]["regression"], 1);

  expected.step = 7;  // recorded at another step
  write(input.string() + ".expected", fuzz::expected_json(expected));
  EXPECT_EQ(replay({(dir_ / "corpus").string()}), 1);
  EXPECT_NE(err_.find(input.string() + ": regression: recorded 3.14/32/release/as-shipped/none/deimmortalized (first at "
                                       "step 7); now 3.14/32/release/as-shipped/none/deimmortalized (first at step 805306369)"),
            std::string::npos)
      << err_;

  expected.signatures.clear();  // recorded as clean, but it still finds
  expected.step.reset();
  write(input.string() + ".expected", fuzz::expected_json(expected));
  EXPECT_EQ(replay({(dir_ / "corpus").string()}), 1);
  EXPECT_NE(err_.find("recorded no finding; now 3.14/32/release/as-shipped/none/deimmortalized"), std::string::npos) << err_;
}

// Sidecars are written as refsim-regression/2 (the step a decimal string); /1 ones still read.
TEST_F(Replay, regressionSidecarsOfBothFormatsRead) {
  const fs::path input = seed(drain(Kind::None, 810000000), "corpus/immortal_safety/regression");
  const fuzz::Expected expected{fuzz::Target::ImmortalSafety, {"3.14/32/release/as-shipped/none/deimmortalized"}, 805306369, "t"};
  const Json written = Json::parse(fuzz::expected_json(expected));
  EXPECT_EQ(written["format"], "refsim-regression/2");
  EXPECT_EQ(written["step"], "805306369");
  Json v1 = written;
  v1["format"] = "refsim-regression/1";
  v1["step"] = 805306369;
  write(input.string() + ".expected", v1.dump());
  EXPECT_EQ(replay({(dir_ / "corpus").string()}), 0) << err_;
  v1["step"] = 805306368;
  write(input.string() + ".expected", v1.dump());
  EXPECT_EQ(replay({(dir_ / "corpus").string()}), 1) << err_;
  Json v2 = written;
  v2["step"] = 805306369;  // /2 wants a string
  write(input.string() + ".expected", v2.dump());
  EXPECT_EQ(replay({(dir_ / "corpus").string()}), 2);
  EXPECT_NE(err_.find(".expected: step: expected a decimal string"), std::string::npos) << err_;
}

TEST_F(Replay, undecodableSeedsFailExceptScenarioJsonOnes) {
  write("corpus/scenario_json/seeds/broken", "{\"format\": ");
  EXPECT_EQ(replay({(dir_ / "corpus").string()}), 0) << err_;
  EXPECT_EQ(report_["inputs"]["rejected"], 1);
  write("corpus/immortal_safety/seeds/garbage", "");
  EXPECT_EQ(replay({(dir_ / "corpus").string()}), 1);
  EXPECT_NE(err_.find("garbage: rejected: immortal_safety input does not decode: byte "), std::string::npos) << err_;
}

TEST_F(Replay, badInputIsExitTwoWithOneLineAndNoReport) {
  const fs::path bad = write("c/bad.json", "{\"format\": \"refsim-scenario/1\", \"ops\": 3}");
  ReplayOptions options;
  options.paths = {bad.string()};
  options.report = (dir_ / "report.json").string();
  std::ostringstream out, err;
  EXPECT_EQ(replay_command(options, out, err), ExitStatus::BadInput);
  EXPECT_EQ(err.str().rfind("refsim: " + bad.string() + ": ", 0), 0u) << err.str();
  const std::string lines = err.str();
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 1);
  EXPECT_FALSE(fs::exists(dir_ / "report.json"));

  const fs::path loose = write("loose/input.bin", "abc");
  EXPECT_EQ(replay({loose.string()}), 2);
  EXPECT_NE(err_.find("cannot tell the target from the path; pass --target"), std::string::npos);
  EXPECT_EQ(replay({(dir_ / "missing").string()}), 2);
  EXPECT_NE(err_.find("missing: cannot read: "), std::string::npos);
}

TEST_F(Replay, writesTheReportAtomicallyAndTextForPeople) {
  seed(drain(Kind::None, 810000000));
  ReplayOptions options;
  options.paths = {(dir_ / "corpus").string()};
  options.report = (dir_ / "out.json").string();
  std::ostringstream out, err;
  EXPECT_EQ(replay_command(options, out, err), ExitStatus::Ok);
  EXPECT_EQ(out.str(), "");
  std::ifstream in(dir_ / "out.json");
  const Json written = Json::parse(in);
  EXPECT_EQ(written["groups"][0]["count"], 1);
  EXPECT_EQ(replay({(dir_ / "corpus").string()}, OutputFormat::Text), 0);
  EXPECT_NE(out_.find("3.14/32/release/as-shipped/none/deimmortalized  x1"), std::string::npos) << out_;
  EXPECT_NE(out_.find("result    passed"), std::string::npos) << out_;
}

TEST_F(Replay, anEmptyFolderIsExitTwo) {
  fs::create_directories(dir_ / "corpus" / "immortal_safety" / "seeds");
  seed(drain(Kind::None, 810000000), "other/immortal_safety");
  EXPECT_EQ(replay({(dir_ / "other").string(), (dir_ / "corpus").string()}), 2);
  EXPECT_EQ(err_, "refsim: " + (dir_ / "corpus").string() + ": nothing to replay (no scenarios or fuzz inputs)\n");
}

}  // namespace
}  // namespace refsim::tools
