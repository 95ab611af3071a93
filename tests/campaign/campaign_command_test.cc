// refsim campaign in-process with a stand-in for libFuzzer (a shell script that prints libFuzzer's
// fork-mode lines, writes one crash artifact and then hangs): the deadline, Ctrl-C, triage, filing,
// new versus known findings, the report and the exit statuses, in a few seconds and without clang.
#include <stdlib.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fuzz/codec.h"
#include "fuzz/regression.h"
#include "tools/campaign_command.h"
#include "tools/replay_command.h"

namespace refsim::tools {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

/// A 3.14 32-bit None drained by 10^9 ext-3.11 decrefs after some noise: deimmortalized.
std::vector<std::uint8_t> crash_input() {
  Scenario s;
  s.runtime.version = Version::V3_14;
  s.runtime.width = Width{32};
  s.objects = {{"h", Kind::Heap, std::nullopt, 1}, {"none", Kind::None, std::nullopt, 1}};
  Op noise;
  noise.obj = 0;
  noise.count = 4;
  Op drain;
  drain.code = OpCode::Decref;
  drain.obj = 1;
  drain.by = Origin::Ext311;
  drain.count = 1000000000;
  s.ops = {noise, drain};
  return *fuzz::encode(fuzz::Target::ImmortalSafety, s);
}

class Campaign : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "refsim-campaign-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    const auto bytes = crash_input();
    std::ofstream(dir_ / "input", std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    fs::create_directories(dir_ / "corpus/immortal_safety/seeds");
  }
  void TearDown() override { fs::remove_all(dir_); }

  /// Writes the stand-in fuzzer: `body` runs after the argument loop has set $prefix.
  fs::path fuzzer(const std::string& body) {
    const fs::path path = dir_ / "fake-fuzzer";
    std::ofstream(path) << "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in -artifact_prefix=*) prefix=\"${a#-artifact_prefix=}\";; "
                           "esac; done\necho \"$@\" > " << (dir_ / "args").string() << "\n" << body;
    ::chmod(path.c_str(), 0755);
    return path;
  }
  fs::path finds_then_hangs() {
    return fuzzer("echo 'INFO: Seed: 3'\n"
                  "echo '#1000: cov: 10 ft: 20 corp: 3 exec/s 0 oom/timeout/crash: 0/0/0 time: 1s job: 1 dft_time: 0'\n"
                  "cp " + (dir_ / "input").string() + " \"${prefix}crash-0001\"\n"
                  "echo '#2000: cov: 12 ft: 25 corp: 4 exec/s 0 oom/timeout/crash: 0/0/1 time: 2s job: 2 dft_time: 0'\n"
                  "exec sleep 30\n");
  }

  CampaignOptions make_options(const fs::path& fuzzer_path, std::chrono::seconds time) {
    CampaignOptions o;
    o.target = fuzz::Target::ImmortalSafety;
    o.time = time;
    o.seed = 5;
    o.corpus = dir_ / "corpus";
    o.out = dir_ / "out";
    o.fuzzer = fuzzer_path;
    o.minimize_time = std::chrono::seconds(5);
    return o;
  }

  int run_campaign(const CampaignOptions& o) {
    std::ostringstream out, err;
    const int status = static_cast<int>(campaign_command(o, out, err));
    out_ = out.str();
    err_ = err.str();
    std::ifstream in(o.report ? *o.report : o.out / "report.json");
    report_ = in ? Json::parse(in) : Json();
    return status;
  }

  fs::path dir_;
  std::string out_, err_;
  Json report_;
};

TEST_F(Campaign, stopsAtTheDeadlineFilesTheNewFindingAndReportsIt) {
  const auto begin = std::chrono::steady_clock::now();
  EXPECT_EQ(run_campaign(make_options(finds_then_hangs(), std::chrono::seconds(1))), 1) << err_;
  EXPECT_LT(std::chrono::steady_clock::now() - begin, std::chrono::seconds(15));
  EXPECT_EQ(err_.rfind("campaign: immortal_safety, seed 5, 1 s, 1 job; to repeat: refsim campaign --target "
                       "immortal_safety --time 1 --jobs 1 --seed 5\n", 0), 0u) << err_;
  std::ifstream args(dir_ / "args");
  std::string line;
  std::getline(args, line);
  EXPECT_NE(line.find("-seed=5 -max_total_time=1 -fork=1 -ignore_crashes=1"), std::string::npos) << line;
  EXPECT_NE(line.find((dir_ / "out/corpus").string() + " " + (dir_ / "corpus/immortal_safety/seeds").string()),
            std::string::npos) << line;

  EXPECT_EQ(report_["format"], "refsim-campaign/1");
  EXPECT_EQ(report_["seed"], 5);
  EXPECT_EQ(report_["completed"], true);
  EXPECT_EQ(report_["interrupted"], false);
  EXPECT_EQ(report_["executions"], 2000);
  EXPECT_EQ(report_["coverage"]["cov"], 12);
  EXPECT_EQ(report_["coverage"]["ft"], 25);
  EXPECT_EQ(report_["libfuzzer"]["crashes"], 1);
  EXPECT_GE(report_["time"]["used"].get<double>(), 1.0);
  EXPECT_EQ(report_["artifacts"]["total"], 1);
  EXPECT_EQ(report_["new_findings"], 1);
  const Json& f = report_["findings"][0];
  EXPECT_EQ(f["signature"], "3.14/32/release/as-shipped/none/deimmortalized");
  EXPECT_EQ(f["new"], true);
  EXPECT_EQ(f["minimized"]["ops"], 1);
  EXPECT_EQ(f["minimized"]["step"], 805306369);
  const fs::path filed = f["regression_file"].get<std::string>();
  EXPECT_EQ(filed.parent_path(), dir_ / "corpus/immortal_safety/regression");
  EXPECT_TRUE(fs::exists(filed.string() + ".expected"));
  EXPECT_TRUE(fs::exists(dir_ / "out/artifacts/crash-0001"));  // artifacts are kept
  EXPECT_FALSE(fs::exists(dir_ / "out/tmp"));

  // The corpus with the filed finding replays clean.
  ReplayOptions replay;
  replay.paths = {(dir_ / "corpus").string()};
  std::ostringstream out, err;
  EXPECT_EQ(replay_command(replay, out, err), ExitStatus::Ok) << err.str();

  // Found again by a second campaign: known now, nothing filed, exit 0.
  fs::remove_all(dir_ / "out");
  EXPECT_EQ(run_campaign(make_options(finds_then_hangs(), std::chrono::seconds(1))), 0) << err_;
  EXPECT_EQ(report_["new_findings"], 0);
  EXPECT_EQ(report_["findings"][0]["new"], false);
  EXPECT_EQ(report_["findings"][0]["regression_file"], nullptr);
}

