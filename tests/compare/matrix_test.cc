// The survival matrix: every threshold at widths 8 and 16 confirmed by the stepwise reference (the
// event happens within n and not within n - 1; "never" holds over a horizon that covers the word's
// states), and figures at 64 and 32 bits pinned to docs/semantics-counts.md.
#include <gtest/gtest.h>

#include <vector>

#include "analysis/matrix.h"
#include "model/runtime.h"

namespace refsim::analysis {
namespace {

enum class Class { Mortal, Dealloc, Crash, Overflow, Immortal };

std::optional<Threshold> get(const Row& row, Class c) {
  switch (c) {
    case Class::Mortal: return row.mortal;
    case Class::Dealloc: return row.dealloc;
    case Class::Crash: return row.crash ? std::optional<Threshold>(row.crash->at) : std::nullopt;
    case Class::Overflow: return row.overflow;
    case Class::Immortal: return row.immortal;
  }
  return std::nullopt;
}

std::string label(const RowKey& k) {
  return std::string(name_of(k.threat)) + " " + std::string(refsim::name_of(k.kind)) + " on " +
         std::string(refsim::name_of(k.version)) + "/" + std::to_string(k.width) + (k.debug ? "/debug/" : "/release/") +
         std::string(refsim::name_of(k.strategy));
}

/// One stepwise run of the family up to the largest n that matters (the crash, else the largest
/// threshold or the "never" horizon of 2 * 2^width + 16 single operations, every word the object can
/// hold twice over): each class's first step must convert to the fast engine's n, so that the event is
/// within the scenario for n and not within the one for n - 1 (each is a prefix of the next). With
/// `literal`, the scenarios for n and n - 1 also run on their own.
void confirm(const RowKey& key, const FamilyParams& params, bool literal) {
  const Row fast = compute_row(key, params);
  const std::uint64_t horizon = std::min(fast.max_n, n_of_step(key.threat, (std::uint64_t{2} << key.width) + 16, params));
  std::uint64_t top = horizon;
  for (const Class c : {Class::Mortal, Class::Dealloc, Class::Crash, Class::Overflow, Class::Immortal})
    if (const auto t = get(fast, c)) top = std::max(top, t->n);
  if (fast.crash) top = fast.crash->at.n;
  const Row slow = analyse(key, params, top, EngineKind::Stepwise);
  for (const Class c : {Class::Mortal, Class::Dealloc, Class::Crash, Class::Overflow, Class::Immortal}) {
    const std::optional<Threshold> t = get(fast, c), s = get(slow, c);
    if (!t) {
      EXPECT_FALSE(s) << label(key) << ": class " << int(c) << " at n = " << s->n << ", the fast engine says never";
      continue;
    }
    ASSERT_TRUE(s) << label(key) << ": class " << int(c) << " not within n = " << top;
    EXPECT_EQ(s->n, t->n) << label(key) << ": class " << int(c);
    EXPECT_EQ(s->steps, t->steps) << label(key) << ": class " << int(c);
    if (literal) {
      EXPECT_TRUE(get(analyse(key, params, t->n, EngineKind::Stepwise), c)) << label(key);
      if (t->n > 0) EXPECT_FALSE(get(analyse(key, params, t->n - 1, EngineKind::Stepwise), c)) << label(key);
    }
  }
}

/// The kinds of names.def, three per runtime and threat (every kind on every runtime and threat
/// would take count_of<Kind>() / 3 times as long): the c-th runtime of a threat gets kinds 3c, 3c + 1 and 3c + 2
/// modulo count_of<Kind>(), so each kind, a new one too, is confirmed on every threat in turn.
constexpr auto kKinds = values_of<Kind>();
constexpr std::size_t kKindsPerRuntime = 3;

TEST(CompareMatrix, everyThresholdAtWidths8And16IsConfirmedByTheStepwiseReference) {
  std::size_t rows = 0, index = 0;
  // By threat and by the kind's row of names.def.
  std::vector<std::vector<std::size_t>> rows_per_kind(count_of<Threat>(), std::vector<std::size_t>(count_of<Kind>()));
  for (std::size_t t = 0; t < count_of<Threat>(); ++t) {
    const auto& threat = Names<Threat>::rows[t];
    std::size_t runtime = 0;
    for (const auto& version : Names<Version>::rows)
      for (const unsigned width : {8u, 16u})
        for (const bool debug : {false, true})
          for (const auto& strategy : Names<Strategy>::rows) {
            if (!strategy_applies(strategy.value, version.value)) continue;
            if (strategy.value == Strategy::PeriodicReset && width == 16) continue;  // 2^16 periods of 2^6: slow stepwise
            for (std::size_t k = 0; k < kKindsPerRuntime; ++k) {
              const std::size_t kind = (kKindsPerRuntime * runtime + k) % std::size(kKinds);
#ifdef REFSIM_SANITIZED
              if (index++ % 7 != 0) continue;  // the sanitizer build samples every 7th row
#else
              ++index;
#endif
              for (const std::uint64_t rate : {std::uint64_t{1}, std::uint64_t{3}}) {
                if (rate != 1 && threat.value != Threat::TrafficDecref && threat.value != Threat::TrafficIncref) continue;
                confirm({version.value, width, debug, strategy.value, kKinds[kind], threat.value}, FamilyParams{rate},
                        index % 13 == 0);
                ++rows;
                ++rows_per_kind[t][static_cast<std::size_t>(kKinds[kind])];
                if (HasFatalFailure()) return;
              }
            }
            ++runtime;
          }
  }
  std::printf("[ confirmed ] %zu rows of %zu\n", rows, index);
#ifndef REFSIM_SANITIZED
  for (std::size_t t = 0; t < count_of<Threat>(); ++t)
    for (const Kind kind : values_of<Kind>())
      EXPECT_GT(rows_per_kind[t][static_cast<std::size_t>(kind)], 0u)
          << name_of(Names<Threat>::rows[t].value) << " never confirmed on " << refsim::name_of(kind);
#endif
#ifdef REFSIM_SANITIZED
  EXPECT_GT(rows, 700u);
#else
  EXPECT_GT(rows, 5000u);
#endif
}

Row row(Version v, unsigned width, Threat threat, Strategy strategy = Strategy::AsShipped) {
  return compute_row({v, width, false, strategy, Kind::None, threat}, FamilyParams{});
}

TEST(CompareMatrix, figuresAt64And32BitsMatchSemanticsSection8_2) {
  EXPECT_EQ(row(Version::V3_12, 64, Threat::Ext311Decref).mortal->n, 2147483648u);
  EXPECT_EQ(row(Version::V3_12, 64, Threat::Ext311Decref).dealloc->n, 4294967295u);
  EXPECT_EQ(row(Version::V3_12, 64, Threat::Ext311Incref).mortal->n, 1u);
  EXPECT_EQ(row(Version::V3_12, 32, Threat::Ext311Decref).mortal->n, 1u);
  EXPECT_EQ(row(Version::V3_12, 32, Threat::Ext311Decref).dealloc->n, 1073741823u);
  EXPECT_EQ(row(Version::V3_14, 32, Threat::Ext311Decref).mortal->n, 805306369u);
  EXPECT_EQ(row(Version::V3_14, 32, Threat::Ext311Decref).dealloc->n, 1879048192u);
  EXPECT_EQ(row(Version::V3_14, 32, Threat::Ext311Incref).mortal->n, 268435456u);
  EXPECT_EQ(row(Version::V3_14, 64, Threat::Ext311Decref).mortal->n, 1073741825u);
  EXPECT_EQ(row(Version::V3_14, 64, Threat::Ext311Decref).dealloc->n, 1407378104778752u);
  EXPECT_EQ(row(Version::V3_14, 64, Threat::Ext311Incref).mortal->n, 1073741824u);
  // Without the reset, None's tp_dealloc is 3.11's: fatal, at the same count.
  const Row fatal = row(Version::V3_12, 32, Threat::Ext311Decref, Strategy::NoReset);
  ASSERT_TRUE(fatal.crash);
  EXPECT_EQ(fatal.crash->at.n, 1073741823u);
  EXPECT_EQ(fatal.crash->action, Action::Fatal);
  // Core traffic pulls None back on 3.12 64-bit: every ext-3.11 incref is undone by the next release.
  const Row rescued = row(Version::V3_12, 64, Threat::TrafficIncref);
  EXPECT_EQ(rescued.mortal->n, 1u);
  EXPECT_EQ(rescued.immortal->steps, 2u);
  EXPECT_TRUE(rescued.immortal_at_end);
  // Without traffic, it stays mortal until the low half reaches bit 31 again.
  EXPECT_EQ(row(Version::V3_12, 64, Threat::Ext311Incref).immortal->n, 2147483649u);
}

TEST(CompareMatrix, stepsConvertExactlyToTheSmallestNOfEachFamily) {
  const FamilyParams r3{3};
  // traffic, r = 3: steps 1-3 are ext ops 1-3, step 4 the core release after the 3rd, step 5 the 4th op.
  EXPECT_EQ(n_of_step(Threat::TrafficDecref, 3, r3), 3u);
  EXPECT_EQ(n_of_step(Threat::TrafficDecref, 4, r3), 3u);
  EXPECT_EQ(n_of_step(Threat::TrafficDecref, 5, r3), 4u);
  EXPECT_EQ(n_of_step(Threat::NoneExchange, 1, r3), 1u);
  EXPECT_EQ(n_of_step(Threat::NoneExchange, 3, r3), 2u);
  EXPECT_EQ(n_of_step(Threat::CorePairs, 6, r3), 2u);
  EXPECT_EQ(n_of_step(Threat::CorePairs, 7, r3), 3u);
  for (std::uint64_t n = 1; n < 40; ++n)  // the last step of the scenario for n belongs to n
    EXPECT_EQ(n_of_step(Threat::TrafficIncref, static_cast<std::uint64_t>(steps_of_n(Threat::TrafficIncref, n, r3)), r3), n);
}

// A row whose run exceeds the engine's work gives up, and is the row of the longest prefix that ran:
// 3.14 64-bit None under ext-3.11 decrefs beside the loop's releases (the default, kRowWork = 2^16,
// runs this row to the family's largest n), run with 2^6 units of work. It gets past the first
// threshold (mortal at n = 1073741825: 0xC0000000 - 0x7FFFFFFF decrefs) but not to tp_dealloc (n =
// 5368709120, docs/FINDINGS.md): as far as it got the thresholds are exact, and "never" means "not
// up to max_n".
TEST(Matrix, aRowTheEngineGivesUpOnIsTheLongestPrefixThatRan) {
  const RowKey key{Version::V3_14, 64, false, Strategy::AsShipped, Kind::None, Threat::TrafficDecref};
  const FamilyParams params;
  const Row row = analyse(key, params, max_n(key.threat, params), EngineKind::Fast, 64);
  EXPECT_TRUE(row.gave_up);
  EXPECT_GT(row.max_n, 1073741825u);
  EXPECT_LT(row.max_n, 5368709120u);
  ASSERT_TRUE(row.mortal);
  EXPECT_EQ(row.mortal->n, 1073741825u);
  EXPECT_FALSE(row.dealloc);
  EXPECT_FALSE(row.crash);
  const Row whole = compute_row(key, params);
  EXPECT_FALSE(whole.gave_up);
  EXPECT_EQ(whole.max_n, max_n(key.threat, params));
  ASSERT_TRUE(whole.dealloc);
  EXPECT_EQ(whole.dealloc->n, 5368709120u);
}
}  // namespace
}  // namespace refsim::analysis
