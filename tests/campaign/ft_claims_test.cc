// Free-threaded claims: the refsim-claims/2 scope (messages, /1 files cannot name free-threaded
// runtimes), the decoder (every input in scope and run-able), the false claim "owner increfs never
// make a heap object immortal" (breaks at exactly 4294967294 on 3.14t, shrinks to that one
// operation), the paired owner/other claim holding on random inputs, recording and reading back.
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <random>

#include <gtest/gtest.h>

#include "campaign/claim_input.h"
#include "campaign/claims_json.h"
#include "claims_error.h"
#include "campaign/counterexample.h"
#include "campaign/known.h"
#include "catalog_claim.h"
#include "io/ft_scenario_json.h"
#include "io/scenario_json.h"

namespace refsim::campaign {
namespace {

namespace fs = std::filesystem;
using ft::FtOpCode;

constexpr std::string_view kOwnerClaim = R"({"format": "refsim-claims/2", "claims": [{
  "id": "owner-increfs", "statement": "the owner's increfs never make a heap object immortal",
  "scope": {"versions": ["3.14t"], "widths": [64], "builds": ["release"], "threads": ["owner", "other"],
            "kinds": ["heap"], "ops": ["incref", "decref", "merge"]},
  "invariant": "stays-mortal"}]})";
constexpr std::string_view kSignature = "owner-increfs/stays-mortal/3.14t-3.15t/64";

Claim owner_claim() { return std::get<std::vector<Claim>>(parse_claims(kOwnerClaim)).front(); }

/// A 3.14t/64 release scenario: threads main and t2, one heap object owned by main.
ft::FtScenario scenario(std::vector<ft::FtOp> ops) {
  ft::FtScenario s;
  s.build = ft::FtBuild{ft::FtVersion::v314t, 64, false};
  s.threads = {"main", "t2"};
  s.objects = {ft::FtObjectSpec{"heap", ft::FtKind::Heap, 0, 1, std::nullopt, std::nullopt}};
  s.ops = std::move(ops);
  return s;
}

ft::FtOp op(FtOpCode code, std::size_t thread, std::uint64_t count = 1) {
  ft::FtOp o;
  o.code = code;
  o.thread = thread;
  o.count = count;
  return o;
}

TEST(FtClaims, freeThreadedScopesNeedFormat2AndTheirOwnFields) {
  EXPECT_EQ(error_of(R"({"format": "refsim-claims/1", "claims": [{"id": "a", "statement": "s", "invariant": "no-leak",
              "scope": {"versions": ["3.14t"]}}]})"),
            "claims[0].scope.versions: free-threaded runtimes need \"format\": \"refsim-claims/2\"");
  EXPECT_EQ(error_of(R"({"format": "refsim-claims/2", "claims": [{"id": "a", "statement": "s", "invariant": "no-leak",
              "scope": {"versions": ["3.14t", "3.14"]}}]})"),
            "claims[0].scope.versions: a scope is about free-threaded runtimes or about the default build, not both");
  EXPECT_EQ(error_of(R"({"format": "refsim-claims/2", "claims": [{"id": "a", "statement": "s", "invariant": "no-leak",
              "scope": {"versions": ["3.14t"], "origins": ["core"]}}]})"),
            "claims[0].scope.origins: unknown field");
  EXPECT_EQ(error_of(R"({"format": "refsim-claims/2", "claims": [{"id": "a", "statement": "s", "invariant": "no-leak",
              "scope": {"versions": ["3.14t"], "threads": ["owner", "nobody"]}}]})"),
            "claims[0].scope.threads[1]: unknown thread \"nobody\"");
  EXPECT_EQ(error_of(R"({"format": "refsim-claims/2", "claims": [{"id": "a", "statement": "s", "invariant": "no-leak",
              "scope": {"versions": ["3.14t"], "ops": ["incref", "repeat"]}}]})"),
            "claims[0].scope.ops[1]: unknown free-threaded operation \"repeat\" (incref, decref, set_refcnt, refcnt, merge)");
  EXPECT_EQ(error_of(R"({"format": "refsim-claims/2", "claims": [{"id": "a", "statement": "s", "invariant": "no-leak",
              "scope": {"versions": ["3.14t"], "kinds": ["immortal"], "paired": true}}]})"),
            "claims[0].scope.paired: paired references need ops incref and decref (no set_refcnt) and the kind \"heap\"");
  EXPECT_EQ(error_of(R"({"format": "refsim-claims/2", "claims": [{"id": "a", "statement": "s", "invariant": "no-leak",
              "scope": {"versions": ["gh153202-proto"], "kinds": ["deferred"]}}]})"),
            "claims[0].scope: no build: none of the kinds exists on any of the versions");
  EXPECT_EQ(error_of(R"({"format": "refsim-claims/2", "claims": [{"id": "a", "statement": "s", "invariant": "no-leak",
              "scope": {"versions": ["3.14t"], "threads": ["other"], "max_threads": 1}}]})"),
            "claims[0].scope.max_threads: only other threads act: at least 2 threads are needed");
  // A /1 file is still read.
  EXPECT_EQ(error_of(R"({"format": "refsim-claims/1", "claims": [{"id": "a", "statement": "s", "invariant": "no-leak"}]})"),
            "no error");
}

