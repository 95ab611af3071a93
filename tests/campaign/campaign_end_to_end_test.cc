// refsim campaign end to end through the refsim binary, run from a temporary folder outside the
// source tree: the issue's false claim is broken by a one-operation counterexample (exit 1),
// recorded with --file, and known on the next run (exit 0), and so is a false free-threaded claim;
// bad paths end the command before
// fuzzing (exit 2); the built-in catalog with the source tree's recorded counterexamples exits 0
// within a screen, every claim's verdict on it; --sarif and --junit write a result per counterexample and a case per claim;
// with the libFuzzer target (REFSIM_CLAIMS_FUZZER, fuzz builds only) the same
// false claim is found and its artifacts carry libFuzzer's names, and (with a stand-in fuzzer in
// every build) its command has the claims dictionary. About 30 s.
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "io/read_file.h"

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

std::string quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

class Campaign : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "refsim-e2e-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  /// Runs refsim in the temporary folder; stdout and stderr together go to `log`.
  int refsim(const std::vector<std::string>& args) {
    std::string command = "cd " + quote(dir_.string()) + " && " + quote(REFSIM_BINARY);
    for (const std::string& arg : args) command += " " + quote(arg);
    command += " >" + quote((dir_ / "log").string()) + " 2>&1";
    const int raw = std::system(command.c_str());
    return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  }
  std::string log() const {
    std::ifstream in(dir_ / "log");
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  Json report(const fs::path& path) const {
    std::ifstream in(path);
    return Json::parse(in);
  }
  void write(const fs::path& name, const std::string& text) const { std::ofstream(dir_ / name) << text; }
  /// A command's arguments: the common ones, then EXTRA.
  static std::vector<std::string> joined(std::vector<std::string> common, const std::vector<std::string>& extra) {
    common.insert(common.end(), extra.begin(), extra.end());
    return common;
  }

  fs::path dir_;
};

constexpr const char* kFalseClaim = R"({"format": "refsim-claims/1", "claims": [{
  "id": "none-survives-2pow31-decrefs",
  "statement": "3.12 64-bit None stays immortal under 2^31 ext-3.11 decrefs",
  "scope": {"versions": ["3.12"], "widths": [64], "builds": ["release"], "origins": ["ext-3.11"],
            "kinds": ["none"], "ops": ["decref"], "max_steps": "2147483648"},
  "invariant": "stays-immortal"}]})";

TEST_F(Campaign, aFalseClaimGetsAOneOperationCounterexampleThenIsKnownOnceRecorded) {
  write("false.json", kFalseClaim);
  auto with = [](std::vector<std::string> extra) {
    return joined({"campaign", "--claims", "false.json", "--time", "4", "--seed", "3", "--known", "known",
                   "--minimize-time", "5"},
                  extra);
  };
  // Without --file nothing is written to the known folder.
  ASSERT_EQ(refsim(with({"--out", "out1", "--sarif", "campaign.sarif", "--junit", "campaign.xml"})), 1) << log();
  EXPECT_FALSE(fs::exists(dir_ / "known"));
  // SARIF: one result for the one counterexample, an error since it is new, located at its own
  // file (relative to the folder refsim ran in); JUnit: one failed case.
  const Json sarif = report(dir_ / "campaign.sarif");
  ASSERT_EQ(sarif["runs"][0]["results"].size(), 1u);
  EXPECT_EQ(sarif["runs"][0]["results"][0]["ruleId"], "none-survives-2pow31-decrefs");
  EXPECT_EQ(sarif["runs"][0]["results"][0]["level"], "error");
  EXPECT_EQ(sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "out1/counterexamples/none-survives-2pow31-decrefs/stays-immortal-3.12-3.13-64.json");
  EXPECT_EQ(sarif["runs"][0]["artifacts"][0]["location"]["uri"],
            "out1/counterexamples/none-survives-2pow31-decrefs/stays-immortal-3.12-3.13-64.json");
  std::ifstream xml_in(dir_ / "campaign.xml");
  const std::string xml((std::istreambuf_iterator<char>(xml_in)), std::istreambuf_iterator<char>());
  EXPECT_NE(xml.find("tests=\"1\" failures=\"1\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("name=\"none-survives-2pow31-decrefs\""), std::string::npos) << xml;
  Json r = report(dir_ / "out1" / "report.json");
  EXPECT_EQ(r["format"], "refsim-campaign/4");
  EXPECT_EQ(r["claims"][0]["work_limit"], "512");  // the default max_ops, 8, at 16 units each, is under the floor
  const Json& claim = r["claims"][0];
  EXPECT_EQ(claim["verdict"], "violated");
  ASSERT_EQ(claim["counterexamples"].size(), 1u) << r.dump(2);
  const Json& c = claim["counterexamples"][0];
  EXPECT_EQ(c["status"], "new");
  EXPECT_EQ(c["counterexample"], "3.12/64/release/as-shipped: decref none by ext-3.11 x2147483648");
  EXPECT_EQ(c["scenario"]["ops"].size(), 1u);
  // The printed reproducer works: refsim run exits 0 (its expect block names the event).
  const std::string reproduce = c["reproduce"].get<std::string>();
  ASSERT_EQ(reproduce.rfind("refsim run ", 0), 0u);
  EXPECT_EQ(refsim({"run", reproduce.substr(11)}), 0) << log();
  // Artifacts are named as libFuzzer names them.
  int artifacts = 0;
  for (const auto& entry : fs::directory_iterator(dir_ / "out1" / "artifacts")) {
    EXPECT_EQ(entry.path().filename().string().rfind("crash-", 0), 0u) << entry.path();
    ++artifacts;
  }
  EXPECT_EQ(artifacts, 1);

  // The same seed and output folder again (the printed "to repeat" command): the run writes the
  // same artifact names, and they are its findings too (not an earlier run's, to be passed over).
  ASSERT_EQ(refsim(with({"--out", "out1", "--file"})), 1) << log();
  EXPECT_TRUE(fs::exists(dir_ / "known" / "none-survives-2pow31-decrefs" / "stays-immortal-3.12-3.13-64.json"));
  ASSERT_EQ(refsim(with({"--out", "out2"})), 0) << log();
  r = report(dir_ / "out2" / "report.json");
  EXPECT_EQ(r["claims"][0]["counterexamples"][0]["status"], "known");
  EXPECT_GT(std::stoull(r["claims"][0]["executions"].get<std::string>()), 0u);
}

