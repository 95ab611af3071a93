// CLI tests: the built `refsim` binary end to end. Golden reports, bad input (exit 2, one
// `refsim: ` line naming the JSON path, no report written), expect failures, text, --help/--version.
#include "tests/cli_support.h"

#include "io/report_json.h"
#include "io/scenario_json.h"
#include "io/sha256.h"

namespace refsim {
namespace {

using namespace cli_test;

const char* const kGoldenNames[] = {"none-drain-3.14-32", "heap-use-after-free-3.12-64", "periodic-none-3.14-64"};

/// A run document with each entry's `scenario.file` cut to its file name (the golden files were
/// made in tests/golden).
Json with_file_names(Json document) {
  for (Json& report : document["reports"])
    report["scenario"]["file"] = fs::path(report["scenario"]["file"].get<std::string>()).filename().string();
  return document;
}

TEST_F(Cli, reportsMatchTheGoldenFiles) {
  for (const char* name : kGoldenNames) {
    SCOPED_TRACE(name);
    const std::string scenario = kGolden + "/" + name + ".json";
    const Json golden = Json::parse(slurp(kGolden + "/" + name + ".report.json"));
    ASSERT_EQ(golden["reports"][0]["scenario"]["sha256"], sha256_hex(slurp(scenario)));

    const Result stdout_run = refsim({"run", scenario});
    EXPECT_EQ(stdout_run.status, 0) << stdout_run.err;
    EXPECT_EQ(stdout_run.err, "");
    EXPECT_EQ(with_file_names(Json::parse(stdout_run.out)), golden);

    const fs::path report = dir_ / "report.json";
    const Result file_run = refsim({"run", "--report", report.string(), scenario});
    EXPECT_EQ(file_run.status, 0) << file_run.err;
    EXPECT_EQ(file_run.out, "");
    EXPECT_EQ(with_file_names(Json::parse(slurp(report))), golden);

    // The literal reference agrees (not on the drain: 1.9 billion single steps take a minute).
    if (std::string(name) != "none-drain-3.14-32")
      EXPECT_EQ(with_file_names(Json::parse(refsim({"run", "--engine", "stepwise", scenario}).out)), golden);
  }
}

TEST_F(Cli, theContractExampleHasTheContractEvents) {
  const Json document = Json::parse(refsim({"run", kGolden + "/none-drain-3.14-32.json"}).out);
  const Json& report = document["reports"][0];
  EXPECT_EQ(report["events"], Json::parse(R"([
    {"kind": "deimmortalized", "obj": "none", "step": "805306369", "op": [0],
     "word_before": "0x40000000", "word_after": "0x3fffffff"},
    {"kind": "dealloc", "obj": "none", "step": "1879048192", "op": [0],
     "word_before": "0x00000001", "word_after": "0x50000000", "detail": {"action": "reset", "premature": false}},
    {"kind": "reimmortalized", "obj": "none", "step": "1879048192", "op": [0],
     "word_before": "0x00000001", "word_after": "0x50000000"}])"));
  EXPECT_EQ(report["objects"], Json::parse(R"([{"id": "none", "kind": "none", "word": "0x50000000",
      "refcnt": "1342177280", "immortal": true, "state": "alive", "logical_refs": "-1879048191"}])"));
  EXPECT_EQ(report["steps"], "1879048192");
}

// One shape whatever the number of files: `jq '.reports[].outcome'` works on one file and on a glob.
TEST_F(Cli, everyRunPrintsOneDocumentWithAReportPerFile) {
  const fs::path report = dir_ / "all.json";
  const Result run = refsim({"run", "--report", report.string(), kGolden + "/periodic-none-3.14-64.json",
                             kGolden + "/heap-use-after-free-3.12-64.json"});
  EXPECT_EQ(run.status, 0) << run.err;
  const Json all = with_file_names(Json::parse(slurp(report)));
  EXPECT_EQ(all["format"], "refsim-report/2");
  ASSERT_EQ(all["reports"].size(), 2u);
  EXPECT_EQ(all["reports"][0], Json::parse(slurp(kGolden + "/periodic-none-3.14-64.report.json"))["reports"][0]);
  EXPECT_EQ(all["reports"][1], Json::parse(slurp(kGolden + "/heap-use-after-free-3.12-64.report.json"))["reports"][0]);
  EXPECT_EQ(all["summary"], Json::parse(R"({"scenarios": 2, "expects_held": 0, "expects_failed": 0,
      "without_expect": 2, "crashed": 1, "survived": 1})"));
  const Json one = Json::parse(refsim({"run", kGolden + "/periodic-none-3.14-64.json"}).out);
  EXPECT_EQ(one["format"], "refsim-report/2");
  EXPECT_EQ(one["reports"].size(), 1u);
}

TEST_F(Cli, reportRoundTripsThroughOutcome) {
  for (const char* name : kGoldenNames) {
    SCOPED_TRACE(name);
    const std::string bytes = slurp(kGolden + "/" + name + ".json");
    const ScenarioResult parsed = parse_scenario(bytes, name);
    ASSERT_TRUE(std::holds_alternative<ScenarioFile>(parsed));
    const Scenario& scenario = std::get<ScenarioFile>(parsed).scenario;
    Json report = Json::parse(refsim({"run", kGolden + "/" + name + ".json"}).out)["reports"][0];
    const std::optional<Outcome> outcome = outcome_from_report_json(scenario, report);
    ASSERT_TRUE(outcome.has_value());
    report.erase("expect");
    report["scenario"].erase("file");
    EXPECT_EQ(report_json(scenario, *outcome, sha256_hex(bytes)), report);
  }
}

TEST_F(Cli, maxEventsTruncatesButCountsEverything) {
  const Result run = refsim({"run", "--max-events", "1", kGolden + "/none-drain-3.14-32.json"});
  EXPECT_EQ(run.status, 0) << run.err;
  const Json report = Json::parse(run.out)["reports"][0];
  EXPECT_EQ(report["events"].size(), 1u);
  EXPECT_EQ(report["events_total"], "3");
  EXPECT_EQ(report["events_truncated"], true);
}

// --- bad input --------------------------------------------------------------------------------

struct Bad {
  const char* file;     // under tests/golden/bad/
  const char* message;  // what follows "refsim: <file>: "
  bool prefix_only;     // the message is only a prefix (nlohmann's wording, or check()'s)
};

const Bad kBad[] = {
    {"malformed.json", "malformed JSON at byte 69 (line 1, column 69): ", true},
    {"truncated.json", "malformed JSON at byte ", true},
    {"unknown-origin-in-repeat.json", R"(ops[1].ops[0].by: unknown origin "ext-3.10")", false},
    {"unknown-kind.json", R"(objects[0].kind: unknown kind "nothing")", false},
    {"unknown-object.json", R"(ops[0].obj: unknown object id "nun")", false},
    {"count-negative.json", "ops[0].count: -1 is out of range 0..18446744073709551615", false},
    {"count-2-64.json", "ops[0].count: 18446744073709551616 is out of range 0..18446744073709551615", false},
    {"count-2-64-string.json", R"(ops[0].count: "0x10000000000000000" is out of range 0..18446744073709551615)", false},
    {"width-24.json", "runtime.width: unsupported width 24 (expected 8, 16, 32 or 64)", false},
    {"margin-on-3.12.json", "runtime.strategy: ", true},
    {"unknown-field.json", "objects[0].refcount: unknown field", false},
    {"wrong-type.json", "runtime.debug: expected a boolean, got string", false},
    {"irrelevant-field.json", R"(ops[1].value: field "value" does not apply to op "incref")", false},
    {"word-too-wide.json", R"(objects[0].word: "0x100000000" does not fit a 32-bit word (0..0xffffffff))", false},
    {"expect-unknown-event.json", R"(expect.events[0].kind: unknown event kind "foo")", false},
    {"duplicate-id.json", R"(objects[1].id: duplicate object id "a" (also objects[0]))", false},
    {"missing-field.json", "runtime.version: required field missing", false},
};

TEST_F(Cli, rejectsBadInputWithOneLineNamingThePath) {
  for (const Bad& bad : kBad) {
    SCOPED_TRACE(bad.file);
    const std::string file = kGolden + "/bad/" + bad.file;
    expect_rejected({file}, "refsim: " + file + ": " + bad.message, bad.prefix_only);
    // A good file before it must not run or be reported either.
    expect_rejected({kGolden + "/periodic-none-3.14-64.json", file},
                    "refsim: " + file + ": " + bad.message, bad.prefix_only);
  }
}

TEST_F(Cli, rejectsDeepNesting) {
  const std::string head = R"({"format": "refsim-scenario/1", "runtime": {"version": "3.14", "width": 32}, "ops": )";
  const fs::path arrays = write("deep.json", head + std::string(100000, '[') + std::string(100000, ']') + "}");
  expect_rejected({arrays.string()}, "refsim: " + arrays.string() + ": ops[0][0][0][0]", true);
  const Result result = refsim({"run", arrays.string()});
  EXPECT_NE(result.err.find(": JSON nested deeper than 256 levels\n"), std::string::npos);

  std::string ops = "[]";
  for (int i = 0; i < 65; ++i) ops = R"([{"op": "repeat", "ops": )" + ops + "}]";
  const fs::path repeats = write("repeats.json", head + ops + "}");
  expect_rejected({repeats.string()}, "refsim: " + repeats.string() + ": ops[0].ops[0].ops", true);
  EXPECT_NE(refsim({"run", repeats.string()}).err.find(": repeat nested deeper than 64 levels\n"), std::string::npos);
}

// What the user gave is shown safely in the one error line: control characters escaped (a newline
// in a path does not make a second line, an escape sequence does not reach the terminal) and a
// 100,000-deep JSON path cut to a few hundred characters with its middle elided (tools/shown.h).
TEST_F(Cli, errorLinesEscapeAndShortenWhatTheUserGave) {
  const std::string odd = (dir_ / "no\nsuch\x1b[31mx.json").string();
  const Result missing = refsim({"run", odd});
  EXPECT_EQ(missing.status, 2);
  ASSERT_EQ(lines_of(missing.err).size(), 1u) << missing.err;
  EXPECT_NE(missing.err.find("no\\nsuch\\x1b[31mx.json: cannot read"), std::string::npos) << missing.err;
  EXPECT_EQ(missing.err.find('\x1b'), std::string::npos);

  const std::string head = R"({"format": "refsim-scenario/1", "runtime": {"version": "3.14", "width": 32}, "ops": )";
  const fs::path deep = write("deep.json", head + std::string(100000, '[') + std::string(100000, ']') + "}");
  const Result nested = refsim({"run", deep.string()});
  ASSERT_EQ(lines_of(nested.err).size(), 1u);
  EXPECT_LT(nested.err.size(), 400u) << nested.err;
  EXPECT_NE(nested.err.find(" ... "), std::string::npos) << "the middle elided: " << nested.err;
}

TEST_F(Cli, rejectsMissingFilesAndBadUsage) {
  const std::string missing = (dir_ / "missing.json").string();
  expect_rejected({missing}, "refsim: " + missing + ": cannot read: No such file or directory", false);
  expect_rejected({dir_.string()}, "refsim: " + dir_.string() + ": cannot read: Is a directory", false);
  expect_rejected({"--frobnicate", kGolden + "/periodic-none-3.14-64.json"}, "refsim: ", true);
  expect_rejected({"--engine", "quantum", kGolden + "/periodic-none-3.14-64.json"}, "refsim: ", true);
  expect_rejected({"--format", "yaml", kGolden + "/periodic-none-3.14-64.json"}, "refsim: ", true);
  expect_rejected({}, "refsim: ", true);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{}, {"frobnicate"}, {"--frobnicate"}, {"run", "--max-events", "many", "x.json"}}) {
    const Result result = refsim(args);
    EXPECT_EQ(result.status, 2);
    ASSERT_EQ(lines_of(result.err).size(), 1u) << result.err;
    EXPECT_EQ(result.err.rfind("refsim: ", 0), 0u);
  }
}

