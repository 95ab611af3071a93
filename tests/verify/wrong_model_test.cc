// verify against a real interpreter with a deliberately wrong model given through the model seam
// (VerifyOptions::model): the model's starting word is one too high, so every word it computes
// is. verify must disagree and print each differing word from both sides. Needs an interpreter
// with headers (Debian's python3.11 in CI); skipped, saying why, without one.
#include <gtest/gtest.h>

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "verify/model_side.h"
#include "verify/verifier.h"

namespace refsim::verify {
namespace {

/// The first interpreter of REFSIM_VERIFY_PYTHON, /usr/bin/python3.11 with its headers.
std::optional<std::string> interpreter() {
  if (const char* given = std::getenv("REFSIM_VERIFY_PYTHON"); given && *given) return given;
  if (std::filesystem::exists("/usr/bin/python3.11") && std::filesystem::exists("/usr/include/python3.11/Python.h"))
    return "/usr/bin/python3.11";
  return std::nullopt;
}

std::string hex_word(Word word, unsigned width) {
  char text[24];
  std::snprintf(text, sizeof text, "0x%0*" PRIx64, static_cast<int>(width / 4), static_cast<std::uint64_t>(word));
  return text;
}

TEST(VerifyWrongModel, aModelWhoseWordsAreOffByOneIsReportedWithBothWords) {
  const auto python = interpreter();
  if (!python) GTEST_SKIP() << "no interpreter: /usr/bin/python3.11 with headers is missing and REFSIM_VERIFY_PYTHON is unset";
  auto queried = query_interpreter(*python, kDefaultSilenceLimit);
  ASSERT_TRUE(std::holds_alternative<Interpreter>(queried)) << std::get<std::string>(queried);
  const Interpreter in = std::get<Interpreter>(queried);
  if (in.free_threaded) GTEST_SKIP() << *python << " is free-threaded";

  const std::string text = R"({"format": "refsim-scenario/1", "name": "wrong-model", "runtime": {"version": ")" + in.version +
                           R"(", "width": )" + std::to_string(in.width) + R"(, "debug": )" + (in.debug ? "true" : "false") +
                           R"(}, "objects": [{"id": "obj", "kind": "heap", "word": 1, "refs": 1}],
      "ops": [{"op": "incref", "obj": "obj", "by": "ext-3.11", "count": 2},
              {"op": "decref", "obj": "obj", "by": "ext-3.11", "count": 3}]})";
  auto parsed = parse_scenario(text, "wrong-model");
  ASSERT_TRUE(std::holds_alternative<ScenarioFile>(parsed)) << describe(std::get<SpecError>(parsed));
  VerifyOptions options;
  options.python = *python;
  const char* path = std::getenv("PATH");
  options.path = path ? path : "/usr/bin:/bin";
  options.model = [](const Scenario& s) {  // the wrong model: the heap object starts one higher
    Scenario wrong = s;
    wrong.objects[0].word = *wrong.objects[0].word + 1;
    return observe_model(wrong);
  };
  auto result = verify_all(options, {{"wrong-model.json", std::get<ScenarioFile>(parsed), {}, {}}}, {});
  ASSERT_TRUE(std::holds_alternative<VerifyResult>(result)) << std::get<std::string>(result);
  const Verdict& v = std::get<VerifyResult>(result).verdicts.at(0);
  ASSERT_FALSE(v.agree());

  // The words the real run and the model gave after the first operation (incref twice: 3 and 4).
  ASSERT_FALSE(v.real.after_op.empty());
  ASSERT_FALSE(v.model.after_op.empty());
  const std::string real_word = hex_word(v.real.after_op[0][0].word, in.width);
  const std::string model_word = hex_word(v.model.after_op[0][0].word, in.width);
  ASSERT_NE(real_word, model_word);
  bool both = false;
  for (const std::string& line : v.comparison.disagreements)
    both = both || (line.find(real_word) != std::string::npos && line.find(model_word) != std::string::npos &&
                    line.find("real") < line.find("model"));
  EXPECT_TRUE(both) << "no disagreement line names real " << real_word << " and model " << model_word;
  const std::string report = verify_report_text(std::get<VerifyResult>(result).info, {v});
  EXPECT_NE(report.find(real_word), std::string::npos) << report;
  EXPECT_NE(report.find(model_word), std::string::npos) << report;
  EXPECT_NE(report.find("DISAGREE"), std::string::npos) << report;

  // The same run with the model as it is agrees: the disagreement is the injected one.
  options.model = nullptr;
  auto right = verify_all(options, {{"wrong-model.json", std::get<ScenarioFile>(parsed), {}, {}}}, {});
  ASSERT_TRUE(std::holds_alternative<VerifyResult>(right)) << std::get<std::string>(right);
  EXPECT_TRUE(std::get<VerifyResult>(right).verdicts.at(0).agree());
}

}  // namespace
}  // namespace refsim::verify
