// verify's planning: what it refuses (and says why) before anything runs, and the probe program
// and sources it writes. No interpreter needed.
#include <gtest/gtest.h>

#include <fstream>

#include "io/scenario_json.h"
#include "tests/temp_dir_test.h"
#include "verify/build.h"
#include "verify/headers.h"
#include "verify/plan.h"
#include "verify/probe_source.h"

namespace refsim::verify {
namespace {

Interpreter python312() {
  Interpreter in;
  in.path = "/opt/python3.12";
  in.full_version = "3.12.1";
  in.version = "3.12";
  in.width = 64;
  return in;
}

Scenario scenario(const std::string& runtime, const std::string& objects, const std::string& ops) {
  auto parsed = parse_scenario(R"({"format": "refsim-scenario/2", "runtime": )" + runtime + R"(, "objects": )" + objects +
                                   R"(, "ops": )" + ops + "}",
                               "s");
  EXPECT_TRUE(std::holds_alternative<ScenarioFile>(parsed)) << describe(std::get<SpecError>(parsed));
  return std::get<ScenarioFile>(parsed).scenario;
}

const char* kNone = R"([{"id": "none", "kind": "none"}])";
const char* k312 = R"({"version": "3.12", "width": 64})";

std::string refusal(const Scenario& s, const PlanOptions& options = {}) {
  auto plan = plan_scenario(s, python312(), options);
  return std::holds_alternative<std::string>(plan) ? std::get<std::string>(plan) : "";
}

TEST(VerifyPlan, aRuntimeOtherThanTheInterpretersIsAMismatchNamingIt) {
  const std::string ops = R"([{"op": "incref", "obj": "none"}])";
  EXPECT_NE(refusal(scenario(R"({"version": "3.13", "width": 64})", kNone, ops)).find("version mismatch"), std::string::npos);
  EXPECT_NE(refusal(scenario(R"({"version": "3.12", "width": 32})", kNone, ops)).find("width mismatch"), std::string::npos);
  EXPECT_NE(refusal(scenario(R"({"version": "3.12", "width": 64, "debug": true})", kNone, ops)).find("debug mismatch"),
            std::string::npos);
  EXPECT_NE(refusal(scenario(R"({"version": "3.12", "width": 64, "strategy": "no-reset"})", kNone, ops)).find("strategy"),
            std::string::npos);
  EXPECT_EQ(refusal(scenario(k312, kNone, ops)), "");
}

TEST(VerifyPlan, anotherVersionsInlineCodeIsRefusedUnlessItsHeadersWereGiven) {
  const Scenario s = scenario(k312, kNone, R"([{"op": "incref", "obj": "none", "by": "ext-3.14"}])");
  EXPECT_NE(refusal(s).find("pass --headers 3.14=DIR"), std::string::npos) << refusal(s);
  EXPECT_EQ(refusal(s, {false, {"3.12", "3.14"}}), "");
  auto plan = plan_scenario(s, python312(), {false, {"3.12", "3.14"}});
  EXPECT_NE(std::get<Plan>(plan).program.find("i 0 3 1 0 0\n"), std::string::npos) << "ext-3.14 is slot 3";
}

TEST(VerifyPlan, aGcTooManyStepsAndASecondNoneAreRefused) {
  EXPECT_NE(refusal(scenario(k312, kNone, R"([{"op": "gc"}])")).find("gc"), std::string::npos);
  const Scenario slow = scenario(k312, kNone, R"([{"op": "incref", "obj": "none", "count": 17179869185}])");
  EXPECT_NE(refusal(slow).find("--allow-slow"), std::string::npos);
  EXPECT_EQ(refusal(slow, {true, {}}), "");
  const Scenario at_limit = scenario(k312, kNone, R"([{"op": "incref", "obj": "none", "count": 17179869184}])");
  EXPECT_EQ(refusal(at_limit), "");
  EXPECT_NE(refusal(scenario(k312, R"([{"id": "a", "kind": "none"}, {"id": "b", "kind": "none"}])", "[]")).find("only 1 none"),
            std::string::npos);
}

TEST(VerifyPlan, theStepCountOfATooSlowScenarioIsPrintedAsAnInteger) {
  const Scenario slow = scenario(k312, kNone, R"([{"op": "repeat", "count": 4294967296, "ops": [
      {"op": "incref", "obj": "none", "count": 4294967295}]}])");
  EXPECT_NE(refusal(slow).find("it has 18446744069414584320 single operations, more than 2^34"), std::string::npos)
      << refusal(slow);
  const Scenario slow2 = scenario(k312, kNone, R"([{"op": "incref", "obj": "none", "count": 20000000000}])");
  EXPECT_NE(refusal(slow2).find("it has 20000000000 single operations"), std::string::npos) << refusal(slow2);
}

