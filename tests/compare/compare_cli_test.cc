// `refsim compare` end to end: exit statuses, bad filters, the JSON document's shape, --report, the
// one-screen summary, the filters the claims and the Markdown honour, 3.11's None start, and
// docs/FINDINGS.md being exactly what `refsim compare --format markdown` prints now.
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "io/read_file.h"
#include "tests/text_lines.h"

namespace {

namespace fs = std::filesystem;

struct Result {
  int status = -1;
  std::string out, err;
};

/// This process's own temporary directory (removed at exit).
const fs::path& scratch() {
  static const fs::path dir = [] {
    std::string pattern = (fs::temp_directory_path() / "refsim-compare-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    std::atexit([] { std::error_code ignored; fs::remove_all(scratch(), ignored); });
    return fs::path(pattern);
  }();
  return dir;
}

Result refsim(const std::string& args) {
  const fs::path& dir = scratch();
  const fs::path out = dir / ("refsim-compare-out-" + std::to_string(::getpid()));
  const fs::path err = dir / ("refsim-compare-err-" + std::to_string(::getpid()));
  const std::string command = std::string("'") + REFSIM_BINARY + "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int raw = std::system(command.c_str());
  Result r{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, refsim::read_file(out).bytes, refsim::read_file(err).bytes};
  fs::remove(out);
  fs::remove(err);
  return r;
}

TEST(CompareCli, docsFindingsIsWhatTheCommandPrintsNow) {
#ifdef REFSIM_EXTRA_ROWS
  GTEST_SKIP() << "docs/FINDINGS.md is the matrix of the real rows; this test build appends fictional ones";
#endif
  const Result r = refsim("compare --format markdown");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(refsim::read_file(fs::path(REFSIM_SOURCE_DIR) / "docs" / "FINDINGS.md").bytes, r.out)
      << "docs/FINDINGS.md is stale: regenerate it with ci/findings";
}

TEST(CompareCli, periodicResetRowsRunToTheFamilysLargestN) {
  // 3.12 32-bit, periodic reset every 2^24 steps: the first ext-3.11 decref makes None mortal, so the
  // resets leave it alone, and its tp_dealloc puts it back every 2^30 - 1 decrefs. Those rounds (an
  // odd number of steps) meet the same phase of the period only every 2^24 rounds; no reset changes
  // anything in them, so the engine jumps them at any phase, to the family's largest n (it gave up
  // about 2^40 decrefs in before, at 2^16 units of its work; the JSON then said how far it got, as
  // matrix_test's aRowTheEngineGivesUpOnIsTheLongestPrefixThatRan still checks).
  const Result r = refsim("compare --format json --runtime 3.12 --width 32 --strategy periodic-reset --threat ext311-decref");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto row = nlohmann::json::parse(r.out)["rows"].at(0);
  EXPECT_EQ(row["gave_up"], false);
  EXPECT_EQ(row["max_n"], "18446744073709551615");
  EXPECT_EQ(row["steps"], row["max_n"]);  // one decref per n
  EXPECT_EQ(row["mortal"]["n"], "1");
  EXPECT_EQ(row["dealloc"]["n"], "1073741823");
  EXPECT_EQ(row["dealloc"]["action"], "reset");
  EXPECT_TRUE(row["crash"].is_null());
  // 3.14 32-bit keeps None immortal under the same traffic: every round from reset to reset is the
  // same at the same phase, an exact cycle, jumped to the family's largest n (it gave up at about 2^40
  // before the cycles were jumped with the reset active).
  const Result kept = refsim("compare --format json --runtime 3.14 --width 32 --strategy periodic-reset --threat ext311-decref");
  ASSERT_EQ(kept.status, 0) << kept.err;
  const auto whole = nlohmann::json::parse(kept.out)["rows"].at(0);
  EXPECT_EQ(whole["gave_up"], false);
  EXPECT_EQ(whole["max_n"], "18446744073709551615");
  EXPECT_TRUE(whole["mortal"].is_null());
}

TEST(CompareCli, jsonHasOneRowPerSelectedDesignWithExactCounts) {
  const Result r = refsim("compare --format json --runtime 3.14 --width 32 --strategy as-shipped,no-reset --threat ext311-decref");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["format"], "refsim-compare/3");
  EXPECT_EQ(doc["parameters"]["row_work"], "65536");
  ASSERT_EQ(doc["rows"].size(), 2u);
  EXPECT_EQ(doc["rows"][0]["strategy"], "as-shipped");
  EXPECT_EQ(doc["rows"][0]["mortal"]["n"], "805306369");  // every count a decimal string, however small
  EXPECT_EQ(doc["rows"][0]["dealloc"]["n"], "1879048192");
  EXPECT_EQ(doc["rows"][0]["dealloc"]["action"], "reset");
  EXPECT_EQ(doc["rows"][0]["max_n"], "18446744073709551615");
  EXPECT_EQ(doc["rows"][0]["gave_up"], false);
  EXPECT_EQ(doc["rows"][0]["width"], 32);  // a width stays a number
  EXPECT_TRUE(doc["rows"][0]["crash"].is_null());
  EXPECT_EQ(doc["rows"][1]["crash"]["action"], "fatal");
  EXPECT_EQ(doc["rows"][1]["crash"]["n"], "1879048192");
  EXPECT_EQ(doc["filters"], "--runtime 3.14 --width 32 --strategy as-shipped,no-reset --threat ext311-decref");
  EXPECT_TRUE(doc["claims"].empty());  // refcount.h's claims are about 3.14 64-bit
  // The claims honour the filters: only 3.14 rows' claims that the threat filter admits.
  const auto claims = nlohmann::json::parse(refsim("compare --format json --runtime 3.14 --threat ext311-decref").out)["claims"];
  ASSERT_EQ(claims.size(), 1u);
  for (const auto& claim : claims) {
    EXPECT_EQ(claim["version"], "3.14") << claim["quote"];
    EXPECT_EQ(claim["threat"], "ext311-decref") << claim["quote"];
  }
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
  const fs::path report = scratch() / "report.json";
  const Result r = refsim("compare --width 8 --threat ext311-incref --report '" + report.string() + "'");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  const auto doc = nlohmann::json::parse(refsim::read_file(report).bytes);
  EXPECT_FALSE(doc["rows"].empty());
  fs::remove(report);
  const Result bad = refsim("compare --width 8 --report /nonexistent-dir/x.json");
  EXPECT_EQ(bad.status, 2);
}

}  // namespace

