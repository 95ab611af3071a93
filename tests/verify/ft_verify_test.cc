// verify on free-threaded builds without an interpreter: what the plan refuses and writes, how
// the probe's records become events, which model events the real side can see, and that a
// changed fact of the model is a disagreement naming both values.
#include <gtest/gtest.h>

#include "io/ft_scenario_json.h"
#include "io/scenario_json.h"
#include "verify/ft_compare.h"
#include "verify/ft_model_side.h"
#include "verify/ft_observe.h"
#include "verify/ft_plan.h"

namespace refsim::verify {
namespace {

using ft::FtEventKind;

Interpreter python314t() {
  Interpreter in;
  in.path = "/opt/python3.14t";
  in.full_version = "3.14.7";
  in.version = "3.14";
  in.free_threaded = true;
  return in;
}

const std::string kHead = R"({"format": "refsim-scenario/2", "runtime": {"version": "3.14t", "width": 64},
  "threads": ["main", "worker"], "objects": [{"id": "o", "owner": "main", "refs": 2}], "ops": )";

ft::FtScenario scenario(const std::string& document) {
  auto parsed = ft::parse_ft_scenario(document, "s");
  EXPECT_TRUE(std::holds_alternative<ft::FtScenarioFile>(parsed)) << describe(std::get<SpecError>(parsed));
  return std::get<ft::FtScenarioFile>(parsed).scenario;
}

std::string refusal(const std::string& ops, const Interpreter& in = python314t()) {
  const std::string document = kHead + ops + "}";
  auto plan = plan_ft_scenario(scenario(document), ft_origins(document), in, false);
  return std::holds_alternative<std::string>(plan) ? std::get<std::string>(plan) : "";
}

TEST(FtVerifyPlan, aDefaultBuildOrAnotherVersionIsAMismatchNamingIt) {
  Interpreter default_build = python314t();
  default_build.free_threaded = false;
  EXPECT_NE(refusal("[]", default_build).find("free-threading mismatch"), std::string::npos);
  Interpreter other = python314t();
  other.version = "3.13";
  EXPECT_NE(refusal("[]", other).find("version mismatch: the scenario's runtime is 3.14t"), std::string::npos);
}

TEST(FtVerifyPlan, refusesTheMainThreadsExitButNotAWorkers) {
  EXPECT_NE(refusal(R"([{"op": "merge", "thread": "main", "at": "thread-exit"}])").find("main thread"), std::string::npos);
  EXPECT_EQ(refusal(R"([{"op": "incref", "obj": "o", "by": "ext-3.14t"}, {"op": "merge", "thread": "worker", "at": "thread-exit"}])"), "");
}

TEST(FtVerifyPlan, writesEachOperationsThreadSlotAndMergePoint) {
  const std::string document = kHead + R"([{"op": "incref", "obj": "o", "thread": "worker"},
    {"op": "decref", "obj": "o", "by": "ext-3.14t"}, {"op": "merge", "thread": "worker", "at": "gc"}]})";
  auto plan = plan_ft_scenario(scenario(document), ft_origins(document), python314t(), false);
  ASSERT_TRUE(std::holds_alternative<FtPlan>(plan));
  EXPECT_EQ(std::get<FtPlan>(plan).program,
            "refsim-probe-ft 1\nthreads 2\nobjects 1\nheap 0 1 2 1 0\nops 3\n"
            "i 0 1 0 0 1 0 0\nd 0 0 1 0 1 0 0\nm 0 1 0 1 1 0 0\n");
}

TEST(FtVerifyRecords, fieldChangesBecomeTheModelsEventsInItsOrder) {
  const std::vector<std::string> lines = {
      "@tid 0 7f00", "@tid 1 7f80", "@start 0 7f00 2 0 0",
      "@ev 1 0 0 d 7f00 2 2 0 0",                     // a worker's release: queued
      "@op 0 7f00:2:2:0",
      "@refcnt 2 1 0 2 7f00 2 2 0", "@op 1 7f00:2:2:0",
      "@ev 2 2 0 m 0 0 7 0 0",                        // the owner's merge
      "@op 2 0:0:7:0",
      "@ev 3 3 0 d 0 0 3 0 1",                        // freed
      "@op 3 0:0:3:2", "@end 3 3"};
  auto read = read_ft_records(lines, 1, "");
  ASSERT_TRUE(std::holds_alternative<FtObservation>(read)) << std::get<std::string>(read);
  const FtObservation& seen = std::get<FtObservation>(read);
  ASSERT_EQ(seen.events.size(), 4u);
  EXPECT_EQ(seen.events[0].kind, FtEventKind::Queued);
  EXPECT_EQ(seen.events[0].after.owner, 0);
  EXPECT_EQ(seen.events[1].kind, FtEventKind::Refcnt);
  EXPECT_EQ(seen.events[1].refcnt, 2);
  EXPECT_EQ(seen.events[2].kind, FtEventKind::Merged);
  EXPECT_EQ(seen.events[2].after.owner, kNoOwner);
  EXPECT_EQ(seen.events[3].kind, FtEventKind::Dealloc);
  EXPECT_TRUE(seen.objects[0].freed);
}

TEST(FtVerifyRecords, becomingImmortalIsNamedByTheOperationThatDidIt) {
  for (const auto& [code, kind] : {std::pair{'i', FtEventKind::ImmortalByOverflow}, std::pair{'d', FtEventKind::LocalWrapped},
                                   std::pair{'s', FtEventKind::ImmortalBySetRefcnt}}) {
    const std::vector<std::string> lines = {"@tid 0 10", "@start 0 10 0 0 0",
                                            std::string("@ev 1 0 0 ") + code + " 10 ffffffff 0 1 0", "@end 1 1"};
    auto read = read_ft_records(lines, 1, "");
    ASSERT_TRUE(std::holds_alternative<FtObservation>(read));
    ASSERT_EQ(std::get<FtObservation>(read).events.size(), 1u);
    EXPECT_EQ(std::get<FtObservation>(read).events[0].kind, kind) << code;
  }
}

