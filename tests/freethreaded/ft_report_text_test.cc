// `refsim run --format text` on a free-threaded scenario: laid out like the default build's text
// (docs/FORMATS-REPORT.md): "1 step", thousands separators, events and objects as aligned tables, a
// long event list cut to its first and last 8 rows, control characters in names escaped.
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "io/ft_report_json.h"
#include "io/ft_report_text.h"
#include "io/ft_scenario_json.h"
#include "model/freethreaded/ft_engine.h"

namespace refsim::ft {
namespace {

std::string text_of(const std::string& scenario_json) {
  auto parsed = parse_ft_scenario(scenario_json, "default");
  if (auto* error = std::get_if<SpecError>(&parsed)) {
    ADD_FAILURE() << error->path << ": " << error->message;
    return "";
  }
  const FtScenario& s = std::get<FtScenarioFile>(parsed).scenario;
  return ft_report_text(ft_report_json(s, run(s), "00"));
}

std::size_t lines_containing(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(FtReportText, oneStepIsSingularAndNumbersHaveSeparators) {
  const std::string text = text_of(R"({"format": "refsim-scenario/2", "name": "one",
    "runtime": {"version": "3.14t", "width": 64, "debug": false},
    "objects": [{"id": "f", "kind": "deferred", "refs": 2}],
    "ops": [{"op": "refcnt", "obj": "f"}]})");
  EXPECT_NE(text.find("outcome   survived after 1 step\n"), std::string::npos) << text;
  EXPECT_NE(text.find("runtime   3.14t, 64-bit, release build, free-threaded\n"), std::string::npos) << text;
  EXPECT_NE(text.find("threads   main (tid 1)\n"), std::string::npos) << text;
  // _Py_REF_DEFERRED = PY_SSIZE_T_MAX / 8 = 1152921504606846975, plus the local 2.
  EXPECT_NE(text.find("Py_REFCNT 1,152,921,504,606,846,977"), std::string::npos) << text;
  EXPECT_NE(text.find("  step  op   thread  object  event   owner  local  shared "), std::string::npos) << text;
  EXPECT_NE(text.find("\n  f   deferred  main   2      0x3ffffffffffffffc  1,152,921,504,606,846,975  initial "),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("{\""), std::string::npos) << "no raw JSON: " << text;
  EXPECT_NE(text.find("expect    (none)\n"), std::string::npos) << text;
}

TEST(FtReportText, aLongEventListShowsItsFirstAndLastEight) {
  // 30 Py_REFCNT reads are 30 events: the text shows 16 and says how many it left out.
  const std::string text = text_of(R"({"format": "refsim-scenario/2", "name": "reads",
    "runtime": {"version": "3.14t", "width": 64, "debug": false},
    "objects": [{"id": "o", "refs": 1}],
    "ops": [{"op": "repeat", "count": 30, "ops": [{"op": "refcnt", "obj": "o"}]}]})");
  EXPECT_NE(text.find("outcome   survived after 30 steps\nevents    30\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  ... 14 more events not shown (the JSON report has every kept event) ...\n"), std::string::npos) << text;
  EXPECT_EQ(lines_containing(text, "Py_REFCNT 1\n"), 16u) << text;
  EXPECT_NE(text.find("\n  1     [0, 0]  main    o       refcnt"), std::string::npos) << text;
  EXPECT_NE(text.find("\n  30    [0, 0]  main    o       refcnt"), std::string::npos) << text;
  EXPECT_EQ(text.find("\n  9     [0, 0]"), std::string::npos) << text;
}

TEST(FtReportText, controlCharactersInNamesAreEscaped) {
  const std::string text = text_of("{\"format\": \"refsim-scenario/2\", \"name\": \"n\\u001b[2J\","
                                   " \"runtime\": {\"version\": \"3.14t\", \"width\": 64, \"debug\": false},"
                                   " \"threads\": [\"main\", \"w\\nforged\"],"
                                   " \"objects\": [{\"id\": \"o\\u001b\", \"refs\": 2}],"
                                   " \"ops\": [{\"op\": \"decref\", \"obj\": \"o\\u001b\", \"thread\": \"w\\nforged\"}]}");
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
  EXPECT_NE(text.find("scenario  n\\x1b[2J\n"), std::string::npos) << text;
  EXPECT_NE(text.find("threads   main (tid 1), w\\nforged (tid 2)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("w\\nforged  o\\x1b   queued"), std::string::npos) << text;
  EXPECT_EQ(text.find("\nforged"), std::string::npos) << text;
}

}  // namespace
}  // namespace refsim::ft
