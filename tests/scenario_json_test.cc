// Scenario JSON tests: decoding, defaults, and one case per kind of rejection with its JSON path.
#include <string>
#include <variant>

#include <gtest/gtest.h>

#include "io/scenario_json.h"
#include "tests/scenario_error.h"

namespace refsim {
namespace {

using Json = nlohmann::ordered_json;

/// The decoded scenario (a copy: callers pass temporaries), or an empty one and a test failure.
Scenario ok(const ScenarioResult& result) {
  if (const SpecError* error = std::get_if<SpecError>(&result)) {
    ADD_FAILURE() << "unexpected error: " << describe(*error);
    return {};
  }
  return std::get<ScenarioFile>(result).scenario;
}

/// A scenario with a 3.14 32-bit runtime, one heap object "obj" and the given ops JSON.
std::string with_ops(const std::string& ops, const std::string& runtime_extra = "") {
  return R"({"format": "refsim-scenario/1", "runtime": {"version": "3.14", "width": 32)" + runtime_extra +
         R"(}, "objects": [{"id": "obj", "kind": "heap"}, {"id": "none", "kind": "none"}], "ops": )" + ops +
         "}";
}

TEST(ScenarioJson, decodesTheContractExample) {
  const std::string doc = R"({
    "format": "refsim-scenario/1",
    "name": "none-exchange-3.14-32",
    "runtime": {"version": "3.14", "width": 32, "debug": false, "strategy": "as-shipped"},
    "objects": [
      {"id": "none", "kind": "none"},
      {"id": "obj", "kind": "heap", "refs": 1},
      {"id": "odd", "kind": "heap", "word": "0x7ffffffe", "refs": 1}
    ],
    "ops": [
      {"op": "decref", "obj": "none", "by": "ext-3.11", "count": 536870912},
      {"op": "repeat", "count": 4000000000, "ops": [
        {"op": "incref", "obj": "obj", "by": "core"},
        {"op": "decref", "obj": "obj", "by": "ext-3.11"}
      ]},
      {"op": "set_refcnt", "obj": "obj", "by": "core", "value": 5},
      {"op": "gc"}
    ],
    "expect": {"outcome": "survived", "events": [{"kind": "deimmortalized", "obj": "none", "step": 1}]}
  })";
  const ScenarioResult result = parse_scenario(doc, "stem");
  const Scenario s = ok(result);
  EXPECT_EQ(s.name, "none-exchange-3.14-32");
  EXPECT_EQ(s.runtime.version, Version::V3_14);
  EXPECT_EQ(s.runtime.width.bits, 32u);
  ASSERT_EQ(s.objects.size(), 3u);
  EXPECT_EQ(s.objects[0].kind, Kind::None);
  EXPECT_EQ(s.objects[2].word, Word{0x7ffffffe});
  ASSERT_EQ(s.ops.size(), 4u);
  EXPECT_EQ(s.ops[0].code, OpCode::Decref);
  EXPECT_EQ(s.ops[0].by, Origin::Ext311);
  EXPECT_EQ(s.ops[0].count, 536870912u);
  EXPECT_EQ(s.ops[1].code, OpCode::Repeat);
  EXPECT_EQ(s.ops[1].count, 4000000000u);
  ASSERT_EQ(s.ops[1].body.size(), 2u);
  EXPECT_EQ(s.ops[1].body[1].obj, 1u);
  EXPECT_EQ(s.ops[2].value, Word{5});
  EXPECT_EQ(s.ops[3].code, OpCode::Gc);
  EXPECT_EQ(std::get<ScenarioFile>(result).expect["outcome"], "survived");
}

TEST(ScenarioJson, fillsDefaults) {
  const Scenario s = ok(parse_scenario(with_ops(R"([{"op": "incref", "obj": "obj"}])"), "the-stem"));
  EXPECT_EQ(s.name, "the-stem");
  EXPECT_FALSE(s.runtime.debug);
  EXPECT_EQ(s.runtime.strategy, Strategy::AsShipped);
  EXPECT_TRUE(s.objects[0].refs == 1);
  EXPECT_FALSE(s.objects[0].word.has_value());
  ASSERT_EQ(s.ops.size(), 1u);
  EXPECT_EQ(s.ops[0].by, Origin::Core);
  EXPECT_EQ(s.ops[0].count, 1u);
}

