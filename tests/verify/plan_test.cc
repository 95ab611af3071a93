// verify's planning: what it refuses (and says why) before anything runs, and the probe program
// and sources it writes. No interpreter needed.
#include <gtest/gtest.h>

#include "io/scenario_json.h"
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
  auto parsed = parse_scenario(R"({"format": "refsim-scenario/1", "runtime": )" + runtime + R"(, "objects": )" + objects +
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

}  // namespace
}  // namespace refsim::verify
