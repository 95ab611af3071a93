// Quiet lanes (model/engine/quiet_singles.cc): straight-line lists of count-1 increfs and decrefs,
// which the fast engine runs by testing only that each object's word stays in its lane, against the
// stepwise reference that takes every step literally. The lists walk words across the runtime's
// boundaries, where a lane ends, is widened into the next cell, or is refused; other origins' steps
// are mixed in, which end a lane and go through the step table.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "model/engine.h"
#include "tests/model/combos.h"

namespace refsim {
namespace {

using testing::describe;
using testing::expect_same;
using testing::kSample;
using testing::sweep;

/// Words where the lanes start and stop: within a few steps of every boundary of the runtime (up to
/// four places of each periodic one), and the ends of the word.
std::vector<Word> lane_starts(const Runtime& rt) {
  const Width w = rt.width();
  std::vector<Word> out = {0, 1, 2, w.mask() - 1, w.mask()};
  for (const Cut& cut : rt.cuts()) {
    const Word period = cut.mod_bits >= w.bits ? 0 : Word{1} << cut.mod_bits;
    for (int place = 0; place < 4 && (place == 0 || period != 0); ++place)
      for (int d : {-3, -1, 0, 2})
        out.push_back(w.wrap(cut.value + static_cast<Word>(place) * period * 0x1235 + static_cast<Word>(d)));
  }
  return out;
}

Op lane_step(bool up, std::size_t obj, Origin by) { return leaf(up ? OpCode::Incref : OpCode::Decref, obj, by); }

// Zigzags across every boundary: from 3 below it, 6 increfs, 6 decrefs, 6 increfs, by the core
// alone and with one other origin's step in the middle of each leg.
void zigzags(unsigned width) {
  std::uint64_t lists = 0;
  for (const RuntimeSpec& spec : sweep(width)) {
    const Runtime rt(spec);
    for (const Word w : lane_starts(rt))
      for (const Origin other : values_of<Origin>()) {
        Scenario s;
        s.runtime = spec;
        s.objects.push_back({"obj", Kind::Heap, rt.width().wrap(w - 3), 1});
        for (const bool up : {true, false, true})
          for (int k = 0; k < 6; ++k) s.ops.push_back(lane_step(up, 0, k == 3 ? other : Origin::Core));
        expect_same(s, describe(spec) + " from " + std::to_string(w) + " with " + std::string(name_of(other)));
        ++lists;
      }
  }
  EXPECT_GT(lists, 1000u / kSample);
}

TEST(QuietLanes, zigzagsAcrossEveryBoundaryAtWidth8) { zigzags(8); }
TEST(QuietLanes, zigzagsAcrossEveryBoundaryAtWidth16) { zigzags(16); }
TEST(QuietLanes, zigzagsAcrossEveryBoundaryAtWidth32) { zigzags(32); }
TEST(QuietLanes, zigzagsAcrossEveryBoundaryAtWidth64) { zigzags(64); }

// Random walks: one to three objects of any kind, each starting near a boundary, lists of up to 300
// count-1 steps drifting up, down or neither, mostly the core's, and now and then a counted
// operation or a set_refcnt between two lists.
void random_walks(unsigned width, int cases, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const auto below = [&](std::uint64_t n) { return rng() % n; };
  const auto specs = sweep(width);
  const auto origins = values_of<Origin>();
  const auto kinds = values_of<Kind>();
  for (int i = 0; i < cases / static_cast<int>(kSample); ++i) {
    const RuntimeSpec& spec = specs[below(specs.size())];
    const Runtime rt(spec);
    const auto words = lane_starts(rt);
    Scenario s;
    s.runtime = spec;
    const std::size_t objects = 1 + below(3);
    for (std::size_t k = 0; k < objects; ++k)
      s.objects.push_back({"o" + std::to_string(k), kinds[below(kinds.size())], words[below(words.size())],
                           static_cast<Int128>(1 + below(4))});
    const std::uint64_t up_in_8 = 2 + below(5);  // the drift: 2/8 .. 6/8 of the steps are increfs
    const std::uint64_t length = 1 + below(300);
    for (std::uint64_t k = 0; k < length; ++k) {
      const std::size_t obj = below(objects);
      const Origin by = below(8) == 0 ? origins[below(origins.size())] : Origin::Core;
      if (below(100) == 0) {
        s.ops.push_back(below(2) == 0 ? leaf(OpCode::Incref, obj, by, 2 + below(40))
                                      : leaf(OpCode::SetRefcnt, obj, by, 1, words[below(words.size())]));
        continue;
      }
      s.ops.push_back(lane_step(below(8) < up_in_8, obj, by));
    }
    expect_same(s, "seed " + std::to_string(seed) + " case " + std::to_string(i) + "\n" + testing::dump(s));
  }
}

TEST(QuietLanes, randomWalksAtWidth8) { random_walks(8, 20000, 8); }
TEST(QuietLanes, randomWalksAtWidth16) { random_walks(16, 20000, 16); }
TEST(QuietLanes, randomWalksAtWidth32) { random_walks(32, 10000, 32); }
TEST(QuietLanes, randomWalksAtWidth64) { random_walks(64, 10000, 64); }

// A list the work limit cuts short (one unit per operation in the fast engine) leaves every word
// where the same list, ending there, leaves it: the lanes hand back the steps they took.
TEST(QuietLanes, aWorkLimitInsideAListLeavesTheWordsOfTheStepsRun) {
  for (const RuntimeSpec& spec : sweep(64)) {
    if (spec.strategy == Strategy::PeriodicReset) continue;
    Scenario s;
    s.runtime = spec;
    s.objects.push_back({"a", Kind::Heap, std::nullopt, 1});
    s.objects.push_back({"none", Kind::None, std::nullopt, 1});
    for (int k = 0; k < 40; ++k) s.ops.push_back(lane_step(k % 3 != 2, k % 2, Origin::Core));
    for (const std::uint64_t work : {1u, 7u, 39u}) {
      RunLimits limits;
      limits.max_work = work;
      const Outcome cut = run(s, EngineKind::Fast, limits);
      Scenario prefix = s;
      prefix.ops.resize(work);
      const Outcome whole = run(prefix, EngineKind::Stepwise);
      const std::string what = describe(spec) + " work " + std::to_string(work);
      EXPECT_TRUE(cut.gave_up) << what;
      ASSERT_EQ(cut.steps, work) << what;
      ASSERT_EQ(cut.objects.size(), 2u);
      for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(cut.objects[i].word, whole.objects[i].word) << what << " object " << i;
        EXPECT_EQ(cut.objects[i].logical, whole.objects[i].logical) << what << " object " << i;
      }
    }
  }
}

}  // namespace
}  // namespace refsim
