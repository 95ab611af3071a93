// Claims: the format's reader (paths in messages, defaults, round trip), the catalog, the claim
// input decoder (every input in scope, bounds reachable), violations and signatures, the
// minimal counterexample of the issue's false claim, and recording known counterexamples.
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>

#include <gtest/gtest.h>

#include "campaign/claim_input.h"
#include "campaign/claims_json.h"
#include "claims_error.h"
#include "campaign/counterexample.h"
#include "campaign/known.h"
#include "catalog_claim.h"
#include "decref_scenarios.h"
#include "io/expect.h"
#include "io/report_json.h"
#include "io/scenario_json.h"
#include "model/engine.h"

namespace refsim::campaign {
namespace {

namespace fs = std::filesystem;

/// The issue's false claim: 3.12 64-bit None stays immortal under 2^31 ext-3.11 decrefs.
constexpr std::string_view kFalseClaim = R"({"format": "refsim-claims/1", "claims": [{
  "id": "none-survives-2pow31-decrefs",
  "statement": "3.12 64-bit None stays immortal under 2^31 ext-3.11 decrefs",
  "scope": {"versions": ["3.12"], "widths": [64], "builds": ["release"], "origins": ["ext-3.11"],
            "kinds": ["none"], "ops": ["decref"], "max_steps": "2147483648"},
  "invariant": "stays-immortal"}]})";

Claim false_claim() { return std::get<std::vector<Claim>>(parse_claims(kFalseClaim)).front(); }

Scenario decrefs(const std::vector<std::uint64_t>& counts) {
  return ext311_decrefs(release(Version::V3_12, 64), Kind::None, counts);
}

TEST(Claims, badClaimsFilesAreRejectedWithTheJsonPath) {
  EXPECT_EQ(error_of("{"), "not valid JSON");
  EXPECT_EQ(error_of(R"({"format": "refsim-claims/3", "claims": []})"),
            "format: expected \"refsim-claims/2\" (or \"refsim-claims/1\")");
  EXPECT_EQ(error_of(R"({"format": "refsim-claims/1", "claims": [{"id": "a", "statement": "s",
              "scope": {"kinds": ["none", "nothing"]}, "invariant": "stays-immortal"}]})"),
            "claims[0].scope.kinds[1]: unknown kind \"nothing\"");
  EXPECT_EQ(error_of(R"({"format": "refsim-claims/1", "claims": [{"id": "a", "statement": "s",
              "scope": {"widths": [64, 48]}, "invariant": "stays-immortal"}]})"),
            "claims[0].scope.widths[1]: expected 64, 32, 16 or 8");
  EXPECT_EQ(error_of(R"({"format": "refsim-claims/1", "claims": [{"id": "a", "statement": "s",
              "scope": {"ops": []}, "invariant": "stays-immortal"}]})"),
            "claims[0].scope.ops: expected a non-empty array of operation names");
  EXPECT_EQ(error_of(R"({"format": "refsim-claims/1", "claims": [{"id": "a", "statement": "s", "invariant": "eternal"}]})"),
            "claims[0].invariant: unknown invariant \"eternal\"");
  EXPECT_EQ(error_of(R"({"format": "refsim-claims/1", "claims": [{"id": "a", "statement": "s", "invariant": "no-leak",
              "scope": {"max_steps": "18446744073709551616"}}]})"),
            "claims[0].scope.max_steps: expected an integer from 1 to 2^64-1 (a decimal string or a number)");
  EXPECT_EQ(error_of(R"({"format": "refsim-claims/1", "claims": [
              {"id": "a", "statement": "s", "invariant": "no-leak"}, {"id": "a", "statement": "t", "invariant": "no-leak"}]})"),
            "claims[1].id: duplicate id \"a\"");
  EXPECT_EQ(error_of(R"({"format": "refsim-claims/1", "claims": [{"id": "A b", "statement": "s", "invariant": "no-leak"}]})"),
            "claims[0].id: expected 1 to 80 of a-z 0-9 . - _, starting with a letter or digit");
  EXPECT_EQ(error_of(R"({"format": "refsim-claims/1", "claims": [{"id": "a", "statement": "s", "invariant": "no-leak",
              "scope": {"versions": ["3.12"], "strategies": ["reset-on-margin"]}}]})"),
            "claims[0].scope: no runtime: none of the strategies applies to any of the versions");
}