TEST(FtClaims, everyInputDecodesToARunnableScenarioInItsScope) {
  const ClaimSet set(builtin_catalog());
  std::vector<std::size_t> threaded;
  for (std::size_t i = 0; i < set.claims().size(); ++i)
    if (set.claims()[i].ft_scope) threaded.push_back(i);
  ASSERT_GE(threaded.size(), 5u);
  std::mt19937_64 rng(3);
  int with_ops = 0, merges = 0, other = 0;
  for (int i = 0; i < 20000; ++i) {
    std::vector<std::uint8_t> bytes(5 + rng() % 60);
    for (auto& b : bytes) b = static_cast<std::uint8_t>(rng());
    bytes[0] = static_cast<std::uint8_t>(threaded[rng() % threaded.size()]);
    const auto input = decode_claim_input(set, bytes);
    ASSERT_TRUE(input);
    const Claim& claim = set.claims()[input->claim];
    const auto& s = std::get<ft::FtScenario>(input->scenario);
    EXPECT_FALSE(ft::check(s)) << claim.id << " " << one_line(s);
    EXPECT_TRUE(in_claim_scope(claim, input->scenario)) << claim.id << " " << one_line(s);
    with_ops += !s.ops.empty();
    for (const ft::FtOp& o : s.ops) {
      merges += o.code == FtOpCode::Merge;
      other += o.code != FtOpCode::Merge && actor_of(s, o) == FtActor::Other;
    }
  }
  EXPECT_GT(with_ops, 19000);
  EXPECT_GT(merges, 1000);
  EXPECT_GT(other, 5000);
}

TEST(FtClaims, theOwnersIncrefsBreakStaysMortalAtExactly4294967294) {
  const Claim claim = owner_claim();
  EXPECT_TRUE(violations(claim, scenario({op(FtOpCode::Incref, 0, 4294967293)})).empty());
  const auto broken = violations(claim, scenario({op(FtOpCode::Incref, 0, 4294967294)}));
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_EQ(broken[0].signature, kSignature);
  EXPECT_EQ(explain(scenario({op(FtOpCode::Incref, 0, 4294967294)}), broken[0]),
            "\"heap\" (heap) becomes immortal (its count reached the immortal value) at step 4,294,967,294: incref by "
            "main (owner); then local 4294967295, shared count 0 (initial)");
  // Another thread's increments go to the shared count: no immortality.
  EXPECT_TRUE(violations(claim, scenario({op(FtOpCode::Incref, 1, 4294967294)})).empty());
}

TEST(FtClaims, aCounterexampleShrinksToTheOneOwnerIncref) {
  const Claim claim = owner_claim();
  const std::string signature(kSignature);
  const ft::FtScenario start = scenario({op(FtOpCode::Incref, 1, 7), op(FtOpCode::Incref, 0, 4000000000),
                                         op(FtOpCode::Merge, 1), op(FtOpCode::Incref, 0, 300000000),
                                         op(FtOpCode::Decref, 1, 2)});
  ASSERT_TRUE(shows(claim, signature, start));
  const Minimal m = minimize_counterexample(claim, signature, start, MinimizeLimits{});
  EXPECT_EQ(one_line(m.scenario), "3.14t/64/release: incref heap by main (owner) x4294967294");
  EXPECT_EQ(std::get<ft::FtScenario>(m.scenario).threads.size(), 1u);  // the other thread is dropped
  const auto breaks = runtimes_broken(claim, Invariant::StaysMortal, m.scenario);
  EXPECT_NE(std::find(breaks.begin(), breaks.end(), "3.13t/32/release"), breaks.end());
  // The draft spills into the shared count, which is immortal from 402653184: broken too.
  EXPECT_NE(std::find(breaks.begin(), breaks.end(), "gh153202-proto/64/release"), breaks.end());
}