TEST(ScenarioJson, acceptsCountsAsIntegersHexAndDecimalStrings) {
  const Scenario s = ok(parse_scenario(
      with_ops(R"([{"op": "incref", "obj": "obj", "count": 18446744073709551603},
                   {"op": "incref", "obj": "obj", "count": 0},
                   {"op": "repeat", "count": "0xFFFF", "ops": []},
                   {"op": "decref", "obj": "obj", "count": "12"}])"),
      "x"));
  ASSERT_EQ(s.ops.size(), 4u);
  EXPECT_EQ(s.ops[0].count, 18446744073709551603u);
  EXPECT_EQ(s.ops[1].count, 0u);
  EXPECT_EQ(s.ops[2].count, 0xffffu);
  EXPECT_EQ(s.ops[3].count, 12u);
}

TEST(ScenarioJson, refusesMoreThan2To64SingleOperationsInTotal) {
  const ScenarioResult result = parse_scenario(
      with_ops(R"([{"op": "incref", "obj": "obj", "count": 18446744073709551615},
                   {"op": "incref", "obj": "obj"}])"),
      "x");
  ASSERT_TRUE(std::holds_alternative<SpecError>(result));
  EXPECT_EQ(std::get<SpecError>(result).path, "ops");
}

TEST(ScenarioJson, acceptsPeriodicResetParameters) {
  const Scenario s = ok(parse_scenario(
      with_ops("[]", R"(, "strategy": "periodic-reset", "strategy_params": {"period": 7, "only_if_legacy": true})"), "x"));
  EXPECT_EQ(s.runtime.strategy, Strategy::PeriodicReset);
  EXPECT_EQ(s.runtime.params.period, 7u);
  EXPECT_TRUE(s.runtime.params.only_if_legacy);
}

TEST(ScenarioJson, wordsFitTheWidthExactly) {
  EXPECT_EQ(ok(parse_scenario(with_ops(R"([{"op": "set_refcnt", "obj": "obj", "value": "0xffffffff"}])"), "x"))
                .ops.at(0)
                .value,
            Word{0xffffffff});
  EXPECT_EQ(error_of(parse_scenario(with_ops(R"([{"op": "set_refcnt", "obj": "obj", "value": 4294967296}])"), "x")),
            "ops[0].value: 4294967296 does not fit a 32-bit word (0..0xffffffff)");
  EXPECT_EQ(error_of(parse_scenario(with_ops(R"([{"op": "set_refcnt", "obj": "obj", "value": -1}])"), "x")),
            "ops[0].value: -1 does not fit a 32-bit word (0..0xffffffff)");
  EXPECT_EQ(error_of(parse_scenario(with_ops(R"([{"op": "set_refcnt", "obj": "obj", "value": "12"}])"), "x")),
            R"(ops[0].value: "12" is not a number (write an integer or "0x..."))");
  const std::string narrow = R"({"format": "refsim-scenario/1", "runtime": {"version": "3.14", "width": 8},
      "objects": [{"id": "a", "kind": "heap", "word": 255}, {"id": "b", "kind": "heap", "word": 256}]})";
  EXPECT_EQ(error_of(parse_scenario(narrow, "x")), "objects[1].word: 256 does not fit a 8-bit word (0..0xff)");
}

struct BadCase {
  const char* document;
  const char* error;
};

class ScenarioJsonRejects : public ::testing::TestWithParam<BadCase> {};

