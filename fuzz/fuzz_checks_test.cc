// Fuzz check tests: the targets' signatures and work bound, the committed seeds, replay against
// sidecars, and `refsim decode` end to end.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "fuzz/bytes.h"
#include "fuzz/codec.h"
#include "fuzz/finding.h"
#include "fuzz/mutator.h"
#include "fuzz/dictionary.h"
#include "fuzz/program.h"
#include "fuzz/regression.h"
#include "fuzz/replay.h"
#include "fuzz/seeds.h"
#include "io/read_file.h"
#include "io/scenario_writer.h"
#include "model/runtime.h"

namespace refsim::fuzz {
namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;



Scenario one(Version v, unsigned width, Kind kind, std::vector<Op> ops) {
  RuntimeSpec rt;
  rt.version = v;
  rt.width = Width{width};
  return Scenario{"t", rt, {{"o", kind, std::nullopt, 1}}, std::move(ops), {}};
}

Op op(OpCode code, Origin by, std::uint64_t count) { return leaf(code, 0, by, count); }

std::vector<std::string> signatures(Target t, const Scenario& s) {
  std::vector<std::string> out;
  for (const Finding& f : check(t, *encode(t, s))) out.push_back(f.signature);
  return out;
}

TEST(Checks, theDoneWhenFindingsHaveTheirSignatures) {
  EXPECT_EQ(signatures(Target::ImmortalSafety, one(Version::V3_12, 32, Kind::None, {op(OpCode::Decref, Origin::Ext311, 1)})),
            std::vector<std::string>{"3.12/32/release/as-shipped/none/deimmortalized"});
  EXPECT_EQ(signatures(Target::ImmortalSafety,
                       one(Version::PEP683_R3, 32, Kind::None,
                           {op(OpCode::Decref, Origin::Ext311, 536870913), op(OpCode::Decref, Origin::Core, 1073741823)})),
            (std::vector<std::string>{"pep683-r3/32/release/as-shipped/none/deimmortalized",
                                      "pep683-r3/32/release/as-shipped/none/dealloc/fatal"}));
  const Scenario gh125174 = one(Version::V3_12, 64, Kind::Heap,
                                {op(OpCode::Incref, Origin::Ext311, 4294967294), op(OpCode::Incref, Origin::Core, 3),
                                 op(OpCode::Decref, Origin::Ext311, 4294967294), op(OpCode::Decref, Origin::Core, 4)});
  EXPECT_EQ(signatures(Target::MortalAccounting, gh125174),
            (std::vector<std::string>{"3.12/64/release/as-shipped/heap/dealloc/freed/premature",
                                      "3.12/64/release/as-shipped/heap/use-after-free"}));
  // The same ledger on 3.11 counts right.
  Scenario v311 = gh125174;
  v311.runtime.version = Version::V3_11;
  EXPECT_TRUE(signatures(Target::MortalAccounting, v311).empty());
}

TEST(Checks, theEnginesAgreeOnTheSeedsAndTheJsonTargetRoundTrips) {
  for (const Scenario& s : seed_scenarios(Target::EngineEquivalence))
    EXPECT_TRUE(signatures(Target::EngineEquivalence, s).empty());
  for (const Scenario& s : seed_scenarios(Target::ScenarioJson)) EXPECT_TRUE(signatures(Target::ScenarioJson, s).empty());
}

TEST(Seeds, holdNoneOfTheFindingsTheFuzzerMustFindAlone) {
  for (Target t : {Target::ImmortalSafety, Target::MortalAccounting})
    for (const Bytes& b : seed_inputs(t)) EXPECT_TRUE(check(t, b).empty()) << target_name(t);
}

TEST(Seeds, theCommittedSeedsAreExactlyTheGeneratedOnes) {
  for (Target t : kTargets) {
    const fs::path dir = fs::path(REFSIM_SOURCE_DIR) / "corpus" / std::string(target_name(t)) / "seeds";
    std::set<std::string> committed, generated;
    for (const auto& e : fs::directory_iterator(dir)) committed.insert(e.path().filename().string());
    for (const Bytes& b : seed_inputs(t)) generated.insert(sha1_hex(b));
    EXPECT_EQ(committed, generated) << "regenerate with refsim_fuzz_seeds corpus/ (" << target_name(t) << ")";
  }
}

#ifdef REFSIM_EXTRA_ROWS
/// A dictionary's entries (its lines other than comments).
std::set<std::string> entries(const std::string& text) {
  std::set<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') out.insert(line);
  return out;
}
#endif

TEST(Dictionaries, theCommittedOnesAreExactlyTheGeneratedOnes) {
  for (Target t : kTargets) {
    const fs::path file = fs::path(REFSIM_SOURCE_DIR) / "fuzz" / "dict" / (std::string(target_name(t)) + ".dict");
    const std::string committed = read_file(file).bytes, generated = dictionary(t);
#ifdef REFSIM_EXTRA_ROWS
    // A test build with rows appended to names.def (REFSIM_FICTIONAL_ROWS) generates entries for
    // them too; every committed entry must still be generated.
    const auto all = entries(generated);
    for (const std::string& e : entries(committed)) EXPECT_TRUE(all.count(e)) << target_name(t) << ": " << e;
#else
    EXPECT_EQ(committed, generated) << "regenerate with refsim_fuzz_seeds corpus/ fuzz/dict/ (" << target_name(t) << ")";
#endif
  }
}

TEST(Regression, sidecarsRoundTripAndBadOnesAreNamed) {
  const fs::path p = fs::temp_directory_path() / "refsim-fuzz-test.expected";
  const Expected e{Target::MortalAccounting, {"a/b", "c"}, 7, "note"};
  std::ofstream(p) << expected_json(e);
  const auto back = std::get<Expected>(read_expected(p));
  EXPECT_EQ(back.signatures, e.signatures);
  EXPECT_EQ(back.step, e.step);
  EXPECT_EQ(back.target, e.target);
  std::ofstream(p) << R"({"format": "refsim-regression/1", "target": "x", "signatures": []})";
  EXPECT_NE(std::get<std::string>(read_expected(p)).find("unknown target"), std::string::npos);
  fs::remove(p);
  EXPECT_TRUE(is_sidecar("a/b.expected"));
  EXPECT_FALSE(is_sidecar("a/b"));
}

bool has(const std::vector<std::string>& found, const std::string& signature) {
  return std::find(found.begin(), found.end(), signature) != found.end();
}

TEST(Checks, aFindingFirstSeenPastTheKeptEventsIsStillFound) {
  // pep683-r3 32-bit False, 300 rounds of 2^29+1 ext-3.11 decrefs and as many increfs: 600 events
  // (de- and re-immortalized), then a drain to a fatal tp_dealloc, event 602.
  const std::uint64_t edge = (std::uint64_t{1} << 29) + 1;
  Scenario s = one(Version::PEP683_R3, 32, Kind::False, {});
  s.ops = {repeat(300, {op(OpCode::Decref, Origin::Ext311, edge), op(OpCode::Incref, Origin::Ext311, edge)}),
           op(OpCode::Decref, Origin::Ext311, 3u * edge * 2)};
  ASSERT_FALSE(check(s).has_value());
  const Outcome all = run(s);
  ASSERT_TRUE(all.crashed);
  ASSERT_EQ(all.events_total, 602u);
  EXPECT_GT(all.events_total, kMaxEvents);
  const auto found = signatures(Target::ImmortalSafety, s);
  EXPECT_TRUE(has(found, "pep683-r3/32/release/as-shipped/false/deimmortalized"));
  EXPECT_FALSE(has(found, "pep683-r3/32/release/as-shipped/false/reimmortalized")) << "not a finding";
  EXPECT_TRUE(has(found, "pep683-r3/32/release/as-shipped/false/dealloc/fatal")) << "the crash, event 602";

  // The stop counts even when its event kind was kept before with another action: 3.12 32-bit None
  // with tp_dealloc's reset (reset-except-int), drained 300 times (each a reset dealloc), then a
  // small int, whose tp_dealloc that strategy does not reset, drained to the fatal one.
  Scenario resets = one(Version::V3_12, 32, Kind::None, {});
  resets.runtime.strategy = Strategy::ResetExceptInt;
  resets.objects.push_back({"small-int", Kind::SmallInt, std::nullopt, 1});
  const Word none_start = Runtime(resets.runtime).initial_word(Kind::None, 1);
  const Word int_start = Runtime(resets.runtime).initial_word(Kind::SmallInt, 1);
  resets.ops = {repeat(300, {op(OpCode::Decref, Origin::Ext311, none_start)}),
                leaf(OpCode::Decref, 1, Origin::Ext311, int_start)};
  ASSERT_FALSE(check(resets).has_value());
  const Outcome r = run(resets);
  ASSERT_TRUE(r.crashed);
  ASSERT_GT(r.events_total, kMaxEvents);
  const auto reset_found = signatures(Target::ImmortalSafety, resets);
  EXPECT_TRUE(has(reset_found, "3.12/32/release/reset-except-int/small-int/dealloc/free-static"))
      << testing::PrintToString(reset_found);

  // A finding that does not stop the run, of a kind first seen past the kept events: the 600 events
  // of False above, then an interned string drained to exactly 0 on pep683-r3, where its tp_dealloc
  // frees it (event 601, the run survives).
  Scenario freed = s;
  freed.objects.push_back({"interned-str", Kind::InternedStr, std::nullopt, 1});
  freed.ops.back() = leaf(OpCode::Decref, 1, Origin::Ext311, Runtime(freed.runtime).initial_word(Kind::InternedStr, 1));
  ASSERT_FALSE(check(freed).has_value());
  const Outcome f = run(freed);
  ASSERT_FALSE(f.crashed);
  ASSERT_GT(f.events_total, kMaxEvents);
  EXPECT_TRUE(has(signatures(Target::ImmortalSafety, freed), "pep683-r3/32/release/as-shipped/interned-str/dealloc/freed"));
}

TEST(Checks, scenariosTheEngineGivesUpOnAreSkipped) {
  // 3.12 64-bit with a periodic reset every 795 steps, None and True: 2^39 times, 11 ext-3.11 decrefs
  // of True and 20 ext-3.11 increfs of None. The first of those increfs carries None out of its low
  // half (0xFFFFFFFF -> 0x1_0000_0000: mortal, step 12); it climbs back into the test's band after
  // 3,328,599,662 steps, where the resets put it back every period, at a phase that moves with every
  // iteration (31 steps), while True drifts down: no exact cycle, and translated ones are not jumped
  // with a reset active. Run to the end this takes minutes (3.5 on this machine); the engine gives up
  // at kMaxWork, long before None is immortal again, and the target reports nothing at all, not even
  // the de-immortalization at step 12.
  RuntimeSpec rt{Version::V3_12, Width{64}, false, Strategy::PeriodicReset, {}};
  rt.params.period = 795;
  const Scenario s{"t", rt, {{"none", Kind::None, std::nullopt, 1}, {"true", Kind::True, std::nullopt, 1}},
                   {repeat(std::uint64_t{1} << 39,
                           {leaf(OpCode::Decref, 1, Origin::Ext311, 11), op(OpCode::Incref, Origin::Ext311, 20)})},
                   {}};
  const Outcome limited = run(s, EngineKind::Fast, {.max_events = kMaxEvents, .max_work = kMaxWork});
  EXPECT_TRUE(limited.gave_up);
  EXPECT_FALSE(limited.crashed);
  EXPECT_LT(limited.steps, 3328599662u);
  ASSERT_FALSE(limited.events.empty());
  EXPECT_EQ(limited.events[0].kind, EventKind::Deimmortalized);
  EXPECT_EQ(limited.events[0].step, 12u);
  EXPECT_TRUE(check_scenario(Target::ImmortalSafety, s).empty());
  // 2^40 ext-3.11 decrefs of None on 3.12 32-bit with the same kind of reset (every 1001 steps) once
  // gave up too: the first makes None mortal, and every 2^30 - 1 its tp_dealloc puts it back, rounds
  // that come back to the same phase only every 13. No reset changes anything in them (None is
  // immortal only at its initial word), so they are jumped at any phase, and run to the end.
  const auto reset_every_1001 = [](Op o) {
    Scenario s = one(Version::V3_12, 32, Kind::None, {o});
    s.runtime.strategy = Strategy::PeriodicReset;
    s.runtime.params.period = 1001;
    return s;
  };
  const Scenario drained = reset_every_1001(op(OpCode::Decref, Origin::Ext311, std::uint64_t{1} << 40));
  const Outcome whole = run(drained, EngineKind::Fast, {.max_events = kMaxEvents, .max_work = kMaxWork});
  EXPECT_FALSE(whole.gave_up);
  EXPECT_EQ(whole.steps, std::uint64_t{1} << 40);
  EXPECT_FALSE(check_scenario(Target::ImmortalSafety, drained).empty());
  // With the periodic reset the only writer, the rounds are exact cycles at the same phase, jumped:
  // 2^32 core decrefs (none of which changes an immortal None) run to the end.
  const Scenario fixed = reset_every_1001(op(OpCode::Decref, Origin::Core, std::uint64_t{1} << 32));
  const Outcome jumped = run(fixed, EngineKind::Fast, {.max_events = kMaxEvents, .max_work = kMaxWork});
  EXPECT_FALSE(jumped.gave_up);
  EXPECT_EQ(jumped.steps, std::uint64_t{1} << 32);
  // A single operation of any count on a full-word cut layout costs the engine a few pieces: run.
  const Scenario drain = one(Version::PEP683_R3, 64, Kind::None, {op(OpCode::Decref, Origin::Ext311, ~std::uint64_t{0})});
  EXPECT_FALSE(run(drain, EngineKind::Fast, {.max_events = kMaxEvents, .max_work = kMaxWork}).gave_up);
  EXPECT_FALSE(check_scenario(Target::ImmortalSafety, drain).empty());
  // So is the repeat body whose cycles keep producing events, once events are no longer kept.
  Scenario cycles = one(Version::V3_14, 32, Kind::True, {});
  cycles.ops = {repeat(std::uint64_t{1} << 58, {op(OpCode::Decref, Origin::Ext311, 7)})};
  EXPECT_FALSE(run(cycles, EngineKind::Fast, {.max_events = kMaxEvents, .max_work = kMaxWork}).gave_up);
}

TEST(Replay, holdsRegressionInputsToTheirSidecars) {
  const fs::path dir = fs::temp_directory_path() / "refsim-replay-test" / "immortal_safety" / "regression";
  fs::create_directories(dir);
  const Bytes input = *encode(Target::ImmortalSafety, one(Version::V3_12, 32, Kind::None, {op(OpCode::Decref, Origin::Ext311, 1)}));
  const fs::path file = dir / sha1_hex(input);
  std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(input.data()), input.size());
  std::ostringstream log;
  std::ofstream(file.string() + ".expected")
      << expected_json({Target::ImmortalSafety, {"3.12/32/release/as-shipped/none/deimmortalized"}, 1, "t"});
  EXPECT_EQ(replay(Target::ImmortalSafety, {dir}, log).failures, 0u) << log.str();
  std::ofstream(file.string() + ".expected") << expected_json({Target::ImmortalSafety, {}, std::nullopt, "clean"});
  EXPECT_EQ(replay(Target::ImmortalSafety, {dir}, log).failures, 1u);
  std::ofstream(file.string() + ".expected")
      << expected_json({Target::ImmortalSafety, {"3.12/32/release/as-shipped/none/deimmortalized"}, 2, "t"});
  EXPECT_EQ(replay(Target::ImmortalSafety, {dir}, log).failures, 1u) << "the step is held too";
  fs::remove(file.string() + ".expected");
  EXPECT_EQ(replay(Target::EngineEquivalence, {dir}, log).inputs, 1u);
  fs::remove_all(dir.parent_path().parent_path());
}