TEST(FtClaims, pairedScopesHoldOwnerAndOtherLedgersOnly) {
  FtScope paired = *std::get<std::vector<Claim>>(parse_claims(R"({"format": "refsim-claims/2", "claims": [{
    "id": "p", "statement": "s", "invariant": "no-leak",
    "scope": {"versions": ["3.14t"], "kinds": ["heap"], "ops": ["incref", "decref", "merge"], "paired": true}}]})"))[0]
                       .ft_scope;
  EXPECT_TRUE(ft_in_scope(paired, scenario({op(FtOpCode::Incref, 1, 2), op(FtOpCode::Decref, 0, 1),
                                            op(FtOpCode::Merge, 0), op(FtOpCode::Decref, 1, 2)})));
  EXPECT_FALSE(ft_in_scope(paired, scenario({op(FtOpCode::Incref, 1, 2), op(FtOpCode::Decref, 0, 2)})));  // one held
  EXPECT_FALSE(ft_in_scope(paired, scenario({op(FtOpCode::Decref, 0, 2)})));  // more released than held
}

TEST(FtClaims, thePairedOwnerOtherClaimHoldsOnRandomInputs) {
  const ClaimSet set({catalog_claim("ft-paired-owner-other-never-early")});
  std::mt19937_64 rng(5);
  int released_by_other = 0;
  for (int i = 0; i < 20000; ++i) {
    std::vector<std::uint8_t> bytes(5 + rng() % 40);
    for (auto& b : bytes) b = static_cast<std::uint8_t>(rng() % 3 == 0 ? 0xff : rng());
    const auto checked = check_claim_input(set, bytes);
    ASSERT_TRUE(checked);
    const auto decoded = decode_claim_input(set, bytes);  // kept: `s` below refers into it
    ASSERT_TRUE(decoded);
    EXPECT_TRUE(checked->violations.empty()) << one_line(decoded->scenario);
    const auto& s = std::get<ft::FtScenario>(decoded->scenario);
    released_by_other += std::any_of(s.ops.begin(), s.ops.end(), [&](const ft::FtOp& o) {
      return o.code == FtOpCode::Decref && actor_of(s, o) == FtActor::Other;
    });
  }
  EXPECT_GT(released_by_other, 2000);  // other threads' releases are exercised, not only the owner's
}

TEST(FtClaims, aRecordedCounterexampleIsAFreeThreadedScenarioReadBackAsKnown) {
  std::string pattern = (fs::temp_directory_path() / "refsim-ft-known-XXXXXX").string();
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
  const fs::path dir = pattern;
  const Claim claim = owner_claim();
  const ClaimScenario s = scenario({op(FtOpCode::Incref, 0, 4294967294)});
  const Violation v = violations(claim, s).front();
  auto recorded = record_known(dir, claim, s, v);
  ASSERT_TRUE(std::holds_alternative<fs::path>(recorded));
  EXPECT_EQ(std::get<fs::path>(recorded).filename(), "stays-mortal-3.14t-3.15t-64.json");
  auto known = read_known(dir, {claim});
  ASSERT_TRUE(std::holds_alternative<KnownCounterexamples>(known)) << std::get<std::string>(known);
  EXPECT_TRUE(find_known(std::get<KnownCounterexamples>(known), claim.id, v.signature));
  auto parsed = ft::parse_ft_scenario(counterexample_json(s, v), "x");
  ASSERT_TRUE(std::holds_alternative<ft::FtScenarioFile>(parsed));
  EXPECT_EQ(std::get<ft::FtScenarioFile>(parsed).expect["events"][0]["kind"], "immortal-by-overflow");
  fs::remove_all(dir);
}

template <class E>
std::vector<std::string> table_names() {
  std::vector<std::string> out;
  for (const auto& row : Names<E>::rows) out.emplace_back(row.name);
  return out;
}

TEST(FtClaims, theClaimsSchemaListsExactlyTheNameTables) {
  std::ifstream in(REFSIM_SOURCE_DIR "/docs/schemas/refsim-claims-2.schema.json");
  const auto defs = nlohmann::json::parse(in)["$defs"];
  const auto ft = defs["ft_scope"]["properties"];
  auto names = [](const nlohmann::json& list) { return list["items"]["enum"].get<std::vector<std::string>>(); };
  EXPECT_EQ(defs["invariant"]["enum"].get<std::vector<std::string>>(), table_names<Invariant>());
  EXPECT_EQ(names(ft["versions"]), table_names<ft::FtVersion>());
  EXPECT_EQ(names(ft["threads"]), table_names<FtActor>());
  EXPECT_EQ(names(ft["merges"]), table_names<ft::MergeAt>());
  EXPECT_EQ(names(ft["kinds"]), table_names<ft::FtKind>());
  std::vector<std::string> ops = table_names<ft::FtOpCode>();
  ops.erase(std::find(ops.begin(), ops.end(), "repeat"));  // not in claim scopes
  EXPECT_EQ(names(ft["ops"]), ops);
}

}  // namespace
}  // namespace refsim::campaign
