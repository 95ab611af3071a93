// The step table against the dispatch the reference engine uses: for every runtime, origin, incref
// and decref, a quiet step must be exactly a step with no event (no dealloc, debug check or
// overflow, and no change of the runtime's immortality test), moving the word as the semantics do.
#include <gtest/gtest.h>

#include "model/runtime.h"
#include "tests/model/combos.h"

namespace refsim {
namespace {

/// Every origin of names.def: a new origin is swept without an edit here.
constexpr auto kEveryOrigin = values_of<Origin>();

/// Checks one word; returns whether the step was quiet.
bool expect_quiet_as_dispatch(const Runtime& rt, Origin origin, bool up, Word word) {
  const Code& code = rt.code(origin);
  const StepResult r = up ? incref(code, rt.width(), word) : decref(code, rt.width(), word);
  const bool expected = !r.dealloc && !r.negative && !r.overflow && rt.immortal(word) == rt.immortal(r.word);
  Word moved = word;
  const bool quiet = rt.step_table().quiet(origin, up, moved);
  EXPECT_EQ(quiet, expected) << testing::describe(rt.spec()) << " " << name_of(origin) << (up ? " incref" : " decref")
                             << " at " << word;
  EXPECT_EQ(moved, quiet ? r.word : word) << testing::describe(rt.spec()) << " " << name_of(origin)
                                          << (up ? " incref" : " decref") << " at " << word;
  return quiet;
}

/// Every word at the scaled widths.
void every_word(unsigned width) {
  std::uint64_t quiet = 0, loud = 0;
  for (const RuntimeSpec& spec : testing::all_runtimes(width)) {
    const Runtime rt(spec);
    for (Origin origin : kEveryOrigin)
      for (bool up : {true, false})
        for (Word word = 0; word <= Width{width}.mask(); ++word)
          (expect_quiet_as_dispatch(rt, origin, up, word) ? quiet : loud)++;
  }
  // Both answers occur: a table that said "not quiet" everywhere would pass the comparison alone.
  EXPECT_GT(quiet, loud);
  EXPECT_GT(loud, 0u);
}

TEST(StepTable, everyWordOfEveryRuntimeAtWidth8) { every_word(8); }
TEST(StepTable, everyWordOfEveryRuntimeAtWidth16) { every_word(16); }

// At the real widths: two words either side of every boundary of the runtime.
TEST(StepTable, everyBoundaryWordAtWidths32And64) {
  for (unsigned width : {32u, 64u}) {
    for (const RuntimeSpec& spec : testing::all_runtimes(width)) {
      const Runtime rt(spec);
      const Width w = rt.width();
      for (const Cut& cut : rt.cuts())
        for (Word high : {Word{0}, w.mask() & ~w.half_mask(), Word{0x12345} << w.half()})
          for (Word d = 0; d < 5; ++d) {
            const Word base = cut.mod_bits < w.bits ? (high & w.mask()) | cut.value : cut.value;
            for (Origin origin : kEveryOrigin)
              for (bool up : {true, false}) expect_quiet_as_dispatch(rt, origin, up, w.wrap(base + d - 2));
          }
    }
  }
}

}  // namespace
}  // namespace refsim
