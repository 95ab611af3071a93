// Properties that must fail, on None and unpaired legacy code (docs/semantics-counts.md): the search
// runs, RapidCheck shrinks the count, and the shrunk count must be the minimum computed here from
// the facts table, with one fewer not failing. Each row of the tables is one version and width.
//
// Costs: the fast engine jumps over cells, the stretches between the boundaries of the code that
// runs and of the runtime's immortality test. On the 64-bit layout of 3.12 and later that test
// reads the low half, so cells are at most 2^32 words wide and a count k costs about
// k / 2^32 * 1.5 us: there the search draws counts up to 2^40, and a minimum above that (3.14's
// dealloc at 0x0005_0000_C000_0000) is checked by its two exactness runs only. Everywhere else (3.11
// and the drafts at 64 bits, every runtime at 32, 16 and 8) the search draws from the full 64-bit
// range.
#include <gtest/gtest.h>

#include <rapidcheck.h>

#include "model/engine.h"
#include "props/gen/counts.h"
#include "props/gen/runtime.h"
#include "props/facts/rows.h"
#include "props/support/prop.h"
#include "props/support/search.h"
#include "props/support/version_width.h"

namespace refsim::props {
namespace {

constexpr U128 kCheckable = U128{1} << 52;

/// The largest count the search draws on this runtime (see above).
std::uint64_t search_cap(const RuntimeSpec& rt) {
  const Facts f(rt);
  const std::optional<Band> band = f.band();
  const bool low_half_test = band && f.numbers().split && band->bits == f.numbers().half_mask;
  return rt.width.bits == 64 && low_half_test ? std::uint64_t{1} << 40 : UINT64_MAX;
}

std::vector<VersionWidth> every_version_and_width() {
  std::vector<VersionWidth> out;
  for (Version v : gen::all_versions())
    for (unsigned w : {64u, 32u, 16u, 8u}) out.push_back({v, w});
  return out;
}

std::string decimal(U128 v) {
  std::string out;
  do {
    out.insert(out.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  } while (v != 0);
  return out;
}

RuntimeSpec release(Version v, unsigned width, Strategy strategy = Strategy::AsShipped) {
  return RuntimeSpec{.version = v, .width = Width{width}, .debug = false, .strategy = strategy};
}

Scenario none_with(const RuntimeSpec& rt, std::vector<Op> ops) {
  Scenario s;
  s.name = "minimum";
  s.runtime = rt;
  s.objects.push_back({"none", Kind::None, std::nullopt, 1});
  s.ops = std::move(ops);
  return s;
}

Op op(OpCode code, Origin by, std::uint64_t count) { return leaf(code, 0, by, count); }

bool has(const Outcome& out, EventKind kind) {
  return std::any_of(out.events.begin(), out.events.end(), [&](const Event& e) { return e.kind == kind; });
}

/// The first events are all a predicate looks at; 4096 kept events let the fast engine count whole
/// cycles of the word after that.
Outcome run_search(const Scenario& s) { return run(s, EngineKind::Fast, RunLimits{4096}); }

/// Searches for the smallest count k of one operation that fails, and checks it against `expected`.
void search_count(const std::string& id, const RuntimeSpec& rt, OpCode code, std::optional<U128> expected,
                  const std::function<bool(const Outcome&)>& failed) {
  if (!expected) GTEST_SKIP() << "never: the object is never immortal on this runtime";
  const auto scenario_for = [&](U128 k) { return none_with(rt, {op(code, Origin::Ext311, static_cast<std::uint64_t>(k))}); };
  const auto fails = [&](const Scenario& s) { return failed(run_search(s)); };
  const U128 k = *expected;
  const std::uint64_t cap = search_cap(rt);
  if (k > cap && k > kCheckable)
    GTEST_SKIP() << "expected minimum " << decimal(k) << ": not run, the fast engine needs about "
                 << decimal(k / (U128{1} << 32) * 15 / 10 / 1000000) << " s per run";
  // Exactness: k fails, k - 1 does not. Above the search's range the word goes round its low half
  // many times first (3.14: 655363 events before the dealloc), so every event is kept.
  const auto fails_all = [&](const Scenario& s) { return failed(run(s, EngineKind::Fast, RunLimits{k > cap ? 1u << 20 : 4096u})); };
  EXPECT_TRUE(fails_all(scenario_for(k))) << "the expected minimum " << decimal(k) << " does not fail";
  EXPECT_FALSE(fails_all(scenario_for(k - 1))) << decimal(k - 1) << " already fails";
  if (k > cap) {
    std::cout << "[ minimum  ] " << id << " on " << name_of(rt.version) << "/" << rt.width.bits << ": " << decimal(k)
              << " (exactness runs only: above the search's range of 2^40)\n";
    return;
  }
  const Found found = search(id, [&] { return scenario_for(*gen::log_uniform(0, cap)); }, fails);
  ASSERT_TRUE(found.failed) << "the search found no failure in " << found.cases << " cases:\n" << found.report;
  ASSERT_TRUE(found.shrunk && found.smallest);
  EXPECT_FALSE(size_of(*found.smallest) < size_of(scenario_for(k))) << "failing below the minimum: " << one_line(*found.smallest);
  EXPECT_EQ(one_line(*found.shrunk), one_line(scenario_for(k)))
      << "RapidCheck shrank to " << decimal(found.shrunk->ops[0].count) << ", SEMANTICS gives " << decimal(k)
      << "\n" << found.report << "\nRC_PARAMS=\"" << found.reproduce << "\"";
  std::cout << "[ minimum  ] " << id << " on " << name_of(rt.version) << "/" << rt.width.bits << ": "
            << decimal(found.shrunk->ops[0].count) << " (failing case " << found.cases
            << ", " << found.evaluations << " evaluations)\n";
}

// --- the expected minima, from the facts ----------------------------------------------------------

/// Unpaired L- (full-word --, never skipped) from None's initial word N until the runtime's test
/// first fails: N - (the highest mortal word below N) steps, N's place in the immortal band less the
/// band's low edge, plus one (a draft: down to BIT - 1; the split layout: the low half below its
/// edge; 3.12 at 32 bits: one step off the single immortal word). Never where nothing is immortal.
std::optional<U128> decrefs_to_mortal(const RuntimeSpec& rt) {
  const Facts f(rt);
  const std::optional<Band> band = f.band();
  if (!band) return std::nullopt;
  return U128{f.none_initial() & band->bits} - (band->lo - 1);
}

/// Unpaired L- until tp_dealloc: ext-3.11 code deallocates when the full word reaches 0, and it
/// never skips, so after exactly N steps whatever the version (8.2: 3.14's split word is no
/// exception for legacy code, which borrows across the halves).
std::optional<U128> decrefs_to_dealloc(const RuntimeSpec& rt) { return U128{Facts(rt).none_initial()}; }

/// Unpaired L+ until the test fails or the signed word overflows, whichever comes first: the test
/// fails one step past the band's high edge (a draft: the carry out of the bit; the split layout:
/// the low half wrapping to 0; 3.14 at 32 bits: the signed maximum, an overflow too).
std::optional<U128> increfs_to_mortal_or_overflow(const RuntimeSpec& rt) {
  const Facts f(rt);
  const Word n = f.none_initial();
  const U128 overflow = U128{f.signed_max()} - n + 1;  // the step that increments the signed maximum
  const std::optional<Band> band = f.band();
  if (!band) return overflow;
  return std::min(overflow, U128{band->hi} - (n & band->bits) + 1);
}

class UnpairedLegacyDecrefs : public ::testing::TestWithParam<VersionWidth> {};
class UnpairedLegacyIncrefs : public ::testing::TestWithParam<VersionWidth> {};

TEST_P(UnpairedLegacyDecrefs, makeNoneMortalAfterExactlyTheDistanceToItsBandEdge) {
  const RuntimeSpec rt = release(GetParam().version, GetParam().width);
  search_count("UnpairedLegacyDecrefs/mortal", rt, OpCode::Decref, decrefs_to_mortal(rt),
               [](const Outcome& out) { return has(out, EventKind::Deimmortalized); });
}

TEST_P(UnpairedLegacyDecrefs, reachNonesTpDeallocAfterExactlyItsInitialWord) {
  const RuntimeSpec rt = release(GetParam().version, GetParam().width);
  search_count("UnpairedLegacyDecrefs/dealloc", rt, OpCode::Decref, decrefs_to_dealloc(rt),
               [](const Outcome& out) { return has(out, EventKind::Dealloc); });
}

TEST_P(UnpairedLegacyIncrefs, makeNoneMortalOrOverflowTheSignedWordAfterExactlyTheDistanceToTheTop) {
  const RuntimeSpec rt = release(GetParam().version, GetParam().width);
  search_count("UnpairedLegacyIncrefs/mortal-or-overflow", rt, OpCode::Incref, increfs_to_mortal_or_overflow(rt),
               [](const Outcome& out) { return has(out, EventKind::Deimmortalized) || has(out, EventKind::SignedOverflow); });
}

INSTANTIATE_TEST_SUITE_P(EveryVersionAndWidth, UnpairedLegacyDecrefs, ::testing::ValuesIn(every_version_and_width()), version_width_name);
INSTANTIATE_TEST_SUITE_P(EveryVersionAndWidth, UnpairedLegacyIncrefs, ::testing::ValuesIn(every_version_and_width()), version_width_name);

// --- Jewett's reset-on-margin (docs/semantics-strategies.md) ----------------------------------------------

class ResetOnMargin : public ::testing::TestWithParam<VersionWidth> {};

std::vector<VersionWidth> draft_rows() {
  std::vector<VersionWidth> out;
  for (Version v : versions_where([](auto row) { return decltype(row)::kResetOnMargin; }))
    for (unsigned w : {64u, 32u, 16u, 8u}) out.push_back({v, w});
  return out;
}

/// The core's decrefs go round the margin silently (B/2 steps a round) and the engine does not
/// notice a silent cycle: at most 2^16 rounds, except at 64 bits, where 2^64 is 32 rounds.
std::uint64_t margin_cap(const RuntimeSpec& rt) {
  return rt.width.bits == 64 ? UINT64_MAX : Facts(rt).draft_bit() << 16;
}

/// Unpaired releases of None, by the core (which has the margin check) or by ext-3.11 code (which
/// only tests W == 0), adjacent ones of one origin merged.
Scenario releases(const RuntimeSpec& rt, const std::vector<std::tuple<Origin, std::uint64_t>>& drawn) {
  Scenario s = none_with(rt, {});
  std::uint64_t total = 0;  // a scenario holds at most 2^64 - 1 single operations
  for (const auto& [by, drawn_count] : drawn) {
    const std::uint64_t count = std::min(drawn_count, UINT64_MAX - total);
    total += count;
    if (count == 0) continue;
    if (!s.ops.empty() && s.ops.back().by == by) {
      s.ops.back().count += count;
      continue;
    }
    s.ops.push_back(op(OpCode::Decref, by, count));
  }
  return s;
}

// The core's decref re-adds the margin only when it lands on B itself; ext-3.11 decrefs cross B
// without looking. The smallest defeat is ext-3.11 alone, from R = B + B/2 down to B - 1: B/2 + 1
// releases, in one operation (fewest operations, then the smallest total count). With the core's
// decrefs in the mix the total cannot be smaller: each one moves the word down by one too, and
// the margin comes back only if one lands on B.
TEST_P(ResetOnMargin, isDefeatedByExtDecrefsThatCrossTheMarginWithoutACoreDecrefLandingOnIt) {
  const RuntimeSpec rt = release(GetParam().version, GetParam().width, Strategy::ResetOnMargin);
  const Facts f(rt);
  const U128 k = f.draft_bit() / 2 + 1;
  const Scenario expected = none_with(rt, {op(OpCode::Decref, Origin::Ext311, static_cast<std::uint64_t>(k))});
  const auto fails = [&](const Scenario& s) { return has(run_search(s), EventKind::Deimmortalized); };
  EXPECT_TRUE(fails(expected));
  EXPECT_FALSE(fails(none_with(rt, {op(OpCode::Decref, Origin::Ext311, static_cast<std::uint64_t>(k - 1))})));
  // A core decref landing on B (from B + 1) saves the object: the same ext-3.11 releases then pass.
  EXPECT_FALSE(fails(none_with(rt, {op(OpCode::Decref, Origin::Ext311, static_cast<std::uint64_t>(k - 2)),
                                    op(OpCode::Decref, Origin::Core, 1),
                                    op(OpCode::Decref, Origin::Ext311, static_cast<std::uint64_t>(k - 2))})));
  const std::uint64_t cap = margin_cap(rt);
  const Found found = search(
      "ResetOnMargin/ext-decrefs",
      [&] {
        return releases(rt, *rc::gen::container<std::vector<std::tuple<Origin, std::uint64_t>>>(
                                rc::gen::tuple(gen::origin({Origin::Ext311, Origin::Core}), gen::log_uniform(1, cap))));
      },
      fails);
  ASSERT_TRUE(found.failed) << found.report;
  EXPECT_FALSE(size_of(*found.smallest) < size_of(expected)) << "failing below the minimum: " << one_line(*found.smallest);
  EXPECT_EQ(one_line(*found.shrunk), one_line(expected)) << found.report << "\nRC_PARAMS=\"" << found.reproduce << "\"";
  std::cout << "[ minimum  ] reset-on-margin, ext-3.11 releases: " << one_line(*found.shrunk) << " (failing case " << found.cases << ", "
            << found.evaluations << " evaluations)\n";
}

// Jewett: "It still doesn't prevent rollover from too many increfs". The core's increfs are a plain
// +1, and from R = B + B/2 the B/2-th carries out of the bit: 2B has it clear.
TEST_P(ResetOnMargin, coreIncrefsStillRollOverAfterHalfTheBit) {
  const RuntimeSpec rt = release(GetParam().version, GetParam().width, Strategy::ResetOnMargin);
  const Facts f(rt);
  const U128 k = f.draft_bit() / 2;
  const auto scenario_for = [&](U128 n) { return none_with(rt, {op(OpCode::Incref, Origin::Core, static_cast<std::uint64_t>(n))}); };
  const auto fails = [&](const Scenario& s) { return has(run_search(s), EventKind::Deimmortalized); };
  EXPECT_TRUE(fails(scenario_for(k)));
  EXPECT_FALSE(fails(scenario_for(k - 1)));
  const Found found =
      search("ResetOnMargin/core-increfs", [&] { return scenario_for(*gen::log_uniform(0, margin_cap(rt))); }, fails);
  ASSERT_TRUE(found.failed) << found.report;
  EXPECT_EQ(one_line(*found.shrunk), one_line(scenario_for(k))) << found.report;
  std::cout << "[ minimum  ] reset-on-margin, core increfs: " << one_line(*found.shrunk) << " (failing case "
            << found.cases << ", " << found.evaluations << " evaluations)\n";
}

INSTANTIATE_TEST_SUITE_P(Drafts, ResetOnMargin, ::testing::ValuesIn(draft_rows()), version_width_name);

}  // namespace
}  // namespace refsim::props
