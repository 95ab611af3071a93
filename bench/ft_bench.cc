// The free-threaded engine (issue 16) measured like the default one (issue 15): an owner's
// incref+decref pair through the fast engine against the free-threaded inline C, one counted owner
// incref with counts 2^8 to 2^63, and a repeat of {owner incref, other thread's decref} run 2^8 to
// 2^63 times. Names: ft/pair/<engine|inline>/<version>/64, ft/count/fast/owner-incref-3.14t-64/<k>,
// ft/repeat/fast/owner-other-3.14t-64/<k>; counters `pairs`, `count`. Every benchmark checks the end
// it ran to, so that none can measure a no-op.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

#include "bench/inline_pairs.h"
#include "model/freethreaded/ft_engine.h"

namespace refsim::bench {
namespace {

// --- inline C: 3.13t-3.15t's Py_INCREF / Py_DECREF (3.14.7 Include/refcount.h:252-282, 363-381) ----

/// The refcount fields of a free-threaded object header (Include/object.h: ob_tid, ob_ref_local,
/// ob_ref_shared; the fields between them play no part here).
struct FtHeader {
  std::uintptr_t ob_tid;
  std::uint32_t ob_ref_local;
  std::int64_t ob_ref_shared;
};

/// _Py_ThreadId: the thread pointer (x86-64: %fs:0, 3.14.7 Include/object.h:186-206); the owner test
/// is _Py_IsOwnedByCurrentThread (object.h:251-256).
inline std::uintptr_t thread_id() {
#if defined(__x86_64__)
  std::uintptr_t tid;
  __asm__("movq %%fs:0, %0" : "=r"(tid));
  return tid;
#else
  return reinterpret_cast<std::uintptr_t>(__builtin_thread_pointer());
#endif
}

[[gnu::noinline]] void merge_zero_local(FtHeader* op) { benchmark::DoNotOptimize(op); }
[[gnu::noinline]] void dec_ref_shared(FtHeader* op) { benchmark::DoNotOptimize(op); }

/// Py_INCREF: ob_ref_local + 1 unless it wraps (all ones is immortal); by the owner a plain store,
/// by another thread an atomic add to ob_ref_shared.
inline void incref_ft(FtHeader& o) {
  const std::uint32_t local = __atomic_load_n(&o.ob_ref_local, __ATOMIC_RELAXED) + 1;
  if (local == 0) return;
  if (o.ob_tid == thread_id())
    __atomic_store_n(&o.ob_ref_local, local, __ATOMIC_RELAXED);
  else
    __atomic_fetch_add(&o.ob_ref_shared, 4, __ATOMIC_RELAXED);
}
/// Py_DECREF: nothing on all ones; by the owner local - 1, merging at zero; else _Py_DecRefShared.
inline void decref_ft(FtHeader& o) {
  std::uint32_t local = __atomic_load_n(&o.ob_ref_local, __ATOMIC_RELAXED);
  if (local == UINT32_MAX) return;
  if (o.ob_tid == thread_id()) {
    __atomic_store_n(&o.ob_ref_local, --local, __ATOMIC_RELAXED);
    if (local == 0) merge_zero_local(&o);
  } else {
    dec_ref_shared(&o);
  }
}

void inline_pair(benchmark::State& state) {
  FtHeader objects[kObjects];
  for (FtHeader& o : objects) o = {thread_id(), 1, 0};
  benchmark::DoNotOptimize(objects);
  for (auto _ : state) inline_pairs<FtHeader, incref_ft, decref_ft>(objects);
  for (const FtHeader& o : objects)
    if (o.ob_ref_local != 1) state.SkipWithError("the pairs did not cancel out");
  state.counters["pairs"] = kPairs;
}

// --- the fast engine --------------------------------------------------------------------------

using ft::FtOp;
using ft::FtOpCode;

ft::FtScenario scenario(ft::FtVersion version, std::size_t objects) {
  ft::FtScenario s;
  s.build = ft::FtBuild{version, 64, false};
  s.threads = {"main", "worker"};
  for (std::size_t i = 0; i < objects; ++i)
    s.objects.push_back({"o" + std::to_string(i), ft::FtKind::Heap, 0, 1, std::nullopt, std::nullopt});
  return s;
}

/// kPairs owner pairs round kObjects objects, each operation with count 1.
void engine_pair(benchmark::State& state, ft::FtVersion version) {
  ft::FtScenario s = scenario(version, kObjects);
  for (int i = 0; i < kPairs; ++i)
    for (FtOpCode code : {FtOpCode::Incref, FtOpCode::Decref})
      s.ops.push_back(FtOp{.code = code, .obj = static_cast<std::size_t>(i % kObjects), .thread = 0, .count = 1});
  if (const auto error = ft::check(s)) return state.SkipWithError(error->message.c_str());
  for (auto _ : state) {
    const ft::FtOutcome out = ft::run(s, EngineKind::Fast);
    if (out.steps != 2 * kPairs || out.events_total != 0 || out.objects[0].o.local != 1)
      return state.SkipWithError("the pairs did not cancel out");
    benchmark::DoNotOptimize(out);
  }
  state.counters["pairs"] = kPairs;
}

constexpr std::uint64_t kLocalAllOnes = 0xFFFFFFFF;

/// COUNT owner increfs of a fresh object on 3.14t/64: local 1 + count, all ones (immortal) from
/// count 2^32 - 2 on, where every further one is ignored.
void owner_increfs(benchmark::State& state, int k) {
  const std::uint64_t count = k == 64 ? UINT64_MAX : std::uint64_t{1} << k;
  ft::FtScenario s = scenario(ft::FtVersion::v314t, 1);
  s.ops = {FtOp{.code = FtOpCode::Incref, .thread = 0, .count = count}};
  const std::uint64_t local = count >= kLocalAllOnes - 1 ? kLocalAllOnes : 1 + count;
  for (auto _ : state) {
    const ft::FtOutcome out = ft::run(s, EngineKind::Fast);
    if (out.steps != count || out.objects[0].o.local != local) return state.SkipWithError("wrong end");
    benchmark::DoNotOptimize(out);
  }
  state.counters["count"] = static_cast<double>(count);
}

/// COUNT iterations of {main increfs, worker decrefs} on 3.14t/64 (corpus/scenarios/
/// ft-3.14t-64-owner-takes-other-releases-to-immortal.json): local climbs to all ones after
/// 2^32 - 2 iterations, then both are ignored.
void owner_other(benchmark::State& state, int k) {
  const std::uint64_t count = std::uint64_t{1} << k;
  ft::FtScenario s = scenario(ft::FtVersion::v314t, 1);
  s.ops = {FtOp{.code = FtOpCode::Repeat,
                .count = count,
                .body = {FtOp{.code = FtOpCode::Incref, .thread = 0}, FtOp{.code = FtOpCode::Decref, .thread = 1}}}};
  const std::uint64_t local = count >= kLocalAllOnes - 2 ? kLocalAllOnes : 1 + count;
  for (auto _ : state) {
    const ft::FtOutcome out = ft::run(s, EngineKind::Fast);
    if (out.steps != 2 * count || out.objects[0].o.local != local) return state.SkipWithError("wrong end");
    benchmark::DoNotOptimize(out);
  }
  state.counters["count"] = static_cast<double>(count);
}

const bool registered = [] {
  for (const auto& row : ft::kFtVersions) {
    if (row.version == ft::FtVersion::gh153202) continue;  // a draft: no shipped inline code to compare
    const std::string suffix = std::string(row.name) + "/64";
    benchmark::RegisterBenchmark(("ft/pair/engine/" + suffix).c_str(), engine_pair, row.version);
    benchmark::RegisterBenchmark(("ft/pair/inline/" + suffix).c_str(), inline_pair);
  }
  for (const int k : {8, 16, 24, 32, 48, 63}) {
    benchmark::RegisterBenchmark(("ft/count/fast/owner-incref-3.14t-64/" + std::to_string(k)).c_str(), owner_increfs, k);
    benchmark::RegisterBenchmark(("ft/repeat/fast/owner-other-3.14t-64/" + std::to_string(k)).c_str(), owner_other, k);
  }
  return true;
}();

}  // namespace
}  // namespace refsim::bench