TEST_F(Cli, aReportThatCannotBeWrittenIsAnError) {
  const Result result =
      refsim({"run", "--report", (dir_ / "no-such-dir" / "r.json").string(), kGolden + "/periodic-none-3.14-64.json"});
  EXPECT_EQ(result.status, 2);
  ASSERT_EQ(lines_of(result.err).size(), 1u);
  EXPECT_EQ(result.err.rfind("refsim: " + (dir_ / "no-such-dir" / "r.json").string() + ": cannot write the report: ", 0),
            0u);
}

// --- expect, text, help -----------------------------------------------------------------------

std::string with_expect(const std::string& expect) {
  return R"({"format": "refsim-scenario/1", "name": "drain",
    "runtime": {"version": "3.14", "width": 32},
    "objects": [{"id": "none", "kind": "none"}],
    "ops": [{"op": "decref", "obj": "none", "by": "ext-3.11", "count": 1879048192}],
    "expect": )" + expect + "}";
}

TEST_F(Cli, anExpectThatHoldsExitsZero) {
  const fs::path file = write("held.json", with_expect(R"({"outcome": "survived", "steps": 1879048192,
      "events": [{"kind": "deimmortalized", "step": 805306369}, {"kind": "dealloc", "detail": {"action": "reset"}}],
      "objects": [{"id": "none", "word": "0x50000000", "logical_refs": -1879048191}]})"));
  const Result result = refsim({"run", file.string()});
  EXPECT_EQ(result.status, 0) << result.err;
  EXPECT_EQ(result.err, "");
}

