// CLI output tests: what `refsim` prints for people and scripts besides the reports themselves:
// the text summary, elided event lists, escaped names, plurals, unknown commands, standard input,
// folders given as files, empty replays, exit statuses in --help, the stepwise warning.
#include "tests/cli_support.h"

#include "io/report_text.h"

namespace refsim {
namespace {

using namespace cli_test;

/// A 3.12 64-bit scenario named `name` with heap objects h0..h<n-1> (refs 1), each decref'd once
/// by core code: n dealloc events, nothing crashes.
std::string frees(const std::string& name, int n) {
  std::string objects, ops;
  for (int i = 0; i < n; ++i) {
    objects += std::string(i ? ", " : "") + R"({"id": "h)" + std::to_string(i) + R"(", "kind": "heap"})";
    ops += std::string(i ? ", " : "") + R"({"op": "decref", "obj": "h)" + std::to_string(i) + R"("})";
  }
  return R"({"format": "refsim-scenario/1", "name": )" + Json(name).dump() +
         R"(, "runtime": {"version": "3.12", "width": 64}, "objects": [)" + objects + R"(], "ops": [)" + ops + "]}";
}

TEST_F(Cli, textEndsWithASummaryOfTheRun) {
  const fs::path a = write("a.json", frees("a", 1));
  const Result result = refsim({"run", "--format", "text", a.string(), kGolden + "/heap-use-after-free-3.12-64.json"});
  EXPECT_EQ(result.status, 0) << result.err;
  const std::vector<std::string> out = lines_of(result.out);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out.back(), "summary   2 scenarios run: 1 crashed, 1 survived; expect held in 0, failed in 0, absent in 2");
  // One step is "1 step"; more are "steps".
  EXPECT_NE(result.out.find("outcome   survived after 1 step\n"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("outcome   crashed after 3 steps: op [1], object obj, use-after-free\n"), std::string::npos) << result.out;
}

TEST_F(Cli, longEventListsShowTheirEndsInTextAndAllInJson) {
  const fs::path file = write("many.json", frees("many", 30));
  const Result text = refsim({"run", "--format", "text", file.string()});
  EXPECT_EQ(text.status, 0) << text.err;
  std::vector<std::string> shown;  // the objects of the event rows shown
  for (const std::string& line : lines_of(text.out))
    if (line.find(" dealloc ") != std::string::npos) shown.push_back(line.substr(line.find(" h") + 1, line.find(' ', line.find(" h") + 1) - line.find(" h") - 1));
  EXPECT_EQ(shown, (std::vector<std::string>{"h0", "h1", "h2", "h3", "h4", "h5", "h6", "h7",
                                             "h22", "h23", "h24", "h25", "h26", "h27", "h28", "h29"}));
  EXPECT_NE(text.out.find("\n  ... 14 more events not shown (the JSON report has every kept event) ...\n"), std::string::npos) << text.out;
  const Json json = Json::parse(refsim({"run", file.string()}).out);
  EXPECT_EQ(json["reports"][0]["events"].size(), 30u);
  // 20 events are shown in full.
  EXPECT_EQ(refsim({"run", "--format", "text", write("twenty.json", frees("twenty", 20)).string()}).out.find("more event"),
            std::string::npos);
}

TEST_F(Cli, controlCharactersInNamesAreEscapedInText) {
  const fs::path file = write("evil\x01.json", frees("evil\x1b[2J\nforged line\\", 1));
  const Result result = refsim({"run", "--format", "text", file.string()});
  EXPECT_EQ(result.status, 0) << result.err;
  EXPECT_EQ(result.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(result.out.rfind("scenario  evil\\x1b[2J\\nforged line\\\\  (" + (dir_ / "evil\\x01.json").string() + ")\n", 0), 0u)
      << result.out;
  EXPECT_EQ(result.out.find('\x01'), std::string::npos);
  EXPECT_EQ(printable("tab\there\x7f"), "tab\\there\\x7f");
  // C1 controls (U+009B is a CSI) and bidirectional overrides are escaped; other UTF-8 is kept; a
  // byte that is not UTF-8 (a lone 0x9b, an overlong form, a surrogate) is escaped as itself.
  EXPECT_EQ(printable("csi\xc2\x9b" "2J rlo\xe2\x80\xae lri\xe2\x81\xa6 alm\xd8\x9c"), "csi\\u009b2J rlo\\u202e lri\\u2066 alm\\u061c");
  EXPECT_EQ(printable("caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x90\x8d"), "caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x90\x8d");
  EXPECT_EQ(printable("\x9b \xc0\xaf \xed\xa0\x80 \xe2\x80"), "\\x9b \\xc0\\xaf \\xed\\xa0\\x80 \\xe2\\x80");
}

TEST_F(Cli, anExpectFailureLineEscapesTheFileName) {
  std::string scenario = frees("f", 1);
  scenario.insert(scenario.size() - 1, R"(, "expect": {"outcome": "crashed"})");
  const fs::path file = write("evil\x1b[2J\xc2\x9b.json", scenario);
  const Result result = refsim({"run", file.string()});
  EXPECT_EQ(result.status, 1) << result.err;
  EXPECT_NE(result.err.find("evil\\x1b[2J\\u009b.json: expect failed: "), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find('\x1b'), std::string::npos);
}

/// The command names, as the error for an unknown command lists them (from the command table).
std::vector<std::string> command_names(const std::string& err) {
  const std::string head = "(commands: ";
  const std::size_t from = err.find(head) + head.size(), to = err.find("; try --help)");
  std::vector<std::string> names;
  std::istringstream list(err.substr(from, to - from));
  for (std::string name; std::getline(list >> std::ws, name, ',');) names.push_back(name);
  return names;
}

TEST_F(Cli, anUnknownCommandIsNamedWithTheCommandList) {
  const Result result = refsim({"frobnicate", "x.json"});
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.err.rfind("refsim: unknown command \"frobnicate\" (commands: run, compare, decode, replay, ", 0), 0u)
      << result.err;
  EXPECT_EQ(lines_of(result.err).size(), 1u);
  const std::vector<std::string> names = command_names(result.err);
  EXPECT_GE(names.size(), 5u);
  EXPECT_EQ(refsim({}).err.rfind("refsim: no command given (commands: run, compare, decode, replay, ", 0), 0u);
  EXPECT_EQ(command_names(refsim({}).err), names);
}

TEST_F(Cli, helpListsTheExitStatusesOfEveryCommand) {
  std::vector<std::string> commands = command_names(refsim({"frobnicate"}).err);
  commands.insert(commands.begin(), "");
  for (const std::string& command : commands) {
    SCOPED_TRACE(command);
    const Result help = refsim(command.empty() ? std::vector<std::string>{"--help"} : std::vector<std::string>{command, "--help"});
    EXPECT_EQ(help.status, 0);
    const std::size_t at = help.out.find("Exit status:\n  0  ");
    ASSERT_NE(at, std::string::npos) << help.out;
    EXPECT_NE(help.out.find("\n  2  ", at), std::string::npos) << help.out;
    const bool fails = command == "run" || command == "replay" || command == "campaign" || command == "verify";
    EXPECT_EQ(help.out.find("\n  1  ", at) != std::string::npos, fails) << help.out;
  }
}

TEST_F(Cli, theStepwiseEngineWarnsBeforeALongRun) {
  // 2^40 decrefs of a heap object: the second one is a use after free, so even the literal
  // reference stops at step 2, but the warning comes first.
  const fs::path file = write("long.json", R"({"format": "refsim-scenario/1", "runtime": {"version": "3.12", "width": 64},
      "objects": [{"id": "h", "kind": "heap"}], "ops": [{"op": "decref", "obj": "h", "count": "1099511627776"}]})");
  const Result slow = refsim({"run", "--engine", "stepwise", file.string()});
  EXPECT_EQ(slow.status, 0) << slow.err;
  EXPECT_EQ(slow.err, "refsim: " + file.string() + ": warning: --engine stepwise runs its 1,099,511,627,776 single operations " +
                          "one at a time (roughly 10,995 s); the fast engine gives the same report\n");
  EXPECT_EQ(refsim({"run", file.string()}).err, "");
  EXPECT_EQ(refsim({"run", "--engine", "stepwise", write("short.json", frees("short", 3)).string()}).err, "");
}

TEST_F(Cli, aDashReadsStandardInput) {
  const std::string scenario = slurp(kGolden + "/periodic-none-3.14-64.json");
  const Result run = refsim({"run", "-"}, scenario);
  EXPECT_EQ(run.status, 0) << run.err;
  const Json report = Json::parse(run.out)["reports"][0];
  EXPECT_EQ(report["scenario"]["file"], "-");
  EXPECT_EQ(report["scenario"]["name"], "stdin");  // the file has no name, and standard input no stem
  EXPECT_EQ(report["steps"], "3");

  const std::string seed_dir = REFSIM_SOURCE_DIR "/corpus/immortal_safety/seeds";
  const fs::path seed = fs::directory_iterator(seed_dir)->path();
  const Result decoded = refsim({"decode", "--target", "immortal_safety", "-"}, slurp(seed));
  EXPECT_EQ(decoded.status, 0) << decoded.err;
  EXPECT_EQ(decoded.out, refsim({"decode", seed.string()}).out);

  // replay: a scenario (it starts with '{'), or a fuzz input of the target given.
  const Result replayed = refsim({"replay", "-"}, scenario);
  EXPECT_EQ(replayed.status, 0) << replayed.err;
  EXPECT_EQ(Json::parse(replayed.out)["inputs"]["scenarios"], 1) << replayed.out;
  const Result fuzz_input = refsim({"replay", "--target", "immortal_safety", "-"}, slurp(seed));
  EXPECT_EQ(fuzz_input.status, 0) << fuzz_input.err;
  EXPECT_EQ(Json::parse(fuzz_input.out)["inputs"]["fuzz_inputs"], 1) << fuzz_input.out;
  EXPECT_NE(refsim({"replay", "-"}, slurp(seed)).err.find("pass --target"), std::string::npos);
}

TEST_F(Cli, aFolderGivenAsAFileIsBadInput) {
  const std::string folder = REFSIM_SOURCE_DIR "/corpus/immortal_safety";
  for (const std::vector<std::string>& args : {std::vector<std::string>{"decode", folder},
                                               std::vector<std::string>{"run", folder}}) {
    const Result result = refsim(args);
    EXPECT_EQ(result.status, 2);
    EXPECT_EQ(lines_of(result.err).size(), 1u) << result.err;
    EXPECT_EQ(result.err.rfind("refsim: " + folder + ": cannot read: ", 0), 0u) << result.err;
    EXPECT_EQ(result.err.find("internal error"), std::string::npos);
  }
}

TEST_F(Cli, replayingAFolderWithNothingInItIsAnError) {
  fs::create_directories(dir_ / "empty" / "sub");
  write("empty/README.md", "no inputs here\n");
  const Result result = refsim({"replay", (dir_ / "empty").string()});
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.err, "refsim: " + (dir_ / "empty").string() + ": nothing to replay (no scenarios or fuzz inputs)\n");
  EXPECT_EQ(result.out, "");
}

}  // namespace
}  // namespace refsim
