// Single step (issue 6 item 1): one core incref+decref pair on each version and width, through the
// fast engine, through the semantics functions alone, and as the inline C arithmetic (the floor).
// Names: pair/<engine|step|inline>/<version>/<width>; counter `pairs` = pairs per iteration.
#include <benchmark/benchmark.h>

#include <string>

#include "bench/pair_kernels.h"

namespace refsim::bench {

[[gnu::noinline]] void dealloc_call(void* object) { benchmark::DoNotOptimize(object); }

namespace {

/// The fast engine on a scenario of kPairs pairs, each operation with count 1.
void engine_pair(benchmark::State& state, Version version, unsigned bits) {
  const Scenario s = pairs_scenario(version, bits, kPairs);
  if (const auto error = check(s)) return state.SkipWithError(error->message.c_str());
  for (auto _ : state)
    if (!engine_pairs(s)) return state.SkipWithError("the pairs did not cancel out");
  state.counters["pairs"] = kPairs;
}

/// The semantics functions alone.
template <Arith A, unsigned Bits>
void step_pair(benchmark::State& state, Version version) {
  const Word bit = Runtime(runtime_of(version, Bits)).step_table().bit;
  Word words[kObjects];
  for (Word& word : words) word = 1;
  benchmark::DoNotOptimize(words);
  for (auto _ : state) step_pairs<A, Bits>(words, bit);
  for (const Word word : words)
    if (word != 1) state.SkipWithError("the pairs did not cancel out");
  state.counters["pairs"] = kPairs;
}

/// The inline C arithmetic.
template <class O, void (*Inc)(O&), void (*Dec)(O&)>
void inline_pair(benchmark::State& state) {
  O objects[kObjects];
  for (O& o : objects) o.rc = 1;
  benchmark::DoNotOptimize(objects);
  for (auto _ : state) inline_pairs<O, Inc, Dec>(objects);
  for (const O& o : objects)
    if (o.rc != 1) state.SkipWithError("the pairs did not cancel out");
  state.counters["pairs"] = kPairs;
}

const bool registered = [] {
  for (const auto& row : Names<Version>::rows) {
    for (const unsigned bits : {64u, 32u}) {
      const std::string suffix = std::string(row.name) + "/" + std::to_string(bits);
      const Version v = row.value;
      benchmark::RegisterBenchmark(("pair/engine/" + suffix).c_str(), engine_pair, v, bits);
      const auto step = []<Arith A, unsigned Bits>() { return &step_pair<A, Bits>; };
      benchmark::RegisterBenchmark(("pair/step/" + suffix).c_str(), with_core_arith(v, bits, step), v);
      const auto pick = []<class O, void (*Inc)(O&), void (*Dec)(O&)>() { return &inline_pair<O, Inc, Dec>; };
      benchmark::RegisterBenchmark(("pair/inline/" + suffix).c_str(), with_inline_code(v, bits, pick));
    }
  }
  return true;
}();

}  // namespace
}  // namespace refsim::bench
