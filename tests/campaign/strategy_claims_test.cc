// The catalog's strategy claims (docs/semantics-strategies.md): reset-all, reset-except-int and
// no-immortals each have a claim scoped to that strategy alone; what separates each strategy from
// as-shipped shows in its claim; and every counterexample recorded in corpus/claims for a catalog
// claim still shows its signature (none is stale).
#include <gtest/gtest.h>

#include "campaign/claims_json.h"
#include "campaign/known.h"
#include "campaign/violation.h"
#include "catalog_claim.h"
#include "decref_scenarios.h"

namespace refsim::campaign {
namespace {

Scenario decref(Version version, unsigned bits, Strategy strategy, Kind kind, std::uint64_t count) {
  return ext311_decrefs(release(version, bits, strategy), kind, {count});
}

TEST(StrategyClaims, eachStrategyHasAClaimOnItsOwnRuntimes) {
  const std::pair<const char*, Strategy> claims[] = {{"reset-all-no-crash", Strategy::ResetAll},
                                                     {"reset-except-int-no-crash", Strategy::ResetExceptInt},
                                                     {"no-immortals-refcounting-as-3.11", Strategy::NoImmortals}};
  for (const auto& [id, strategy] : claims) {
    const Claim& claim = catalog_claim(id);
    ASSERT_EQ(claim.scope.strategies, std::vector<Strategy>{strategy}) << id;
    const auto runtimes = runtimes_of(claim.scope);
    ASSERT_FALSE(runtimes.empty()) << id;
    for (const RuntimeSpec& rt : runtimes) EXPECT_EQ(rt.strategy, strategy) << id;
  }
}

TEST(StrategyClaims, resetAllSparesTheStaticTypeThatAsShippedFrees) {
  Claim claim = catalog_claim("reset-all-no-crash");
  const std::uint64_t to_zero = std::uint64_t{1} << 30;  // 3.12's 32-bit immortal word is 2^30
  EXPECT_TRUE(violations(claim, decref(Version::V3_12, 32, Strategy::ResetAll, Kind::StaticType, to_zero)).empty());
  claim.scope.strategies = {Strategy::AsShipped};
  EXPECT_FALSE(violations(claim, decref(Version::V3_12, 32, Strategy::AsShipped, Kind::StaticType, to_zero)).empty());
}

TEST(StrategyClaims, resetExceptIntFreesTheSmallIntThatAsShippedResets) {
  const Claim& claim = catalog_claim("reset-except-int-no-crash");
  const std::uint64_t to_zero = (std::uint64_t{1} << 30) - 1;  // 3.13's 32-bit small-int word
  const auto broken = violations(claim, decref(Version::V3_13, 32, Strategy::ResetExceptInt, Kind::SmallInt, to_zero));
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_EQ(broken[0].signature, "reset-except-int-no-crash/no-fatal-or-freeing-dealloc/3.12-3.13/32");
  EXPECT_TRUE(violations(claim, decref(Version::V3_13, 32, Strategy::AsShipped, Kind::SmallInt, to_zero)).empty());
  EXPECT_TRUE(violations(claim, decref(Version::V3_13, 32, Strategy::ResetExceptInt, Kind::None, to_zero + 1)).empty());
}

TEST(StrategyClaims, everyRecordedCatalogCounterexampleStillShows) {
  auto read = read_known(REFSIM_SOURCE_DIR "/corpus/claims", builtin_catalog());
  ASSERT_TRUE(std::holds_alternative<KnownCounterexamples>(read)) << std::get<std::string>(read);
  const auto& known = std::get<KnownCounterexamples>(read);
  for (const char* id : {"reset-except-int-no-crash", "no-immortals-refcounting-as-3.11"}) {
    ASSERT_TRUE(known.count(id)) << id;
    EXPECT_FALSE(known.at(id).empty()) << id;
  }
  for (const auto& [id, recorded] : known)
    for (const Recorded& r : recorded) EXPECT_FALSE(r.signatures.empty()) << r.file << " is stale";
}

}  // namespace
}  // namespace refsim::campaign
