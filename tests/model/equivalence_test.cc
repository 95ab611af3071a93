// The fast engine against the stepwise reference: exhaustive at the scaled widths, sampled at 32
// and 64. Any difference is a bug in refsim's jumps (the two engines share every semantics function).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <random>
#include <vector>

#include "model/engine.h"
#include "tests/model/combos.h"

namespace refsim {
namespace {

using testing::all_runtimes;
using testing::describe;
using testing::expect_same;
using testing::kSample;
using testing::sweep;
using testing::one_op;

/// Every origin and every kind of names.def: a new one is swept without an edit here.
constexpr auto kOrigins = values_of<Origin>();
constexpr auto kKinds = values_of<Kind>();

std::string hex(Word w) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(w));
  return buf;
}

/// The shape of one step: everything that must be equal for two neighbouring words of one cell.
struct Shape {
  bool skipped, dealloc, negative, overflow, immortal_before, immortal_after;
  Word delta;
  friend bool operator==(const Shape&, const Shape&) = default;
};

Shape shape(const Runtime& rt, const Code& code, OpCode op, Word word) {
  const Width w = rt.width();
  const StepResult r = op == OpCode::Incref ? incref(code, w, word) : decref(code, w, word);
  return {r.skipped, r.dealloc, r.negative, r.overflow, rt.immortal(word), rt.immortal(r.word),
          w.wrap(r.word - word)};
}

// The premise of every jump, checked for every word: inside a cell (no boundary between w and
// w + 1), an incref or decref of any origin behaves identically at w and at w + 1, and the
// immortality test agrees. By induction every stretch the fast engine jumps is uniform.
void check_cells(unsigned width) {
  std::uint64_t pairs = 0;
  for (const RuntimeSpec& spec : sweep(width)) {
    const Runtime rt(spec);
    const Word last = rt.width().mask();
    for (Origin origin : kOrigins) {
      const Code& code = rt.code(origin);
      for (OpCode op : {OpCode::Incref, OpCode::Decref}) {
        const bool cell_checks = op == OpCode::Incref;
        Shape prev = shape(rt, code, op, 0);
        for (Word w = 0; w < last; ++w) {
          if (cell_checks) {
            const Runtime::Cell c = rt.cell(w, origin_bit(origin));
            if (c.up > 0)
              ASSERT_EQ(rt.cell(w + 1, origin_bit(origin)).down, c.down + 1) << describe(spec) << " at " << hex(w);
          }
          const Shape next = shape(rt, code, op, w + 1);
          // The cell of this origin's code alone: a jump of one operation uses no more.
          const Runtime::Cell cell = rt.cell(w, origin_bit(origin));
          // An incref from w and from w + 1 stays in the cell when w + 2 is in it; a decref
          // from w + 1 and from w when w - 1 is in it.
          const bool inside = op == OpCode::Incref ? cell.up >= 2 : cell.up >= 1 && cell.down >= 1;
          if (inside) {
            ++pairs;
            ASSERT_EQ(prev, next) << describe(spec) << " " << name_of(origin)
                                  << (op == OpCode::Incref ? " incref" : " decref") << " at "
                                  << hex(w) << " and " << hex(w + 1) << " share a cell";
          }
          prev = next;
        }
      }
    }
  }
  EXPECT_GT(pairs, 0u);
}

// A sweep holds every kSample-th runtime, and every runtime of a row appended to names.def (the
// fictional-rows build sweeps its own rows in full and the real ones on the sample).
TEST(Sweep, holdsTheSampleAndEveryAppendedRowsRuntime) {
  for (unsigned width : {8u, 16u, 32u, 64u}) {
    const auto all = all_runtimes(width), swept = sweep(width);
    std::size_t appended = 0;
    for (std::size_t i = 0; i < all.size(); ++i) {
#ifdef REFSIM_EXTRA_FIRST_VERSION
      const bool expected = i % kSample == 0 || all[i].version >= Version::REFSIM_EXTRA_FIRST_VERSION;
      appended += all[i].version >= Version::REFSIM_EXTRA_FIRST_VERSION;
#else
      const bool expected = i % kSample == 0;
#endif
      const bool found = std::any_of(swept.begin(), swept.end(), [&](const RuntimeSpec& rt) {
        return describe(rt) == describe(all[i]);
      });
      EXPECT_EQ(found, expected) << describe(all[i]) << " at width " << width;
    }
#ifdef REFSIM_EXTRA_FIRST_VERSION
    EXPECT_GT(appended, 0u) << "no runtime of the appended rows at width " << width;
#endif
  }
}

