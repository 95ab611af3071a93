// Strategy cost (issue 5 item 2): each what-if design's incref/decref pair written as the inline C
// an interpreter or extension would compile, on a 64-bit word, on an immortal and a mortal object.
// This measures the designs, not refsim. Names: strategy/<design>/<immortal|mortal>; counters:
// pairs, extra_tests (per pair, over 3.11's), bytes_written (per pair, on the immortal object).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

#include "bench/inline_pairs.h"
#include "bench/inline_refcount.h"

namespace refsim::bench {

// Runtime state the inline code reads: globals with external linkage, as in libpython, so that
// the compiler cannot fold their values into the loops.
std::uint64_t g_ticks = 0;
std::uint64_t g_period = 1000000;
bool g_no_immortals = true;

namespace {

// --- the designs that change the hot path ------------------------------------------------------
/// PEP 683 round 3 layout: immortal bit 2^62, reset value bit + bit/2.
constexpr std::uint64_t kBit = std::uint64_t{1} << 62;
constexpr std::uint64_t kMargin = kBit / 2;

/// Jewett's reset-on-margin: incref is a plain ++; decref's zero test becomes (W & ~B) == 0, and
/// only then does it tell a real zero (dealloc) from an exhausted margin (add it back).
inline void incref_margin(Object64& o) { ++o.rc; }
inline void decref_margin(Object64& o) {
  if ((--o.rc & ~kBit) == 0) {
    if (o.rc == 0)
      dealloc_call(&o);
    else
      o.rc += kMargin;
  }
}

/// periodic-reset counting steps in the hot path: 3.14's code plus a global tick and a compare.
/// (Resetting at gc or the eval breaker instead would add nothing here.)
[[gnu::noinline]] void periodic_reset() { g_ticks = 0; }
inline void tick() {
  if (++g_ticks == g_period) periodic_reset();
}
inline void incref_periodic(Object64& o) {
  tick();
  incref_314(o);
}
inline void decref_periodic(Object64& o) {
  tick();
  decref_314(o);
}

/// no-immortals as a runtime flag the inline code must read: with the flag set, 3.11's arithmetic.
inline void incref_flag(Object64& o) {
  if (!g_no_immortals && static_cast<std::uint32_t>(o.rc) >= 0xC0000000u) return;
  ++o.rc;
}
inline void decref_flag(Object64& o) {
  if (!g_no_immortals && static_cast<std::int32_t>(o.rc) < 0) return;
  if (--o.rc == 0) dealloc_call(&o);
}

// --- the table -----------------------------------------------------------------------------------
/// One design: its pair benchmark, the immortal word it starts with, and its static costs.
struct Design {
  const char* name;
  void (*pair)(benchmark::State&, std::uint64_t word);
  std::uint64_t immortal_word;
  int extra_tests;    ///< tests or branches per incref+decref pair beyond 3.11's dealloc test
  int bytes_written;  ///< bytes stored per pair on an immortal object (word or counter)
};

/// kPairs pairs on objects in memory starting at `word` (inline_pairs).
template <void (*Inc)(Object64&), void (*Dec)(Object64&)>
void pair(benchmark::State& state, std::uint64_t word) {
  Object64 objects[kObjects];
  for (Object64& o : objects) o.rc = word;
  benchmark::DoNotOptimize(objects);
  for (auto _ : state) inline_pairs<Object64, Inc, Dec>(objects);
  for (const Object64& o : objects)
    if (o.rc != word) state.SkipWithError("the pairs did not cancel out");
  state.counters["pairs"] = kPairs;
}

constexpr std::uint64_t k311Static = 999999999;            // 3.11's "immortal" singletons
constexpr std::uint64_t k312Immortal = 0xFFFFFFFF;          // 3.12/3.13 64-bit
constexpr std::uint64_t k314Static = 0x00050000C0000000;    // 3.14 static immortal
constexpr std::uint64_t kDraftImmortal = kBit + kMargin;    // round 3 at 64 bits

const Design kDesigns[] = {
    // 3.14 as shipped is the reference; no-reset, reset-all and reset-except-int change only
    // tp_dealloc, so their hot path is this one.
    {"as-shipped-3.14", pair<incref_314, decref_314>, k314Static, 2, 0},
    {"as-shipped-3.12", pair<incref_312, decref_312>, k312Immortal, 2, 0},
    {"3.11-plain", pair<incref_311, decref_311>, k311Static, 0, 16},
    {"pep683-r3-bit-test", pair<incref_draft<Object64, kBit>, decref_draft<Object64, kBit>>, kDraftImmortal, 2, 0},
    {"reset-on-margin", pair<incref_margin, decref_margin>, kDraftImmortal, 0, 16},
    {"periodic-reset-counter", pair<incref_periodic, decref_periodic>, k314Static, 4, 16},
    {"no-immortals-flag", pair<incref_flag, decref_flag>, k314Static, 2, 16},
};

const bool registered = [] {
  for (const Design& d : kDesigns) {
    for (const bool immortal : {true, false}) {
      const std::string name = std::string("strategy/") + d.name + (immortal ? "/immortal" : "/mortal");
      const std::uint64_t word = immortal ? d.immortal_word : 1;
      benchmark::RegisterBenchmark(name.c_str(), [d, word](benchmark::State& state) {
        d.pair(state, word);
        state.counters["extra_tests"] = d.extra_tests;
        state.counters["bytes_written"] = d.bytes_written;
      });
    }
  }
  return true;
}();

}  // namespace

[[gnu::noinline]] void dealloc_call(void* object) { benchmark::DoNotOptimize(object); }

}  // namespace refsim::bench
