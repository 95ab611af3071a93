// Fuzz throughput (issue 6 item 5): executions per second of each fuzz target's check() on fixed
// inputs of 64 operations, generated from a fixed seed and encoded with the targets' own codec.
// Names: fuzz/<target>; counters: items_per_second (executions), inputs.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "bench/scenario_builder.h"
#include "fuzz/codec.h"
#include "fuzz/finding.h"
#include "io/scenario_writer.h"

namespace refsim::bench {
namespace {

constexpr std::uint64_t kSeed = 20261126;  // printed in the benchmark context
constexpr int kInputs = 16;
constexpr int kOps = 64;

using Bytes = std::vector<std::uint8_t>;

/// A count: 1..1000 when the stepwise reference must be able to follow (engine_equivalence),
/// else log-uniform up to 2^34 (the scale of the immortality boundaries).
std::uint64_t draw_count(std::mt19937_64& rng, bool small) {
  if (small) return 1 + rng() % 1000;
  const unsigned bits = 1 + rng() % 34;
  return 1 + rng() % (std::uint64_t{1} << bits);
}

Origin draw_origin(std::mt19937_64& rng) { return Names<Origin>::rows[rng() % count_of<Origin>()].value; }

/// 64 increfs and decrefs by random code on None, a small int and a heap object of a random runtime.
Scenario operations(std::mt19937_64& rng, bool small) {
  const Version version = Names<Version>::rows[rng() % count_of<Version>()].value;
  Scenario s{.name = "bench", .runtime = runtime_of(version, rng() % 2 ? 64 : 32),
             .objects = {object_of("none", Kind::None), object_of("small-int", Kind::SmallInt),
                         object_of("heap", Kind::Heap)}};
  for (int i = 0; i < kOps; ++i)
    s.ops.push_back(leaf(rng() % 2 ? OpCode::Incref : OpCode::Decref, rng() % 3, draw_origin(rng),
                          draw_count(rng, small)));
  return s;
}

/// mortal_accounting's ledger: one heap object, 64 takes and releases by random code that never
/// release more than is held and release everything by the end.
Scenario ledger(std::mt19937_64& rng) {
  Scenario s{.name = "bench", .runtime = runtime_of(Names<Version>::rows[rng() % count_of<Version>()].value, 64),
             .objects = {object_of("heap", Kind::Heap)}};
  std::uint64_t held = 1;
  for (int i = 0; i < kOps; ++i) {
    const bool last = i == kOps - 1;
    if (!last && (held == 0 || rng() % 2)) {
      const std::uint64_t n = draw_count(rng, true);
      s.ops.push_back(leaf(OpCode::Incref, 0, draw_origin(rng), n));
      held += n;
    } else {
      const std::uint64_t n = last ? held : 1 + rng() % held;
      s.ops.push_back(leaf(OpCode::Decref, 0, draw_origin(rng), n));
      held -= n;
    }
  }
  return s;
}

std::vector<Bytes> inputs_for(fuzz::Target target) {
  std::mt19937_64 rng(kSeed + static_cast<unsigned>(target));
  std::vector<Bytes> inputs;
  for (int i = 0; i < kInputs; ++i) {
    if (target == fuzz::Target::ScenarioJson) {
      const std::string text = scenario_json(operations(rng, false)).dump();
      inputs.emplace_back(text.begin(), text.end());
      continue;
    }
    const Scenario s = target == fuzz::Target::MortalAccounting ? ledger(rng)
                                                                 : operations(rng, target == fuzz::Target::EngineEquivalence);
    if (auto bytes = fuzz::encode(target, s)) inputs.push_back(std::move(*bytes));
  }
  return inputs;
}

void executions(benchmark::State& state, fuzz::Target target) {
  const std::vector<Bytes> inputs = inputs_for(target);
  if (inputs.empty()) return state.SkipWithError("the codec encoded none of the inputs");
  std::size_t next = 0, findings = 0;
  for (auto _ : state) {
    const std::vector<fuzz::Finding> found = fuzz::check(target, inputs[next]);
    findings += found.size();
    benchmark::DoNotOptimize(found);
    next = (next + 1) % inputs.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["inputs"] = static_cast<double>(inputs.size());
  state.counters["findings_per_exec"] =
      benchmark::Counter(static_cast<double>(findings), benchmark::Counter::kAvgIterations);
}

const bool registered = [] {
  benchmark::AddCustomContext("fuzz_inputs_seed", std::to_string(kSeed));
  for (const fuzz::Target target : fuzz::kTargets)
    benchmark::RegisterBenchmark(("fuzz/" + std::string(fuzz::target_name(target))).c_str(), executions, target);
  return true;
}();

}  // namespace
}  // namespace refsim::bench