TEST(Cells, everyNeighbouringPairOfOneCellBehavesAlikeAtWidth8) { check_cells(8); }
TEST(Cells, everyNeighbouringPairOfOneCellBehavesAlikeAtWidth16) { check_cells(16); }

/// Every kind of names.def in turn: start word w gets kind w mod count_of<Kind>(), so each kind (a
/// new one without an edit here) starts at every count_of<Kind>()-th word of every sweep, and its
/// counts carry it to its tp_dealloc action (reset, fatal, freed, left, free-static).
Kind kind_for(Word w) { return kKinds[w % std::size(kKinds)]; }

// Every start word, operation, origin, version, debug flag and strategy at width 8, with counts
// that cross the whole word range more than twice.
TEST(Equivalence, everySingleOperationAtWidth8) {
  std::uint64_t runs = 0;
  std::vector<std::uint64_t> runs_per_kind(count_of<Kind>());  // by the kind's row of names.def
  for (const RuntimeSpec& spec : sweep(8))
    for (Origin origin : kOrigins)
      for (OpCode op : {OpCode::Incref, OpCode::Decref, OpCode::SetRefcnt})
        for (Word w = 0; w <= 0xff; ++w)
          for (std::uint64_t count : {1u, 2u, 3u, 130u, 257u, 600u}) {
            if (op == OpCode::SetRefcnt && count > 2) continue;
            const Scenario s = one_op(spec, kind_for(w), w, op, origin, count, (w * 37) & 0xff);
            expect_same(s, describe(spec) + " " + std::string(name_of(origin)) + " op " +
                               std::to_string(static_cast<int>(op)) + " at " + hex(w) + " x" +
                               std::to_string(count));
            ++runs;
            ++runs_per_kind[static_cast<std::size_t>(kind_for(w))];
          }
  EXPECT_GT(runs, 500000u / kSample);
  for (const Kind kind : values_of<Kind>()) EXPECT_GT(runs_per_kind[static_cast<std::size_t>(kind)], 0u) << name_of(kind);
}

// Width 16: every word next to a boundary of its runtime (where the jumps start and stop), with a
// short count and one that runs through several boundaries. Every other word lies inside a cell,
// where Cells.* proves the steps uniform.
TEST(Equivalence, everyBoundaryWordAtWidth16) {
  std::uint64_t runs = 0;
  for (const RuntimeSpec& spec : sweep(16)) {
    const Runtime rt(spec);
    std::vector<Word> words;
    for (const Cut& cut : rt.cuts()) {
      const Word step = Word{1} << cut.mod_bits;
      // Periodic cuts repeat every 2^mod_bits: take up to 8 of their places across the word.
      const Word stride = std::max<Word>(step, (Word{1} << 16) / 8);
      for (Word base = cut.value; base <= 0xffff; base += stride)
        for (Word d : {0xfffeu, 0xffffu, 0u, 1u}) words.push_back((base + d) & 0xffff);
    }
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    for (Origin origin : kOrigins)
      for (OpCode op : {OpCode::Incref, OpCode::Decref})
        for (Word w : words)
          for (std::uint64_t count : {5u, 700u}) {
            expect_same(one_op(spec, kind_for(w), w, op, origin, count),
                        describe(spec) + " " + std::string(name_of(origin)) + " at " + hex(w) +
                            " x" + std::to_string(count));
            ++runs;
          }
  }
  EXPECT_GT(runs, 100000u / kSample);
}

TEST(Equivalence, strideOfStartWordsPastTheRangeAtWidth16) {
  std::mt19937_64 rng(16);
  for (const RuntimeSpec& spec : sweep(16))
    for (Origin origin : kOrigins)
      for (OpCode op : {OpCode::Incref, OpCode::Decref}) {
        const Word w = rng() & 0xffff;
        expect_same(one_op(spec, kind_for(w), w, op, origin, 0x20005),
                    describe(spec) + " " + std::string(name_of(origin)) + " at " + hex(w));
      }
}

// --- random scenarios with repeat blocks ------------------------------------------------------

struct Generator {
  std::mt19937_64 rng;
  const Runtime* rt = nullptr;
  std::size_t objects = 1;

  std::uint64_t below(std::uint64_t n) { return rng() % n; }

  /// A word at or near one of the runtime's boundaries, or anywhere.
  Word word() {
    const Width w = rt->width();
    const auto& cuts = rt->cuts();
    if (below(4) == 0) return rng() & w.mask();
    const Cut& c = cuts[below(cuts.size())];
    Word base = c.value;
    if (c.mod_bits < w.bits) base |= (rng() & w.mask()) & ~((Word{1} << c.mod_bits) - 1);
    return w.wrap(base + below(7) - 3);
  }

