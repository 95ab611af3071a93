// The runtime's own operations (stack references, _Py_RefcntAdd) in the engines: the premise of
// every jump over them (neighbouring words of one core cell behave alike), single operations at
// every word of width 8, and random scenarios mixing them with every other operation, each run by
// the fast engine and the stepwise reference and compared whole.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "model/engine.h"
#include "model/op_support.h"
#include "model/semantics/loop.h"
#include "tests/model/combos.h"

namespace refsim {
namespace {

using testing::all_runtimes;
using testing::describe;
using testing::expect_same;
using testing::kSample;


/// The runtimes of a width on which an operation exists.
std::vector<RuntimeSpec> having(OpCode code, unsigned width) {
  std::vector<RuntimeSpec> out;
  const auto all = all_runtimes(width);
  for (std::size_t i = 0; i < all.size(); i += kSample)
    if (!op_unavailable(code, all[i])) out.push_back(all[i]);
  return out;
}

struct Shape {
  bool skipped, dealloc, negative, overflow, immortal_before, immortal_after;
  Word delta;
  friend bool operator==(const Shape&, const Shape&) = default;
};

/// One step of a loop operation with count semantics (the word alone decides it).
StepResult step(OpCode code, const Code& core, Width w, Word word, Word n) {
  switch (code) {
    case OpCode::StealRelease: return loop_steal_release(core, w, word);
    case OpCode::RefcntAdd: return refcnt_add(core, w, word, n);
    case OpCode::StackNew: return loop_new(core, w, word);
    case OpCode::StackNewMortal: return loop_new_mortal(core, w, word);
    case OpCode::StackImmortal: return loop_immortal(core, w, word);
    default: return loop_steal(core, w, word);
  }
}

// Inside a cell of the core code's boundaries, each loop operation acts alike at w and w + 1:
// the stretches the fast engine jumps and the repeat iterations it translates are uniform.
void check_cells(unsigned width) {
  std::uint64_t pairs = 0;
  for (OpCode code : {OpCode::StealRelease, OpCode::RefcntAdd, OpCode::StackNew, OpCode::StackSteal,
                      OpCode::StackNewMortal, OpCode::StackImmortal})
    for (const RuntimeSpec& spec : having(code, width)) {
      const Runtime rt(spec);
      const Code& core = rt.code(Origin::Core);
      const Width w = rt.width();
      for (Word n : {Word{1}, Word{3}, Word{11}}) {
        if (code != OpCode::RefcntAdd && n > 1) continue;
        const auto shape = [&](Word word) {
          const StepResult r = step(code, core, w, word, n);
          return Shape{r.skipped, r.dealloc, r.negative, r.overflow, rt.immortal(word), rt.immortal(r.word),
                       w.wrap(r.word - word)};
        };
        for (Word x = 0; x < w.mask(); ++x) {
          const Runtime::Cell cell = rt.cell(x, origin_bit(Origin::Core));
          // Both steps, from x and from x + 1, end inside the cell.
          const Word reach = code == OpCode::RefcntAdd ? n + 1 : code == OpCode::StackNew || code == OpCode::StackNewMortal ? 2 : 1;
          if (cell.up < reach || (code == OpCode::StealRelease && cell.down < 1)) continue;
          ++pairs;
          ASSERT_EQ(shape(x), shape(x + 1)) << describe(spec) << " op " << static_cast<int>(code) << " n " << n
                                            << " at " << x;
        }
      }
    }
  EXPECT_GT(pairs, 0u);
}

TEST(LoopCells, neighbouringWordsOfOneCoreCellBehaveAlikeAtWidth8) { check_cells(8); }
TEST(LoopCells, neighbouringWordsOfOneCoreCellBehaveAlikeAtWidth16) { check_cells(16); }

Scenario bulk_op(const RuntimeSpec& spec, Kind kind, Word word, OpCode code, std::uint64_t count, Word n) {
  return testing::one_op(spec, kind, word, code, Origin::Core, count, n);
}

// Every start word, bulk loop operation, version, debug flag and strategy at width 8. The kinds of
// names.def in turn: start word w gets kind w mod count_of<Kind>(), so every kind (a new one too)
// starts at every count_of<Kind>()-th word of every runtime.
TEST(LoopEquivalence, everyBulkOperationAtWidth8) {
  static constexpr auto kinds = values_of<Kind>();
  std::uint64_t runs = 0;
  std::vector<std::uint64_t> runs_per_kind(count_of<Kind>());  // by the kind's row of names.def
  for (OpCode code : {OpCode::StealRelease, OpCode::RefcntAdd})
    for (const RuntimeSpec& spec : having(code, 8))
      for (Word w = 0; w <= 0xff; ++w)
        for (std::uint64_t count : {1u, 2u, 130u, 600u})
          for (Word n : {Word{1}, Word{5}, Word{64}}) {
            if (code == OpCode::StealRelease && n > 1) continue;
            const Kind kind = kinds[w % std::size(kinds)];
            expect_same(bulk_op(spec, kind, w, code, count, n),
                        describe(spec) + " op " + std::to_string(static_cast<int>(code)) + " at " +
                            std::to_string(w) + " x" + std::to_string(count) + " n " + std::to_string(n));
            ++runs;
            ++runs_per_kind[static_cast<std::size_t>(kind)];
          }
  EXPECT_GT(runs, 20000u / kSample);
  for (const Kind kind : values_of<Kind>()) EXPECT_GT(runs_per_kind[static_cast<std::size_t>(kind)], 0u) << name_of(kind);
}

// Legacy decrefs that move the word by whole low halves per iteration carry it across the immortal
// flag bit of ob_flags, after which the loop's stolen references are counted: the fast engine may
// translate such iterations only up to the flag's boundary.
TEST(LoopEquivalence, iterationsStopTranslatingAtTheImmortalFlagBit) {
  for (unsigned bits : {16u}) {  // the reference runs every step: 40 low halves of 2^8
    const Width w{bits};
    const Word low_half = w.half_mask() + 1;
    const Word flags_bit = Word{1} << (bits * 3 / 4);
    RuntimeSpec spec{Version::V3_14, w, false, Strategy::AsShipped, {}};
    Scenario s = bulk_op(spec, Kind::None, flags_bit + 15 * low_half + (low_half / 4) * 3, OpCode::StealRelease, 1, 0);
    Op legacy;
    legacy.code = OpCode::Decref;
    legacy.by = Origin::Ext311;
    legacy.count = low_half;
    Op rep;
    rep.code = OpCode::Repeat;
    rep.count = 40;
    rep.body = {legacy, s.ops[0]};
    s.ops = {rep};
    expect_same(s, testing::dump(s));
    expect_same(s, testing::dump(s), RunLimits{0});
  }
}

// --- random scenarios: every operation, stack references opened and closed in balanced groups ---

struct Generator {
  std::mt19937_64 rng;
  RuntimeSpec spec;
  std::size_t objects = 1;
  std::size_t refs = 0;

