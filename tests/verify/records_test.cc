// verify's reading of the probe's records and its comparison, on canned records: how each kind
// of ending maps to refsim's outcomes, and that a wrong model is reported with both words.
#include <gtest/gtest.h>

#include "io/scenario_json.h"
#include "verify/compare.h"
#include "verify/model_side.h"
#include "verify/observe.h"

namespace refsim::verify {
namespace {

Observation read_ok(const std::vector<std::string>& lines, const std::vector<Kind>& kinds, const std::string& ended = "") {
  auto result = read_records(lines, kinds, ended);
  EXPECT_TRUE(std::holds_alternative<Observation>(result)) << std::get<std::string>(result);
  return std::get<Observation>(result);
}

TEST(VerifyRecords, aFatalErrorInsideTpDeallocIsTheFatalAction) {
  const Observation o = read_ok({"@start 0 3 0", "@dealloc 0 3 0 1 0", "Fatal Python error: none_dealloc: deallocating None",
                                 "@crash 0000000000000003 0 0000000000000000 0000000000000001 0000000000000000 0000000000000006"},
                                {Kind::None}, "signal 6");
  ASSERT_TRUE(o.crashed);
  ASSERT_TRUE(o.stopped);
  EXPECT_EQ(o.stopped->kind, EventKind::Dealloc);
  EXPECT_EQ(o.stopped->action, Action::Fatal);
  EXPECT_EQ(o.stopped->step, 3u);
  EXPECT_EQ(o.stopped->word_before, 1u);
  EXPECT_NE(o.detail.find("deallocating None"), std::string::npos);
}

TEST(VerifyRecords, staticMemoryHandedToTpFreeIsFreeStaticEvenWhenTheAllocatorReturns) {
  const Observation o = read_ok({"@start 0 2 0", "@dealloc 0 2 0 1 0", "@free 0", "@returned 0 7f21f012e 1", "@end 2 1"},
                                {Kind::BytesSingleton});
  ASSERT_TRUE(o.stopped);
  EXPECT_TRUE(o.crashed);
  EXPECT_EQ(o.stopped->action, Action::FreeStatic);
  EXPECT_EQ(o.events.at(0).word_after, 0u) << "the word on entry, not the allocator's free-list pointer";
}

// A debug 3.11's allocator hooks catch tp_free of static memory with a fatal error of their own
// (python3.11d: "_PyMem_DebugRawFree: bad ID"): the free itself, so free-static; a fatal error
// after tp_free that is not the allocator's stays fatal.
TEST(VerifyRecords, theDebugAllocatorsFatalErrorInTpFreeIsFreeStatic) {
  const std::vector<std::string> head = {"@start 0 1 0", "@dealloc 0 4 0 1 0", "@free 0"};
  const std::string crash = "@crash 0000000000000004 0 0000000000000000 0000000000000001 0000000000000000 0000000000000006";
  std::vector<std::string> caught = head;
  caught.push_back(std::string("Fatal Python error: _PyMem_DebugRawFree: bad ID: Allocated using API '") + '\0' +
                   "', verified using API 'o'");
  caught.push_back(crash);
  const Observation o = read_ok(caught, {Kind::ExtStatic}, "signal 6");
  ASSERT_TRUE(o.stopped);
  EXPECT_EQ(o.stopped->action, Action::FreeStatic);
  EXPECT_NE(o.detail.find("caught by the debug allocator"), std::string::npos);
  EXPECT_NE(o.detail.find("API '\\x00'"), std::string::npos) << "the NUL byte is escaped: " << o.detail;
  std::vector<std::string> other = head;
  other.push_back("Fatal Python error: some_dealloc: a check of the code's own");
  other.push_back(crash);
  EXPECT_EQ(read_ok(other, {Kind::ExtStatic}, "signal 6").stopped->action, Action::Fatal);
}

TEST(VerifyRecords, aStaticObjectsCrashInTpDeallocWithoutAFatalErrorIsFreeStatic) {
  const Observation o = read_ok({"@start 0 2 0", "@dealloc 0 2 0 1 0", "@crash 0000000000000002 0 0000000000000000 0000000000000001 0000000000000000 000000000000000b"},
                                {Kind::StaticType}, "signal 11");
  ASSERT_TRUE(o.stopped);
  EXPECT_EQ(o.stopped->action, Action::FreeStatic);
  EXPECT_NE(o.detail.find("before tp_free"), std::string::npos);
}

TEST(VerifyRecords, aReturningTpDeallocIsResetWhenTheWordTestsImmortalElseLeft) {
  const Observation reset = read_ok({"@start 0 2 0", "@dealloc 0 2 0 1 0", "@returned 0 ffffffff 1", "@imm 0 2 0 1 ffffffff 1",
                                     "@op 0 ffffffff:1", "@end 2 2"},
                                    {Kind::True});
  EXPECT_FALSE(reset.crashed);
  EXPECT_EQ(reset.events.at(0).action, Action::Reset);
  EXPECT_EQ(reset.events.at(0).word_after, 0xffffffffu);
  EXPECT_EQ(reset.events.at(1).kind, EventKind::AccidentalImmortal) << "True started mortal (explicit word 2)";
  const Observation left = read_ok({"@start 0 2 0", "@dealloc 0 2 0 1 0", "@returned 0 0 0", "@op 0 0:0", "@end 2 1"},
                                   {Kind::EmptyTuple});
  EXPECT_EQ(left.events.at(0).action, Action::Left);
}

TEST(VerifyRecords, anOperationOnAFreedHeapObjectIsAUseAfterFreeThatStopsTheRun) {
  const Observation o = read_ok({"@start 0 1 0", "@dealloc 0 1 0 1 0", "@returned 0 0 0", "@op 0 0:2", "@uaf 0 2 1 0 0 0", "@end 2 2"},
                                {Kind::Heap});
  EXPECT_EQ(o.events.at(0).action, Action::Freed);
  EXPECT_TRUE(o.after_op.at(0).at(0).freed);
  ASSERT_TRUE(o.stopped);
  EXPECT_EQ(o.stopped->kind, EventKind::UseAfterFree);
  EXPECT_EQ(o.stopped->op, (OpPath{1}));
}

TEST(VerifyRecords, aDebugBuildsNegativeRefcountFatalErrorIsTheNegativeRefcountEventWithTheWordItLeft) {
  const Observation o = read_ok({"@start 0 0 0", "Fatal Python error: _PyObject_AssertFailed", "object has negative ref count -1",
                                 "@crash 0000000000000001 0 0000000000000000 0000000000000000 ffffffffffffffff 0000000000000006"},
                                {Kind::Heap}, "signal 6");
  ASSERT_TRUE(o.stopped);
  EXPECT_EQ(o.stopped->kind, EventKind::NegativeRefcount);
  EXPECT_EQ(o.stopped->op, (OpPath{0}));
  EXPECT_EQ(o.stopped->word_after, ~Word{0});
}

TEST(VerifyRecords, aCrashOutsideTpDeallocIsACrashWithNoEvent) {
  const Observation o = read_ok({"@start 0 1 0"}, {Kind::Heap}, "signal 9");
  EXPECT_TRUE(o.crashed);
  EXPECT_FALSE(o.stopped);
  EXPECT_NE(o.detail.find("signal 9"), std::string::npos);
}

TEST(VerifyRecords, aProbeThatNeverStartedIsAnUnusableInterpreterNotAFinding) {
  auto result = read_records({"ImportError: no module named refsim_probe"}, {Kind::None}, "exit status 1");
  ASSERT_TRUE(std::holds_alternative<std::string>(result));
  EXPECT_NE(std::get<std::string>(result).find("ImportError"), std::string::npos);
}

// The done-when experiment without a scratch copy: the records of gh-125174's leak as 3.12.1 gave
// them, compared with a deliberately wrong model (the same operations on 3.11's arithmetic, which
// has no immortality). verify must report the disagreement with both words.
TEST(VerifyCompare, aWrongModelIsReportedWithBothWords) {
  const char* text = R"({"format": "refsim-scenario/1", "name": "leak",
    "runtime": {"version": "3.12", "width": 64, "debug": false, "strategy": "as-shipped"},
    "objects": [{"id": "obj", "kind": "heap", "word": "0x7ffffffd", "refs": 2147483645}],
    "ops": [{"op": "incref", "obj": "obj", "by": "ext-3.11", "count": 3},
            {"op": "incref", "obj": "obj", "by": "core", "count": 3},
            {"op": "decref", "obj": "obj", "by": "core", "count": 3}]})";
  auto parsed = parse_scenario(text, "leak");
  ASSERT_TRUE(std::holds_alternative<ScenarioFile>(parsed));
  const Scenario scenario = std::get<ScenarioFile>(parsed).scenario;
  const Observation real = read_ok({"@start 0 7ffffffd 0", "@imm 0 3 0 7fffffff 80000000 1", "@op 0 80000000:1",
                                    "@op 1 80000003:1", "@op 2 80000003:1", "@end 9 1"},
                                   {Kind::Heap});
  const Observation right = observe_model(with_real_start(scenario, real.start));
  EXPECT_TRUE(compare(scenario, real, right, right.start).disagreements.empty());