TEST(VerifyPlan, aStaticIdStrIsAnInternedIdentifierNameOfWhichTheProbeHasEight) {
  std::string objects = "[";
  for (int i = 0; i < 8; ++i) objects += std::string(i ? ", " : "") + R"({"id": "s)" + std::to_string(i) + R"(", "kind": "static-id-str"})";
  const std::string eight = objects + "]";
  const std::string nine = objects + R"(, {"id": "s8", "kind": "static-id-str"}])";
  auto plan = plan_scenario(scenario(k312, eight, R"([{"op": "decref", "obj": "s0", "by": "ext-3.11"}])"), python312(), {});
  ASSERT_TRUE(std::holds_alternative<Plan>(plan)) << std::get<std::string>(plan);
  EXPECT_NE(std::get<Plan>(plan).program.find("objects 8\nstatic-id-str 0 0\n"), std::string::npos);
  EXPECT_NE(refusal(scenario(k312, nine, "[]")).find("object s8: the interpreter has only 8 static-id-str object(s)"),
            std::string::npos)
      << refusal(scenario(k312, nine, "[]"));
}

TEST(VerifyPlan, theProbeRefusesTheStaticStrsThatAreNoLatin1Singletons) {
  std::string objects = "[";
  for (int i = 0; i < 24; ++i) objects += std::string(i ? ", " : "") + R"({"id": "s)" + std::to_string(i) + R"(", "kind": "static-str"})";
  EXPECT_NE(refusal(scenario(k312, objects + "]", "[]")).find("only 23 static-str"), std::string::npos)
      << "U+00E9 + 23 is U+0100, a fresh str: " << refusal(scenario(k312, objects + "]", "[]"));
}

TEST(VerifyPlan, refcntAddIsAListRepetitionWhoseKeptListsAreBounded) {
  const char* obj = R"([{"id": "obj", "kind": "heap", "refs": 1}])";
  auto plan = plan_scenario(scenario(k312, obj, R"([{"op": "refcnt_add", "obj": "obj", "n": 1000, "count": 2}])"), python312(), {});
  ASSERT_TRUE(std::holds_alternative<Plan>(plan)) << std::get<std::string>(plan);
  EXPECT_NE(std::get<Plan>(plan).program.find("a 0 0 2 3e8 0\n"), std::string::npos) << std::get<Plan>(plan).program;
  const Scenario at_limit = scenario(k312, obj, R"([{"op": "repeat", "count": 32, "ops": [
      {"op": "refcnt_add", "obj": "obj", "n": 1048576}]}])");
  EXPECT_EQ(refusal(at_limit), "") << "2^25 items";
  const Scenario over = scenario(k312, obj, R"([{"op": "repeat", "count": 32, "ops": [
      {"op": "refcnt_add", "obj": "obj", "n": 1048576}, {"op": "refcnt_add", "obj": "obj", "n": 1}]}])");
  EXPECT_NE(refusal(over).find("refcnt_add (_Py_RefcntAdd) runs as list repetition"), std::string::npos) << refusal(over);
  const Scenario huge = scenario(k312, obj, R"([{"op": "repeat", "count": 4294967295, "ops": [
      {"op": "repeat", "count": 4294967295, "ops": [{"op": "refcnt_add", "obj": "obj", "n": 4611686018427387904}]}]}])");
  EXPECT_NE(refusal(huge, {true, {}}).find("more than 2^25 items"), std::string::npos) << refusal(huge, {true, {}});
}

TEST(VerifyPlan, theInterpreterLoopsStackReferencesAreRefusedByName) {
  Interpreter in = python312();
  in.version = "3.14";
  in.full_version = "3.14.7";
  auto plan = plan_scenario(scenario(R"({"version": "3.14", "width": 64})", kNone,
                                     R"([{"op": "stackref_new", "obj": "none", "ref": "r"}, {"op": "stackref_close", "ref": "r"}])"),
                            in, {});
  ASSERT_TRUE(std::holds_alternative<std::string>(plan));
  EXPECT_EQ(std::get<std::string>(plan).rfind("stackref_new (PyStackRef_FromPyObjectNew) cannot be run from C", 0), 0u)
      << std::get<std::string>(plan);
  for (const char* name : {"stackref_new_mortal", "stackref_immortal"}) {
    plan = plan_scenario(scenario(R"({"version": "3.14", "width": 64})", kNone,
                                  R"([{"op": ")" + std::string(name) + R"(", "obj": "none", "ref": "r"}])"),
                         in, {});
    ASSERT_TRUE(std::holds_alternative<std::string>(plan)) << name;
    const std::string function = name == std::string("stackref_immortal") ? "PyStackRef_FromPyObjectImmortal"
                                                                            : "PyStackRef_FromPyObjectNewMortal";
    EXPECT_EQ(std::get<std::string>(plan), std::string(name) + " (" + function +
                                               ") cannot be run from C: it is the 3.14 interpreter loop's own stack "
                                               "reference, which no C API takes or releases");
  }
  plan = plan_scenario(scenario(R"({"version": "3.14", "width": 64})", kNone, R"([{"op": "steal_release", "obj": "none"}])"), in, {});
  EXPECT_EQ(std::get<std::string>(plan).rfind("steal_release (a stolen reference released) cannot be run from C", 0), 0u)
      << std::get<std::string>(plan);
}