/// `$RT` stands for a valid format and runtime, `$OBJ` for an objects list with one heap object "a".
std::string expand(std::string doc) {
  const std::pair<std::string, std::string> macros[] = {
      {"$RT", R"("format": "refsim-scenario/1", "runtime": {"version": "3.14", "width": 32})"},
      {"$OBJ", R"("objects": [{"id": "a", "kind": "heap"}])"}};
  for (const auto& [macro, text] : macros)
    for (std::size_t at; (at = doc.find(macro)) != std::string::npos;) doc.replace(at, macro.size(), text);
  return doc;
}

TEST_P(ScenarioJsonRejects, withThePathAndMessage) {
  EXPECT_EQ(error_of(parse_scenario(expand(GetParam().document), "x")), GetParam().error);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ScenarioJsonRejects,
    ::testing::Values(
        BadCase{"[]", "expected an object, got array"},
        BadCase{R"({"runtime": {"version": "3.14", "width": 32}})", "format: required field missing"},
        BadCase{R"({"format": "refsim-scenario/3", "runtime": {}})",
                R"(format: unsupported format "refsim-scenario/3" (expected "refsim-scenario/2" or "refsim-scenario/1"))"},
        BadCase{R"({"format": "refsim-scenario/1"})", "runtime: required field missing"},
        BadCase{R"({$RT, "extra": 1})",
                "extra: unknown field"},
        BadCase{R"({"format": "refsim-scenario/1", "runtime": {"version": "3.10", "width": 32}})",
                R"(runtime.version: unknown version "3.10")"},
        BadCase{R"({"format": "refsim-scenario/1", "runtime": {"version": "3.14"}})",
                "runtime.width: required field missing"},
        BadCase{R"({"format": "refsim-scenario/1", "runtime": {"version": "3.14", "width": "32"}})",
                "runtime.width: expected an integer, got string"},
        BadCase{R"({"format": "refsim-scenario/1", "runtime": {"version": "3.14", "width": 128}})",
                "runtime.width: unsupported width 128 (expected 8, 16, 32 or 64)"},
        BadCase{R"({"format": "refsim-scenario/1", "runtime": {"version": "3.14", "width": 32, "strategy": "x"}})",
                R"(runtime.strategy: unknown strategy "x")"},
        BadCase{R"({"format": "refsim-scenario/1", "runtime": {"version": "3.14", "width": 32, "strategy_params": {"period": 3}}})",
                R"(runtime.strategy_params: only the "periodic-reset" strategy takes parameters)"},
        BadCase{R"({"format": "refsim-scenario/1", "runtime": {"version": "3.14", "width": 32, "strategy": "periodic-reset", "strategy_params": {"period": 0}}})",
                "runtime.strategy_params.period: 0 is out of range 1..18446744073709551615"},
        BadCase{R"({"format": "refsim-scenario/1", "runtime": {"version": "3.14", "width": 32, "strategy": "periodic-reset", "strategy_params": {"phase": 0}}})",
                "runtime.strategy_params.phase: unknown field"},
        BadCase{R"({"format": "refsim-scenario/1", "runtime": {"version": "3.14", "width": 32, "debug": 1}})",
                "runtime.debug: expected a boolean, got number"},
        BadCase{R"({$RT, "objects": {}})",
                "objects: expected an array, got object"},
        BadCase{R"({$RT, "objects": [{"kind": "heap"}]})",
                "objects[0].id: required field missing"},
        BadCase{R"({$RT, "objects": [{"id": "a"}]})",
                "objects[0].kind: required field missing"},
        BadCase{R"({$RT, "objects": [{"id": "a", "kind": "heap"}, {"id": "a", "kind": "heap"}]})",
                R"(objects[1].id: duplicate object id "a" (also objects[0]))"},
        BadCase{R"({$RT, "objects": [{"id": "a", "kind": "heap", "refs": -1}]})",
                "objects[0].refs: -1 is out of range 0..9223372036854775807"},
        BadCase{R"({$RT, "objects": [{"id": "a", "kind": "heap", "refs": "9223372036854775808"}]})",
                R"(objects[0].refs: "9223372036854775808" is out of range 0..9223372036854775807)"},
        BadCase{R"({$RT, "ops": [{"obj": "a"}]})",
                "ops[0].op: required field missing"},
        BadCase{R"({$RT, "ops": [{"op": "xincref"}]})",
                R"(ops[0].op: unknown op "xincref")"},
        BadCase{R"({$RT, "ops": [{"op": "incref"}]})",
                "ops[0].obj: required field missing"},
        BadCase{R"({$RT, "ops": [{"op": "gc", "count": 2}]})",
                R"(ops[0].count: field "count" does not apply to op "gc")"},
        BadCase{R"({$RT, "ops": [{"op": "gc", "by": "core"}]})",
                R"(ops[0].by: field "by" does not apply to op "gc")"},
        BadCase{R"({$RT, "ops": [{"op": "repeat", "count": 2}]})",
                "ops[0].ops: required field missing"},
        BadCase{R"({$RT, "ops": [{"op": "repeat", "ops": [{"op": "gc", "when": 1}]}]})",
                "ops[0].ops[0].when: unknown field"},
        BadCase{R"({$RT, $OBJ, "ops": [{"op": "set_refcnt", "obj": "a"}]})",
                "ops[0].value: required field missing"},
        BadCase{R"({$RT, $OBJ, "ops": [{"op": "gc", "count": 2}]})",
                R"(ops[0].count: field "count" does not apply to op "gc")"},
        BadCase{R"({$RT, $OBJ, "ops": [{"op": "incref", "obj": "a", "count": 1.5}]})",
                "ops[0].count: expected an integer, got 1.5"},
        BadCase{R"({$RT, $OBJ, "ops": [{"op": "incref", "obj": "a", "count": true}]})",
                "ops[0].count: expected an integer or a string, got boolean"},
        BadCase{R"({$RT, $OBJ, "ops": [{"op": "incref", "obj": "a", "count": "-3"}]})",
                R"(ops[0].count: "-3" is out of range 0..18446744073709551615)"},
        BadCase{R"({$RT, $OBJ, "ops": [{"op": "incref", "obj": "a", "count": "0x"}]})",
                R"(ops[0].count: "0x" is not a number (write an integer, "0x..." or decimal digits))"},
        BadCase{R"({$RT, $OBJ, "ops": [{"op": "incref", "obj": 3}]})",
                "ops[0].obj: expected a string, got number"},
        BadCase{R"({$RT, "runtime": {}})",
                "runtime: duplicate field"},
        BadCase{R"({$RT, "expect": {"outcome": "fine"}})",
                R"(expect.outcome: unknown outcome "fine" (expected "survived" or "crashed"))"},
        BadCase{R"({$RT, "expect": {"events": [{"kind": "foo"}]}})",
                R"(expect.events[0].kind: unknown event kind "foo")"},
        BadCase{R"({$RT, "expect": {"events": [{"obj": "ghost"}]}})",
                R"(expect.events[0].obj: unknown object id "ghost")"},
        BadCase{R"({$RT, "expect": {"events": [{"detail": {"action": "burn"}}]}})",
                R"(expect.events[0].detail.action: unknown action "burn")"},
        BadCase{R"({$RT, "expect": {"events": [{"colour": 1}]}})",
                "expect.events[0].colour: unknown field"},
        BadCase{R"({$RT, "expect": {"objects": [{"word": 1}]}})",
                "expect.objects[0].id: required field missing"},
        BadCase{R"({$RT, "expect": {"steps": -2}})",
                "expect.steps: -2 is out of range"},
        BadCase{R"({$RT, "expect": {"verdict": 1}})",
                "expect.verdict: unknown field"},
        BadCase{R"({$RT, "expect": null})",
                "expect: expected an object, got null"}));

