// Pair kernels: kPairs core incref+decref pairs through the fast engine, through the semantics
// functions alone, and as inline C. Shared by the timed benchmarks (pair_bench) and the fixed-count
// driver that callgrind profiles (pair_profile), so both measure the same code.
#pragma once

#include <benchmark/benchmark.h>

#include "bench/inline_pairs.h"
#include "bench/inline_refcount.h"
#include "bench/scenario_builder.h"
#include "model/engine.h"
#include "model/runtime.h"

namespace refsim::bench {

/// The fast engine on pairs_scenario(kPairs): true when the pairs cancelled out.
inline bool engine_pairs(const Scenario& s) {
  Outcome out = run(s, EngineKind::Fast);
  benchmark::DoNotOptimize(out);
  return out.steps == 2 * kPairs && out.objects[0].word == 1 && out.events_total == 0;
}

/// The semantics functions alone, as each entry of the runtime's step table compiles them: at the
/// runtime's width, with no engine loop and no immortality test around them. Like inline_pairs, on
/// words in memory, each operation its own load, test and store.
template <Arith A, unsigned Bits>
void step_pairs(Word (&words)[kObjects], Word bit) {
  for (int i = 0; i < kPairs; ++i) {
    Word& word = words[i % kObjects];
    word = step_at<true, A, false, Bits>(word, bit).word;
    benchmark::ClobberMemory();
    word = step_at<false, A, false, Bits>(word, bit).word;
    benchmark::ClobberMemory();
  }
}

/// Calls `pick.template operator()<A, Bits>()` with the core arithmetic of the version (as shipped,
/// release build) at that width (64 or 32), and returns what it returns.
template <class Pick>
auto with_core_arith(Version version, unsigned bits, Pick pick) {
  const bool wide = bits == 64;
  switch (family_of(version)) {
    case Family::Draft: return wide ? pick.template operator()<Arith::Draft, 64>() : pick.template operator()<Arith::Draft, 32>();
    case Family::V312: return wide ? pick.template operator()<Arith::V312, 64>() : pick.template operator()<Arith::V312, 32>();
    case Family::V314: return wide ? pick.template operator()<Arith::V314, 64>() : pick.template operator()<Arith::V314, 32>();
    case Family::V311: break;
  }
  return wide ? pick.template operator()<Arith::Full311, 64>() : pick.template operator()<Arith::Full311, 32>();
}

/// Calls `pick.template operator()<O, Inc, Dec>()` with the inline code of the version's family at
/// that width (Object64 for 64 bits, else Object32), and returns what it returns.
template <class Pick>
auto with_inline_code(Version version, unsigned bits, Pick pick) {
  const bool wide = bits == 64;
  constexpr std::uint64_t r2_64 = std::uint64_t{1} << 60, r3_64 = std::uint64_t{1} << 62;
  constexpr std::uint32_t r2_32 = 1u << 28, r3_32 = 1u << 30;
  switch (version) {
    case Version::PEP683_R2:
      return wide ? pick.template operator()<Object64, incref_draft<Object64, r2_64>, decref_draft<Object64, r2_64>>()
                  : pick.template operator()<Object32, incref_draft<Object32, r2_32>, decref_draft<Object32, r2_32>>();
    case Version::PEP683_R3:
      return wide ? pick.template operator()<Object64, incref_draft<Object64, r3_64>, decref_draft<Object64, r3_64>>()
                  : pick.template operator()<Object32, incref_draft<Object32, r3_32>, decref_draft<Object32, r3_32>>();
    case Version::V3_12:
    case Version::V3_13:
      return wide ? pick.template operator()<Object64, incref_312, decref_312>()
                  : pick.template operator()<Object32, incref_312, decref_312>();
    case Version::V3_14:
    case Version::V3_15:
      return wide ? pick.template operator()<Object64, incref_314, decref_314>()
                  : pick.template operator()<Object32, incref_314, decref_314>();
    case Version::V3_11: break;
  }
  return wide ? pick.template operator()<Object64, incref_311<Object64>, decref_311<Object64>>()
              : pick.template operator()<Object32, incref_311<Object32>, decref_311<Object32>>();
}

}  // namespace refsim::bench