  std::uint64_t below(std::uint64_t n) { return rng() % n; }
  bool has(OpCode code) const { return !op_unavailable(code, spec); }

  Op leaf() {
    Op op;
    op.obj = below(objects);
    const auto r = below(12);
    op.code = r < 3 ? OpCode::Incref : r < 6 ? OpCode::Decref : r < 9 ? OpCode::StealRelease
              : r < 11 ? OpCode::RefcntAdd : OpCode::Gc;
    if (!has(op.code)) op.code = OpCode::Decref;
    if (op.code == OpCode::Incref || op.code == OpCode::Decref)
      op.by = static_cast<Origin>(below(count_of<Origin>()));
    op.count = below(3) == 0 ? below(600) : 1 + below(3);
    op.value = 1 + below(std::min<Word>(refcnt_add_max(spec.width), 200));
    return op;
  }

  /// Opens a reference, runs a body, maybe duplicates and closes the copy, closes the reference.
  void group(std::vector<Op>& out, unsigned depth) {
    Op open;
    open.code = kStackOpens[below(std::size(kStackOpens))];
    open.obj = below(objects);
    open.ref = refs++;
    out.push_back(open);
    for (Op& op : ops(depth + 1)) out.push_back(std::move(op));
    if (below(2) == 0) {
      Op dup;
      dup.code = OpCode::StackDup;
      dup.ref = open.ref;
      dup.ref_to = refs++;
      out.push_back(dup);
      Op close_copy;
      close_copy.code = OpCode::StackClose;
      close_copy.ref = dup.ref_to;
      out.push_back(close_copy);
    }
    if (depth > 0 || below(4) != 0) {  // at the top a reference may stay open
      Op close;
      close.code = OpCode::StackClose;
      close.ref = open.ref;
      out.push_back(close);
    }
  }