  Op leaf() {
    Op op;
    const auto r = below(10);
    op.code = r < 4 ? OpCode::Incref : r < 8 ? OpCode::Decref : r < 9 ? OpCode::SetRefcnt : OpCode::Gc;
    op.obj = below(objects);
    op.by = kOrigins[below(std::size(kOrigins))];
    op.count = below(3) == 0 ? below(40) : 1 + below(3);
    op.value = word();
    return op;
  }

  std::vector<Op> ops(unsigned depth, std::uint64_t budget) {
    std::vector<Op> out;
    const auto n = 1 + below(3);
    for (std::uint64_t i = 0; i < n; ++i) {
      if (depth < 2 && below(3) == 0) {
        Op rep;
        rep.code = OpCode::Repeat;
        rep.body = ops(depth + 1, budget / 8);
        const auto len = static_cast<std::uint64_t>(expanded_steps(rep.body));
        rep.count = len == 0 ? 3 : 1 + below(std::max<std::uint64_t>(1, budget / len));
        out.push_back(std::move(rep));
      } else {
        out.push_back(leaf());
      }
    }
    return out;
  }
};

void random_scenarios(unsigned width, int cases, std::uint64_t budget, std::uint64_t seed,
                      const RunLimits& limits = {}) {
  Generator g{std::mt19937_64(seed)};
  const auto runtimes = all_runtimes(width, 0);
  for (int i = 0; i < cases / static_cast<int>(kSample); ++i) {
    RuntimeSpec spec = runtimes[g.below(runtimes.size())];
    spec.params.period = 1 + g.below(3) * 50 + g.below(200);
    spec.params.only_if_legacy = g.below(2) == 0;
    const Runtime rt(spec);
    g.rt = &rt;
    g.objects = 1 + g.below(3);
    Scenario s;
    s.runtime = spec;
    for (std::size_t k = 0; k < g.objects; ++k) {
      const Kind kind = static_cast<Kind>(g.below(count_of<Kind>()));
      std::optional<Word> word;
      if (g.below(2) == 0) word = g.word();
      s.objects.push_back({"o" + std::to_string(k), kind, word, static_cast<Int128>(1 + g.below(4))});
    }
    s.ops = g.ops(0, budget);
    ASSERT_FALSE(check(s).has_value()) << check(s)->path << ": " << check(s)->message;
    expect_same(s, "seed " + std::to_string(seed) + " case " + std::to_string(i) + "\n" + testing::dump(s), limits);
  }
}

TEST(Equivalence, randomRepeatScenariosAtWidth8) { random_scenarios(8, 20000, 2000, 8); }
// Past the kept events, the fast engine also jumps cycles that produce events: counted the same.
TEST(Equivalence, randomRepeatScenariosKeepingFewEventsAtWidth8) {
  random_scenarios(8, 20000, 5000, 88, RunLimits{2});
}
TEST(Equivalence, randomRepeatScenariosAtWidth16) { random_scenarios(16, 4000, 50000, 16); }
// As a claim's check runs (campaign/violation.cc): distinct events, the first of each kind past 256.
// The fast engine also jumps exact cycles whose last round kept no event.
const RunLimits kClaimLimits{.max_events = 256, .first_of_each_kind = true, .distinct_events = true};
TEST(Equivalence, randomRepeatScenariosKeepingDistinctEventsAtWidth8) { random_scenarios(8, 20000, 5000, 888, kClaimLimits); }
TEST(Equivalence, randomRepeatScenariosKeepingDistinctEventsAtWidth16) {
  random_scenarios(16, 4000, 50000, 1616, kClaimLimits);
}
/// Every origin's counted incref and decref, from every third sampled word, on every runtime at width
/// 8, with LIMITS.
void every_counted_operation_at_width8(const RunLimits& limits) {
  for (const RuntimeSpec& spec : sweep(8))
    for (Origin origin : kOrigins)
      for (OpCode op : {OpCode::Incref, OpCode::Decref})
        for (Word w = 0; w <= 0xff; w += 3 * kSample)
          for (std::uint64_t count : {600u, 5000u})
            expect_same(one_op(spec, kind_for(w), w, op, origin, count),
                        describe(spec) + " " + std::string(name_of(origin)) + " at " + hex(w) + " x" +
                            std::to_string(count),
                        limits);
}
TEST(Equivalence, everyCountedOperationKeepingDistinctEventsAtWidth8) { every_counted_operation_at_width8(kClaimLimits); }
// As a claim's check runs now: events that differ only in their step and words are the same too, so
// the fast engine also jumps translated cycles whose rounds had events.
const RunLimits kClaimLimitsIgnoringWords{.max_events = 256, .first_of_each_kind = true, .distinct_events = true,
                                          .distinct_ignores_words = true};