TEST_F(Campaign, theTargetWritesFindingsWithoutAbortingAndIsToldTheKnownSignatures) {
  // The stand-in plays a target in campaign mode: it copies its finding into
  // $REFSIM_FUZZ_FINDINGS_DIR as finding-<name> and echoes the skip file it was given.
  const std::string body = "echo \"$REFSIM_FUZZ_FINDINGS_DIR\" > " + (dir_ / "findings-dir").string() +
                           "\ncp \"$REFSIM_FUZZ_SKIP_FILE\" " + (dir_ / "skip-seen").string() +
                           "\ncp " + (dir_ / "input").string() + " \"$REFSIM_FUZZ_FINDINGS_DIR/finding-0001\"\n"
                           "echo '#500: cov: 9 ft: 9 corp: 1 exec/s 0 oom/timeout/crash: 0/0/0 time: 1s job: 1 dft_time: 0'\n"
                           "exec sleep 30\n";
  EXPECT_EQ(run_campaign(make_options(fuzzer(body), std::chrono::seconds(1))), 1) << err_;
  std::string line;
  std::getline(std::ifstream(dir_ / "findings-dir"), line);
  EXPECT_EQ(fs::path(line), dir_ / "out/artifacts");
  EXPECT_EQ(report_["libfuzzer"]["crashes"], 0);
  EXPECT_EQ(report_["new_findings"], 1);
  EXPECT_EQ(report_["findings"][0]["signature"], "3.14/32/release/as-shipped/none/deimmortalized");
  std::ifstream first_skip(dir_ / "skip-seen");
  EXPECT_TRUE(first_skip.good());
  EXPECT_FALSE(std::getline(first_skip, line));  // nothing was known yet

  // The second campaign passes the filed signature in the skip file.
  fs::remove_all(dir_ / "out");
  EXPECT_EQ(run_campaign(make_options(fuzzer(body), std::chrono::seconds(1))), 0) << err_;
  std::ifstream second_skip(dir_ / "skip-seen");
  ASSERT_TRUE(std::getline(second_skip, line));
  EXPECT_EQ(line, "3.14/32/release/as-shipped/none/deimmortalized");
}

TEST_F(Campaign, ctrlCStopsEarlyAndStillTriagesAndReports) {
  volatile std::sig_atomic_t signals = 0;
  CampaignOptions o = make_options(finds_then_hangs(), std::chrono::seconds(60));
  o.signals = &signals;
  o.file_findings = false;
  o.report = dir_ / "r.json";
  std::thread ctrl_c([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    signals = 1;
  });
  const auto begin = std::chrono::steady_clock::now();
  const int status = run_campaign(o);
  ctrl_c.join();
  EXPECT_EQ(status, 1) << err_;
  EXPECT_LT(std::chrono::steady_clock::now() - begin, std::chrono::seconds(20));
  EXPECT_EQ(report_["completed"], false);
  EXPECT_EQ(report_["interrupted"], true);
  EXPECT_EQ(report_["findings"][0]["new"], true);
  EXPECT_EQ(report_["findings"][0]["regression_file"], nullptr);
  EXPECT_FALSE(fs::exists(dir_ / "corpus/immortal_safety/regression"));  // --no-file
  EXPECT_NE(out_.find("interrupted after"), std::string::npos) << out_;
}

TEST_F(Campaign, aFuzzerThatFailsByItselfIsExitTwoWithItsLastLines) {
  EXPECT_EQ(run_campaign(make_options(fuzzer("echo 'INFO: Seed: 3'\necho 'ERROR: unknown flag -bogus' >&2\nexit 1\n"),
                             std::chrono::seconds(10))),
            2);
  EXPECT_NE(err_.find("refsim: the fuzzer stopped on its own with exit status 1; its last lines:\n"), std::string::npos) << err_;
  EXPECT_NE(err_.find("  ERROR: unknown flag -bogus\n"), std::string::npos) << err_;
  EXPECT_EQ(report_["completed"], false);
  EXPECT_EQ(report_["error"], "the fuzzer stopped on its own with exit status 1");
}

TEST_F(Campaign, aMissingFuzzerIsExitTwoWithTheBuildCommand) {
  EXPECT_EQ(run_campaign(make_options(dir_ / "build/fuzz/fuzz/immortal_safety", std::chrono::seconds(1))), 2);
  EXPECT_EQ(err_, "refsim: no fuzzer binary at " + (dir_ / "build/fuzz/fuzz/immortal_safety").string() +
                      "; build it with: cmake --preset fuzz && cmake --build --preset fuzz --target refsim "
                      "immortal_safety (then run build/fuzz/refsim), or pass --fuzzer PATH\n");
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

}  // namespace
}  // namespace refsim::tools
