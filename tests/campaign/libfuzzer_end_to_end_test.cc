// refsim campaign with the real libFuzzer binary (built only with REFSIM_BUILD_FUZZERS): a 5-second
// campaign with a fixed seed on a temporary copy of the seeds, its report, and a clean replay of
// the corpus it filed into. About 10 s (the campaign, minimization, the replay).
#include <stdlib.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

std::string quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

int refsim(const std::vector<std::string>& args, const fs::path& log) {
  std::string command = quote(REFSIM_BINARY);
  for (const std::string& arg : args) command += " " + quote(arg);
  command += " >" + quote(log.string()) + " 2>&1";
  const int raw = std::system(command.c_str());
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(LibFuzzerCampaign, fiveSecondsWithAFixedSeedReportsAndFilesWhatReplayAccepts) {
  std::string pattern = (fs::temp_directory_path() / "refsim-e2e-XXXXXX").string();
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
  const fs::path dir = pattern;
  fs::create_directories(dir / "corpus/immortal_safety");
  fs::copy(fs::path(REFSIM_SOURCE_DIR) / "corpus/immortal_safety/seeds", dir / "corpus/immortal_safety/seeds",
           fs::copy_options::recursive);

  // The default fuzzer path: fuzz/immortal_safety beside the refsim binary.
  const int status = refsim({"campaign", "--target", "immortal_safety", "--time", "5", "--seed", "1", "--corpus",
                             (dir / "corpus").string(), "--out", (dir / "out").string(), "--report",
                             (dir / "report.json").string(), "--minimize-time", "5"},
                            dir / "campaign.log");
  ASSERT_TRUE(status == 0 || status == 1) << slurp(dir / "campaign.log");
  std::ifstream in(dir / "report.json");
  const Json report = Json::parse(in);
  EXPECT_EQ(report["format"], "refsim-campaign/1");
  EXPECT_EQ(report["seed"], 1);
  EXPECT_EQ(report["completed"], true);
  EXPECT_GT(report["executions"].get<std::uint64_t>(), 0u) << slurp(dir / "campaign.log");
  EXPECT_GT(report["coverage"]["cov"].get<std::uint64_t>(), 0u);
  EXPECT_LT(report["time"]["used"].get<double>(), 5.0 + 6.0);  // refsim's deadline, not fork mode's
  EXPECT_EQ(status == 1, report["new_findings"].get<int>() > 0);
  for (const Json& f : report["findings"]) {
    EXPECT_FALSE(f["is_bug"].get<bool>()) << f.dump();
    if (f["new"].get<bool>()) EXPECT_TRUE(fs::exists(f["regression_file"].get<std::string>())) << f.dump();
  }
  EXPECT_EQ(refsim({"replay", (dir / "corpus").string()}, dir / "replay.log"), 0) << slurp(dir / "replay.log");
  fs::remove_all(dir);
}

}  // namespace
