// Fictional rows (test build REFSIM_FICTIONAL_ROWS): the 3.16 family and the ext-3.16 origin of
// tests/rows/fictional.def reach every derived list, the runtime's tables and the engine through
// their rows alone.
#include <gtest/gtest.h>

#include <algorithm>

#include "model/engine.h"
#include "model/runtime.h"
#include "tests/model/combos.h"

namespace refsim {
namespace {

TEST(FictionalRows, areTheLastRowsOfTheirTables) {
  EXPECT_EQ(name_of(values_of<Version>().back()), "3.16");
  EXPECT_EQ(name_of(values_of<Origin>().back()), "ext-3.16");
  EXPECT_EQ(name_of(values_of<Family>().back()), "3.16");
  EXPECT_EQ(parse_name<Version>("3.16"), Version::V3_16);
}

TEST(FictionalRows, areSweptByTheExhaustiveTests) {
  for (const unsigned width : {8u, 16u}) {
    const auto runtimes = testing::all_runtimes(width);
    const auto on_316 = std::count_if(runtimes.begin(), runtimes.end(),
                                      [](const RuntimeSpec& rt) { return rt.version == Version::V3_16; });
    // Release and debug, times every strategy but reset-on-margin (3.16 has no bit-test margin).
    EXPECT_EQ(on_316, 2 * (count_of<Strategy>() - 1)) << width;
  }
}

TEST(FictionalRows, giveTheOriginItsCodeAndTheRuntimeItsTest) {
  const Runtime rt(RuntimeSpec{Version::V3_16, Width{8}, false, Strategy::AsShipped, {}});
  EXPECT_EQ(rt.code(Origin::Ext316).arith, Arith::V316);
  EXPECT_EQ(rt.code(Origin::Core).arith, Arith::V316);
  EXPECT_EQ(rt.immortal_test(), Arith::V316);
  EXPECT_FALSE(runs_legacy_code(Origin::Ext316));
  // At 8 bits the bit is 0x20 and immortal objects start at 0x28 (tests/rows/v316.h).
  EXPECT_EQ(rt.initial_word(Kind::None, 1), Word{0x28});
  EXPECT_TRUE(rt.immortal(0x20));
  EXPECT_FALSE(rt.immortal(0x1f));
  EXPECT_EQ(rt.dealloc_action(Kind::None), Action::Reset);
  EXPECT_EQ(rt.reset(0x1f), Word{0x28});
}

TEST(FictionalRows, runInTheEngineLikeAnyVersion) {
  // None at 0x28: nine unpaired ext-3.11 decrefs reach 0x1f, where bit 5 is clear.
  Scenario s = testing::one_op(RuntimeSpec{Version::V3_16, Width{8}, false, Strategy::AsShipped, {}}, Kind::None,
                               0x28, OpCode::Decref, Origin::Ext311, 9);
  for (const EngineKind engine : {EngineKind::Fast, EngineKind::Stepwise}) {
    const Outcome out = run(s, engine, RunLimits{});
    ASSERT_EQ(out.events.size(), 1u);
    EXPECT_EQ(out.events[0].kind, EventKind::Deimmortalized);
    EXPECT_EQ(out.events[0].step, 9u);
    EXPECT_EQ(out.objects[0].word, Word{0x1f});
  }
  // The same decrefs by ext-3.16 code are skipped: the object stays immortal.
  s.ops[0].by = Origin::Ext316;
  const Outcome skipped = run(s, EngineKind::Fast, RunLimits{});
  EXPECT_TRUE(skipped.events.empty());
  EXPECT_EQ(skipped.objects[0].word, Word{0x28});
}

}  // namespace
}  // namespace refsim