TEST(DecodeCommand, printsTheScenarioOrOneLineWithTheByte) {
  const fs::path dir = fs::temp_directory_path() / "refsim-decode-test" / "immortal_safety";
  fs::create_directories(dir);
  std::ofstream(dir / "good", std::ios::binary) << std::string("\x01\x0b\x00\x01\x00\x09\x00", 7);
  std::ofstream(dir / "bad", std::ios::binary) << std::string("\x01\x0b\x00\x01\x00\x0f", 6);
  const std::string bin = REFSIM_BINARY;
  const fs::path out = dir.parent_path() / "out";
  EXPECT_EQ(std::system((bin + " decode " + (dir / "good").string() + " > " + out.string()).c_str()), 0);
  const std::string text = read_file(out).bytes;
  EXPECT_NE(text.find("\"by\": \"ext-3.11\""), std::string::npos);
  EXPECT_NE(text.find("\"width\": 32"), std::string::npos);
  const int status = std::system((bin + " decode " + (dir / "bad").string() + " 2> " + out.string()).c_str());
  EXPECT_EQ(WEXITSTATUS(status), 2);
  std::ifstream err(out);
  std::string line;
  std::getline(err, line);
  EXPECT_EQ(line, "refsim: " + (dir / "bad").string() + ": byte 5: unknown operation code 7");
  fs::remove_all(dir.parent_path());
}

}  // namespace
}  // namespace refsim::fuzz
