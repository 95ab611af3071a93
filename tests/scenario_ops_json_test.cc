// Scenario JSON, refsim-scenario/2: the runtime's own operations (stack references, steal_release,
// refcnt_add) decode, are refused by /1 documents and by runtimes that lack them, keep their stack
// references balanced, and come back unchanged through the writer.
#include <string>
#include <variant>

#include <gtest/gtest.h>

#include "io/scenario_json.h"
#include "tests/scenario_error.h"
#include "io/scenario_writer.h"

namespace refsim {
namespace {

std::string doc(const std::string& ops, const std::string& version = "3.14",
                const std::string& format = "refsim-scenario/2") {
  return R"({"format": ")" + format + R"(", "runtime": {"version": ")" + version +
         R"(", "width": 64}, "objects": [{"id": "none", "kind": "none"}], "ops": )" + ops + "}";
}

constexpr const char* kAllOps = R"([
  {"op": "stackref_new", "obj": "none", "ref": "a"},
  {"op": "stackref_dup", "ref": "a", "as": "b"},
  {"op": "repeat", "count": 3, "ops": [
    {"op": "stackref_steal", "obj": "none", "ref": "c"},
    {"op": "stackref_close", "ref": "c"}]},
  {"op": "stackref_close", "ref": "b"},
  {"op": "steal_release", "obj": "none", "count": "1000"},
  {"op": "refcnt_add", "obj": "none", "n": 1000, "count": 2}])";