namespace {

using refsim::lines_of;

std::size_t columns(const std::string& line) {  // UTF-8 code points (the µ)
  return static_cast<std::size_t>(std::count_if(line.begin(), line.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

TEST(CompareCli, theDefaultOutputIsOneScreenWithTheHeadlineFirst) {
  const Result r = refsim("compare");
  ASSERT_EQ(r.status, 0) << r.err;
  const std::vector<std::string> lines = lines_of(r.out);
  EXPECT_LE(lines.size(), 60u) << r.out;
  EXPECT_GE(lines.size(), 20u) << r.out;
  for (const std::string& line : lines) EXPECT_LE(columns(line), 120u) << line;
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0].rfind("Headline: as shipped, unpaired ext-3.11 decrefs on none crash the process on 3.11 after 5,470", 0), 0u)
      << lines[0];
  // One row per runtime and width under the shipped strategy, then the strategies that change it.
  EXPECT_NE(r.out.find("  3.14       64     1,073,741,825 (1.07 s)"), std::string::npos) << r.out;
  // Widths whose outcomes differ only in their counts share the words; the same outcome is said once.
  EXPECT_NE(r.out.find("3.12, 3.13 no-reset: crashes after 4,294,967,295 (64-bit), 1,073,741,823 (32-bit)\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("periodic-reset: stays immortal (64, 32-bit)\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("3.12, 3.13 periodic-reset: stays immortal (64-bit); tp_dealloc after 1,073,741,823 (reset) (32-bit)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("refsim compare --detail"), std::string::npos);
  EXPECT_NE(r.out.find("--format json | markdown | html"), std::string::npos);
  EXPECT_EQ(r.out.find("immortal again"), std::string::npos);  // the tables are behind --detail
  // Where 3.11's 5,470 comes from, said once, and only when a 3.11 row is shown.
  EXPECT_NE(r.out.find("3.11's None starts at 5,470, None's refcount when a real 3.11.7 script starts"), std::string::npos)
      << r.out;
  EXPECT_EQ(refsim("compare --runtime 3.12").out.find("3.11's None starts at"), std::string::npos);
}

TEST(CompareCli, detailHasEveryTableAndTheVerdictRule) {
  const Result r = refsim("compare --detail --runtime 3.14 --width 32");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("(filtered: --runtime 3.14 --width 32)"), std::string::npos);
  EXPECT_NE(r.out.find("ext314-incref, none, release build"), std::string::npos);
  EXPECT_NE(r.out.find("One rule for every claim with a figure"), std::string::npos);
}

TEST(CompareCli, filteredMarkdownSaysItIsFilteredAndDropsImmortalAgainWhereNothingWasImmortal) {
  const Result r = refsim("compare --format markdown --runtime 3.11 --threat ext311-decref");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("**Filtered:** `refsim compare --runtime 3.11 --threat ext311-decref`"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Generated by `ci/findings`"), std::string::npos);
  EXPECT_EQ(r.out.find("immortal again"), std::string::npos) << r.out;  // 3.11's None is never immortal
  EXPECT_NE(r.out.find("| runtime and strategy | mortal | tp_dealloc | crash | signed overflow | at the end |"), std::string::npos);
  EXPECT_NE(r.out.find("No claim is measured by a row of this selection."), std::string::npos);
  const Result both = refsim("compare --format markdown --runtime 3.11,3.14 --threat ext311-decref");
  EXPECT_NE(both.out.find("| immortal again |"), std::string::npos);
}

/// The first value of `key` in a depth-first walk of `j`.
nlohmann::json first_of(const nlohmann::json& j, const std::string& key) {
  if (j.is_object() && j.contains(key)) return j[key];
  if (j.is_structured())
    for (const auto& child : j)
      if (nlohmann::json found = first_of(child, key); !found.is_null()) return found;
  return nullptr;
}

TEST(CompareCli, aScenarioCanStart311sNoneAtItsMeasuredRefcount) {
  const fs::path file = scratch() / "none-311.json";
  std::ofstream(file) << R"({"format": "refsim-scenario/1", "name": "none-311",
    "runtime": {"version": "3.11", "width": 64, "debug": false, "strategy": "as-shipped"},
    "objects": [{"id": "none", "kind": "none", "word": 5470, "refs": 5470}],
    "ops": [{"op": "decref", "obj": "none", "by": "ext-3.11", "count": 6000}]})";
  const Result r = refsim("run '" + file.string() + "'");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto report = nlohmann::json::parse(r.out);
  const nlohmann::json stopped = first_of(report, "stopped");  // whatever the report's envelope
  ASSERT_TRUE(stopped.is_object()) << r.out;
  EXPECT_EQ(stopped["step"].is_string() ? stopped["step"].get<std::string>() : std::to_string(stopped["step"].get<std::uint64_t>()),
            "5470");
  // compare's 3.11 rows start there too: the fatal tp_dealloc comes at the 5,470th decref, not the first.
  const auto doc = nlohmann::json::parse(refsim("compare --format json --runtime 3.11 --threat ext311-decref").out);
  for (const auto& row : doc["rows"]) EXPECT_EQ(row["crash"]["n"], "5470") << row;
}

}  // namespace
