// Growth with counts and repeat acceleration (issue 6 items 2 and 3): one operation with count 2^k,
// and a two-operation repeat block run 2^k times, on the fast engine and the stepwise reference.
// Names: count/<fast|stepwise>/<op>/<k>, repeat/<fast|stepwise>/<k>; counter `count` = 2^k.
// count/fast-few-events/<op>/<k>: the same with 10 kept events instead of 10,000, which shows that
// the cost follows the events kept, not the count.
#include <benchmark/benchmark.h>

#include <string>

#include "bench/scenario_builder.h"
#include "model/engine.h"

namespace refsim::bench {
namespace {

/// The counts; the stepwise reference runs only those it can finish in about a second.
constexpr int kFastExponents[] = {8, 16, 24, 32, 48, 63};
constexpr int kStepwiseExponents[] = {8, 16, 20, 24};
constexpr int kRepeatFast = 32;
constexpr int kRepeatStepwiseExponents[] = {12, 16, 20};

/// A growth case: one operation whose cost may grow with its count, and what its end must be.
struct CountCase {
  const char* name;
  Scenario (*make)(std::uint64_t count);
  /// The final word when the count is 2^k (checked so that a benchmark cannot measure a no-op).
  bool (*ends_right)(const Outcome& out, std::uint64_t count);
};

/// Core increfs of a heap object on 3.14/64: a stretch to 2^31 (accidental immortality), then the
/// ratchet to 0xC0000000 where every further incref is skipped. Boundaries crossed: at most three.
Scenario incref_heap(std::uint64_t count) {
  return one_op_scenario(runtime_of(Version::V3_14, 64), object_of("obj", Kind::Heap),
                         leaf(OpCode::Incref, 0, Origin::Core, count));
}
bool incref_heap_end(const Outcome& out, std::uint64_t count) {
  const Word expected = count < 0xBFFFFFFF ? 1 + count : 0xC0000000;
  return out.steps == count && out.objects[0].word == expected && out.objects[0].logical == Int128{1} + count;
}

/// Legacy (ext-3.11) decrefs of None on 3.14/32, the drain: deimmortalized after 2^29.6 steps,
/// dealloc and reset at 0x70000000, then a cycle of 0x50000000 steps with three events each.
Scenario drain_none(std::uint64_t count) {
  return one_op_scenario(runtime_of(Version::V3_14, 32), object_of("none", Kind::None),
                         leaf(OpCode::Decref, 0, Origin::Ext311, count));
}
bool drain_none_end(const Outcome& out, std::uint64_t count) {
  const std::uint64_t first = 0x70000000, cycle = 0x50000000;
  const Word expected = count < first ? 0x70000000 - count : 0x50000000 - (count - first) % cycle;
  return out.steps == count && out.objects[0].word == expected && !out.crashed;
}

constexpr CountCase kCases[] = {
    {"incref-heap-3.14-64", incref_heap, incref_heap_end},
    {"drain-none-3.14-32", drain_none, drain_none_end},
};

/// Events kept by the few-events runs.
constexpr std::uint64_t kFewEvents = 10;

void count_run(benchmark::State& state, CountCase c, EngineKind kind, int k, RunLimits limits) {
  const std::uint64_t count = std::uint64_t{1} << k;
  const Scenario s = c.make(count);
  if (const auto error = check(s)) return state.SkipWithError(error->message.c_str());
  for (auto _ : state) {
    Outcome out = run(s, kind, limits);
    benchmark::DoNotOptimize(out);
    if (!c.ends_right(out, count)) return state.SkipWithError("wrong final word or step count");
  }
  state.counters["count"] = static_cast<double>(count);
}

void repeat_run(benchmark::State& state, EngineKind kind, int k) {
  const std::uint64_t count = std::uint64_t{1} << k;
  const Scenario s = exchange_scenario(Version::V3_14, 32, count);
  if (const auto error = check(s)) return state.SkipWithError(error->message.c_str());
  for (auto _ : state) {
    Outcome out = run(s, kind);
    benchmark::DoNotOptimize(out);
    if (out.steps != 2 * count || out.objects[0].word != 1 || out.objects[0].logical != 1)
      return state.SkipWithError("wrong final word or step count");
  }
  state.counters["count"] = static_cast<double>(count);
}

const bool registered = [] {
  for (const CountCase& c : kCases) {
    for (const int k : kFastExponents) {
      benchmark::RegisterBenchmark(("count/fast/" + std::string(c.name) + "/" + std::to_string(k)).c_str(),
                                   count_run, c, EngineKind::Fast, k, RunLimits{});
      benchmark::RegisterBenchmark(("count/fast-few-events/" + std::string(c.name) + "/" + std::to_string(k)).c_str(),
                                   count_run, c, EngineKind::Fast, k, RunLimits{.max_events = kFewEvents});
    }
  }
  for (const int k : kStepwiseExponents)
    benchmark::RegisterBenchmark(("count/stepwise/" + std::string(kCases[0].name) + "/" + std::to_string(k)).c_str(),
                                 count_run, kCases[0], EngineKind::Stepwise, k, RunLimits{})
        ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(("repeat/fast/" + std::to_string(kRepeatFast)).c_str(), repeat_run,
                               EngineKind::Fast, kRepeatFast);
  for (const int k : kRepeatStepwiseExponents)
    benchmark::RegisterBenchmark(("repeat/stepwise/" + std::to_string(k)).c_str(), repeat_run,
                                 EngineKind::Stepwise, k)
        ->Unit(benchmark::kMillisecond);
  return true;
}();

}  // namespace
}  // namespace refsim::bench
