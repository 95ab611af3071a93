// `refsim compare` end to end: exit statuses, bad filters, the JSON document's shape, --report, and
// docs/FINDINGS.md being exactly what `refsim compare --format markdown` prints now.
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Result {
  int status = -1;
  std::string out, err;
};

Result refsim(const std::string& args) {
  const fs::path dir = fs::temp_directory_path();
  const fs::path out = dir / ("refsim-compare-out-" + std::to_string(::getpid()));
  const fs::path err = dir / ("refsim-compare-err-" + std::to_string(::getpid()));
  const std::string command = std::string("'") + REFSIM_BINARY + "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int raw = std::system(command.c_str());
  Result r{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(out), slurp(err)};
  fs::remove(out);
  fs::remove(err);
  return r;
}

TEST(CompareCli, docsFindingsIsWhatTheCommandPrintsNow) {
  const Result r = refsim("compare --format markdown");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(slurp(fs::path(REFSIM_SOURCE_DIR) / "docs" / "FINDINGS.md"), r.out)
      << "docs/FINDINGS.md is stale: regenerate it with ci/findings";
}

TEST(CompareCli, jsonHasOneRowPerSelectedDesignWithExactCounts) {
  const Result r = refsim("compare --format json --runtime 3.14 --width 32 --strategy as-shipped,no-reset --threat ext311-decref");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["format"], "refsim-compare/1");
  ASSERT_EQ(doc["rows"].size(), 2u);
  EXPECT_EQ(doc["rows"][0]["strategy"], "as-shipped");
  EXPECT_EQ(doc["rows"][0]["mortal"]["n"], 805306369u);
  EXPECT_EQ(doc["rows"][0]["dealloc"]["n"], 1879048192u);
  EXPECT_EQ(doc["rows"][0]["dealloc"]["action"], "reset");
  EXPECT_TRUE(doc["rows"][0]["crash"].is_null());
  EXPECT_EQ(doc["rows"][1]["crash"]["action"], "fatal");
  EXPECT_EQ(doc["rows"][1]["crash"]["n"], 1879048192u);
  EXPECT_FALSE(doc["claims"].empty());
  EXPECT_EQ(doc["strategy_costs"].size(), 7u);
}

TEST(CompareCli, unknownNamesAreBadInput) {
  for (const std::string args : {"compare --runtime 3.10", "compare --width 24", "compare --threat nope",
                                 "compare --kind dragon", "compare --strategy x", "compare --rate 0",
                                 "compare --rate 18446744073709551615", "compare --rate -1",
                                 "compare --debug maybe", "compare --format yaml"}) {
    const Result r = refsim(args);
    EXPECT_EQ(r.status, 2) << args;
    EXPECT_EQ(r.err.rfind("refsim: ", 0), 0u) << args << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << args;
    EXPECT_TRUE(r.out.empty()) << args;
  }
}

TEST(CompareCli, reportIsWrittenWhole) {
  const fs::path report = fs::temp_directory_path() / ("refsim-compare-report-" + std::to_string(::getpid()) + ".json");
  const Result r = refsim("compare --width 8 --threat ext311-incref --report '" + report.string() + "'");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  const auto doc = nlohmann::json::parse(slurp(report));
  EXPECT_FALSE(doc["rows"].empty());
  fs::remove(report);
  const Result bad = refsim("compare --width 8 --report /nonexistent-dir/x.json");
  EXPECT_EQ(bad.status, 2);
}

}  // namespace