TEST(ScenarioOpsJson, decodesEveryRuntimeOperation) {
  const ScenarioResult r = parse_scenario(doc(kAllOps), "t");
  ASSERT_TRUE(std::holds_alternative<ScenarioFile>(r)) << error_of(r);
  const Scenario& s = std::get<ScenarioFile>(r).scenario;
  ASSERT_EQ(s.ops.size(), 6u);
  EXPECT_EQ(s.refs, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(s.ops[0].code, OpCode::StackNew);
  EXPECT_EQ(s.ops[1].code, OpCode::StackDup);
  EXPECT_EQ(s.ops[1].ref, 0u);
  EXPECT_EQ(s.ops[1].ref_to, 1u);
  EXPECT_EQ(s.ops[2].body[0].code, OpCode::StackSteal);
  EXPECT_EQ(s.ops[4].code, OpCode::StealRelease);
  EXPECT_EQ(s.ops[4].count, 1000u);
  EXPECT_EQ(s.ops[5].code, OpCode::RefcntAdd);
  EXPECT_EQ(s.ops[5].value, 1000u);
  EXPECT_EQ(s.ops[5].count, 2u);
  EXPECT_EQ(expanded_steps(s.ops), 1u + 1 + 6 + 1 + 1000 + 2);
}

TEST(ScenarioOpsJson, theWriterGivesTheSameDocumentBack) {
  const ScenarioResult r = parse_scenario(doc(kAllOps), "t");
  ASSERT_TRUE(std::holds_alternative<ScenarioFile>(r)) << error_of(r);
  const auto written = scenario_json(std::get<ScenarioFile>(r).scenario, nullptr);
  EXPECT_EQ(written["format"], "refsim-scenario/2");
  const ScenarioResult again = parse_scenario(written.dump(), "t");
  ASSERT_TRUE(std::holds_alternative<ScenarioFile>(again)) << error_of(again);
  EXPECT_EQ(scenario_json(std::get<ScenarioFile>(again).scenario, nullptr), written);
}

TEST(ScenarioOpsJson, aScenarioWithoutThemIsStillWrittenAsVersion1) {
  const ScenarioResult r = parse_scenario(doc(R"([{"op": "decref", "obj": "none"}])"), "t");
  ASSERT_TRUE(std::holds_alternative<ScenarioFile>(r)) << error_of(r);
  EXPECT_EQ(scenario_json(std::get<ScenarioFile>(r).scenario, nullptr)["format"], "refsim-scenario/1");
}

TEST(ScenarioOpsJson, version1DocumentsAreReadButCannotUseThem) {
  EXPECT_EQ(error_of(parse_scenario(doc(R"([{"op": "decref", "obj": "none"}])", "3.14", "refsim-scenario/1"), "t")),
            "(no error)");
  EXPECT_EQ(error_of(parse_scenario(doc(R"([{"op": "steal_release", "obj": "none"}])", "3.14", "refsim-scenario/1"), "t")),
            "ops[0].op: op \"steal_release\" needs format \"refsim-scenario/2\"");
  EXPECT_EQ(error_of(parse_scenario(doc("[]", "3.14", "refsim-scenario/3"), "t")),
            "format: unsupported format \"refsim-scenario/3\" (expected \"refsim-scenario/2\" or \"refsim-scenario/1\")");
}

TEST(ScenarioOpsJson, aRuntimeWithoutTheOperationRejectsIt) {
  EXPECT_EQ(error_of(parse_scenario(doc(R"([{"op": "stackref_new", "obj": "none", "ref": "a"}])", "3.12"), "t")),
            "ops[0].op: the 3.12 interpreter loop takes and releases references with Py_INCREF / Py_DECREF: "
            "write incref / decref by core");
  EXPECT_EQ(error_of(parse_scenario(doc(R"([{"op": "refcnt_add", "obj": "none", "n": 2}])", "3.11"), "t")),
            "ops[0].op: version 3.11 has no _Py_RefcntAdd (it came with 3.12)");
  EXPECT_EQ(error_of(parse_scenario(doc(R"([{"op": "steal_release", "obj": "none"}])", "pep683-r3"), "t")),
            "ops[0].op: version pep683-r3 has no stack references (they are modelled from 3.14 on)");
  EXPECT_EQ(error_of(parse_scenario(doc(R"([{"op": "refcnt_add", "obj": "none", "n": 2}])", "3.13"), "t")),
            "(no error)");
  EXPECT_EQ(error_of(parse_scenario(doc(R"([{"op": "stackref_new_mortal", "obj": "none", "ref": "a"}])", "3.13"), "t")),
            "ops[0].op: version 3.13 has no LOAD_CONST_MORTAL or LOAD_CONST_IMMORTAL (LOAD_CONST is specialized from "
            "3.14 on): its LOAD_CONST is Py_INCREF by core");
  EXPECT_EQ(error_of(parse_scenario(doc(R"([{"op": "stackref_immortal", "obj": "none", "ref": "a"}])", "3.11"), "t")),
            "ops[0].op: version 3.11 has no LOAD_CONST_MORTAL or LOAD_CONST_IMMORTAL (LOAD_CONST is specialized from "
            "3.14 on)");
  for (const char* version : {"3.14", "3.15"})
    EXPECT_EQ(error_of(parse_scenario(doc(R"([{"op": "stackref_immortal", "obj": "none", "ref": "a"},
        {"op": "stackref_new_mortal", "obj": "none", "ref": "b"}])", version), "t")),
              "(no error)") << version;
}

TEST(ScenarioOpsJson, stackReferencesAreUsedOnlyWhileOpen) {
  EXPECT_EQ(error_of(parse_scenario(doc(R"([{"op": "stackref_close", "ref": "a"}])"), "t")),
            "ops[0].ref: stack reference \"a\" is not open");
  EXPECT_EQ(error_of(parse_scenario(doc(R"([{"op": "stackref_new", "obj": "none", "ref": "a"},
      {"op": "stackref_steal", "obj": "none", "ref": "a"}])"), "t")),
            "ops[1].ref: stack reference \"a\" is already open");
  EXPECT_EQ(error_of(parse_scenario(doc(R"([{"op": "stackref_new", "obj": "none", "ref": "a"},
      {"op": "stackref_dup", "ref": "a", "as": "a"}])"), "t")),
            "ops[1].as: stack reference \"a\" is already open");
  EXPECT_EQ(error_of(parse_scenario(doc(R"([{"op": "stackref_new", "obj": "none", "ref": "a"},
      {"op": "repeat", "count": 2, "ops": [{"op": "stackref_close", "ref": "a"}]}])"), "t")),
            "ops[1].ops: stack reference \"a\" is closed by the repeated body");
  EXPECT_EQ(error_of(parse_scenario(doc(R"([{"op": "repeat", "count": 2, "ops": [
      {"op": "stackref_new", "obj": "none", "ref": "a"}]}])"), "t")),
            "ops[0].ops: stack reference \"a\" is left open by the repeated body");
  EXPECT_EQ(error_of(parse_scenario(doc(R"([{"op": "stackref_immortal", "obj": "none", "ref": "a"},
      {"op": "stackref_new_mortal", "obj": "none", "ref": "a"}])"), "t")),
            "ops[1].ref: stack reference \"a\" is already open");
  EXPECT_EQ(error_of(parse_scenario(doc(R"([{"op": "repeat", "count": 2, "ops": [
      {"op": "stackref_new_mortal", "obj": "none", "ref": "a"}]}])"), "t")),
            "ops[0].ops: stack reference \"a\" is left open by the repeated body");
}

TEST(ScenarioOpsJson, fieldsAreCheckedWithTheirPaths) {
  EXPECT_EQ(error_of(parse_scenario(doc(R"([{"op": "stackref_new", "obj": "none", "ref": "a", "count": 2}])"), "t")),
            "ops[0].count: field \"count\" does not apply to op \"stackref_new\"");
  EXPECT_EQ(error_of(parse_scenario(doc(R"([{"op": "steal_release", "obj": "none", "by": "core"}])"), "t")),
            "ops[0].by: field \"by\" does not apply to op \"steal_release\"");
  EXPECT_EQ(error_of(parse_scenario(doc(R"([{"op": "refcnt_add", "obj": "none"}])"), "t")),
            "ops[0].n: required field missing");
  EXPECT_EQ(error_of(parse_scenario(doc(R"([{"op": "refcnt_add", "obj": "none", "n": 0}])"), "t")),
            "ops[0].n: 0 is out of range 1..4611686018427387904");
  EXPECT_EQ(error_of(parse_scenario(doc(R"([{"op": "stackref_immortal", "obj": "none", "ref": "a", "by": "core"}])"), "t")),
            "ops[0].by: field \"by\" does not apply to op \"stackref_immortal\"");
  EXPECT_EQ(error_of(parse_scenario(doc(R"([{"op": "stackref_new_mortal", "ref": "a"}])"), "t")),
            "ops[0].obj: required field missing");
  EXPECT_EQ(error_of(parse_scenario(doc(R"([{"op": "stackref_new", "obj": "none", "ref": ""}])"), "t")),
            "ops[0].ref: a stack reference name may not be empty");
}

}  // namespace
}  // namespace refsim
