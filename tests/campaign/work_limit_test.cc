// Work limit: a claim's runs may take work in proportion to its scope's operations, so that a
// long in-scope input is checked to its end; a run ends as soon as an event has broken each of the
// claim's invariants, with the verdict of the whole run; a run cut short is counted as given up (by
// the check, the claim loop and the report), never as a check that held; and the minimizer's
// one-operation search looks below counts that give up, also when the counterexample already has one
// operation.
#include <stdlib.h>

#include <filesystem>
#include <random>
#include <sstream>

#include <gtest/gtest.h>

#include "campaign/campaign_report.h"
#include "campaign/claim_loop.h"
#include "campaign/claims_json.h"
#include "campaign/claim_input.h"
#include "campaign/counterexample.h"
#include "campaign/ft_violation.h"
#include "catalog_claim.h"
#include "decref_scenarios.h"
#include "fuzz/finding.h"
#include "model/engine.h"
#include "model/freethreaded/ft_engine.h"

namespace refsim::campaign {
namespace {

namespace fs = std::filesystem;

/// 3.12 or 3.14, 64-bit release, ext-3.11 decrefs of one kind of object, up to `max_ops` operations.
Claim decref_claim(const std::string& version, const std::string& kind, unsigned max_ops,
                   const std::string& invariant = "stays-immortal", const std::string& strategy = "as-shipped") {
  const std::string text = R"({"format": "refsim-claims/2", "claims": [{"id": "c", "statement": "s",
    "scope": {"versions": [")" + version + R"("], "widths": [64], "builds": ["release"], "origins": ["ext-3.11"],
              "strategies": [")" + strategy + R"("],
              "kinds": [")" + kind + R"("], "ops": ["decref"], "max_ops": )" + std::to_string(max_ops) + R"(},
    "invariant": ")" + invariant + R"("}]})";
  return std::get<std::vector<Claim>>(parse_claims(text)).front();
}

Scenario decrefs(Version version, Kind kind, const std::vector<std::uint64_t>& counts) {
  return ext311_decrefs(release(version, 64), kind, counts);
}

TEST(WorkLimit, growsWithTheScopesOperationsAboveAFloor) {
  EXPECT_EQ(claim_max_work(decref_claim("3.12", "none", 1)), kClaimMinWork);
  EXPECT_EQ(claim_max_work(decref_claim("3.12", "none", 4)), 512u);
  EXPECT_EQ(claim_max_work(decref_claim("3.12", "none", 32)), 512u);
  EXPECT_EQ(claim_max_work(decref_claim("3.12", "none", 33)), 528u);
  EXPECT_EQ(claim_max_work(decref_claim("3.12", "none", 64)), 1024u);
}

TEST(WorkLimit, aResetStrategysTranslatedBandsAndExactCyclesFitTheFloor) {
  // 2^63 ext-3.11 decrefs of False on 3.14/64 with reset-all: the low half crosses the immortality
  // test's bands every 2^31 (translated rounds, events at moved words), the whole word reaches 0
  // after 0x5_0000_C000_0000, tp_dealloc resets it to 0x1_0000_C000_0000, and from there each
  // 0x1_0000_C000_0000 decrefs are an exact cycle. About 73 units of work: over the old floor of 64.
  const Claim claim = decref_claim("3.14", "false", 4, "no-fatal-or-freeing-dealloc", "reset-all");
  const RunVerdict verdict = check_claim(claim, ext311_decrefs(release(Version::V3_14, 64, Strategy::ResetAll),
                                                               Kind::False, {std::uint64_t{1} << 63}));
  EXPECT_FALSE(verdict.gave_up);
  EXPECT_TRUE(verdict.violations.empty());
}

TEST(WorkLimit, aSixtyFourOperationScenarioIsCheckedToItsLastOperation) {
  // 63 single decrefs of None, then the 2^31st: only the last operation breaks the claim. Each
  // operation costs a visit and a round, so the run needs about 128 units, twice the old floor 2^6.
  const Claim claim = decref_claim("3.12", "none", 64);
  std::vector<std::uint64_t> counts(63, 1);
  counts.push_back((std::uint64_t{1} << 31) - 63);
  const RunVerdict verdict = check_claim(claim, decrefs(Version::V3_12, Kind::None, counts));
  EXPECT_FALSE(verdict.gave_up);
  ASSERT_EQ(verdict.violations.size(), 1u);
  EXPECT_EQ(verdict.violations[0].signature, "c/stays-immortal/3.12-3.13/64");
}

