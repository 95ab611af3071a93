// Free-threaded pair kernels: kPairs owner incref+decref pairs round kObjects objects, through the
// free-threaded fast engine and as the free-threaded inline C of 3.13t-3.15t. Shared by the timed
// benchmarks (ft_bench) and the fixed-count driver that callgrind profiles (pair_profile), so both
// measure the same code.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

#include "bench/inline_pairs.h"
#include "model/freethreaded/ft_engine.h"

namespace refsim::bench {

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

[[gnu::noinline]] inline void merge_zero_local(FtHeader* op) { benchmark::DoNotOptimize(op); }
[[gnu::noinline]] inline void dec_ref_shared(FtHeader* op) { benchmark::DoNotOptimize(op); }

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

/// Objects owned by this thread, each with one reference.
inline void owned_objects(FtHeader (&objects)[kObjects]) {
  for (FtHeader& o : objects) o = {thread_id(), 1, 0};
  benchmark::DoNotOptimize(objects);
}

/// True when every object is back at one reference.
inline bool ft_pairs_cancelled(const FtHeader (&objects)[kObjects]) {
  for (const FtHeader& o : objects)
    if (o.ob_ref_local != 1) return false;
  return true;
}

// --- the fast engine --------------------------------------------------------------------------

/// A 64-bit release build of `version` with threads main and worker and `objects` heap objects.
inline ft::FtScenario ft_scenario(ft::FtVersion version, std::size_t objects) {
  ft::FtScenario s;
  s.build = ft::FtBuild{version, 64, false};
  s.threads = {"main", "worker"};
  for (std::size_t i = 0; i < objects; ++i)
    s.objects.push_back({"o" + std::to_string(i), ft::FtKind::Heap, 0, 1, std::nullopt, std::nullopt});
  return s;
}

/// kPairs owner (main) pairs round kObjects objects, each operation with count 1.
inline ft::FtScenario ft_pairs_scenario(ft::FtVersion version) {
  ft::FtScenario s = ft_scenario(version, kObjects);
  for (int i = 0; i < kPairs; ++i)
    for (ft::FtOpCode code : {ft::FtOpCode::Incref, ft::FtOpCode::Decref})
      s.ops.push_back(ft::FtOp{.code = code, .obj = static_cast<std::size_t>(i % kObjects), .thread = 0, .count = 1});
  return s;
}

/// The fast engine on ft_pairs_scenario: true when the pairs cancelled out.
inline bool ft_engine_pairs(const ft::FtScenario& s) {
  const ft::FtOutcome out = ft::run(s, EngineKind::Fast);
  benchmark::DoNotOptimize(out);
  return out.steps == 2 * kPairs && out.events_total == 0 && out.objects[0].o.local == 1;
}

}  // namespace refsim::bench
