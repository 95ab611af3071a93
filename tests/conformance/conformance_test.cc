// Conformance: the model's semantics functions against the real inline Py_INCREF, Py_DECREF,
// Py_SET_REFCNT, _Py_IsImmortal and Py_REFCNT of every CPython header set found on the machine
// (docs/TESTING.md, Conformance with real headers). Each header set is built as an extension, 64-bit and
// -m32, release and Py_REF_DEBUG; every boundary word's result is compared with the model.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <set>

#include "conformance_config.h"  // kOracleSource
#include "model/runtime.h"
#include "tests/conformance/header_model.h"
#include "tests/conformance/header_sets.h"
#include "tests/conformance/oracle_build.h"
#include "tests/conformance/oracle_output.h"
#include "tests/conformance/variants.h"

namespace refsim::conformance {

/// Test parameters print as their name, not as bytes.
void PrintTo(const OracleBuild& build, std::ostream* out) { *out << build.name; }

namespace {

/// The shipped versions the model has (3.11 to 3.15, and free-threaded from 3.13) with no header set
/// here, e.g. "3.14 3.14t 3.15 3.15t"; those are not compared.
std::string versions_without_headers(const std::vector<HeaderSet>& sets) {
  std::string missing;
  for (Version v : values_of<Version>()) {
    if (family_of(v) == Family::Draft) continue;
    for (bool free_threaded : {false, true}) {
      if (free_threaded && v < Version::V3_13) continue;  // Py_GIL_DISABLED came with 3.13
      const std::string prefix = std::string(name_of(v)) + ".";
      if (std::none_of(sets.begin(), sets.end(), [&](const HeaderSet& set) {
            return set.free_threaded == free_threaded && set.version.rfind(prefix, 0) == 0;
          }))
        missing += (missing.empty() ? "" : " ") + std::string(name_of(v)) + (free_threaded ? "t" : "");
    }
  }
  return missing;
}

TEST(HeaderSets, areFoundOrTheConformanceTestsAreSkipped) {
  const auto sets = configured_header_sets();
  if (const std::string missing = versions_without_headers(sets); !missing.empty())
    std::cout << "[ missing  ] no header set configured as " << missing
              << ": not compared against real headers (add one with REFSIM_HEADER_SETS, docs/TESTING-HEADERS.md; "
                 "the freethreaded test also compiles 3.13+ default headers with -DPy_GIL_DISABLED)\n";
  if (sets.empty())
    GTEST_SKIP() << "no CPython header set found at configure time (on Debian: apt-get install python3-dev); "
                    "add header sets with REFSIM_HEADER_SETS (docs/TESTING-HEADERS.md)";
  for (const HeaderSet& set : sets)
    std::cout << "[ headers  ] " << set.label() << "  " << set.dir << "  (pyconfig.h: "
              << (set.configured_bits ? std::to_string(set.configured_bits) + "-bit" : "width by arch")
              << (set.free_threaded ? ", Py_GIL_DISABLED" : "") << ")\n";
}

/// The comparison itself must see a disagreement and name everything needed to chase it.
TEST(Disagreement, namesTheHeaderVersionOpInputAndBothResults) {
  const auto model = header_model("3.12.1", 3, 12, 64, false);
  ASSERT_TRUE(model);
  const Runtime runtime(runtime_spec(*model));
  // A fabricated "real" result: an incref at 0x7fffffff that did not move the word.
  const Observation real{.op = OracleOp::Incref, .input = 0x7fffffff, .word = 0x7fffffff};
  const Observation predicted = predict(*model, runtime, real);
  EXPECT_EQ(predicted.word, 0x80000000u);
  const auto message = disagreement(*model, real, predicted);
  ASSERT_TRUE(message);
  for (const char* part : {"3.12.1", "INC", "0x000000007fffffff", "real word=0x000000007fffffff",
                           "model word=0x0000000080000000"})
    EXPECT_NE(message->find(part), std::string::npos) << part << " missing from: " << *message;
  EXPECT_FALSE(disagreement(*model, predicted, predicted));
}

TEST(OracleOutput, rejectsMalformedLines) {
  EXPECT_TRUE(std::holds_alternative<std::string>(parse_oracle_output("HEADERS 3.12.1 0x030c01f0 64 0\n")));
  EXPECT_TRUE(std::holds_alternative<std::string>(
      parse_oracle_output("HEADERS 3.12.1 0x030c01f0 64 0\nHEAD_INIT 1\nINC 0 1 0\n")));
  const auto ok = parse_oracle_output("HEADERS 3.12.1 0x030c01f0 64 1\nHEAD_INIT 1\nDEC 0 0 0 1\nREFCNT ffffffffffffffff -1\n");
  ASSERT_TRUE(std::holds_alternative<OracleReport>(ok));
  const auto& report = std::get<OracleReport>(ok);
  EXPECT_TRUE(report.debug);
  ASSERT_EQ(report.observations.size(), 2u);
  EXPECT_TRUE(report.observations[0].negative);
  EXPECT_EQ(report.observations[1].value, -1);
}

class RealHeaders : public ::testing::TestWithParam<OracleBuild> {};

TEST_P(RealHeaders, agreeWithTheModelOnEveryBoundaryWord) {
  const OracleBuild& build = GetParam();
  if (auto why = variant_unavailable(build)) GTEST_SKIP() << build.bits << "-bit skipped: " << *why;
  if (build.bits == 32 && !m32_runner().empty())
    std::cout << "[ runner   ] " << m32_runner() << " (this kernel does not run i386 binaries)\n";
  const std::vector<Word> words = boundary_words(build.bits);
  const auto ran = compile_and_run(build, "oracle", kOracleSource, words);
  if (auto* problem = std::get_if<BuildProblem>(&ran)) {
    if (problem->skip) GTEST_SKIP() << problem->message;
    FAIL() << problem->message;
  }
  const auto& [oracle, run] = std::get<OracleResult>(ran);
  auto parsed = parse_oracle_output(run.output);
  ASSERT_TRUE(std::holds_alternative<OracleReport>(parsed)) << std::get<std::string>(parsed);
  const OracleReport& report = std::get<OracleReport>(parsed);
  ASSERT_EQ(report.version, build.set.version);
  ASSERT_EQ(report.bits, build.bits) << "the oracle's Py_ssize_t is not " << build.bits << "-bit";
  // A header set configured with Py_DEBUG is a debug build whatever we asked: model what it is.
  if (report.debug != build.debug)
    std::cout << "[ note     ] " << build.set.dir << " compiled with Py_REF_DEBUG=" << report.debug << "\n";
  const auto model = header_model(report.version, build.set.major, build.set.minor, report.bits, report.debug);
  if (!model) GTEST_SKIP() << "headers " << report.version << " are older than the model (3.2)";
  const Runtime runtime(runtime_spec(*model));
  const std::string reproduce = "\n  reproduce: " + oracle.command + " && " + oracle.binary + " ";

  // Real against model, and (a check of the model's own tables) the origin's code in the runtime
  // table against the header's function.
  std::size_t compared = 0, disagreements = 0, dispatch_mismatches = 0;
  for (const Observation& real : report.observations) {
    ++compared;
    if (auto message = disagreement(*model, real, predict(*model, runtime, real)))
      if (++disagreements <= 40) ADD_FAILURE() << *message << reproduce << hex(*model, real.input);
    if (auto message = dispatch_disagreement(*model, runtime, real))
      if (++dispatch_mismatches <= 10) ADD_FAILURE() << *message;
  }
  // The word PyObject_HEAD_INIT gives an extension's static object (the ext-static kind).
  const Word head_init = runtime.initial_word(Kind::ExtStatic, 1);
  ++compared;
  if (report.head_init != head_init && ++disagreements <= 40)
    ADD_FAILURE() << "headers " << report.version << " (" << report.bits << "-bit) PyObject_HEAD_INIT: real "
                  << hex(*model, report.head_init) << "; model (runtime " << name_of(model->version)
                  << ", kind ext-static) " << hex(*model, head_init) << reproduce << "0";
  std::cout << "[ conform  ] " << build.name << " (" << build.set.dir << "): " << words.size()
            << " words, " << compared << " comparisons, " << disagreements << " disagreements\n";
  EXPECT_EQ(dispatch_mismatches, 0u);
  RecordProperty("comparisons", static_cast<int>(compared));
  EXPECT_GT(report.observations.size(), words.size() * 3);
}

INSTANTIATE_TEST_SUITE_P(Found, RealHeaders, ::testing::ValuesIn(all_builds()),
                         [](const ::testing::TestParamInfo<OracleBuild>& info) { return info.param.name; });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RealHeaders);

}  // namespace
}  // namespace refsim::conformance