TEST(Equivalence, randomRepeatScenariosKeepingEventsDistinctButForWordsAtWidth8) {
  random_scenarios(8, 20000, 5000, 8888, kClaimLimitsIgnoringWords);
}
TEST(Equivalence, randomRepeatScenariosKeepingEventsDistinctButForWordsAtWidth16) {
  random_scenarios(16, 4000, 50000, 161616, kClaimLimitsIgnoringWords);
}
TEST(Equivalence, everyCountedOperationKeepingEventsDistinctButForWordsAtWidth8) {
  every_counted_operation_at_width8(kClaimLimitsIgnoringWords);
}
// Decrefs of an object not created immortal (word 5) that still holds many references, on every
// runtime at width 8 and of every kind: where its tp_dealloc resets it, the rounds from one reset to
// the next are exact cycles whose deallocation is premature until the logical count has fallen to 0.
// The fast engine may jump such rounds only once a round's deallocation is no longer premature (it
// cannot become so again while the count falls); jumping the premature ones would lose the first
// deallocation that is not premature, a distinct event.
TEST(Equivalence, decrefRoundsWithPrematureDeallocationsKeepingDistinctEventsAtWidth8) {
  int premature_then_not = 0;
  for (const RuntimeSpec& spec : sweep(8))
    for (Kind kind : kKinds)
      for (Origin origin : {Origin::Ext311, Origin::Core})
        for (int refs : {300, 3000}) {
          Scenario s = one_op(spec, kind, 5, OpCode::Decref, origin, 20000);
          s.objects[0].refs = refs;
          if (check(s)) continue;
          expect_same(s, describe(spec) + " " + std::string(name_of(kind)) + " " + std::string(name_of(origin)) +
                             " refs " + std::to_string(refs), kClaimLimitsIgnoringWords);
          const Outcome o = run(s, EngineKind::Fast, kClaimLimitsIgnoringWords);
          const auto dealloc = [&](bool premature) {
            return std::any_of(o.events.begin(), o.events.end(), [&](const Event& e) {
              return e.kind == EventKind::Dealloc && e.premature == premature;
            });
          };
          premature_then_not += dealloc(true) && dealloc(false);
        }
  EXPECT_GT(premature_then_not, 10);
}
// One long counted operation under a periodic reset at width 16: the word comes back to a marked
// value many times, at the same phase of the period (an exact cycle, jumped) or at another (no
// cycle); a translated cycle, which would skip the resets that fall inside it, is never jumped
// (without that guard in count_jumps.cc the 3.12 increfs and the 3.14 decrefs below differ from
// the stepwise reference: a reset skipped, or events miscounted).
TEST(Equivalence, longCountedOperationsUnderAPeriodicResetAtWidth16) {
  for (Version v : {Version::V3_12, Version::V3_14})
    for (std::uint64_t period : {37u, 1000u, 4099u})
      for (OpCode op : {OpCode::Incref, OpCode::Decref})
        for (Kind kind : {Kind::None, Kind::SmallInt}) {
          RuntimeSpec rt{v, Width{16}, false, Strategy::PeriodicReset, {period, false}};
          Scenario s = one_op(rt, kind, 0, op, Origin::Ext311, 200000);
          s.objects[0].word.reset();  // the kind's initial word
          const std::string what = describe(rt) + " period " + std::to_string(period) + " " +
                                   std::string(name_of(op)) + " " + std::string(name_of(kind)) + " x200000";
          expect_same(s, what, RunLimits{0});
          expect_same(s, what, {});
        }
}
// Repeat blocks under a periodic reset whose rounds meet the resets at a new place every time (the
// period does not divide them) and move only objects created immortal, by increfs and decrefs: the
// fast engine jumps all but their last rounds once the reset provably keeps every moved word inside a
// quiet band around its initial word (model/engine/reset_jumps.cc). On every runtime with a periodic
// reset, with nested blocks, collections, other origins' steps and objects that start away from home,
// mortal, or near a boundary (where the jump must not be taken), both engines agree. Returns how many
// of the cases whose objects all start at home, created immortal, with words that still test immortal
// two periods away (not 3.12's or 3.13's 32-bit None, immortal at one word only), the fast engine
// decides within 256 units of work, half a claim's limit (`decided` of `at_home`).
struct NearHome {
  int cases = 0, at_home = 0, decided = 0;
};
NearHome periodic_reset_blocks(unsigned width, std::array<std::uint64_t, 3> periods, int cases, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const auto below = [&](std::uint64_t n) { return rng() % n; };
  std::vector<RuntimeSpec> runtimes;
  for (const RuntimeSpec& spec : all_runtimes(width))
    if (spec.strategy == Strategy::PeriodicReset) runtimes.push_back(spec);
  EXPECT_FALSE(runtimes.empty());
  const Kind immortal[] = {Kind::None, Kind::SmallInt, Kind::True, Kind::StaticStr};
  NearHome out;
  for (int i = 0; i < cases / static_cast<int>(kSample); ++i) {
    Scenario s;
    s.runtime = runtimes[below(runtimes.size())];
    const std::uint64_t period = periods[below(periods.size())];
    s.runtime.params.period = period;
    s.runtime.params.only_if_legacy = below(2) == 0;
    const Runtime rt(s.runtime);
    const Width w = rt.width();
    const std::size_t objects = 1 + below(3);
    bool at_home = true;  // every object created immortal, at its initial word
    for (std::size_t k = 0; k < objects; ++k) {
      const Kind kind = below(6) == 0 ? Kind::Heap : immortal[below(std::size(immortal))];
      std::optional<Word> word;
      const auto r = below(8);
      if (r == 0) word = w.wrap(rt.initial_word(kind, 1) + below(4 * period) - 2 * period);     // away from home
      if (r == 1) word = w.wrap(rt.cuts()[below(rt.cuts().size())].value + below(2 * period) - period);  // near a cut
      s.objects.push_back({"o" + std::to_string(k), kind, word, 3});
      const Word home = rt.initial_word(kind, 1);
      at_home = at_home && kind != Kind::Heap && !word && rt.immortal(w.wrap(home - 2 * period - 1)) &&
                rt.immortal(w.wrap(home + 2 * period + 1));
    }
    // A block of {gc?; leaves} with a block of the same shape inside: each leaf up to a period's steps.
    const auto leaves = [&] {
      std::vector<Op> body;
      if (below(3) == 0) body.push_back(leaf(OpCode::Gc, 0, Origin::Core, 1));
      for (std::uint64_t n = 1 + below(3); n-- > 0;)
        body.push_back(leaf(below(2) == 0 ? OpCode::Incref : OpCode::Decref, below(objects),
                            below(2) == 0 ? Origin::Ext311 : kOrigins[below(std::size(kOrigins))],
                            1 + below(period + period / 4)));
      return body;
    };
    std::vector<Op> outer = leaves();
    const Op inner = repeat(1 + below(300), leaves());
    outer.insert(outer.begin() + static_cast<std::ptrdiff_t>(below(outer.size() + 1)), inner);
    const auto len = static_cast<std::uint64_t>(expanded_steps(outer));
    s.ops = {repeat(1 + below(std::max<std::uint64_t>(1, 100000 / kSample / len)), outer)};
    if (check(s)) continue;
    ++out.cases;
    const std::string what = "case " + std::to_string(i) + "\n" + testing::dump(s);
    expect_same(s, what, RunLimits{0});
    expect_same(s, what);
    expect_same(s, what, kClaimLimits);
    if (!at_home) continue;
    ++out.at_home;
    out.decided += !run(s, EngineKind::Fast, RunLimits{.max_events = 256, .max_work = 256}).gave_up;
  }
  return out;
}
// At width 16 the bands are narrow (3.14's scaled low half leaves 64 words below its initial word):
// short periods, and many words the jump must refuse.
TEST(Equivalence, repeatBlocksThePeriodicResetKeepsNearHomeAtWidth16) {
  const NearHome n = periodic_reset_blocks(16, {5, 13, 37}, 600, 1616);
  EXPECT_GT(n.cases, 500 / static_cast<int>(kSample));
}
// At width 32, the real 32-bit layouts and periods: every case that starts at home is decided within
// 256 units of work (without the jump, 23 of the 100 are).
TEST(Equivalence, repeatBlocksThePeriodicResetKeepsNearHomeAtWidth32) {
  const NearHome n = periodic_reset_blocks(32, {37, 1000, 4099}, 400, 3232);
  EXPECT_GT(n.cases, 300 / static_cast<int>(kSample));
  EXPECT_EQ(n.decided, n.at_home) << n.decided << " of " << n.at_home << " decided; " << n.cases << " cases";
  EXPECT_GT(n.at_home, 60 / static_cast<int>(kSample));
}
TEST(Equivalence, randomRepeatScenariosAtWidth32) { random_scenarios(32, 3000, 100000, 32); }
TEST(Equivalence, randomRepeatScenariosAtWidth64) { random_scenarios(64, 3000, 100000, 64); }

}  // namespace
}  // namespace refsim