/// periodic-reset-bounded-drift's kind of input, on 3.14/32 (a reset every 10^6 steps): `outer`
/// iterations of {`inner` iterations of {gc; 10^6 decrefs of None; 524,245 of a small int}; 42 core
/// increfs of a heap object}. Each inner iteration moves the words by an amount the period does not
/// divide, so no iteration repeats another at the same phase of the reset; the reset keeps None and
/// the small int near home (a reset jump), but the heap object, which no reset touches, climbs by 42
/// in every outer iteration, which no shortcut under a periodic reset follows: the engine runs the
/// outer iterations one by one.
Scenario drifting_repeats(std::uint64_t outer, std::uint64_t inner) {
  Scenario s;
  s.runtime = release(Version::V3_14, 32, Strategy::PeriodicReset);
  s.runtime.params.period = 1000000;
  s.objects = {ObjectSpec{"none", Kind::None, std::nullopt, 1}, ObjectSpec{"small-int", Kind::SmallInt, std::nullopt, 1},
               ObjectSpec{"climbing", Kind::Heap, std::nullopt, 1}};
  Op gc;
  gc.code = OpCode::Gc;
  const Op body = repeat(inner, {gc, leaf(OpCode::Decref, 0, Origin::Ext311, 1000000),
                                 leaf(OpCode::Decref, 1, Origin::Ext311, 524245)});
  s.ops = {gc, repeat(outer, {body, leaf(OpCode::Incref, 2, Origin::Core, 42)})};
  return s;
}

TEST(WorkLimit, aRunCutShortIsGivenUpAndShowsNothing) {
  // 10^6 outer iterations: far more literal iterations than the claim's limit (512 units).
  const Claim& claim = catalog_claim("periodic-reset-bounded-drift");
  const RunVerdict verdict = check_claim(claim, drifting_repeats(1000000, 36));
  EXPECT_TRUE(verdict.gave_up);
  EXPECT_TRUE(verdict.violations.empty());
  EXPECT_FALSE(check_claim(claim, drifting_repeats(1, 2)).gave_up);
}

TEST(WorkLimit, aRunThatBreaksEveryInvariantEarlyEndsThereInsteadOfGivingUp) {
  // A heap object holding one reference more than its word: one core decref frees it early (not
  // fatal: the run goes on), then the drifting repeats above, far more work than the limit. The
  // verdict is known at the free, and the run ends there.
  const Claim claim = decref_claim("3.14", "heap", 4, "no-premature-free");
  Scenario s = drifting_repeats(1000000, 36);
  s.objects.push_back(ObjectSpec{"heap", Kind::Heap, Word{1}, 2});
  s.ops.insert(s.ops.begin(), leaf(OpCode::Decref, 3, Origin::Core, 1));
  const RunVerdict verdict = check_claim(claim, s);
  EXPECT_FALSE(verdict.gave_up);
  ASSERT_EQ(verdict.violations.size(), 1u);
  const Event& e = std::get<Event>(verdict.violations[0].event);
  EXPECT_EQ(e.kind, EventKind::Dealloc);
  EXPECT_TRUE(e.premature);
  EXPECT_EQ(e.step, 1u);
}

TEST(WorkLimit, aRunEndsOnceEveryInvariantIsBrokenWithTheWholeRunsVerdict) {
  // 2^54 ext-3.11 decrefs of True on 3.14/64 against stays-immortal: True loses immortality at the
  // 2^30 + 1st (0xC0000000 down to 0x7FFFFFFF in the low half), and nothing later changes the
  // verdict. A whole run, without the limit, finds the same first breaking event.
  const Claim claim = decref_claim("3.14", "true", 4);
  const Scenario s = decrefs(Version::V3_14, Kind::True, {std::uint64_t{1} << 54});
  const RunVerdict verdict = check_claim(claim, s);
  EXPECT_FALSE(verdict.gave_up);
  ASSERT_EQ(verdict.violations.size(), 1u);
  const Event& e = std::get<Event>(verdict.violations[0].event);
  EXPECT_EQ(e.kind, EventKind::Deimmortalized);
  EXPECT_EQ(e.step, (std::uint64_t{1} << 30) + 1);
  EXPECT_EQ(e.word_after & 0xFFFFFFFF, 0x7FFFFFFFu);
  const Outcome whole = run(s, EngineKind::Fast, RunLimits{.max_events = fuzz::kMaxEvents, .first_of_each_kind = true,
                                                           .distinct_events = true});
  ASSERT_FALSE(whole.gave_up);
  const auto first = std::find_if(whole.events.begin(), whole.events.end(),
                                  [&](const Event& w) { return breaks(Invariant::StaysImmortal, w, whole); });
  ASSERT_NE(first, whole.events.end());
  EXPECT_EQ(*first, e);
}