TEST(Claims, scopeDefaultsAreTheRealWidthsAsShippedIncrefsAndDecrefs) {
  const Claim c = std::get<std::vector<Claim>>(parse_claims(
      R"({"format": "refsim-claims/1", "claims": [{"id": "a", "statement": "s", "invariant": ["no-leak", "no-leak"]}]})"))[0];
  EXPECT_EQ(c.scope.widths, (std::vector<unsigned>{64, 32}));
  EXPECT_EQ(c.scope.strategies, std::vector<Strategy>{Strategy::AsShipped});
  EXPECT_EQ(c.scope.ops, (std::vector<OpCode>{OpCode::Incref, OpCode::Decref}));
  EXPECT_EQ(c.scope.versions.size(), count_of<Version>());
  EXPECT_EQ(c.invariants, std::vector<Invariant>{Invariant::NoLeak});
}

TEST(Claims, theCatalogParsesAndEveryClaimRoundTrips) {
  const std::vector<Claim>& catalog = builtin_catalog();
  ASSERT_GE(catalog.size(), 10u);
  for (const Claim& c : catalog) {
    EXPECT_FALSE(c.ft_scope ? ft_builds_of(*c.ft_scope).empty() : runtimes_of(c.scope).empty()) << c.id;
    const std::string text = R"({"format": "refsim-claims/2", "claims": [)" + claim_json(c).dump() + "]}";
    auto again = parse_claims(text);
    ASSERT_TRUE(std::holds_alternative<std::vector<Claim>>(again)) << text;
    EXPECT_EQ(claim_json(std::get<std::vector<Claim>>(again)[0]), claim_json(c));
  }
}

/// Decodes 20,000 random inputs of 5 to 5 + `spread` bytes; each must be a checked scenario in
/// its claim's scope. Returns the default build's scenarios (the free-threaded ones are checked
/// by ft_claims_test.cc).
std::vector<Scenario> random_inputs_in_scope(const ClaimSet& set, std::uint64_t seed, std::size_t spread) {
  std::mt19937_64 rng(seed);
  std::vector<Scenario> out;
  for (int i = 0; i < 20000; ++i) {
    std::vector<std::uint8_t> bytes(5 + rng() % spread);
    for (auto& b : bytes) b = static_cast<std::uint8_t>(rng());
    auto input = decode_claim_input(set, bytes);
    if (!input) {
      ADD_FAILURE() << "an input of " << bytes.size() << " bytes did not decode";
      continue;
    }
    const Claim& claim = set.claims()[input->claim];
    EXPECT_TRUE(in_claim_scope(claim, input->scenario)) << claim.id << " " << one_line(input->scenario);
    if (claim.ft_scope) continue;
    const Scenario& s = std::get<Scenario>(input->scenario);
    EXPECT_FALSE(refsim::check(s)) << claim.id;
    out.push_back(s);
  }
  return out;
}

TEST(ClaimInput, everyInputDecodesToAScenarioInItsClaimsScope) {
  const ClaimSet set(builtin_catalog());
  int decoded = 0;
  for (const Scenario& s : random_inputs_in_scope(set, 7, 60)) decoded += !s.ops.empty();
  EXPECT_GT(decoded, 10000);  // of about 14,400 inputs for the catalog's default-build claims
  EXPECT_FALSE(decode_claim_input(set, std::vector<std::uint8_t>{0, 0, 0, 0}));
}

