// The free-threaded fast engine equals the stepwise reference: exhaustively at width 8 (every start
// state of both fields and owner, every counted op around the boundaries; the gh153202 draft at both
// scaled widths, its spill cycles included), on random scenarios of
// every version and width with threads, merges and exits, and on every free-threaded corpus scenario.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <span>
#include <string>

#include "io/ft_scenario_json.h"
#include "io/read_file.h"
#include "model/freethreaded/ft_engine.h"

namespace refsim::ft {
namespace {

namespace fs = std::filesystem;

// Under ASan + UBSan (preset asan) and in the fictional-rows build, whose appended rows are not
// free-threaded, the sweeps over every state run on a sample, as the default engine's do
// (tests/model/combos.h): every kSample-th shared word, starting at a different one for each local
// count, so that every residue is met. The plain build runs them in full.
#ifdef REFSIM_SAMPLED_SWEEPS
constexpr Word kSample = 7;
#else
constexpr Word kSample = 1;
#endif

/// The shared words a sweep visits with local count `local`: all of 0 .. `mask`, or the sample.
std::vector<Word> sampled_shared_words(Word mask, Word local) {
  std::vector<Word> out;
  for (Word shared = local % kSample; shared <= mask; shared += kSample) out.push_back(shared);
  return out;
}

std::string label(const FtScenario& s) {
  return std::string(s.build.info().name) + "/" + std::to_string(s.build.ssize_bits) + (s.build.debug ? "/debug" : "");
}

void expect_equal(const FtScenario& s, const std::string& what) {
  ASSERT_FALSE(check(s)) << what;
  const FtOutcome fast = run(s, EngineKind::Fast);
  const FtOutcome stepwise = run(s, EngineKind::Stepwise);
  ASSERT_EQ(fast.steps, stepwise.steps) << label(s) << " " << what;
  ASSERT_EQ(fast.events, stepwise.events) << label(s) << " " << what;
  ASSERT_TRUE(fast == stepwise) << label(s) << " " << what;
}

/// Fast = stepwise from every (owner or unowned, local, shared word) of BUILD for a counted incref or
/// decref by the owner or another thread, for each count; returns the number of runs.
std::uint64_t expect_equal_from_every_state(const FtBuild& build, std::span<const std::uint64_t> counts) {
  FtScenario s;
  s.build = build;
  s.threads = {"owner", "other"};
  s.objects = {FtObjectSpec{"o", FtKind::Heap, 0, 1, 0, 0}};
  s.ops = {FtOp{}};
  std::uint64_t runs = 0;
  for (std::size_t owner : {std::size_t{0}, kUnowned})
    for (Word local = 0; local <= build.local_max(); ++local)
      for (Word shared : sampled_shared_words(build.shared_mask(), local))
        for (FtOpCode code : {FtOpCode::Incref, FtOpCode::Decref})
          for (std::size_t thread : {0u, 1u})
            for (std::uint64_t n : counts) {
              s.objects[0].owner = owner;
              s.objects[0].local = local;
              s.objects[0].shared = shared;
              s.ops[0] = FtOp{.code = code, .obj = 0, .thread = thread, .count = n};
              ++runs;
              EXPECT_TRUE(run(s, EngineKind::Fast) == run(s, EngineKind::Stepwise))
                  << label(s) << " local " << local << " shared " << shared << " owner " << owner << " op "
                  << int(code) << " thread " << thread << " count " << n;
              if (::testing::Test::HasFailure()) return runs;
            }
  return runs;
}

/// The (local, shared) pairs a sweep visits: every local of `locals`, with sampled_shared_words of each.
std::uint64_t states(const std::vector<Word>& locals, Word mask) {
  std::uint64_t n = 0;
  for (Word local : locals) n += sampled_shared_words(mask, local).size();
  return n;
}

std::vector<Word> every_local(const FtBuild& build) {
  std::vector<Word> out;
  for (Word local = 0; local <= build.local_max(); ++local) out.push_back(local);
  return out;
}

TEST(FreeThreadedEngines, equalFromEveryStateAtWidth8) {
  const std::uint64_t counts[] = {1, 2, 64, 65, 256, 300};
  for (bool debug : {false, true}) {
    const FtBuild build{FtVersion::v314t, 8, debug};
    // Every state: 256 locals x 256 shared words in the plain build.
    const std::uint64_t pairs = states(every_local(build), build.shared_mask());
    EXPECT_EQ(pairs, kSample == 1 ? 256u * 256 : pairs);
    EXPECT_EQ(expect_equal_from_every_state(build, counts), 2u * pairs * 2 * 2 * std::size(counts));
  }
}

TEST(FreeThreadedEngines, equalFromEveryStateOfTheDraftAtTheScaledWidths) {
  // gh153202-proto scaled: a 4-bit local count (spills of 15) and an 8-bit shared word (count -32..31,
  // immortal from 24); counts cross the spill cycles, the immortal minimum and the count's wrap.
  const std::uint64_t counts[] = {1, 2, 14, 15, 16, 29, 30, 31, 45, 120, 300};
  for (unsigned bits : {8u, 16u})
    for (bool debug : {false, true}) {
      const FtBuild build{FtVersion::gh153202, bits, debug};
      const std::uint64_t pairs = states(every_local(build), build.shared_mask());
      EXPECT_EQ(pairs, kSample == 1 ? 16u * 256 : pairs);
      EXPECT_EQ(expect_equal_from_every_state(build, counts), 2u * pairs * 2 * 2 * std::size(counts));
    }
}

/// The local counts near the edges (all of them for the draft's 4 bits).
std::vector<Word> edge_locals(const FtBuild& build) {
  std::vector<Word> locals = {0, 1, 2, build.local_max() - 1, build.local_max()};
  if (build.narrow())
    for (Word l = 3; l + 1 < build.local_max(); ++l) locals.push_back(l);
  return locals;
}

/// Fast = stepwise when the events are no longer kept (max_events 1): the fast engine then also
/// counts whole exact cycles of the fields at once, events included (the draft's spills across the
/// shared count's wrap, another thread's increments round the shared word). Every shared word of
/// BUILD, owned or not, with the locals near the edges (all of them for the draft's 4 bits).
std::uint64_t expect_equal_past_the_kept_events(const FtBuild& build, std::uint64_t count) {
  FtScenario s;
  s.build = build;
  s.threads = {"owner", "other"};
  s.objects = {FtObjectSpec{"o", FtKind::Heap, 0, 1, 0, 0}};
  s.ops = {FtOp{}};
  std::uint64_t runs = 0;
  for (std::size_t owner : {std::size_t{0}, kUnowned})
    for (Word local : edge_locals(build))
      for (Word shared : sampled_shared_words(build.shared_mask(), local))
        for (FtOpCode code : {FtOpCode::Incref, FtOpCode::Decref})
          for (std::size_t thread : {0u, 1u}) {
            s.objects[0].owner = owner;
            s.objects[0].local = local;
            s.objects[0].shared = shared;
            s.ops[0] = FtOp{.code = code, .obj = 0, .thread = thread, .count = count};
            ++runs;
            EXPECT_TRUE(run(s, EngineKind::Fast, 1) == run(s, EngineKind::Stepwise, 1))
                << label(s) << " local " << local << " shared " << shared << " owner " << owner << " op "
                << int(code) << " thread " << thread << " count " << count << " (1 event kept)";
            if (::testing::Test::HasFailure()) return runs;
          }
  return runs;
}

TEST(FreeThreadedEngines, equalPastTheKeptEventsWhereTheFastEngineCountsWholeCycles) {
  for (bool debug : {false, true})
    for (const auto& [build, count, locals] : {std::tuple{FtBuild{FtVersion::v314t, 8, debug}, 700, 5u},
                                               std::tuple{FtBuild{FtVersion::gh153202, 8, debug}, 8000, 16u}}) {
      // 5 locals (16: the draft's) x 256 shared words in the plain build.
      const std::uint64_t pairs = states(edge_locals(build), build.shared_mask());
      EXPECT_EQ(pairs, kSample == 1 ? locals * 256u : pairs);
      EXPECT_EQ(expect_equal_past_the_kept_events(build, count), 2u * pairs * 2 * 2);
    }
}

/// A random op list: increfs and decrefs with counts around the boundaries, set_refcnt, Py_REFCNT
/// reads, merges at the eval breaker and gc, and at most one thread exit at the top level.
std::vector<FtOp> random_ops(std::mt19937_64& rng, const FtScenario& s, int depth, bool& exited) {
  std::vector<FtOp> ops;
  const int n = 1 + static_cast<int>(rng() % 6);
  const std::uint64_t local_max = s.build.local_max();
  for (int i = 0; i < n; ++i) {
    FtOp op;
    op.obj = rng() % s.objects.size();
    op.thread = exited ? 0 : rng() % s.threads.size();
    const unsigned pick = rng() % 12;
    // Counts across the boundaries at the scaled widths; small ones at the real widths, whose objects
    // start next to the boundaries instead (the stepwise reference runs every step).
    const bool scaled = s.build.ssize_bits <= 16;
    const std::uint64_t near[] = {1, 2, scaled ? local_max - 1 : 3, scaled ? local_max : 5,
                                  scaled ? local_max + 1 : 7, scaled ? 3 * local_max : 9, rng() % (scaled ? 512 : 8)};
    if (pick < 6) {
      op.code = pick % 2 ? FtOpCode::Incref : FtOpCode::Decref;
      op.count = near[rng() % std::size(near)];
    } else if (pick == 6) {
      op.code = FtOpCode::SetRefcnt;
      op.value = static_cast<std::int64_t>(rng() % 5) - 1;
    } else if (pick == 7) {
      op.code = FtOpCode::Refcnt;
    } else if (pick < 10) {
      op.code = FtOpCode::Merge;
      op.at = pick == 8 ? MergeAt::EvalBreaker : MergeAt::Gc;
    } else if (pick == 10 && depth == 0 && !exited) {
      op.code = FtOpCode::Merge;
      op.at = MergeAt::ThreadExit;
      op.thread = 1;
      exited = true;
    } else if (depth < 2) {
      op.code = FtOpCode::Repeat;
      op.count = rng() % 4;
      bool inner = true;  // no thread exit inside a repeat
      op.body = random_ops(rng, s, depth + 1, inner);
      if (exited) continue;
    } else {
      continue;
    }
    if (exited && op.thread == 1 && !(op.code == FtOpCode::Merge && op.at == MergeAt::ThreadExit)) op.thread = 0;
    ops.push_back(std::move(op));
  }
  return ops;
}

// A straight line of the owner's count-1 increfs and decrefs, then another thread's, under a work
// limit: the fast engine runs the owner's in one loop (owner_singles), one unit of work each as the
// walk pays it (the stepwise reference pays a second for the step), so it gives up at operation
// `max_work` with as many steps, and runs the whole line, as the reference does, when the limit
// allows.
TEST(FreeThreadedEngines, straightOwnerLinesPayOneUnitOfWorkPerOperation) {
  for (const FtBuild build : {FtBuild{FtVersion::v313t, 64, false}, FtBuild{FtVersion::v314t, 32, true},
                              FtBuild{FtVersion::gh153202, 64, false}}) {
    FtScenario s;
    s.build = build;
    s.threads = {"owner", "other"};
    s.objects = {FtObjectSpec{"a", FtKind::Heap, 0, 1, std::nullopt, std::nullopt},
                 FtObjectSpec{"b", FtKind::Heap, 0, 1, std::nullopt, std::nullopt}};
    for (int k = 0; k < 60; ++k) s.ops.push_back(FtOp{.code = FtOpCode::Incref, .obj = std::size_t(k % 2)});
    for (int k = 0; k < 40; ++k) s.ops.push_back(FtOp{.code = FtOpCode::Decref, .obj = std::size_t(k % 2)});
    s.ops.push_back(FtOp{.code = FtOpCode::Incref, .obj = 0, .thread = 1});
    ASSERT_FALSE(check(s));
    const FtOutcome whole = run(s, EngineKind::Stepwise);
    ASSERT_FALSE(whole.gave_up);
    for (std::uint64_t work : {0u, 1u, 37u, 60u, 99u, 100u, 101u, 102u, 1000u}) {
      const std::string what = label(s) + " max_work " + std::to_string(work);
      const FtOutcome fast = run(s, EngineKind::Fast, 10000, work);
      EXPECT_EQ(fast.gave_up, work < s.ops.size()) << what;
      EXPECT_EQ(fast.steps, std::min<std::uint64_t>(work, s.ops.size())) << what;
      if (!fast.gave_up) EXPECT_TRUE(fast == whole) << what;
    }
  }
}

TEST(FreeThreadedEngines, equalOnRandomScenariosOfEveryBuild) {
  std::mt19937_64 rng(20261129);
  int ran = 0;
  for (const FtVersionRow& row : kFtVersions)
    for (unsigned bits : {8u, 16u, 32u, 64u})
      for (bool debug : {false, true})
        for (int trial = 0; trial < 150; ++trial) {
          FtScenario s;
          s.build = FtBuild{row.version, bits, debug};
          s.threads = {"main", "worker", "third"};
          const FtKind kinds[] = {FtKind::Heap, FtKind::Heap, FtKind::Immortal,
                                  row.deferred_modelled() ? FtKind::Deferred : FtKind::Heap};
          const Word half = Word{1} << (s.build.shared_bits() - 3);  // the shared count's sign bit
          // Next to the count's wrap, below zero, at 2 merged, and (the draft) below its immortal minimum.
          const Word near_edge = s.build.narrow() ? static_cast<Word>(s.build.immortal_min_shared()) : half;
          const std::optional<Word> locals[] = {std::nullopt, s.build.local_max() - 2, 0};
          const std::optional<Word> shareds[] = {std::nullopt, s.build.wrap_shared(((near_edge - 2) << 2) | (rng() % 4)),
                                                 s.build.wrap_shared((~Word{1} << 2) | (rng() % 4)), (Word{2} << 2) | 3};
          for (int i = 0; i < 2; ++i) {
            FtObjectSpec o{"o" + std::to_string(i), kinds[rng() % 4], rng() % 2,
                           static_cast<std::int64_t>(1 + rng() % 3), std::nullopt, std::nullopt};
            if (o.kind != FtKind::Immortal) {
              o.local = locals[rng() % 3];
              o.shared = shareds[rng() % 4];
            }
            s.objects.push_back(o);
          }
          bool exited = false;
          s.ops = random_ops(rng, s, 0, exited);
          if (check(s)) continue;
          expect_equal(s, "trial " + std::to_string(trial));
          if (HasFatalFailure()) return;
          ++ran;
        }
  EXPECT_GE(ran, 3000) << "most random scenarios pass check()";
}

/// The stepwise reference runs about 10^8 single steps a second at best: a corpus scenario of more
/// steps (the 64-bit local count's 2^32 edges) is compared through its scaled twin instead, the same
/// operations at width 16 (an 8-bit local count), which must exist.
constexpr unsigned __int128 kStepwiseLimit = 50'000'000;

TEST(FreeThreadedEngines, equalOnEveryFreeThreadedCorpusScenario) {
  const fs::path dir = fs::path(REFSIM_SOURCE_DIR) / "corpus" / "scenarios";
  int compared = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const FileRead file = read_file(entry.path());
    if (!file.ok() || !names_free_threaded_runtime(file.bytes)) continue;
    auto parsed = parse_ft_scenario(file.bytes, entry.path().stem().string());
    ASSERT_TRUE(std::holds_alternative<FtScenarioFile>(parsed)) << entry.path();
    const FtScenario& s = std::get<FtScenarioFile>(parsed).scenario;
    const std::string name = entry.path().filename().string();
    if (expanded_steps(s.ops) > kStepwiseLimit) {
      std::string twin = name;
      const auto at = twin.find("-64-");
      ASSERT_NE(at, std::string::npos) << name << " is too long for the stepwise reference and has no twin";
      twin.replace(at, 4, "-16-");
      EXPECT_TRUE(fs::exists(dir / twin)) << name << " needs its scaled twin " << twin;
      continue;
    }
    expect_equal(s, name);
    ++compared;
  }
  EXPECT_GE(compared, 8) << "the corpus has a free-threaded scenario per event kind";
}

}  // namespace
}  // namespace refsim::ft