TEST(ScenarioJson, namesTheOriginInsideARepeat) {
  const std::string doc = with_ops(R"([{"op": "incref", "obj": "obj"},
      {"op": "repeat", "count": 2, "ops": [{"op": "decref", "obj": "obj", "by": "ext-3.10"}]}])");
  EXPECT_EQ(error_of(parse_scenario(doc, "x")), R"(ops[1].ops[0].by: unknown origin "ext-3.10")");
}

TEST(ScenarioJson, reportsMalformedJsonWithItsByteOffset) {
  const std::string error = error_of(parse_scenario(R"({"format": "refsim-scenario/1",)", "x"));
  EXPECT_EQ(error.rfind("malformed JSON at byte 32 (line 1, column 32): ", 0), 0u) << error;
  EXPECT_EQ(error_of(parse_scenario("", "x")).rfind("malformed JSON at byte 1", 0), 0u);
  EXPECT_EQ(error_of(parse_scenario("{} {}", "x")).rfind("malformed JSON at byte", 0), 0u);
  EXPECT_EQ(error_of(parse_scenario("{\"format\": \"\xff\"}", "x")).rfind("malformed JSON at byte", 0), 0u);
}

TEST(ScenarioJson, boundsJsonNestingWithoutRecursing) {
  const std::string deep = expand(R"({$RT, "ops": )") + std::string(100000, '[') + std::string(100000, ']') + "}";
  const std::string error = error_of(parse_scenario(deep, "x"));
  EXPECT_EQ(error.rfind("ops[0][0][0]", 0), 0u) << error.substr(0, 80);
  EXPECT_NE(error.find(": JSON nested deeper than 256 levels"), std::string::npos);
  EXPECT_EQ(error_of(parse_scenario(std::string(300, '['), "x")).find("JSON nested deeper"),
            std::string("[0]").size() * 256 + 2);
}