  std::vector<Op> ops(unsigned depth) {
    std::vector<Op> out;
    const auto n = 1 + below(3);
    for (std::uint64_t i = 0; i < n; ++i) {
      const auto r = below(5);
      if (depth < 3 && r == 0) {
        Op rep;
        rep.code = OpCode::Repeat;
        rep.count = 1 + below(depth == 0 ? 3000 : 40);
        rep.body = ops(depth + 1);
        out.push_back(std::move(rep));
      } else if (depth < 3 && r == 1 && has(OpCode::StackNew)) {
        group(out, depth);
      } else {
        out.push_back(leaf());
      }
    }
    return out;
  }
};

/// `budget` bounds the single operations of a case (the stepwise reference runs every one).
void random_scenarios(unsigned width, int cases, std::uint64_t budget, std::uint64_t seed,
                      const RunLimits& limits = {}) {
  Generator g{std::mt19937_64(seed), {}};
  std::vector<RuntimeSpec> runtimes;
  for (const RuntimeSpec& spec : all_runtimes(width, 0))
    if (!op_unavailable(OpCode::RefcntAdd, spec)) runtimes.push_back(spec);
  for (int i = 0; i < cases / static_cast<int>(kSample); ++i) {
    g.spec = runtimes[g.below(runtimes.size())];
    g.spec.params.period = 1 + g.below(3) * 50 + g.below(200);
    g.spec.params.only_if_legacy = g.below(2) == 0;
    g.objects = 1 + g.below(3);
    g.refs = 0;
    Scenario s;
    s.runtime = g.spec;
    for (std::size_t k = 0; k < g.objects; ++k) {
      const Kind kind = static_cast<Kind>(g.below(count_of<Kind>()));
      std::optional<Word> word;
      if (g.below(2) == 0) word = g.rng() & g.spec.width.mask();
      s.objects.push_back({"o" + std::to_string(k), kind, word, static_cast<Int128>(1 + g.below(4))});
    }
    do {
      g.refs = 0;
      s.ops = g.ops(0);
    } while (expanded_steps(s.ops) > budget);
    for (std::size_t r = 0; r < g.refs; ++r) s.refs.push_back("r" + std::to_string(r));
    expect_same(s, "seed " + std::to_string(seed) + " case " + std::to_string(i) + "\n" + testing::dump(s), limits);
  }
}

TEST(LoopEquivalence, randomScenariosAtWidth8) { random_scenarios(8, 20000, 2000, 8); }
TEST(LoopEquivalence, randomScenariosKeepingFewEventsAtWidth8) {
  random_scenarios(8, 10000, 5000, 88, RunLimits{2});
}
TEST(LoopEquivalence, randomScenariosAtWidth16) { random_scenarios(16, 4000, 50000, 16); }
TEST(LoopEquivalence, randomScenariosAtWidth32) { random_scenarios(32, 2000, 100000, 32); }
TEST(LoopEquivalence, randomScenariosAtWidth64) { random_scenarios(64, 2000, 100000, 64); }

}  // namespace
}  // namespace refsim
