// Counterexample: the minimizer's predicate for one signature, the one-operation search, and the
// re-run of a counterexample on every runtime.
#include "campaign/counterexample.h"

#include <algorithm>

#include "campaign/claim_input.h"
#include "campaign/ft_counterexample.h"
#include "campaign/ft_violation.h"
#include "fuzz/finding.h"

namespace refsim::campaign {

namespace {

using Clock = std::chrono::steady_clock;

template <class AnyScenario>
std::optional<Violation> violation_with(const Claim& claim, const std::string& signature, const AnyScenario& s) {
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
            const auto n =
                smallest_showing_count(top, [&](std::uint64_t c) { return holds(single(rt, kind, code, by, c)); });
            if (!n) continue;
            Scenario found = single(rt, kind, code, by, *n);
            if (!best || size_of(found) < size_of(*best)) best = std::move(found);
          }
        }
    }
    return best;
  }
};

}  // namespace

bool shows(const Claim& claim, const std::string& signature, const ClaimScenario& scenario) {
  if (const auto* threaded = std::get_if<ft::FtScenario>(&scenario)) return ft_shows(claim, signature, *threaded);
  return shows(claim, signature, std::get<Scenario>(scenario));
}

bool shows(const Claim& claim, const std::string& signature, const Scenario& s) {
  if (claim.ft_scope || !in_scope(claim.scope, s) || refsim::check(s)) return false;
  return violation_with(claim, signature, s).has_value();
}

Minimal minimize_counterexample(const Claim& claim, const std::string& signature, const ClaimScenario& from,
                                const MinimizeLimits& limits) {
  if (const auto* threaded = std::get_if<ft::FtScenario>(&from)) {
    FtMinimal m = minimize_ft_counterexample(claim, signature, *threaded, limits);
    Violation v = *violation_with(claim, signature, m.scenario);
    return Minimal{std::move(m.scenario), std::move(v), m.tries, m.exhausted};
  }
  const Scenario& start = std::get<Scenario>(from);
  const Clock::time_point deadline = Clock::now() + limits.time;
  MinimizeLimits structural = limits;
  structural.time = limits.time / 2;
  MinimizeResult reduced = minimize(start, [&](const Scenario& s) { return shows(claim, signature, s); }, structural);
  Scenario best = reduced.scenario;
  std::uint64_t tries = reduced.tries;
  bool exhausted = reduced.exhausted;
  {  // also for a single operation: another one may have a smaller count
    OneOpSearch search{claim, signature, violation_with(claim, signature, best)->invariant};
    if (auto single = search.run(deadline); single && size_of(*single) < size_of(best)) best = *single;
    tries += search.tries;
    if (Clock::now() > deadline) exhausted = false;
  }
  best.name = signature;
  // An object whose kind is unique in the counterexample is named after its kind ("none", not "none-2").
  for (ObjectSpec& o : best.objects)
    if (std::count_if(best.objects.begin(), best.objects.end(),
                      [&](const ObjectSpec& other) { return other.kind == o.kind; }) == 1)
      o.id = std::string(name_of(o.kind));
  Violation v = *violation_with(claim, signature, best);
  return Minimal{std::move(best), std::move(v), tries, exhausted};
}

bool smaller(const ClaimScenario& a, const ClaimScenario& b) {
  const auto* fa = std::get_if<ft::FtScenario>(&a);
  const auto* fb = std::get_if<ft::FtScenario>(&b);
  if (fa && fb) return ft_size_of(*fa) < ft_size_of(*fb);
  if (!fa && !fb) return size_of(std::get<Scenario>(a)) < size_of(std::get<Scenario>(b));
  return false;  // never compared: one claim's scenarios are all of one kind
}

std::vector<std::string> runtimes_broken(const Claim& claim, Invariant invariant, const ClaimScenario& any) {
  if (const auto* threaded = std::get_if<ft::FtScenario>(&any)) return ft_builds_broken(claim, invariant, *threaded);
  const Scenario& scenario = std::get<Scenario>(any);
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