/// A false free-threaded claim (refsim-claims/2): the owner's increments reach UINT32_MAX.
constexpr const char* kFalseFtClaim = R"({"format": "refsim-claims/2", "claims": [{
  "id": "ft-owner-increfs",
  "statement": "on 3.14t a heap object's owner thread can take any number of references without making it immortal",
  "scope": {"versions": ["3.14t"], "widths": [64], "builds": ["release"], "threads": ["owner", "other"],
            "kinds": ["heap"], "ops": ["incref", "decref", "merge"]},
  "invariant": "stays-mortal"}]})";

TEST_F(Campaign, aFalseFreeThreadedClaimGetsTheOneOwnerIncrefThenIsKnownOnceRecorded) {
  write("ft-false.json", kFalseFtClaim);
  auto with = [](std::vector<std::string> extra) {
    return joined({"campaign", "--claims", "ft-false.json", "--time", "3", "--seed", "2", "--known", "known",
                   "--minimize-time", "5"},
                  extra);
  };
  ASSERT_EQ(refsim(with({"--out", "out1"})), 1) << log();
  Json r = report(dir_ / "out1" / "report.json");
  const Json& c = r["claims"][0]["counterexamples"][0];
  EXPECT_EQ(c["status"], "new");
  EXPECT_EQ(c["signature"], "ft-owner-increfs/stays-mortal/3.14t-3.15t/64");
  EXPECT_EQ(c["counterexample"], "3.14t/64/release: incref heap by main (owner) x4294967294") << r.dump(2);
  EXPECT_EQ(c["scenario"]["format"], "refsim-scenario/2");
  EXPECT_EQ(c["scenario"]["threads"].size(), 1u);  // the other thread is not needed
  const std::string reproduce = c["reproduce"].get<std::string>();
  ASSERT_EQ(reproduce.rfind("refsim run ", 0), 0u);
  EXPECT_EQ(refsim({"run", reproduce.substr(11)}), 0) << log();
  // Again into out1, as above.
  ASSERT_EQ(refsim(with({"--out", "out1", "--file"})), 1) << log();
  EXPECT_TRUE(fs::exists(dir_ / "known" / "ft-owner-increfs" / "stays-mortal-3.14t-3.15t-64.json"));
  ASSERT_EQ(refsim(with({"--out", "out2"})), 0) << log();
  r = report(dir_ / "out2" / "report.json");
  EXPECT_EQ(r["claims"][0]["counterexamples"][0]["status"], "known");
}