std::string nested_repeats(int depth) {
  std::string ops = R"([{"op": "incref", "obj": "obj"}])";
  for (int i = 0; i < depth; ++i) ops = R"([{"op": "repeat", "count": 1, "ops": )" + ops + "}]";
  return with_ops(ops);
}

TEST(ScenarioJson, boundsRepeatNestingAt64) {
  EXPECT_EQ(error_of(parse_scenario(nested_repeats(64), "x")), "(no error)");
  const std::string error = error_of(parse_scenario(nested_repeats(65), "x"));
  std::string path = "ops";
  for (int i = 0; i < 65; ++i) path += "[0].ops";
  EXPECT_EQ(error, path + ": repeat nested deeper than 64 levels");
}

TEST(ScenarioJson, appliesTheModelChecks) {
  const std::string doc = R"({"format": "refsim-scenario/1", "runtime": {"version": "3.12", "width": 64, "strategy": "reset-on-margin"}})";
  const ScenarioResult result = parse_scenario(doc, "x");
  ASSERT_TRUE(std::holds_alternative<SpecError>(result));
  EXPECT_EQ(std::get<SpecError>(result).path, "runtime.strategy");
}

TEST(ScenarioJson, readsNumbersByValue) {
  using Status = JsonNumber::Status;
  EXPECT_TRUE(read_number(Json("0x40000000"), false).value == 0x40000000);
  EXPECT_TRUE(read_number(Json("0XaBc"), false).value == 0xabc);
  EXPECT_EQ(read_number(Json("12"), false).status, Status::NotANumber);
  EXPECT_TRUE(read_number(Json("-1879048191"), true).value == -1879048191);
  EXPECT_TRUE(read_number(Json(-5), false).value == -5);
  EXPECT_TRUE(read_number(Json(18446744073709551615u), false).value == Int128{18446744073709551615u});
  EXPECT_EQ(read_number(Json::parse("18446744073709551616"), false).status, Status::OutOfRange);
  EXPECT_EQ(read_number(Json("1" + std::string(40, '0')), true).status, Status::OutOfRange);
  EXPECT_EQ(read_number(Json(1.5), true).status, Status::NotANumber);
  EXPECT_EQ(read_number(Json("1 "), true).status, Status::NotANumber);
  EXPECT_EQ(decimal(-(Int128{1} << 100)), "-1267650600228229401496703205376");
  EXPECT_EQ(decimal(0), "0");
}

}  // namespace
}  // namespace refsim
