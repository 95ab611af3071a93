// Single step (issue 6 item 1): one core incref+decref pair on each version and width, through the
// fast engine, through the semantics functions alone, and as the inline C arithmetic (the floor).
// Names: pair/<engine|step|inline>/<version>/<width>; counter `pairs` = pairs per iteration.
#include <benchmark/benchmark.h>

#include <string>

#include "bench/inline_refcount.h"
#include "bench/scenario_builder.h"
#include "model/constants.h"
#include "model/engine.h"
#include "model/runtime.h"

namespace refsim::bench {

[[gnu::noinline]] void dealloc_call(void* object) { benchmark::DoNotOptimize(object); }

namespace {

constexpr int kPairs = 256;
/// Pairs go round this many objects, so that consecutive operations on one word do not wait for
/// each other's store (the cost measured is the code's, not store-to-load forwarding).
constexpr int kObjects = 8;

/// The fast engine on a scenario of kPairs pairs, each operation with count 1.
void engine_pair(benchmark::State& state, Version version, unsigned bits) {
  const Scenario s = pairs_scenario(version, bits, kPairs);
  if (const auto error = check(s)) return state.SkipWithError(error->message.c_str());
  for (auto _ : state) {
    Outcome out = run(s, EngineKind::Fast);
    benchmark::DoNotOptimize(out);
    if (out.steps != 2 * kPairs || out.objects[0].word != 1 || out.events_total != 0)
      return state.SkipWithError("the pairs did not cancel out");
  }
  state.counters["pairs"] = kPairs;
}

/// The semantics functions the engines share, called directly on a word (no engine loop).
void step_pair(benchmark::State& state, Version version, unsigned bits) {
  const Runtime rt(runtime_of(version, bits));
  const Code& code = rt.code(Origin::Core);
  const Width w = rt.width();
  Word word = 1;
  for (auto _ : state) {
    for (int i = 0; i < kPairs; ++i) {
      word = incref(code, w, word).word;
      word = decref(code, w, word).word;
      benchmark::DoNotOptimize(word);
    }
  }
  if (word != 1) state.SkipWithError("the pairs did not cancel out");
  state.counters["pairs"] = kPairs;
}

/// The same pair as inline C arithmetic on an object in memory. Its address escapes and memory is
/// clobbered after every operation, so each incref and decref is its own load, test and store (else
/// the compiler folds ++ and -- into one test).
template <class O, void (*Inc)(O&), void (*Dec)(O&)>
void inline_pair(benchmark::State& state) {
  O objects[kObjects];
  for (O& o : objects) o.rc = 1;
  benchmark::DoNotOptimize(objects);
  for (auto _ : state) {
    for (int i = 0; i < kPairs; ++i) {
      O& o = objects[i % kObjects];
      Inc(o);
      benchmark::ClobberMemory();
      Dec(o);
      benchmark::ClobberMemory();
    }
  }
  for (const O& o : objects)
    if (o.rc != 1) state.SkipWithError("the pairs did not cancel out");
  state.counters["pairs"] = kPairs;
}

using InlineFn = void (*)(benchmark::State&);

/// The inline code of the version's family at that width.
InlineFn inline_for(Version version, unsigned bits) {
  const bool wide = bits == 64;
  switch (version) {
    case Version::V3_11:
      return wide ? inline_pair<Object64, incref_311, decref_311> : inline_pair<Object32, incref_311, decref_311>;
    case Version::PEP683_R2:
      return wide ? inline_pair<Object64, incref_draft<Object64, std::uint64_t{1} << 60>, decref_draft<Object64, std::uint64_t{1} << 60>>
                  : inline_pair<Object32, incref_draft<Object32, 1u << 28>, decref_draft<Object32, 1u << 28>>;
    case Version::PEP683_R3:
      return wide ? inline_pair<Object64, incref_draft<Object64, std::uint64_t{1} << 62>, decref_draft<Object64, std::uint64_t{1} << 62>>
                  : inline_pair<Object32, incref_draft<Object32, 1u << 30>, decref_draft<Object32, 1u << 30>>;
    case Version::V3_12:
    case Version::V3_13:
      return wide ? inline_pair<Object64, incref_312, decref_312> : inline_pair<Object32, incref_312, decref_312>;
    case Version::V3_14:
    case Version::V3_15:
      return wide ? inline_pair<Object64, incref_314, decref_314> : inline_pair<Object32, incref_314, decref_314>;
  }
  return nullptr;
}

const bool registered = [] {
  for (const auto& row : Names<Version>::rows) {
    for (const unsigned bits : {64u, 32u}) {
      const std::string suffix = std::string(row.name) + "/" + std::to_string(bits);
      const Version v = row.value;
      benchmark::RegisterBenchmark(("pair/engine/" + suffix).c_str(), engine_pair, v, bits);
      benchmark::RegisterBenchmark(("pair/step/" + suffix).c_str(), step_pair, v, bits);
      benchmark::RegisterBenchmark(("pair/inline/" + suffix).c_str(), inline_for(v, bits));
    }
  }
  return true;
}();

}  // namespace
}  // namespace refsim::bench