TEST(ClaimInput, scopesWithRepeatsGcAndSetRefcntDecodeInScopeToo) {
  const ClaimSet set(std::get<std::vector<Claim>>(parse_claims(R"({"format": "refsim-claims/1", "claims": [
    {"id": "a", "statement": "s", "invariant": "no-leak", "scope": {"ops": ["repeat", "incref", "gc"], "max_ops": 12}},
    {"id": "b", "statement": "s", "invariant": "no-leak", "scope": {"ops": ["repeat", "set_refcnt"], "max_steps": "1000"}},
    {"id": "c", "statement": "s", "invariant": "no-leak", "scope": {"ops": ["decref", "repeat"], "max_count": "7"}}]})")));
  int repeats = 0;
  for (const Scenario& s : random_inputs_in_scope(set, 11, 80))
    for (const Op& op : s.ops) repeats += op.code == OpCode::Repeat;
  EXPECT_GT(repeats, 1000);
}

TEST(ClaimInput, scopesWithTheRuntimesOwnOperationsDecodeInScopeToo) {
  // Unpaired (stack references at the top level, steal_release and refcnt_add in repeats too) and
  // paired (the mortal_accounting ledger's rules); 3.12 has refcnt_add only, 3.14 all of them.
  const ClaimSet set(std::get<std::vector<Claim>>(parse_claims(R"({"format": "refsim-claims/2", "claims": [
    {"id": "a", "statement": "s", "invariant": "no-leak", "scope": {"versions": ["3.12", "3.14"], "max_ops": 12,
     "ops": ["incref", "repeat", "stackref_new", "stackref_steal", "stackref_dup", "stackref_close", "steal_release",
             "refcnt_add", "stackref_new_mortal", "stackref_immortal"]}},
    {"id": "b", "statement": "s", "invariant": "no-premature-free", "scope": {"versions": ["3.14"], "kinds": ["heap"],
     "paired": true, "origins": ["core", "ext-3.11"],
     "ops": ["incref", "decref", "stackref_new", "stackref_steal", "stackref_dup", "stackref_close", "steal_release",
             "refcnt_add"]}}]})")));
  std::map<OpCode, int> seen;
  for (const Scenario& s : random_inputs_in_scope(set, 13, 80)) {
    std::function<void(const std::vector<Op>&)> count = [&](const std::vector<Op>& ops) {
      for (const Op& op : ops) {
        ++seen[op.code];
        count(op.body);
      }
    };
    count(s.ops);
  }
  for (OpCode code : {OpCode::StackNew, OpCode::StackSteal, OpCode::StackDup, OpCode::StackClose, OpCode::StealRelease,
                      OpCode::RefcntAdd, OpCode::StackNewMortal, OpCode::StackImmortal, OpCode::Repeat})
    EXPECT_GT(seen[code], 100) << name_of(code);
}

TEST(Claims, pairedScopesTakeTheRuntimesOwnOperationsButNoGcRepeatSetRefcntOrImmortalLoadConst) {
  const auto parsed = parse_claims(R"({"format": "refsim-claims/2", "claims": [{"id": "p", "statement": "s",
    "invariant": "no-leak", "scope": {"paired": true, "ops": ["incref", "decref", "stackref_new", "stackref_close"]}}]})");
  ASSERT_TRUE(std::holds_alternative<std::vector<Claim>>(parsed));
  EXPECT_EQ(std::get<std::vector<Claim>>(parsed)[0].scope.ops.size(), 4u);
  const auto v1 = parse_claims(R"({"format": "refsim-claims/1", "claims": [{"id": "p", "statement": "s",
    "invariant": "no-leak", "scope": {"ops": ["incref", "stackref_new"]}}]})");
  ASSERT_TRUE(std::holds_alternative<SpecError>(v1));  // format 1 had none of them
  EXPECT_EQ(std::get<SpecError>(v1).path, "claims[0].scope.ops[1]");
  for (const char* op : {"gc", "repeat", "set_refcnt", "stackref_immortal"}) {
    const auto bad = parse_claims(std::string(R"({"format": "refsim-claims/2", "claims": [{"id": "p", "statement": "s",
      "invariant": "no-leak", "scope": {"paired": true, "ops": ["incref", "decref", ")") + op + R"("]}}]})");
    ASSERT_TRUE(std::holds_alternative<SpecError>(bad)) << op;
    EXPECT_EQ(std::get<SpecError>(bad).path, "claims[0].scope.paired") << op;
  }
}