// A debug build's fatal check (here _Py_NegativeRefcount of an owner decref at local 0, after a set
// that printed no record) carries the fields the probe read in its signal handler, not the last
// record's: local 0, where the start record said 1.
TEST(FtVerifyRecords, aFatalChecksEventHasTheFieldsReadWhenItCrashed) {
  const std::vector<std::string> lines = {
      "@tid 0 7f00", "@start 0 7f00 1 0 0", "@op 0 7f00:0:0:0",
      "object has negative ref count", "Fatal Python error: _PyObject_AssertFailed",
      "@crash 0000000000000002 1 0000000000000000 0000000000007f00 0000000000000000 0000000000000000 0 0000000000000006"};
  auto read = read_ft_records(lines, 1, "signal 6");
  ASSERT_TRUE(std::holds_alternative<FtObservation>(read)) << std::get<std::string>(read);
  const FtObservation& seen = std::get<FtObservation>(read);
  ASSERT_TRUE(seen.stopped);
  EXPECT_EQ(seen.stopped->kind, FtEventKind::NegativeRefcount);
  EXPECT_EQ(seen.stopped->after.local, 0u);
  EXPECT_EQ(seen.stopped->after.owner, 0);
  EXPECT_FALSE(seen.stopped->after.immortal);
}

// A 32-bit probe prints ob_ref_shared as (uint64_t)(Py_ssize_t): -2 (count -1, queued) comes as
// fffffffffffffffe. Read at the build's width it is the model's word 0xfffffffe, and its sign makes
// the shared-negative event (measured on a 32-bit 3.14.7t under qemu-i386-static: two releases by
// another thread, corpus/verify/3.14t-32/ft-shared-negative-merged-at-eval-breaker-3.14t-32.json).
TEST(FtVerifyRecords, a32BitSharedWordIsReadAtItsWidthAndItsSignIsTheSharedCounts) {
  const std::vector<std::string> lines = {
      "@tid 0 f7d00000", "@tid 1 f7c00000", "@start 0 f7d00000 3 0 0",
      "@ev 1 0 0 d f7d00000 3 2 0 0",                   // queued
      "@ev 2 0 0 d f7d00000 3 fffffffffffffffe 0 0",    // count -1, queued
      "@op 0 f7d00000:3:fffffffffffffffe:0", "@end 2 2"};
  auto read = read_ft_records(lines, 1, "", 32);
  ASSERT_TRUE(std::holds_alternative<FtObservation>(read)) << std::get<std::string>(read);
  const FtObservation& seen = std::get<FtObservation>(read);
  ASSERT_EQ(seen.events.size(), 2u);
  EXPECT_EQ(seen.events[1].kind, FtEventKind::SharedNegative);
  EXPECT_EQ(seen.events[1].after.shared, 0xfffffffeu);
  ASSERT_EQ(seen.after_op.size(), 1u);
  EXPECT_EQ(seen.after_op[0][0].shared, 0xfffffffeu);
  // The same word zero-extended (0xfffffffe) is negative at 32 bits too.
  const std::vector<std::string> zero_extended = {"@tid 0 10", "@start 0 10 3 2 0", "@ev 1 0 0 d 10 3 fffffffe 0 0", "@end 1 1"};
  auto again = read_ft_records(zero_extended, 1, "", 32);
  ASSERT_TRUE(std::holds_alternative<FtObservation>(again));
  ASSERT_EQ(std::get<FtObservation>(again).events.size(), 1u);
  EXPECT_EQ(std::get<FtObservation>(again).events[0].kind, FtEventKind::SharedNegative);
}

TEST(FtVerifyModel, aReleaseToAnExitedOwnerIsSeenMergedNotQueued) {
  const ft::FtScenario s = scenario(R"({"format": "refsim-scenario/2", "runtime": {"version": "3.14t", "width": 64},
    "threads": ["main", "worker"], "objects": [{"id": "o", "owner": "worker", "refs": 2}],
    "ops": [{"op": "merge", "thread": "worker", "at": "thread-exit"}, {"op": "decref", "obj": "o", "thread": "main"}]})");
  const FtObservation model = observe_ft_model(s);
  ASSERT_EQ(model.events.size(), 1u);
  EXPECT_EQ(model.events[0].kind, FtEventKind::Merged);
}

TEST(FtVerifyCompare, aDifferentPyRefcntIsADisagreementWithBothValues) {
  const ft::FtScenario s = scenario(kHead + R"([{"op": "set_refcnt", "obj": "o", "value": -1}, {"op": "refcnt", "obj": "o"}]})");
  const FtObservation model = observe_ft_model(s);
  FtObservation real = model;
  ASSERT_EQ(real.events.back().kind, FtEventKind::Refcnt);
  EXPECT_TRUE(compare_ft(s, real, model, model.start).disagreements.empty());
  real.events.back().refcnt = 4294967295;  // what 3.13t reports for an immortal
  const Comparison c = compare_ft(s, real, model, model.start);
  ASSERT_FALSE(c.disagreements.empty());
  EXPECT_NE(c.disagreements[0].find("Py_REFCNT 4294967295"), std::string::npos);
  EXPECT_NE(c.disagreements[0].find("Py_REFCNT 3221225472"), std::string::npos);
}

}  // namespace
}  // namespace refsim::verify
