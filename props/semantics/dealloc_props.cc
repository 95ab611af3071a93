// The tp_dealloc table over every cell: for each version, kind, build and strategy that applies, the
// runtime's table and a run that drives the object to _Py_Dealloc both give the action of the dealloc
// facts (props/support/dealloc_facts), which are written from the CPython sources, not from model/.
#include <gtest/gtest.h>

#include "model/engine.h"
#include "model/runtime.h"
#include "props/facts/rows.h"

namespace refsim::props {
namespace {

/// The strategies that apply to a version, from its family's facts row: as-shipped alone where nothing
/// is immortal, every other one where something is, reset-on-margin only on a bit test with a margin.
int strategies_of(Version v) {
  return with_facts_row(family_of(v), [](auto row) {
    using Row = decltype(row);
    if (!Row::kImmortality) return 1;
    return static_cast<int>(count_of<Strategy>()) - (Row::kResetOnMargin ? 0 : 1);
  });
}

TEST(Dealloc, everyCellOfTheTableIsTheActionOfTheCPythonDeallocFunctions) {
  int cells = 0;
  for (const auto& v : Names<Version>::rows)
    for (const auto& k : Names<Kind>::rows)
      for (bool debug : {false, true})
        for (const auto& st : Names<Strategy>::rows) {
          if (!strategy_applies(st.value, v.value)) continue;
          const RuntimeSpec spec{v.value, Width{64}, debug, st.value, {}};
          const Action want = dealloc_fact(v.value, k.value, debug, st.value);
          const std::string cell = std::string(v.name) + " " + std::string(k.name) +
                                   (debug ? " debug " : " release ") + std::string(st.name);
          EXPECT_EQ(name_of(Runtime(spec).dealloc_action(k.value)), name_of(want)) << cell;
          // The same through the engine: a core decref of the word 1 reaches _Py_Dealloc.
          for (unsigned bits : {64u, 32u}) {
            Scenario s;
            s.name = "dealloc";
            s.runtime = spec;
            s.runtime.width = Width{bits};
            s.objects.push_back({"o", k.value, Word{1}, 1});
            s.ops.push_back(Op{.code = OpCode::Decref, .obj = 0, .by = Origin::Core, .count = 1});
            ASSERT_FALSE(check(s).has_value()) << cell;
            const Outcome out = run(s);
            ASSERT_FALSE(out.events.empty()) << cell;
            ASSERT_EQ(out.events[0].kind, EventKind::Dealloc) << cell;
            EXPECT_EQ(name_of(*out.events[0].action), name_of(want)) << cell << " at " << bits << " bits";
          }
          ++cells;
        }
  int expected = 0;  // 3.11: as-shipped; 2 drafts x 7; 4 shipped x 6
  for (Version v : values_of<Version>()) expected += static_cast<int>(count_of<Kind>()) * 2 * strategies_of(v);
  EXPECT_EQ(cells, expected);
}

}  // namespace
}  // namespace refsim::props