TEST(Counterexample, theRuntimeAloneFreesEarlyThroughTheLoopsCountedReleases) {
  // _Py_RefcntAdd stores 0xC0000000 in the low half once the sum reaches 2^31 (references are
  // lost; the flag bit stays clear), so the loop's stolen references are counted and their
  // Py_DECREF_MORTAL drains the low half to 0 while one reference remains. From a longer
  // counterexample the minimizer folds the middle release into the last one and lowers n with it.
  const Claim& claim = catalog_claim("runtime-alone-paired-never-early");
  const std::string signature = "runtime-alone-paired-never-early/no-premature-free/3.14-3.15/64";
  Scenario start = decrefs({});
  start.runtime.version = Version::V3_14;
  start.objects = {ObjectSpec{"heap", Kind::Heap, std::nullopt, 1}};
  start.refs = {"r0"};
  Op open = leaf(OpCode::StackNew, 0, Origin::Core);
  Op close = leaf(OpCode::StackClose, 0, Origin::Core);
  start.ops = {leaf(OpCode::RefcntAdd, 0, Origin::Core, 1, std::uint64_t{1} << 34), open,
               leaf(OpCode::Decref, 0, Origin::Core, 1000), close,
               leaf(OpCode::StealRelease, 0, Origin::Core, (std::uint64_t{1} << 34) + 1 - 1000)};
  ASSERT_TRUE(in_claim_scope(claim, start));
  ASSERT_TRUE(shows(claim, signature, start));
  const Minimal m = minimize_counterexample(claim, signature, start, MinimizeLimits{});
  EXPECT_EQ(one_line(m.scenario),
            "3.14/64/release/as-shipped: refcnt_add heap n=3221225472; steal_release heap x3221225473");
  // Without the loop the same references leak instead: the core's Py_DECREF skips an immortal word.
  Scenario core = std::get<Scenario>(m.scenario);
  core.ops[1].code = OpCode::Decref;
  EXPECT_FALSE(shows(claim, signature, core));
}

TEST(ClaimInput, theLargestCountTagReachesTheScopesBound) {
  const ClaimSet set({false_claim()});
  // claim 0, runtime 0, one object (none), decref of none with the count tag 0xff.
  auto input = decode_claim_input(set, std::vector<std::uint8_t>{0, 0, 0, 0, 0, 1, 0, 0xff});
  ASSERT_TRUE(input);
  const Scenario& s = std::get<Scenario>(input->scenario);
  ASSERT_EQ(s.ops.size(), 1u);
  EXPECT_EQ(s.ops[0].count, std::uint64_t{1} << 31);
  EXPECT_EQ(one_line(input->scenario), "3.12/64/release/as-shipped: decref none by ext-3.11 x2147483648");
}

TEST(Violations, theFalseClaimBreaksAtExactly2Pow31DecrefsWithItsSignature) {
  const Claim claim = false_claim();
  EXPECT_TRUE(violations(claim, decrefs({(std::uint64_t{1} << 31) - 1})).empty());
  const auto broken = violations(claim, decrefs({std::uint64_t{1} << 31}));
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_EQ(broken[0].signature, "none-survives-2pow31-decrefs/stays-immortal/3.12-3.13/64");
  EXPECT_EQ(std::get<Event>(broken[0].event).step, std::uint64_t{1} << 31);
  EXPECT_EQ(explain(decrefs({std::uint64_t{1} << 31}), broken[0]),
            "\"none\" (none) loses immortality at step 2,147,483,648: decref by ext-3.11, word 0x0000000080000000 -> "
            "0x000000007fffffff");
}

