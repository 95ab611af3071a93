// libFuzzer target: decode, run the library's check, abort on a finding so libFuzzer keeps the
// input. Built once per target (REFSIM_FUZZ_TARGET_NAME), with (REFSIM_FUZZ_CUSTOM=1) or without
// the structure-aware mutator and cross-over. Like tools/, it reads the environment:
//   REFSIM_FUZZ_WANT=PATTERN    only findings whose signature matches the glob PATTERN count
//                               (fnmatch; `*` spans slashes: "3.12/32/*/deimmortalized")
//   REFSIM_FUZZ_REPORT_ONLY=1   print each new signature once on stderr, never abort (CI mode for
//                               the targets whose findings are results about CPython)
// (refsim campaign runs the claims target, fuzz/claims_target.cc, not these.)
#include <fnmatch.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "fuzz/finding.h"
#include "fuzz/mutator.h"

namespace {

refsim::fuzz::Target g_target = refsim::fuzz::Target::EngineEquivalence;
std::string g_want = "*";
bool g_report_only = false;
std::set<std::string> g_reported;  ///< signatures already printed by this process
/// The custom mutator's last output and the names of the mutations that made it ("MS:" in a
/// finding's line when the input is that output).
std::vector<std::uint8_t> g_last_output;
std::string g_last_sequence;

void print_finding(const refsim::fuzz::Finding& f, const std::uint8_t* data, std::size_t size) {
  const bool ours = size == g_last_output.size() && std::equal(data, data + size, g_last_output.begin());
  std::fprintf(stderr, "refsim-fuzz: finding %s (step %llu): %s; MS: %s\n", f.signature.c_str(),
               static_cast<unsigned long long>(f.step), f.message.c_str(),
               ours ? g_last_sequence.c_str() : "(not the custom mutator's)");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const auto target = refsim::fuzz::parse_target(REFSIM_FUZZ_TARGET_NAME);
  if (!target) std::abort();  // a build error: the CMake target list and the table disagree
  g_target = *target;
  if (const char* want = std::getenv("REFSIM_FUZZ_WANT"); want && *want) g_want = want;
  if (const char* only = std::getenv("REFSIM_FUZZ_REPORT_ONLY")) g_report_only = std::strcmp(only, "0") != 0;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  for (const refsim::fuzz::Finding& f : refsim::fuzz::check(g_target, {data, size})) {
    if (fnmatch(g_want.c_str(), f.signature.c_str(), 0) != 0) continue;
    if (g_report_only) {
      if (g_reported.insert(f.signature).second) print_finding(f, data, size);
      continue;
    }
    print_finding(f, data, size);
    std::abort();
  }
  return 0;
}

#if REFSIM_FUZZ_CUSTOM
extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                               unsigned int seed) {
  // One time in eight, and whenever the input does not decode, libFuzzer's byte mutations.
  if (seed % 8 != 0)
    if (auto out = refsim::fuzz::mutate(g_target, {data, size}, max_size, seed, &g_last_sequence)) {
      std::memcpy(data, out->data(), out->size());
      g_last_output = std::move(*out);
      return g_last_output.size();
    }
  return LLVMFuzzerMutate(data, size, max_size);
}

extern "C" std::size_t LLVMFuzzerCustomCrossOver(const std::uint8_t* a, std::size_t a_size, const std::uint8_t* b,
                                                 std::size_t b_size, std::uint8_t* out, std::size_t max_size,
                                                 unsigned int seed) {
  auto child = refsim::fuzz::cross_over(g_target, {a, a_size}, {b, b_size}, max_size, seed);
  if (!child) return 0;
  std::memcpy(out, child->data(), child->size());
  return child->size();
}
#endif
