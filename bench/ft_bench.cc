// The free-threaded engine (issue 16) measured like the default one (issue 15): an owner's
// incref+decref pair through the fast engine against the free-threaded inline C, one counted owner
// incref with counts 2^8 to 2^63, and a repeat of {owner incref, other thread's decref} run 2^8 to
// 2^63 times. Names: ft/pair/<engine|inline>/<version>/64, ft/count/fast/owner-incref-3.14t-64/<k>,
// ft/repeat/fast/owner-other-3.14t-64/<k>; counters `pairs`, `count`. Every benchmark checks the end
// it ran to, so that none can measure a no-op.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

#include "bench/ft_pair_kernels.h"

namespace refsim::bench {
namespace {

void inline_pair(benchmark::State& state) {
  FtHeader objects[kObjects];
  owned_objects(objects);
  for (auto _ : state) inline_pairs<FtHeader, incref_ft, decref_ft>(objects);
  if (!ft_pairs_cancelled(objects)) state.SkipWithError("the pairs did not cancel out");
  state.counters["pairs"] = kPairs;
}

using ft::FtOp;
using ft::FtOpCode;

void engine_pair(benchmark::State& state, ft::FtVersion version) {
  const ft::FtScenario s = ft_pairs_scenario(version);
  if (const auto error = ft::check(s)) return state.SkipWithError(error->message.c_str());
  for (auto _ : state)
    if (!ft_engine_pairs(s)) return state.SkipWithError("the pairs did not cancel out");
  state.counters["pairs"] = kPairs;
}

constexpr std::uint64_t kLocalAllOnes = 0xFFFFFFFF;

/// COUNT owner increfs of a fresh object on 3.14t/64: local 1 + count, all ones (immortal) from
/// count 2^32 - 2 on, where every further one is ignored.
void owner_increfs(benchmark::State& state, int k) {
  const std::uint64_t count = k == 64 ? UINT64_MAX : std::uint64_t{1} << k;
  ft::FtScenario s = ft_scenario(ft::FtVersion::v314t, 1);
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
  ft::FtScenario s = ft_scenario(ft::FtVersion::v314t, 1);
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