/// The catalog's claims on PEP 683's figures sit one below the threshold the model computes: at
/// the scope's largest count the claim holds, one more breaks it (outside the scope, so no campaign
/// can find it). Increfs by every origin: full-word code (the draft's core, ext-3.11) reaches the
/// bit; 3.12's code saturates below it, and 3.14's at 64 bits counts in the low half only. The
/// decrefs: the scope's ext-3.11, and (outside it) 3.14's code, for which 3.12's None is mortal.
TEST(Violations, thePepFigureClaimsHoldAtTheirBoundAndBreakOneAbove) {
  const auto one_op = [](const RuntimeSpec& runtime, Kind kind, OpCode code, Origin by, std::uint64_t n) {
    Scenario s = ext311_decrefs(runtime, kind, {n});
    s.ops[0].code = code;
    s.ops[0].by = by;
    return s;
  };
  struct Case {
    std::string id;
    RuntimeSpec runtime;
    Kind kind;
    OpCode code;
    std::vector<Origin> breaking;  // the origins whose ops break the claim one above the bound
  };
  const std::vector<Case> cases = {
      {"pep683-r2-64bit-2pow60-increfs", release(Version::PEP683_R2, 64), Kind::Heap, OpCode::Incref,
       {Origin::Core, Origin::Ext311}},
      {"pep683-r3-32bit-2pow30-accidental-immortality", release(Version::PEP683_R3, 32), Kind::Heap, OpCode::Incref,
       {Origin::Core, Origin::Ext311, Origin::Ext314}},
      {"pep683-32bit-none-exchange-without-reset", release(Version::V3_12, 32, Strategy::NoReset), Kind::None,
       OpCode::Decref, {Origin::Ext311, Origin::Ext314}},  // 3.14's 32-bit test: 0x3fffffff is mortal
  };
  for (const Case& c : cases) {
    const Claim& claim = catalog_claim(c.id);
    const std::uint64_t bound = claim.scope.max_steps;
    // The real origins (a test build's appended ones run code of their own).
    for (const Origin by : {Origin::Core, Origin::Ext311, Origin::Ext312, Origin::Ext313, Origin::Ext314}) {
      const Scenario at = one_op(c.runtime, c.kind, c.code, by, bound);
      if (in_claim_scope(claim, at)) EXPECT_TRUE(violations(claim, at).empty()) << c.id << " " << name_of(by);
      const bool breaks = std::find(c.breaking.begin(), c.breaking.end(), by) != c.breaking.end();
      EXPECT_EQ(violations(claim, one_op(c.runtime, c.kind, c.code, by, bound + 1)).size(), breaks ? 1u : 0u)
          << c.id << " " << name_of(by);
    }
  }
}

TEST(Counterexample, threeDecrefsShrinkToTheOneOperationCounterexample) {
  const Claim claim = false_claim();
  const std::string signature = "none-survives-2pow31-decrefs/stays-immortal/3.12-3.13/64";
  const Scenario start = decrefs({5, std::uint64_t{1} << 30, (std::uint64_t{1} << 30) - 5});
  ASSERT_TRUE(shows(claim, signature, start));
  const Minimal m = minimize_counterexample(claim, signature, start, MinimizeLimits{});
  EXPECT_EQ(one_line(m.scenario), "3.12/64/release/as-shipped: decref none by ext-3.11 x2147483648");
  EXPECT_EQ(m.violation.signature, signature);
  const auto breaks = runtimes_broken(claim, Invariant::StaysImmortal, m.scenario);
  EXPECT_NE(std::find(breaks.begin(), breaks.end(), "3.12/64/release/as-shipped"), breaks.end());
  EXPECT_EQ(std::find(breaks.begin(), breaks.end(), "3.11/64/release/as-shipped"), breaks.end());  // nothing immortal
}