TEST_F(Cli, aFailedExpectExitsOneAndStillWritesTheReport) {
  const fs::path file = write("failed.json", with_expect(R"({"outcome": "crashed",
      "events": [{"kind": "dealloc", "detail": {"action": "fatal"}}]})"));
  const fs::path report = dir_ / "report.json";
  const Result result = refsim({"run", "--report", report.string(), file.string()});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(lines_of(result.err),
            (std::vector<std::string>{
                "refsim: " + file.string() + R"(: expect failed: outcome: expected "crashed", got "survived")",
                "refsim: " + file.string() +
                    R"(: expect failed: events[0]: no event matches {"kind":"dealloc","detail":{"action":"fatal"}})"}));
  ASSERT_TRUE(fs::exists(report));
  const Json document = Json::parse(slurp(report));
  EXPECT_EQ(document["reports"][0]["outcome"], "survived");
  EXPECT_EQ(document["reports"][0]["expect"]["held"], false);
  EXPECT_EQ(document["reports"][0]["expect"]["failures"].size(), 2u);
  EXPECT_EQ(document["summary"]["expects_failed"], 1);
}

TEST_F(Cli, textFormatIsReadable) {
  const fs::path file = write("text.json", with_expect(R"({"outcome": "survived"})"));
  const fs::path report = dir_ / "report.json";
  const Result result = refsim({"run", "--format", "text", "--report", report.string(), file.string()});
  EXPECT_EQ(result.status, 0) << result.err;
  EXPECT_EQ(result.out.rfind("scenario  drain  (" + file.string() + ")\nsha256    " + sha256_hex(slurp(file)) + "\n", 0), 0u)
      << result.out;
  EXPECT_NE(result.out.find("outcome   survived after 1,879,048,192 steps\n"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("  1,879,048,192  [0]  none    dealloc         0x00000001   0x50000000  reset\n"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("expect    held\n"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("\nsummary   1 scenario run: 0 crashed, 1 survived; expect held in 1, failed in 0, absent in 0\n"),
            std::string::npos)
      << result.out;
  EXPECT_EQ(Json::parse(slurp(report))["reports"][0]["scenario"]["name"], "drain");  // the file is JSON all the same
}

TEST_F(Cli, helpAndVersionExitZeroOnEveryCommand) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--version"}, {"run", "--version"}}) {
    const Result result = refsim(args);
    EXPECT_EQ(result.status, 0);
    EXPECT_EQ(result.out, "refsim 0.1.0\n");
  }
  const Result top = refsim({"--help"});
  EXPECT_EQ(top.status, 0);
  EXPECT_NE(top.out.find("run"), std::string::npos);
  const Result run = refsim({"run", "--help"});
  EXPECT_EQ(run.status, 0);
  for (const char* option : {"--report", "--format", "--engine", "--max-events"})
    EXPECT_NE(run.out.find(option), std::string::npos) << option;
}

}  // namespace
}  // namespace refsim