/// The first event breaking each of the claim's invariants in a whole run (no early end), as
/// check_claim would give them; nullopt when even a run of `max_work` does not finish. With
/// `ignore_words`, the run keeps the events check_claim keeps (each distinct one once, words aside);
/// without, the words tell events apart, and a run jumps less.
std::optional<std::vector<Violation>> whole_run_violations(const Claim& claim, const ClaimScenario& scenario,
                                                           std::uint64_t max_work, bool ignore_words = true) {
  std::vector<Violation> out;
  if (const auto* threaded = std::get_if<ft::FtScenario>(&scenario)) {
    const ft::FtOutcome o = ft::run(*threaded, EngineKind::Fast, kFtClaimMaxEvents, max_work);
    if (o.gave_up || o.events_total > o.events.size()) return std::nullopt;
    for (Invariant inv : claim.invariants)
      for (const ft::FtEventRecord& e : o.events)
        if (breaks(inv, e, o, threaded->build)) {
          out.push_back({inv, e, signature_of(claim, inv, threaded->build)});
          break;
        }
    return out;
  }
  // With the words compared, 256 events of one object drifting through the test's bands can crowd
  // out another object's first fatal tp_dealloc, which check_claim keeps: the verdicts are compared
  // with ignore_words.
  const Scenario& s = std::get<Scenario>(scenario);
  const Outcome o = run(s, EngineKind::Fast, RunLimits{.max_events = fuzz::kMaxEvents, .first_of_each_kind = true,
                                                       .distinct_events = true, .distinct_ignores_words = ignore_words,
                                                       .max_work = max_work});
  if (o.gave_up) return std::nullopt;
  for (Invariant inv : claim.invariants)
    for (const Event& e : o.events)
      if (breaks(inv, e, o)) {
        out.push_back({inv, e, signature_of(claim, inv, s.runtime)});
        break;
      }
  return out;
}

TEST(WorkLimit, everyCatalogClaimsEarlyEndGivesTheWholeRunsVerdict) {
  // Random inputs of every catalog claim (both engines, one and several invariants): wherever a
  // whole run finishes within 2^16 units, the check that ends early gives the same violations, the
  // same first events included. Some inputs that the claim's own limit cuts short in a whole run are
  // decided by ending early: the reason it exists.
  const ClaimSet set(builtin_catalog());
  std::mt19937_64 rng(20261130);
  int compared = 0, several_invariants_broken = 0;
  int decided_early[2] = {0, 0};  // the default engine's inputs, the free-threaded engine's
  for (int i = 0; i < 6000; ++i) {
    std::vector<std::uint8_t> bytes(8 + rng() % 56);
    for (std::uint8_t& b : bytes) b = static_cast<std::uint8_t>(rng());
    const auto input = decode_claim_input(set, bytes);
    if (!input) continue;
    const Claim& claim = set.claims()[input->claim];
    const auto whole = whole_run_violations(claim, input->scenario, std::uint64_t{1} << 16);
    if (!whole) continue;
    const RunVerdict verdict = check_claim(claim, input->scenario);
    ASSERT_FALSE(verdict.gave_up && whole_run_violations(claim, input->scenario, claim_max_work(claim)))
        << "gave up although a run of the claim's own limit finishes: " << one_line(input->scenario);
    if (verdict.gave_up) continue;
    ++compared;
    if (!whole_run_violations(claim, input->scenario, claim_max_work(claim), false))
      ++decided_early[std::holds_alternative<ft::FtScenario>(input->scenario)];
    if (verdict.violations.size() > 1) ++several_invariants_broken;
    ASSERT_EQ(verdict.violations.size(), whole->size()) << claim.id << ": " << one_line(input->scenario);
    for (std::size_t v = 0; v < whole->size(); ++v) {
      EXPECT_EQ(verdict.violations[v].invariant, (*whole)[v].invariant) << one_line(input->scenario);
      EXPECT_EQ(verdict.violations[v].signature, (*whole)[v].signature) << one_line(input->scenario);
      EXPECT_TRUE(verdict.violations[v].event == (*whole)[v].event) << claim.id << ": " << one_line(input->scenario);
    }
  }
  std::printf("compared %d, decided early %d (default build) and %d (free-threaded)\n", compared, decided_early[0],
              decided_early[1]);
  EXPECT_GT(compared, 3000);
  EXPECT_GT(decided_early[0], 150);
  EXPECT_GT(decided_early[1], 10);
  EXPECT_GT(several_invariants_broken, 0);
}