TEST(Counterexample, pairedReferencesShrinkByMergingAndLoweringTakesWithReleases) {
  const Claim claim = std::get<std::vector<Claim>>(parse_claims(R"({"format": "refsim-claims/1", "claims": [{
    "id": "paired", "statement": "s", "invariant": "no-premature-free",
    "scope": {"versions": ["3.13"], "widths": [64], "builds": ["release"], "kinds": ["heap"],
              "origins": ["ext-3.11", "ext-3.12"], "paired": true}}]})"))[0];
  const std::string signature = "paired/no-premature-free/3.12-3.13/64";
  Scenario start = decrefs({});
  start.runtime.version = Version::V3_13;
  start.objects = {ObjectSpec{"heap", Kind::Heap, std::nullopt, 1}};
  auto add = [&](OpCode code, Origin by, std::uint64_t n) {
    Op op;
    op.code = code;
    op.by = by;
    op.count = n;
    start.ops.push_back(op);
  };
  // ext-3.12's incref saturates the low half at 0xffffffff (increments are lost); ext-3.11's
  // full-word decrefs then reach 0 while references remain.
  add(OpCode::Incref, Origin::Ext312, std::uint64_t{1} << 35);
  add(OpCode::Decref, Origin::Ext311, 3221225378);
  add(OpCode::Decref, Origin::Ext311, 1);
  add(OpCode::Decref, Origin::Ext311, (std::uint64_t{1} << 35) + 1 - 3221225379);
  ASSERT_TRUE(shows(claim, signature, start));
  const Minimal m = minimize_counterexample(claim, signature, start, MinimizeLimits{});
  EXPECT_EQ(one_line(m.scenario),
            "3.13/64/release/as-shipped: incref heap by ext-3.12 x4294967295; decref heap by ext-3.11 x4294967296");
}

TEST(Scope, pairedReferencesAreReleasedOnceAndNeverTakenAfterTheLastRelease) {
  Scope paired;
  paired.versions = {Version::V3_12};
  paired.widths = {64};
  paired.debug = {false};
  paired.strategies = {Strategy::AsShipped};
  paired.origins = {Origin::Core, Origin::Ext311};
  paired.kinds = {Kind::Heap};
  paired.ops = {OpCode::Incref, OpCode::Decref};
  paired.paired = true;
  Scenario s = decrefs({});
  s.objects = {ObjectSpec{"heap", Kind::Heap, std::nullopt, 1}};
  auto op = [](OpCode code, std::uint64_t n) {
    Op o;
    o.code = code;
    o.count = n;
    return o;
  };
  s.ops = {op(OpCode::Incref, 2), op(OpCode::Decref, 3)};
  EXPECT_TRUE(in_scope(paired, s));
  s.ops = {op(OpCode::Incref, 2), op(OpCode::Decref, 2)};  // one reference still held
  EXPECT_FALSE(in_scope(paired, s));
  s.ops = {op(OpCode::Decref, 2)};  // more released than held
  EXPECT_FALSE(in_scope(paired, s));
  s.ops = {op(OpCode::Decref, 1), op(OpCode::Incref, 1), op(OpCode::Decref, 1)};  // taken after it was gone
  EXPECT_FALSE(in_scope(paired, s));
  // The runtime's own operations pair too, when listed: a stack reference opened and closed.
  paired.versions = {Version::V3_14};
  paired.ops = {OpCode::Incref, OpCode::Decref, OpCode::StackNew, OpCode::StackClose};
  s.runtime.version = Version::V3_14;
  s.refs = {"r0"};
  Op opened = op(OpCode::StackNew, 1), closed = op(OpCode::StackClose, 1);
  s.ops = {opened, closed, op(OpCode::Decref, 1)};
  EXPECT_TRUE(in_scope(paired, s));
  s.ops = {opened, op(OpCode::Decref, 1)};  // left open
  EXPECT_FALSE(in_scope(paired, s));
  s.ops = {opened, op(OpCode::Decref, 1), closed};  // closed last: the stack reference was the last one held
  EXPECT_TRUE(in_scope(paired, s));
  paired.ops = {OpCode::Incref, OpCode::Decref};  // not listed
  EXPECT_FALSE(in_scope(paired, s));
}