TEST_F(Campaign, badPathsAndFlagsEndTheCommandBeforeFuzzing) {
  write("false.json", kFalseClaim);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(refsim({"campaign", "--claims", "false.json", "--time", "30", "--out", "o", "--report", "no/such/r.json"}), 2);
  EXPECT_NE(log().find("refsim: "), std::string::npos) << log();
  EXPECT_EQ(refsim({"campaign", "--claims", "missing.json", "--time", "30", "--out", "o"}), 2);
  EXPECT_NE(log().find("missing.json"), std::string::npos) << log();
  write("bad.json", R"({"format": "refsim-claims/1", "claims": [{"id": "a", "statement": "s", "invariant": "x"}]})");
  EXPECT_EQ(refsim({"campaign", "--claims", "bad.json", "--time", "30", "--out", "o"}), 2);
  EXPECT_NE(log().find("claims[0].invariant: unknown invariant \"x\""), std::string::npos) << log();
  // A known folder that cannot be created (under a file): found before fuzzing, not after.
  EXPECT_EQ(refsim({"campaign", "--claims", "false.json", "--time", "30", "--out", "o", "--file", "--known",
                    "false.json/known"}),
            2);
  EXPECT_NE(log().find("false.json/known"), std::string::npos) << log();
  EXPECT_EQ(refsim({"campaign", "--claims", "false.json", "--time", "30", "--out", "o", "--jobs", "2"}), 2);
  EXPECT_EQ(refsim({"campaign", "--claims", "false.json", "--time", "30", "--out", "o", "--sarif", "no/such/x.sarif"}), 2);
  EXPECT_EQ(refsim({"campaign", "--claims", "false.json", "--time", "30", "--out", "o", "--junit", "."}), 2);
  EXPECT_EQ(refsim({"campaign", "--claims", "false.json", "--time", "30", "--out", "o", "--", "notaflag"}), 2);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20));  // none fuzzed for 30 s
}

TEST_F(Campaign, theCatalogWithTheRecordedCounterexamplesExitsZeroWithinAScreen) {
  // The default known folder is the source tree's corpus/claims, found from the executable.
  const int status = refsim({"campaign", "--time", "8", "--seed", "5", "--out", "out", "--minimize-time", "5"});
  EXPECT_EQ(status, 0) << log();
  std::istringstream lines(log());
  int n = 0;
  for (std::string line; std::getline(lines, line);) {
    ++n;
    if (line.rfind("campaign: to repeat: ", 0) != 0) EXPECT_LE(line.size(), 120u) << line;  // a command is whole
  }
  EXPECT_LE(n, 60) << log();
  const Json r = report(dir_ / "out" / "report.json");
  for (const Json& claim : r["claims"]) {  // every claim's verdict is on the screen
    const std::string id = claim["id"];
    const std::string verdict = claim["verdict"] == "held" ? "  held      " + id + ": " : "  violated  " + id + ": ";
    EXPECT_NE(log().find(verdict), std::string::npos) << verdict << "\n" << log();
  }
  EXPECT_EQ(r["summary"]["new_counterexamples"], 0);
  EXPECT_NE(r["repeat"].get<std::string>().find("--seed 5"), std::string::npos);
}

TEST_F(Campaign, theLibFuzzerEngineGetsTheClaimsDictionaryOfTheSourceFolder) {
  // A stand-in for the fuzzer that ends at once: the command refsim ran is in the report.
  write("false.json", kFalseClaim);
  write("fake-fuzzer", "#!/bin/sh\nexit 0\n");
  fs::permissions(dir_ / "fake-fuzzer", fs::perms::owner_all);
  ASSERT_EQ(refsim({"campaign", "--engine", "libfuzzer", "--fuzzer", "./fake-fuzzer", "--claims", "false.json",
                    "--time", "1", "--seed", "1", "--out", "out", "--known", "known"}),
            0)
      << log();
  const Json r = report(dir_ / "out" / "report.json");
  bool dict = false;
  for (const Json& arg : r["run"]["command"]) {
    const std::string a = arg;
    dict = dict || (a.rfind("-dict=", 0) == 0 && a.size() > 27 && a.substr(a.size() - 21) == "fuzz/dict/claims.dict" &&
                    fs::is_regular_file(a.substr(6)));
  }
  EXPECT_TRUE(dict) << r["run"]["command"].dump();
}

#ifdef REFSIM_CLAIMS_FUZZER
TEST_F(Campaign, theLibFuzzerEngineFindsTheFalseClaimAndTakesFlagsAfterTheDashes) {
  write("false.json", kFalseClaim);
  ASSERT_EQ(refsim({"campaign", "--engine", "libfuzzer", "--fuzzer", REFSIM_CLAIMS_FUZZER, "--claims", "false.json",
                    "--time", "5", "--seed", "4", "--out", "out", "--known", "known", "--minimize-time", "5", "--",
                    "-max_len=64", "-use_value_profile=1"}),
            1)
      << log();
  const Json r = report(dir_ / "out" / "report.json");
  EXPECT_EQ(r["engine"], "libfuzzer");
  EXPECT_GT(std::stoull(r["claims"][0]["executions"].get<std::string>()), 0u);  // the target's stats
  const std::vector<std::string> command = r["run"]["command"];
  EXPECT_EQ(command[command.size() - 3], "-max_len=64");  // after refsim's flags, before the corpus
  EXPECT_EQ(r["claims"][0]["counterexamples"][0]["counterexample"],
            "3.12/64/release/as-shipped: decref none by ext-3.11 x2147483648");
  bool crash = false;
  for (const auto& entry : fs::directory_iterator(dir_ / "out" / "artifacts"))
    crash = crash || entry.path().filename().string().rfind("crash-", 0) == 0;
  EXPECT_TRUE(crash);
}
#endif

}  // namespace