  Scenario wrong = scenario;
  wrong.runtime.version = Version::V3_11;
  const Observation model = observe_model(with_real_start(wrong, real.start));
  const Comparison c = compare(scenario, real, model, model.start);
  ASSERT_FALSE(c.disagreements.empty());
  const std::string first = c.disagreements.front();
  EXPECT_NE(first.find("real 0x0000000080000000 (immortal)"), std::string::npos) << first;
  EXPECT_NE(first.find("model 0x0000000080000000 (mortal)"), std::string::npos) << first;
  bool words_differ = false;
  for (const std::string& line : c.disagreements)
    words_differ = words_differ || line.find("real 0x0000000080000003 (immortal), model 0x0000000080000000 (mortal)") != std::string::npos;
  EXPECT_TRUE(words_differ) << "3.12 skips the core's decrefs of an immortal word; 3.11's arithmetic does not";
}

TEST(VerifyCompare, aStartingWordOnlyDisagreesWhereTheModelStartsTheObjectImmortal) {
  auto parsed = parse_scenario(R"({"format": "refsim-scenario/1", "runtime": {"version": "3.12", "width": 64},
    "objects": [{"id": "none", "kind": "none"}], "ops": []})", "s");
  ASSERT_TRUE(std::holds_alternative<ScenarioFile>(parsed));
  const Scenario s = std::get<ScenarioFile>(parsed).scenario;
  Observation real;
  real.start = {{0xfffffffeu, true, false}};
  const Observation model = observe_model(with_real_start(s, real.start));
  const Observation as_written = observe_model(s);
  const Comparison c = compare(s, real, model, as_written.start);
  ASSERT_FALSE(c.disagreements.empty());
  EXPECT_NE(c.disagreements.front().find("real 0x00000000fffffffe, model 0x00000000ffffffff"), std::string::npos);
}

}  // namespace
}  // namespace refsim::verify
