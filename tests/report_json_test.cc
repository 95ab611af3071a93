// Report tests: SHA-256 vectors, the report's fields, its round trip back to an Outcome, the
// expect matcher (the text rendering: report_text_test.cc).
#include <string>

#include <gtest/gtest.h>

#include "io/expect.h"
#include "io/read_file.h"
#include "io/report_json.h"
#include "io/scenario_json.h"
#include "io/sha256.h"
#include "model/runtime.h"

namespace refsim {
namespace {

using Json = nlohmann::ordered_json;

TEST(Sha256, matchesTheFipsVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, handlesEveryPaddingBoundary) {
  const std::pair<int, const char*> vectors[] = {
      {55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
      {56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
      {63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"},
      {64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
      {65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"},
      {119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"},
      {120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"}};
  for (const auto& [length, digest] : vectors) EXPECT_EQ(sha256_hex(std::string(length, 'a')), digest) << length;
}

TEST(Report, toolVersionIsTheProjectVersion) { EXPECT_EQ(kToolVersion, REFSIM_PROJECT_VERSION); }

TEST(Report, writesWordsZeroPaddedToTheWidth) {
  EXPECT_EQ(hex_word(Width{32}, 1), "0x00000001");
  EXPECT_EQ(hex_word(Width{64}, 0x00050000c0000000), "0x00050000c0000000");
  EXPECT_EQ(hex_word(Width{16}, 0xabcd), "0xabcd");
  EXPECT_EQ(hex_word(Width{8}, 0x7), "0x07");
}

/// A 3.14 64-bit scenario with a periodic reset, and an outcome written by hand (no engine).
Scenario sample_scenario() {
  Scenario s;
  s.name = "sample";
  s.runtime.version = Version::V3_14;
  s.runtime.width = Width{64};
  s.runtime.strategy = Strategy::PeriodicReset;
  s.runtime.params.period = 5;
  s.objects = {ObjectSpec{"none", Kind::None, std::nullopt, 1}, ObjectSpec{"obj", Kind::Heap, std::nullopt, 2}};
  return s;
}

Outcome sample_outcome(const Scenario& s) {
  const Runtime rt(s.runtime);
  Outcome o;
  o.crashed = true;
  o.steps = 12;
  o.stopped = Stopped{12, {1, 0}, 1, EventKind::UseAfterFree, std::nullopt};
  Event freed{EventKind::Dealloc, 1, 11, OpPath{1, 0}, 1, 0, Action::Freed, true};
  Event uaf{EventKind::UseAfterFree, 1, 12, OpPath{1, 0}, 0, 0, std::nullopt, false};
  Event overflow{EventKind::SignedOverflow, 0, 3, OpPath{0}, 0x7fffffffffffffff, 0x8000000000000000, std::nullopt, false};
  o.events = {overflow, freed, uaf};
  o.events_total = 4;
  for (const ObjectSpec& spec : s.objects)
    o.objects.push_back(ObjectState{rt.initial_word(spec.kind, spec.refs), spec.refs, false,
                                    rt.immortal(rt.initial_word(spec.kind, spec.refs))});
  o.objects[0].logical = -(Int128{1} << 70);
  o.objects[1].word = 0;
  o.objects[1].freed = true;
  return o;
}

TEST(Report, hasTheContractFieldsInOrder) {
  const Scenario s = sample_scenario();
  const Json report = report_json(s, sample_outcome(s), "abc");
  std::vector<std::string> keys;
  for (const auto& [key, value] : report.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"scenario", "runtime", "outcome", "steps", "stopped", "events_total",
                                            "events_truncated", "events", "objects"}));
  EXPECT_EQ(report["scenario"], Json::parse(R"({"name": "sample", "sha256": "abc"})"));
  EXPECT_EQ(report["runtime"], Json::parse(R"({"version": "3.14", "width": 64, "debug": false,
      "strategy": "periodic-reset", "strategy_params": {"period": "5", "only_if_legacy": false}})"));
  EXPECT_EQ(report["steps"], "12");
  EXPECT_EQ(report["events_total"], "4");
  EXPECT_EQ(report["outcome"], "crashed");
  EXPECT_EQ(report["stopped"], Json::parse(R"({"step": "12", "op": [1, 0], "obj": "obj", "event": "use-after-free"})"));
  EXPECT_EQ(report["events_truncated"], true);
  EXPECT_EQ(report["events"][0], Json::parse(R"({"kind": "signed-overflow", "obj": "none", "step": "3", "op": [0],
      "word_before": "0x7fffffffffffffff", "word_after": "0x8000000000000000"})"));
  EXPECT_EQ(report["events"][1]["detail"], Json::parse(R"({"action": "freed", "premature": true})"));
  EXPECT_EQ(report["objects"][0], Json::parse(R"({"id": "none", "kind": "none", "word": "0x00050000c0000000",
      "refcnt": "3221225472", "immortal": true, "state": "alive", "logical_refs": "-1180591620717411303424"})"));
  EXPECT_EQ(report["objects"][1]["state"], "freed");
  EXPECT_EQ(report["objects"][1]["logical_refs"], "2");  // a decimal string whatever its size
}

TEST(Report, writesStoppedActionAndLeakOpsAsTheContractSays) {
  const Scenario s = sample_scenario();
  Outcome o = sample_outcome(s);
  o.stopped = Stopped{11, {1, 0}, 1, EventKind::Dealloc, Action::FreeStatic};
  o.events = {Event{EventKind::Leak, 1, 12, std::nullopt, 5, 5, std::nullopt, false}};
  o.events_total = 1;
  const Json report = report_json(s, o, "abc");
  EXPECT_EQ(report["stopped"]["action"], "free-static");
  EXPECT_TRUE(report["events"][0]["op"].is_null());
  EXPECT_FALSE(report["events"][0].contains("detail"));
  EXPECT_FALSE(report.contains("events_truncated"));
}

TEST(Report, roundTripsThroughOutcome) {
  const Scenario s = sample_scenario();
  const Outcome original = sample_outcome(s);
  const Json report = report_json(s, original, "abc");
  const std::optional<Outcome> back = outcome_from_report_json(s, report);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(report_json(s, *back, "abc"), report);
  EXPECT_TRUE(*back == original);
  // Through text as well, as a file would carry it.
  const Json reparsed = Json::parse(report.dump(2));
  ASSERT_TRUE(outcome_from_report_json(s, reparsed).has_value());
  EXPECT_EQ(report_json(s, *outcome_from_report_json(s, reparsed), "abc").dump(), report.dump());
}

// Reports written before refsim-report/2 (counts as JSON numbers, `format` in each report) still read.
TEST(Report, readsRefsimReport1) {
  const Scenario s = sample_scenario();
  const Outcome original = sample_outcome(s);
  Json v1 = report_json(s, original, "abc");
  v1["steps"] = 12;
  v1["events_total"] = 4;
  v1["stopped"]["step"] = 12;
  for (Json& event : v1["events"]) event["step"] = std::stoull(event["step"].get<std::string>());
  v1["objects"][1]["logical_refs"] = 2;
  v1["format"] = "refsim-report/1";
  const std::optional<Outcome> back = outcome_from_report_json(s, v1);
  ASSERT_TRUE(back.has_value());
  EXPECT_TRUE(*back == original);
  v1["format"] = "refsim-report/3";
  EXPECT_FALSE(outcome_from_report_json(s, v1).has_value());
}

TEST(Report, dumpsAsValidJsonWithOneLinePerEvent) {
  const Scenario s = sample_scenario();
  const Json report = report_json(s, sample_outcome(s), "abc");
  const std::string text = dump_report(report);
  EXPECT_EQ(Json::parse(text), report);
  EXPECT_NE(text.find("\n    {\"kind\": \"signed-overflow\", \"obj\": \"none\", \"step\": \"3\", \"op\": [0], "), std::string::npos)
      << text;
  const Json both = report_document(Json::array({report, report}));
  const std::string both_text = dump_report(both);
  EXPECT_EQ(Json::parse(both_text), both);
  EXPECT_NE(both_text.find("\n        {\"kind\": \"signed-overflow\", "), std::string::npos) << both_text;
  EXPECT_EQ(both["summary"], Json::parse(R"({"scenarios": 2, "expects_held": 0, "expects_failed": 0,
      "without_expect": 2, "crashed": 2, "survived": 0})"));
  EXPECT_EQ(Json::parse(dump_report(Json::array())), Json::array());
  Json quiet = report;
  quiet["events"] = Json::array();
  EXPECT_EQ(Json::parse(dump_report(quiet)), quiet);
}

TEST(Report, refusesAReportThatDoesNotFitTheScenario) {
  const Scenario s = sample_scenario();
  Json report = report_json(s, sample_outcome(s), "abc");
  Json other = report;
  other["events"][0]["obj"] = "ghost";
  EXPECT_FALSE(outcome_from_report_json(s, other).has_value());
  other = report;
  other["objects"].erase(0);
  EXPECT_FALSE(outcome_from_report_json(s, other).has_value());
  other = report;
  other["events"][1]["detail"]["action"] = "burnt";
  EXPECT_FALSE(outcome_from_report_json(s, other).has_value());
  EXPECT_FALSE(outcome_from_report_json(s, Json::array()).has_value());
  EXPECT_FALSE(outcome_from_report_json(s, report_document(Json::array({report}))).has_value());  // a document
  other = report;
  other["steps"] = "0x0c";  // counts are decimal
  EXPECT_FALSE(outcome_from_report_json(s, other).has_value());
}

// --- expect -----------------------------------------------------------------------------------

Json golden_report() {
  return Json::parse(read_file(REFSIM_SOURCE_DIR "/tests/golden/none-drain-3.14-32.report.json").bytes)["reports"][0];
}

std::vector<std::string> check(const char* expect) { return check_expect(Json::parse(expect), golden_report()); }

TEST(Expect, holdsForMatchingFields) {
  EXPECT_TRUE(check("{}").empty());
  EXPECT_TRUE(check(R"({"outcome": "survived", "steps": "0x70000000", "stopped": null, "events_total": 3})").empty());
}

TEST(Expect, matchesEventsAsAnOrderedSubsequenceComparingNumbersByValue) {
  EXPECT_TRUE(check(R"({"events": [{"kind": "deimmortalized", "step": "0x30000001", "word_before": 1073741824},
                                   {"kind": "reimmortalized"}]})").empty());
  EXPECT_TRUE(check(R"({"events": [{"detail": {"action": "reset"}}, {"obj": "none", "op": [0]}]})").empty());
  EXPECT_EQ(check(R"({"events": [{"kind": "reimmortalized"}, {"kind": "deimmortalized"}]})"),
            (std::vector<std::string>{R"(events[1]: no event matches {"kind":"deimmortalized"} after report event 2 (which matched events[0]))"}));
  EXPECT_EQ(check(R"({"events": [{"kind": "dealloc", "detail": {"premature": true}}]})"),
            (std::vector<std::string>{R"(events[0]: no event matches {"kind":"dealloc","detail":{"premature":true}})"}));
  EXPECT_EQ(check(R"({"events": [{"kind": "dealloc"}, {"kind": "dealloc"}]})").size(), 1u);
}

// The dealloc and the re-immortalization share step 1879048192: either order matches, each once.
TEST(Expect, acceptsTheEventsOfOneStepInAnyOrder) {
  EXPECT_TRUE(check(R"({"events": [{"kind": "reimmortalized"}, {"kind": "dealloc"}]})").empty());
  EXPECT_TRUE(check(R"({"events": [{"kind": "deimmortalized"}, {"kind": "reimmortalized"}, {"kind": "dealloc"}]})").empty());
  EXPECT_EQ(check(R"({"events": [{"kind": "reimmortalized"}, {"kind": "reimmortalized"}]})").size(), 1u);
  // Across steps the order still counts.
  EXPECT_EQ(check(R"({"events": [{"kind": "dealloc"}, {"kind": "deimmortalized"}]})").size(), 1u);
}

TEST(Expect, matchesObjectsById) {
  EXPECT_TRUE(check(R"({"objects": [{"id": "none", "word": 1342177280, "logical_refs": "-1879048191",
                                     "refcnt": "0x50000000", "immortal": true, "state": "alive"}]})").empty());
  EXPECT_EQ(check(R"({"objects": [{"id": "none", "word": "0x40000000", "state": "freed"}]})"),
            (std::vector<std::string>{R"(objects[0] ("none").word: expected "0x40000000", got "0x50000000")",
                                      R"(objects[0] ("none").state: expected "freed", got "alive")"}));
}

TEST(Expect, reportsOutcomeStepsAndStoppedMismatches) {
  EXPECT_EQ(check(R"({"outcome": "crashed", "steps": 5, "stopped": {"step": 5}})"),
            (std::vector<std::string>{R"(outcome: expected "crashed", got "survived")",
                                      R"(steps: expected 5, got "1879048192")",
                                      R"(stopped: expected {"step":5}, got null)"}));
}

}  // namespace
}  // namespace refsim
