// Claims throughput (issue 12 item 4): executions per second of the claims target's check
// (campaign::check_claim_input: decode in scope, work bound, run, invariants) in process, on
// 64-operation inputs of a broad claim and on random inputs of the built-in catalog. The campaign's
// own rate and plain libFuzzer's on the same target are measured by ci/bench beside these.
// Names: claims/64-ops, claims/catalog; counters: items_per_second (executions), skipped,
// violating, gave_up (the share of runs cut short at the claim's work limit, claim_max_work: no
// check) and inputs_gave_up (how many of the fixed inputs are).
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "campaign/claims_json.h"
#include "campaign/violation.h"

namespace refsim::bench {
namespace {

constexpr std::uint64_t kSeed = 20261129;
constexpr int kInputs = 64;
constexpr int kOps = 64;

using Bytes = std::vector<std::uint8_t>;

/// Every runtime at the real widths, every origin and kind, 64 increfs and decrefs, every invariant.
constexpr std::string_view kBroad = R"({"format": "refsim-claims/1", "claims": [{
  "id": "bench-64-ops", "statement": "a claim as broad as the model, for the throughput bench",
  "scope": {"max_ops": 64, "max_objects": 3},
  "invariant": ["stays-immortal", "stays-mortal", "no-fatal-or-freeing-dealloc", "no-premature-free",
                "no-leak", "no-debug-abort", "no-use-after-free"]}]})";

/// A count tag as the decoder reads it: a literal, or 2^k plus a delta (k up to 34, the scale of
/// the immortality boundaries), as fuzz_bench draws its counts.
void count(std::mt19937_64& rng, Bytes& out) {
  if (rng() % 2) {
    out.push_back(static_cast<std::uint8_t>(rng() % 0x40));
  } else {
    out.push_back(static_cast<std::uint8_t>(0x40 + rng() % 35));
    out.push_back(static_cast<std::uint8_t>(rng()));
  }
}

/// Inputs that decode to exactly kOps operations on three objects.
std::vector<Bytes> sixty_four_ops(const campaign::ClaimSet& set) {
  std::mt19937_64 rng(kSeed);
  std::vector<Bytes> inputs;
  while (inputs.size() < kInputs) {
    Bytes b = {0, static_cast<std::uint8_t>(rng()), static_cast<std::uint8_t>(rng()), 2};
    for (int i = 0; i < 3; ++i) b.push_back(static_cast<std::uint8_t>(rng()));
    for (int i = 0; i < kOps; ++i) {
      b.push_back(static_cast<std::uint8_t>(rng()));
      b.push_back(static_cast<std::uint8_t>(rng() % 3));
      count(rng, b);
    }
    const auto input = campaign::decode_claim_input(set, b);
    if (input && std::get<Scenario>(input->scenario).ops.size() == kOps) inputs.push_back(std::move(b));
  }
  return inputs;
}

/// Random byte strings of 8 to 64 bytes: what libFuzzer starts from on the catalog.
std::vector<Bytes> random_inputs() {
  std::mt19937_64 rng(kSeed + 1);
  std::vector<Bytes> inputs(kInputs);
  for (Bytes& b : inputs) {
    b.resize(8 + rng() % 57);
    for (auto& byte : b) byte = static_cast<std::uint8_t>(rng());
  }
  return inputs;
}

void executions(benchmark::State& state, const campaign::ClaimSet* set, const std::vector<Bytes>* inputs) {
  std::size_t inputs_gave_up = 0;
  for (const Bytes& input : *inputs)
    if (const auto checked = campaign::check_claim_input(*set, input)) inputs_gave_up += checked->gave_up;
  std::size_t next = 0, skipped = 0, broken = 0, gave_up = 0;
  for (auto _ : state) {
    const auto checked = campaign::check_claim_input(*set, (*inputs)[next]);
    if (!checked) ++skipped;
    else {
      broken += !checked->violations.empty();
      gave_up += checked->gave_up;
    }
    benchmark::DoNotOptimize(checked);
    next = (next + 1) % inputs->size();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["skipped"] = benchmark::Counter(static_cast<double>(skipped), benchmark::Counter::kAvgIterations);
  state.counters["violating"] = benchmark::Counter(static_cast<double>(broken), benchmark::Counter::kAvgIterations);
  state.counters["gave_up"] = benchmark::Counter(static_cast<double>(gave_up), benchmark::Counter::kAvgIterations);
  state.counters["inputs_gave_up"] = static_cast<double>(inputs_gave_up);
}

const bool registered = [] {
  static const campaign::ClaimSet broad(std::get<std::vector<campaign::Claim>>(campaign::parse_claims(kBroad)));
  static const campaign::ClaimSet catalog(campaign::builtin_catalog());
  static const std::vector<Bytes> broad_inputs = sixty_four_ops(broad);
  static const std::vector<Bytes> catalog_inputs = random_inputs();
  benchmark::AddCustomContext("claims_inputs_seed", std::to_string(kSeed));
  benchmark::RegisterBenchmark("claims/64-ops", executions, &broad, &broad_inputs);
  benchmark::RegisterBenchmark("claims/catalog", executions, &catalog, &catalog_inputs);
  return true;
}();

}  // namespace
}  // namespace refsim::bench
