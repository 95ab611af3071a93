// Loop conformance: the model's interpreter-loop operations (model/semantics/loop.h) against the real
// internal code of every CPython header set that has it, compiled with Py_BUILD_CORE
// (loop_oracle.c): _Py_RefcntAdd on 3.12+, and on 3.14+ PyStackRef_FromPyObjectNew / _Steal /
// _NewMortal / _Immortal, PyStackRef_DUP and PyStackRef_CLOSE (through _Py_INCREF_MORTAL / Py_DECREF_MORTAL), on every
// boundary word, 64-bit and -m32, release and Py_REF_DEBUG (docs/TESTING-HEADERS.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "conformance_config.h"  // kLoopOracleSource
#include "model/semantics/rows.h"
#include "tests/conformance/loop_compare.h"
#include "tests/conformance/variants.h"

namespace refsim::conformance {
namespace {

TEST(LoopOracleOutput, rejectsMalformedLinesAndReadsGoodOnes) {
  for (const char* text : {"HEADERS 3.14.7 0x030e07f0 64 0\n",                                 // no HAS
                           "HEADERS 3.14.7 0x030e07f0 64 0\nHAS 1 1\nNEW 0 - 1 0 0 1\n",        // short
                           "HEADERS 3.14.7 0x030e07f0 64 0\nHAS 1 1\nADD 0 - 1 0 0 - 0\n",      // ADD without n
                           "HEADERS 3.14.7 0x030e07f0 64 0\nHAS 1 1\nNEW 0 - 1 0 0 - 0\n",      // NEW without counted
                           "HEADERS 3.14.7 0x030e07f0 64 0\nHAS 1 1\nPOP 0 - 1 0 0 1 0\n"})     // unknown op
    EXPECT_TRUE(std::holds_alternative<std::string>(parse_loop_output(text))) << text;
  const auto ok = parse_loop_output("HEADERS 3.14.7 0x030e07f0 32 1\nHAS 1 1\nADD 3fffffff 3e8 50000000 0 0 - 1\n"
                                    "CLOSEC 00000000 - 00000000 0 1 1 0\nIMM 3fffffff - 3fffffff 0 1 - 0\n");
  ASSERT_TRUE(std::holds_alternative<LoopReport>(ok)) << std::get<std::string>(ok);
  const LoopReport& report = std::get<LoopReport>(ok);
  EXPECT_TRUE(report.debug && report.has_refcnt_add && report.has_stack_refs);
  ASSERT_EQ(report.observations.size(), 3u);
  EXPECT_EQ(report.observations[0].n, 1000u);
  EXPECT_EQ(report.observations[0].word, 0x50000000u);
  EXPECT_EQ(report.observations[1].op, LoopOp::CloseCounted);
  EXPECT_TRUE(report.observations[1].negative);
  // A debug check that stopped the code making the reference: no counted flag ("-").
  EXPECT_EQ(report.observations[2].op, LoopOp::Immortal);
  EXPECT_EQ(report.observations[2].counted, -1);
}

/// The comparison sees a disagreement and names what is needed to chase it: issue 11's 32-bit
/// observation, _Py_RefcntAdd(None, 1000) at 0x3fffffff stores 0x50000000 on 3.14.
TEST(LoopDisagreement, namesTheHeadersOpInputNAndBothResults) {
  const auto model = header_model("3.14.7", 3, 14, 32, false);
  ASSERT_TRUE(model);
  const Runtime runtime(runtime_spec(*model));
  const LoopObservation real{.op = LoopOp::Add, .input = 0x3fffffff, .n = 1000, .word = 0x400003e7, .immortal = true};
  const LoopObservation predicted = predict_loop(runtime, real);
  EXPECT_EQ(predicted.word, 0x50000000u);
  const auto message = loop_disagreement(*model, real, predicted);
  ASSERT_TRUE(message);
  for (const char* part : {"3.14.7", "ADD", "0x3fffffff", "n=0x000003e8", "real word=0x400003e7", "model word=0x50000000"})
    EXPECT_NE(message->find(part), std::string::npos) << part << " missing from: " << *message;
}

class RealLoopCode : public ::testing::TestWithParam<OracleBuild> {};

TEST_P(RealLoopCode, agreesWithTheModelOnEveryBoundaryWord) {
  OracleBuild build = GetParam();
  if (auto why = variant_unavailable(build)) GTEST_SKIP() << build.bits << "-bit skipped: " << *why;
  if (build.set.major == 3 && build.set.minor < 12)
    GTEST_SKIP() << "headers " << build.set.version << " have no _Py_RefcntAdd (3.12+) and no stack references (3.14+)";
  const std::filesystem::path internal = std::filesystem::path(build.set.dir) / "internal" / "pycore_object.h";
  if (!std::filesystem::exists(internal))
    GTEST_SKIP() << build.set.dir << " has no internal headers (" << internal.string()
                 << "): _Py_RefcntAdd and the stack references cannot be compiled";
  build.name = "loop_" + build.name;  // its own retargeted copy, apart from the oracle's
  const std::vector<Word> words = boundary_words(build.bits);
  const auto ran = compile_and_run(build, "loop-oracle", kLoopOracleSource, words);
  if (auto* problem = std::get_if<BuildProblem>(&ran)) {
    if (problem->skip) GTEST_SKIP() << problem->message;
    FAIL() << problem->message;
  }
  const auto& [oracle, run] = std::get<OracleResult>(ran);
  auto parsed = parse_loop_output(run.output);
  ASSERT_TRUE(std::holds_alternative<LoopReport>(parsed)) << std::get<std::string>(parsed);
  const LoopReport& report = std::get<LoopReport>(parsed);
  ASSERT_EQ(report.version, build.set.version);
  ASSERT_EQ(report.bits, build.bits);
  const auto model = header_model(report.version, build.set.major, build.set.minor, report.bits, report.debug);
  ASSERT_TRUE(model);
  // The model's rows say which of the operations the version has; the headers must agree.
  EXPECT_EQ(has_refcnt_add(model->family), report.has_refcnt_add) << "_Py_RefcntAdd in " << report.version;
  EXPECT_EQ(has_stack_refs(model->family), report.has_stack_refs) << "stack references in " << report.version;
  const Runtime runtime(runtime_spec(*model));
  const std::string reproduce = "\n  reproduce: " + oracle.command + " && " + oracle.binary + " ";

  std::size_t compared = 0, disagreements = 0, adds = 0;
  for (const LoopObservation& real : report.observations) {
    ++compared;
    adds += real.op == LoopOp::Add;
    if (auto message = loop_disagreement(*model, real, predict_loop(runtime, real)))
      if (++disagreements <= 40) ADD_FAILURE() << *message << reproduce << hex(*model, real.input);
  }
  std::cout << "[ loop     ] " << build.name << " (" << build.set.dir << "): " << words.size() << " words, "
            << compared << " comparisons (" << adds << " _Py_RefcntAdd, " << compared - adds
            << " stack-reference), " << disagreements << " disagreements\n";
  RecordProperty("comparisons", static_cast<int>(compared));
  // Every word gets at least the adds whose n fits the width (7 at 32 bits), and 11 stack-reference
  // operations where the headers have them (7, and the specialized LOAD_CONSTs' four).
  EXPECT_GE(report.observations.size(), words.size() * (report.has_stack_refs ? 18 : 7));
  if (report.has_stack_refs)
    for (LoopOp op : {LoopOp::NewMortal, LoopOp::NewMortalClosed, LoopOp::Immortal, LoopOp::ImmortalClosed})
      EXPECT_EQ(std::count_if(report.observations.begin(), report.observations.end(),
                              [&](const LoopObservation& o) { return o.op == op; }),
                static_cast<std::ptrdiff_t>(words.size()))
          << loop_op_name(op);
}

INSTANTIATE_TEST_SUITE_P(Found, RealLoopCode, ::testing::ValuesIn(all_builds()),
                         [](const ::testing::TestParamInfo<OracleBuild>& info) { return info.param.name; });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RealLoopCode);

}  // namespace
}  // namespace refsim::conformance
