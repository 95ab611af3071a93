// refsim replay's CI outputs: the JUnit XML (a test case per input, failed ones with their
// failures) and the SARIF 2.1.0 log (a result per finding group whose attached reproducer
// scenario, run again, gives that finding). XML well-formedness is checked by a real parser in
// tests/formats/check_outputs.py.
#include "tests/replay/replay_support.h"

#include "fuzz/finding.h"
#include "io/junit_xml.h"
#include "io/read_file.h"
#include "io/sarif.h"
#include "io/utf8.h"
#include "io/scenario_json.h"

namespace refsim::tools {
namespace {

using namespace replay_test;

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

class ReplayOutputs : public Replay {
 protected:
  /// Replays the corpus with --junit and --sarif; returns the exit status.
  int replay_to_files() {
    ReplayOptions options;
    options.paths = {(dir_ / "corpus").string()};
    options.report = (dir_ / "report.json").string();
    options.junit = (dir_ / "junit.xml").string();
    options.sarif = (dir_ / "findings.sarif").string();
    std::ostringstream out, err;
    const int status = static_cast<int>(replay_command(options, out, err));
    junit_ = read_file(dir_ / "junit.xml").bytes;
    if (status != 2) sarif_ = Json::parse(read_file(dir_ / "findings.sarif").bytes);
    return status;
  }
  std::string junit_;
  Json sarif_;
};

TEST_F(ReplayOutputs, junitHasACasePerInputAndTheFailures) {
  const fs::path none = seed(drain(Kind::None, 810000000));
  seed(drain(Kind::None, 1000));
  write("corpus/scenarios/wrong.json", R"({"format": "refsim-scenario/1", "runtime": {"version": "3.14", "width": 32},
      "objects": [{"id": "none", "kind": "none"}], "ops": [], "expect": {"outcome": "crashed"}})");
  ASSERT_EQ(replay_to_files(), 1);
  EXPECT_EQ(junit_.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"refsim replay\" tests=\"3\" "
                         "failures=\"1\" errors=\"0\" skipped=\"0\" time=\"",
                         0),
            0u)
      << junit_;
  EXPECT_EQ(count_of(junit_, "<testcase "), 3u);
  EXPECT_NE(junit_.find("<testcase name=\"" + none.string() + "\" classname=\"replay.immortal_safety\" time=\""),
            std::string::npos);
  const std::string wrong = (dir_ / "corpus/scenarios/wrong.json").string();
  EXPECT_NE(junit_.find("<testcase name=\"" + wrong + "\" classname=\"replay.scenario\" time=\""), std::string::npos);
  EXPECT_NE(junit_.find("<failure type=\"expect\" message=\"outcome: expected &quot;crashed&quot;, got &quot;survived&quot;\">"),
            std::string::npos)
      << junit_;
  EXPECT_EQ(count_of(junit_, "<failure "), 1u);
}

TEST_F(ReplayOutputs, sarifHasAResultPerGroupWithItsReproducerAttached) {
  seed(drain(Kind::None, 900000000, 3));
  const fs::path small = seed(drain(Kind::None, 810000000, 1));
  seed(drain(Kind::True, 900000000));
  ASSERT_EQ(replay_to_files(), 0);
  EXPECT_EQ(sarif_["version"], "2.1.0");
  ASSERT_EQ(sarif_["runs"].size(), 1u);
  const Json& run = sarif_["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "refsim");
  const Json& rules = run["tool"]["driver"]["rules"];
  const Json& results = run["results"];
  ASSERT_EQ(results.size(), 2u);  // two signatures, three inputs
  for (const Json& result : results) {
    SCOPED_TRACE(result.dump());
    ASSERT_LT(result["ruleIndex"].get<std::size_t>(), rules.size());
    EXPECT_EQ(rules[result["ruleIndex"].get<std::size_t>()]["id"], result["ruleId"]);
    EXPECT_EQ(result["level"], "warning");  // immortal_safety findings are CPython's, not refsim bugs
    EXPECT_FALSE(result["message"]["text"].get<std::string>().empty());
    const std::string uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    EXPECT_EQ(uri.rfind("file:///", 0), 0u);  // an absolute path
    // The attachment is the reproducer: decoded and checked again, it gives the finding.
    const std::size_t index = result["attachments"][0]["artifactLocation"]["index"];
    ASSERT_LT(index, run["artifacts"].size());
    const ScenarioResult parsed = parse_scenario(run["artifacts"][index]["contents"]["text"].get<std::string>(), "r");
    ASSERT_TRUE(std::holds_alternative<ScenarioFile>(parsed));
    const auto findings = fuzz::check_scenario(fuzz::Target::ImmortalSafety, std::get<ScenarioFile>(parsed).scenario);
    ASSERT_FALSE(findings.empty());
    EXPECT_EQ(result["partialFingerprints"]["refsimFinding/v1"], "immortal_safety/" + findings[0].signature);
  }
  EXPECT_EQ(results[0]["ruleId"], "immortal_safety/none/deimmortalized");
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "file://" + uri_of_path(small.string()));
  EXPECT_NE(results[0]["message"]["text"].get<std::string>().find("reproduce with: refsim replay " + small.string()),
            std::string::npos);
}

TEST(JunitXml, escapesWhatXmlCannotCarry) {
  const std::string xml = junit_xml({"s<&>", {{"a\"b'\x01\xff", "c", 0.5, {{"k", "line\nbreak"}}, ""}}});
  EXPECT_NE(xml.find("name=\"a&quot;b&apos;\\x01\xef\xbf\xbd\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<testsuites name=\"s&lt;&amp;&gt;\" tests=\"1\" failures=\"1\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("message=\"line&#10;break\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("time=\"0.500\""), std::string::npos) << xml;
}

TEST(Utf8, invalidBytesBecomeReplacementCharacters) {
  EXPECT_EQ(valid_utf8("a\xff" "b\xc3\xa9\xed\xa0\x80\xf0\x9f\x98\x80\xe2\x82"),
            "a\xef\xbf\xbd" "b\xc3\xa9\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xf0\x9f\x98\x80\xef\xbf\xbd\xef\xbf\xbd");
}

TEST(Utf8, codePointsOfEachLength) {
  const std::string text = "a\xc3\xa9\xe2\x80\xae\xf0\x9f\x98\x80";  // a, U+00E9, U+202E, U+1F600
  EXPECT_EQ(utf8_code_point(text, 0, utf8_length(text, 0)), U'a');
  EXPECT_EQ(utf8_code_point(text, 1, utf8_length(text, 1)), U'\u00e9');
  EXPECT_EQ(utf8_code_point(text, 3, utf8_length(text, 3)), U'\u202e');
  EXPECT_EQ(utf8_code_point(text, 6, utf8_length(text, 6)), U'\U0001f600');
  EXPECT_EQ(utf8_length("\xe0\x80\x80", 0), 0u);  // the overlong form of U+0000, told from its code point
}

TEST(Sarif, pathsBecomeUriReferences) {
  EXPECT_EQ(uri_of_path("corpus/a b/%x"), "corpus/a%20b/%25x");
  const Json log = Json::parse(sarif_json({"t", "1", ""}, {SarifResult{"r", "d", SarifLevel::Error, "m", "rel/p.json", true, "", "", "f"}}));
  const Json& location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
  EXPECT_EQ(location["artifactLocation"], Json::parse(R"({"uri": "rel/p.json", "uriBaseId": "%SRCROOT%"})"));
  EXPECT_EQ(location["region"]["startLine"], 1);
  EXPECT_FALSE(log["runs"][0]["results"][0].contains("attachments"));
}

}  // namespace
}  // namespace refsim::tools
