// pair_profile: runs one pair kernel a fixed number of rounds, for callgrind. Instruction counts
// repeat where wall time on a shared machine does not: the difference between two round counts,
// divided by the difference in pairs, is the cost of one pair without the program's start.
//
// Usage: pair_profile engine|step|inline VERSION BITS ROUNDS
//        pair_profile ft-engine|ft-inline FT-VERSION 64 ROUNDS   (3.13t, 3.14t, 3.15t: an owner's pair)
// Exits 0 when the pairs cancelled out, 1 when they did not, 2 on bad arguments.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "bench/ft_pair_kernels.h"
#include "bench/pair_kernels.h"

namespace refsim::bench {

[[gnu::noinline]] void dealloc_call(void* object) { benchmark::DoNotOptimize(object); }

namespace {

template <class O, void (*Inc)(O&), void (*Dec)(O&)>
bool inline_rounds(unsigned long rounds) {
  O objects[kObjects];
  for (O& o : objects) o.rc = 1;
  benchmark::DoNotOptimize(objects);
  for (unsigned long r = 0; r < rounds; ++r) inline_pairs<O, Inc, Dec>(objects);
  for (const O& o : objects)
    if (o.rc != 1) return false;
  return true;
}

bool run_kernel(std::string_view kernel, Version version, unsigned bits, unsigned long rounds) {
  if (kernel == "engine") {
    const Scenario s = pairs_scenario(version, bits, kPairs);
    for (unsigned long r = 0; r < rounds; ++r)
      if (!engine_pairs(s)) return false;
    return true;
  }
  if (kernel == "step") {
    const Word bit = Runtime(runtime_of(version, bits)).step_table().bit;
    const auto pick = [&]<Arith A, unsigned Bits>() {
      Word words[kObjects];
      for (Word& word : words) word = 1;
      benchmark::DoNotOptimize(words);
      for (unsigned long r = 0; r < rounds; ++r) step_pairs<A, Bits>(words, bit);
      return std::all_of(std::begin(words), std::end(words), [](Word word) { return word == 1; });
    };
    return with_core_arith(version, bits, pick);
  }
  const auto pick = []<class O, void (*Inc)(O&), void (*Dec)(O&)>() { return &inline_rounds<O, Inc, Dec>; };
  return with_inline_code(version, bits, pick)(rounds);
}

/// The free-threaded kernels: an owner's pair through the fast engine, or as inline C.
bool run_ft_kernel(std::string_view kernel, ft::FtVersion version, unsigned long rounds) {
  if (kernel == "ft-engine") {
    const ft::FtScenario s = ft_pairs_scenario(version);
    for (unsigned long r = 0; r < rounds; ++r)
      if (!ft_engine_pairs(s)) return false;
    return true;
  }
  FtHeader objects[kObjects];
  owned_objects(objects);
  for (unsigned long r = 0; r < rounds; ++r) inline_pairs<FtHeader, incref_ft, decref_ft>(objects);
  return ft_pairs_cancelled(objects);
}

/// A shipped free-threaded version by name (the draft has no inline code to compare).
std::optional<ft::FtVersion> ft_version(std::string_view name) {
  for (const auto& row : ft::kFtVersions)
    if (row.version != ft::FtVersion::gh153202 && name == row.name) return row.version;
  return std::nullopt;
}

}  // namespace
}  // namespace refsim::bench

int main(int argc, char** argv) {
  using namespace refsim;
  const std::string_view kernel = argc == 5 ? argv[1] : "";
  const unsigned bits = argc == 5 ? static_cast<unsigned>(std::atoi(argv[3])) : 0;
  const long rounds = argc == 5 ? std::atol(argv[4]) : 0;
  if (kernel == "ft-engine" || kernel == "ft-inline") {
    const auto version = bench::ft_version(argv[2]);
    if (!version || bits != 64 || rounds < 1) {
      std::fprintf(stderr, "usage: pair_profile ft-engine|ft-inline 3.13t|3.14t|3.15t 64 ROUNDS\n");
      return 2;
    }
    return bench::run_ft_kernel(kernel, *version, static_cast<unsigned long>(rounds)) ? 0 : 1;
  }
  const auto version = argc == 5 ? parse_name<Version>(argv[2]) : std::nullopt;
  if (!version || (bits != 64 && bits != 32) || rounds < 1 ||
      (kernel != "engine" && kernel != "step" && kernel != "inline")) {
    std::fprintf(stderr, "usage: pair_profile engine|step|inline VERSION 64|32 ROUNDS\n");
    return 2;
  }
  return bench::run_kernel(kernel, *version, bits, static_cast<unsigned long>(rounds)) ? 0 : 1;
}