TEST(WorkLimit, theRoundsOfAnExactCycleWithEventsAreJumpedOnceOneIsSeen) {
  // 2^40 ext-3.11 decrefs of None on 3.12/64 as shipped: every 2^32 - 1 of them take the word from
  // 0xFFFFFFFF down to 0, None's tp_dealloc puts 0xFFFFFFFF back, and the next round is the same,
  // events and all (deimmortalized, dealloc with a reset): 256 rounds. Walked round by round they
  // cost more than the limit of 64 (the run gave up); with distinct events kept the second round is
  // jumped with all the others, and the claim is checked: it holds.
  const Claim claim = std::get<std::vector<Claim>>(parse_claims(R"({"format": "refsim-claims/2", "claims": [
    {"id": "c", "statement": "s", "scope": {"versions": ["3.12"], "widths": [64], "builds": ["release"],
     "origins": ["ext-3.11"], "kinds": ["none"], "ops": ["decref"], "max_ops": 4},
     "invariant": "no-fatal-or-freeing-dealloc"}]})")).front();
  const RunVerdict verdict = check_claim(claim, decrefs(Version::V3_12, Kind::None, {std::uint64_t{1} << 40}));
  EXPECT_FALSE(verdict.gave_up);
  EXPECT_TRUE(verdict.violations.empty());
}

TEST(WorkLimit, theClaimLoopCountsTheRunsThatGaveUpPerClaim) {
  // Claim 0's runs always finish (at most 4 decrefs of None on 3.12, 2^31 at most each); claim 1's
  // (up to 16 decrefs of False on 3.14/64 under reset-all, each count up to 2^64 - 1: about 70 units
  // for each huge one, through the low half's bands and tp_dealloc's resets) often run out.
  Claim finishing = decref_claim("3.12", "none", 4);
  finishing.id = "finishing";
  finishing.scope.max_steps = std::uint64_t{1} << 31;
  Claim costly = decref_claim("3.14", "false", 16, "no-fatal-or-freeing-dealloc", "reset-all");
  costly.id = "costly";
  const ClaimSet set({finishing, costly});
  std::string pattern = (fs::temp_directory_path() / "refsim-work-XXXXXX").string();
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
  LoopOptions options;
  options.seed = 7;
  options.time = std::chrono::seconds(1);
  options.artifacts = pattern;
  std::ostringstream progress;
  const LoopResult ran = run_claim_loop(set, options, progress);
  fs::remove_all(pattern);
  ASSERT_EQ(ran.gave_up.size(), 2u);
  EXPECT_EQ(ran.gave_up[0], 0u);
  EXPECT_GT(ran.gave_up[1], 0u) << ran.per_claim[1] << " runs";
  EXPECT_LT(ran.gave_up[1], ran.per_claim[1]);
}

TEST(WorkLimit, theReportAndTheSummaryCountTheRunsGivenUp) {
  const Claim claim = decref_claim("3.12", "none", 8);
  CampaignRecord record;
  ClaimResult result;
  result.claim = &claim;
  result.executions = 1000;
  result.gave_up = 25;
  result.work_limit = claim_max_work(claim);
  record.claims = {result};
  const auto json = campaign_report_json(record);
  EXPECT_EQ(json["format"], "refsim-campaign/4");
  EXPECT_EQ(json["run"]["gave_up"], "25");
  EXPECT_EQ(json["claims"][0]["gave_up"], "25");
  EXPECT_EQ(json["claims"][0]["work_limit"], "512");
  const std::string summary = campaign_summary(record, 60);
  EXPECT_NE(summary.find("held      c: 975 executions checked, 25 gave up (work limit 512)"), std::string::npos)
      << summary;
}

TEST(WorkLimit, aOneOperationCounterexampleShrinksToTheOneWithTheSmallestCount) {
  // The counterexample once recorded for pep683-64bit-stable-abi-harmless on 3.14-3.15/64: one
  // operation already, but 2^30 increfs of None break the claim one step sooner. Its largest
  // count, 2^64-1, gives up at the work limit: the search must look below it.
  const Claim& claim = catalog_claim("pep683-64bit-stable-abi-harmless");
  Scenario start = decrefs(Version::V3_14, Kind::SmallInt, {(std::uint64_t{1} << 30) + 1});
  const std::string signature = "pep683-64bit-stable-abi-harmless/stays-immortal/3.14-3.15/64";
  ASSERT_TRUE(shows(claim, signature, start));
  MinimizeLimits limits;
  limits.time = std::chrono::seconds(30);
  const Minimal m = minimize_counterexample(claim, signature, start, limits);
  EXPECT_EQ(one_line(m.scenario), "3.14/64/release/as-shipped: incref none by ext-3.11 x1073741824");
}

}  // namespace
}  // namespace refsim::campaign