// A kind the plan accepts must be one the probe can make: otherwise the child would fail to set up
// after the build (as static-id-str once did). Every kind the plan accepts has its branch in make().
TEST(VerifyPlan, everyKindThePlanAcceptsIsOneTheProbeMakes) {
  const std::string probe = probe_main_source({});
  int accepted = 0;
  for (Kind kind : values_of<Kind>()) {
    const std::string name(name_of(kind));
    const std::string objects = R"([{"id": "o", "kind": ")" + name + R"("}])";
    auto parsed = parse_scenario(R"({"format": "refsim-scenario/1", "runtime": )" + std::string(k312) + R"(, "objects": )" +
                                     objects + R"(, "ops": []})",
                                 "s");
    if (!std::holds_alternative<ScenarioFile>(parsed)) continue;
    auto plan = plan_scenario(std::get<ScenarioFile>(parsed).scenario, python312(), {});
    if (std::holds_alternative<std::string>(plan)) {
      EXPECT_NE(std::get<std::string>(plan).find(name), std::string::npos) << "a refusal names the kind";
      continue;
    }
    ++accepted;
    EXPECT_NE(probe.find("!strcmp(kind, \"" + name + "\")"), std::string::npos) << name << " has no branch in make()";
  }
  EXPECT_GE(accepted, 14);
}

TEST(VerifyPlan, theProgramListsObjectsWithTheirWordsAndTheOperationTree) {
  const Scenario s = scenario(k312, R"([{"id": "none", "kind": "none"}, {"id": "obj", "kind": "heap", "refs": 3}])",
                              R"([{"op": "repeat", "count": 2, "ops": [{"op": "decref", "obj": "obj", "by": "ext-3.11"}]},
                                  {"op": "set_refcnt", "obj": "obj", "value": 255}])");
  const std::string program = std::get<Plan>(plan_scenario(s, python312(), {})).program;
  EXPECT_EQ(program,
            "refsim-probe 1\nobjects 2\nnone 0 0\nheap 1 3\nops 2\n"
            "r 0 0 2 0 1\nd 1 1 1 0 0\n"
            "s 1 0 1 ff 0\n");
}

TEST(VerifyProbeSource, eachExtensionOriginGetsASlotAndAFileOfItsOwn) {
  const std::string main = probe_main_source({"3.12", "3.13"});
  EXPECT_NE(main.find("op->origin == 2) { STEPS(refsim_ext_3_12_incref(o)) }"), std::string::npos);
  EXPECT_NE(main.find("op->origin == 3) { STEPS(refsim_ext_3_13_decref(o)) }"), std::string::npos);
  EXPECT_EQ(main.find("@EXT_"), std::string::npos);
  const std::string ext = probe_ext_source("3.13");
  EXPECT_NE(ext.find("#define Py_LIMITED_API 0x030b0000"), std::string::npos);
  EXPECT_NE(ext.find("void refsim_ext_3_13_set(PyObject *o, Py_ssize_t v) { Py_SET_REFCNT(o, v); }"), std::string::npos);
}

class VerifyHeaders : public TempDirTest {
 protected:
  std::string headers(const std::string& minor, const std::string& full) {
    const std::filesystem::path dir = dir_ / ("include-" + full);
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "patchlevel.h") << "#define PY_MAJOR_VERSION        3\n#define PY_MINOR_VERSION        " << minor
                                        << "\n#define PY_VERSION              \"" << full << "\"\n";
    return dir.string();
  }
};

TEST_F(VerifyHeaders, anotherVersionsHeadersAreAMismatchNamingBothVersions) {
  const std::string h313 = headers("13", "3.13.0");
  EXPECT_EQ(headers_mismatch("3.13", h313), "");
  EXPECT_EQ(headers_mismatch("3.12", h313),
            "version mismatch: ext-3.12 needs 3.12 headers, " + h313 + " holds Python 3.13.0 (patchlevel.h)");
  EXPECT_NE(headers_mismatch("3.12", (dir_ / "none").string()).find("cannot read"), std::string::npos);
}

class VerifyBuild : public TempDirTest {};

TEST_F(VerifyBuild, anExtensionFileFindsItsHeadersAndTheirPyconfig) {
  // The interpreter's own version: both of its include directories (platinclude holds pyconfig.h
  // where it differs from include). Another version's headers: the folder given, and the folder
  // above it when that holds pyconfig.h (a configured source tree's Include/).
  Interpreter py;
  py.include_dirs = {"/py/include/python3.12", "/py/platinclude/python3.12"};
  EXPECT_EQ(ext_includes({"3.12", "/py/include/python3.12"}, py), py.include_dirs);
  const std::filesystem::path tree = dir_ / "cpython";
  std::filesystem::create_directories(tree / "Include");
  std::ofstream(tree / "pyconfig.h") << "/* configured */\n";
  EXPECT_EQ(ext_includes({"3.13", (tree / "Include").string()}, py),
            (std::vector<std::string>{(tree / "Include").string(), tree.string()}));
  std::ofstream(tree / "Include" / "pyconfig.h") << "/* installed */\n";
  EXPECT_EQ(ext_includes({"3.13", (tree / "Include").string()}, py), std::vector<std::string>{(tree / "Include").string()});
}

}  // namespace
}  // namespace refsim::verify