TEST(Counterexample, outOfScopeScenariosAreNotCounterexamples) {
  const Claim claim = false_claim();
  const std::string signature = "none-survives-2pow31-decrefs/stays-immortal/3.12-3.13/64";
  Scenario core = decrefs({std::uint64_t{1} << 31});
  core.ops[0].by = Origin::Core;  // origin outside the scope
  EXPECT_FALSE(shows(claim, signature, core));
  EXPECT_FALSE(shows(claim, signature, decrefs({std::uint64_t{1} << 31, 1})));  // over max_steps
}

TEST(Known, aRecordedCounterexampleIsReadBackAsKnownAndNeverReplaced) {
  std::string pattern = (fs::temp_directory_path() / "refsim-known-XXXXXX").string();
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
  const fs::path dir = pattern;
  const Claim claim = false_claim();
  const Scenario s = decrefs({std::uint64_t{1} << 31});
  const Violation v = violations(claim, s).front();
  auto first = record_known(dir, claim, s, v);
  auto second = record_known(dir, claim, s, v);
  ASSERT_TRUE(std::holds_alternative<fs::path>(first));
  ASSERT_TRUE(std::holds_alternative<fs::path>(second));
  EXPECT_EQ(std::get<fs::path>(first).filename(), "stays-immortal-3.12-3.13-64.json");
  EXPECT_EQ(std::get<fs::path>(second).filename(), "stays-immortal-3.12-3.13-64-2.json");
  auto known = read_known(dir, {claim});
  ASSERT_TRUE(std::holds_alternative<KnownCounterexamples>(known)) << std::get<std::string>(known);
  EXPECT_TRUE(find_known(std::get<KnownCounterexamples>(known), claim.id, v.signature));
  EXPECT_FALSE(find_known(std::get<KnownCounterexamples>(known), claim.id, claim.id + "/stays-immortal/3.14-3.15/64"));
  // The file is a scenario whose expect block holds while the counterexample shows.
  auto parsed = parse_scenario(counterexample_json(s, v), "x");
  ASSERT_TRUE(std::holds_alternative<ScenarioFile>(parsed));
  EXPECT_EQ(std::get<ScenarioFile>(parsed).expect["events"][0]["kind"], "deimmortalized");
  fs::remove_all(dir);
}

TEST(Known, aCounterexampleThatCrashesPastTheEventsAReportKeepsExpectsItsStop) {
  // 0x5_0000_C000_0000 ext-3.11 decrefs take a static type's 3.14/64 word (ob_flags 5, low half
  // 0xC0000000) down to 0, through 655,361 events at the immortality test's bands; its tp_dealloc
  // crashes. `refsim run` keeps the first 10,000 events, so the file expects the report's `stopped`.
  const Claim& claim = catalog_claim("pep683-acceptance-every-immortal-reset");
  const Scenario s = ext311_decrefs(release(Version::V3_14, 64), Kind::StaticType, {0x5'0000'C000'0000});
  const std::vector<Violation> v = violations(claim, s);
  ASSERT_EQ(v.size(), 1u);
  const std::string text = counterexample_json(s, v.front());
  auto parsed = parse_scenario(text, "x");
  ASSERT_TRUE(std::holds_alternative<ScenarioFile>(parsed));
  const auto& expect = std::get<ScenarioFile>(parsed).expect;
  EXPECT_EQ(expect["stopped"]["event"], "dealloc");
  EXPECT_EQ(expect["stopped"]["action"], "free-static");
  const Outcome outcome = run(s);  // as `refsim run` runs it
  EXPECT_GT(outcome.events_total, outcome.events.size());
  EXPECT_TRUE(check_expect(expect, report_json(s, outcome, "")).empty());
  // The recorded file is what the writer writes.
  std::ifstream file(std::string(REFSIM_SOURCE_DIR) +
                     "/corpus/claims/pep683-acceptance-every-immortal-reset/no-fatal-or-freeing-dealloc-3.14-3.15-64.json");
  const std::string recorded{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  EXPECT_EQ(recorded, text);
}

}  // namespace
}  // namespace refsim::campaign
