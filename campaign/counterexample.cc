// Counterexample: the minimizer's predicate for one signature, the one-operation search, and the
// re-run of a counterexample on every runtime.
#include "campaign/counterexample.h"

#include <algorithm>

#include "campaign/claim_input.h"
#include "fuzz/finding.h"

namespace refsim::campaign {

namespace {

using Clock = std::chrono::steady_clock;

std::optional<Violation> violation_with(const Claim& claim, const std::string& signature, const Scenario& s) {
  for (Violation& v : violations(claim, s))
    if (v.signature == signature) return std::move(v);
  return std::nullopt;
}

struct OneOpSearch {
  const Claim& claim;
  const std::string& signature;
  Invariant invariant;
  std::uint64_t tries = 0;

  Scenario single(const RuntimeSpec& rt, Kind kind, OpCode code, Origin by, std::uint64_t count) const {
    Scenario s;
    s.name = signature;
    s.runtime = rt;
    s.objects = {ObjectSpec{std::string(name_of(kind)), kind, std::nullopt, 1}};
    Op op;
    op.code = code;
    op.by = by;
    op.count = count;
    s.ops = {op};
    return s;
  }

  bool holds(const Scenario& s) {
    ++tries;
    return shows(claim, signature, s);
  }

  /// The smallest single operation found, by steps; nullopt when no single operation shows it.
  std::optional<Scenario> run(Clock::time_point deadline) {
    const std::uint64_t top = std::min(claim.scope.max_count, claim.scope.max_steps);
    std::optional<Scenario> best;
    for (const RuntimeSpec& rt : runtimes_of(claim.scope)) {
      if (signature_of(claim, invariant, rt) != signature) continue;  // another family or width
      for (Kind kind : claim.scope.kinds)
        for (OpCode code : {OpCode::Incref, OpCode::Decref}) {
          if (std::find(claim.scope.ops.begin(), claim.scope.ops.end(), code) == claim.scope.ops.end()) continue;
          for (Origin by : claim.scope.origins) {
            if (Clock::now() > deadline) return best;
            if (!holds(single(rt, kind, code, by, top))) continue;
            std::uint64_t lo = 1, hi = top;  // hi shows it
            while (lo < hi) {
              const std::uint64_t mid = lo + (hi - lo) / 2;
              if (holds(single(rt, kind, code, by, mid))) hi = mid;
              else lo = mid + 1;
            }
            Scenario found = single(rt, kind, code, by, hi);
            if (!best || size_of(found) < size_of(*best)) best = std::move(found);
          }
        }
    }
    return best;
  }
};

}  // namespace

bool shows(const Claim& claim, const std::string& signature, const Scenario& s) {
  if (!in_scope(claim.scope, s) || refsim::check(s)) return false;
  return violation_with(claim, signature, s).has_value();
}

Minimal minimize_counterexample(const Claim& claim, const std::string& signature, const Scenario& start,
                                const MinimizeLimits& limits) {
  const Clock::time_point deadline = Clock::now() + limits.time;
  MinimizeLimits structural = limits;
  structural.time = limits.time / 2;
  MinimizeResult reduced = minimize(start, [&](const Scenario& s) { return shows(claim, signature, s); }, structural);
  Minimal out{reduced.scenario, *violation_with(claim, signature, reduced.scenario), reduced.tries, reduced.exhausted};
  if (count_ops(out.scenario.ops) > 1) {
    OneOpSearch search{claim, signature, out.violation.invariant};
    if (auto single = search.run(deadline); single && size_of(*single) < size_of(out.scenario)) out.scenario = *single;
    out.tries += search.tries;
    if (Clock::now() > deadline) out.exhausted = false;
  }
  out.scenario.name = signature;
  // An object whose kind is unique in the counterexample is named after its kind ("none", not "none-2").
  for (ObjectSpec& o : out.scenario.objects)
    if (std::count_if(out.scenario.objects.begin(), out.scenario.objects.end(),
                      [&](const ObjectSpec& other) { return other.kind == o.kind; }) == 1)
      o.id = std::string(name_of(o.kind));
  out.violation = *violation_with(claim, signature, out.scenario);
  return out;
}

std::vector<std::string> runtimes_broken(const Claim& claim, Invariant invariant, const Scenario& scenario) {
  Claim one = claim;
  one.invariants = {invariant};
  std::vector<std::string> out;
  for (const auto& version : Names<Version>::rows)
    for (unsigned bits : {64u, 32u})
      for (bool debug : {false, true})
        for (const auto& strategy : Names<Strategy>::rows) {
          Scenario s = scenario;
          s.runtime = RuntimeSpec{version.value, Width{bits}, debug, strategy.value, scenario.runtime.params};
          if (refsim::check(s)) continue;
          if (!violations(one, s).empty()) out.push_back(fuzz::runtime_signature(s.runtime));
        }
  return out;
}

}  // namespace refsim::campaign
