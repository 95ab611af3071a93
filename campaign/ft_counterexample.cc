// Free-threaded counterexamples: the smallest free-threaded scenario in a claim's scope that still
// shows one signature. Fewest operations, then fewest single steps (smallest counts), then fewest
// threads, then fewest objects: the structural pass removes operations (in paired scopes an incref
// with as much of the closing release), lowers counts by bisection (paired: an incref and the
// closing release together), drops unused objects and threads; then every single operation of
// the scope (each build of the signature, kind, incref or decref, owner or other thread, its count
// found by bisection) is tried, and the smaller of the two kept.
#include "campaign/ft_counterexample.h"

#include <algorithm>

#include "campaign/ft_violation.h"

namespace refsim::campaign {

namespace {

using Clock = std::chrono::steady_clock;
using ft::FtOp;
using ft::FtOpCode;
using ft::FtScenario;

bool counted(const FtOp& op) { return op.code == FtOpCode::Incref || op.code == FtOpCode::Decref; }

struct Search {
  const Claim& claim;
  const std::string& signature;
  const MinimizeLimits& limits;
  Clock::time_point deadline;
  std::uint64_t tries = 0;
  bool cut = false;

  bool over() {
    if (tries >= limits.max_tries || Clock::now() > deadline || (limits.stop && limits.stop())) cut = true;
    return cut;
  }
  bool holds(const FtScenario& s) {
    ++tries;
    return ft_shows(claim, signature, s);
  }
  /// Takes CANDIDATE into BEST when it is smaller and still shows the signature.
  bool take(FtScenario& best, const FtScenario& candidate) {
    if (over() || !(ft_size_of(candidate) < ft_size_of(best)) || !holds(candidate)) return false;
    best = candidate;
    return true;
  }

  /// The smallest count from 1 to op.count of operation I (and, paired, of the closing release
  /// lowered alongside) that still shows it.
  bool lower(FtScenario& best, std::size_t i, std::optional<std::size_t> closing) {
    const std::uint64_t count = best.ops[i].count;
    const std::uint64_t floor = closing ? count - std::min(count - 1, best.ops[*closing].count - 1) : 1;
    auto with = [&](std::uint64_t c) {
      FtScenario s = best;
      s.ops[i].count = c;
      if (closing) s.ops[*closing].count -= count - c;
      return s;
    };
    const std::uint64_t n = lowest_count(floor, count, [&](std::uint64_t c) { return holds(with(c)); }, [&] { return over(); });
    return n < count && take(best, with(n));
  }

  /// One pass of every reduction; true when one was taken.
  bool pass(FtScenario& best) {
    bool better = false;
    for (std::size_t i = best.ops.size(); i-- > 0 && i < best.ops.size();) {
      FtScenario s = best;
      s.ops.erase(s.ops.begin() + static_cast<std::ptrdiff_t>(i));
      if (take(best, s)) {
        better = true;
        continue;
      }
      if (claim.ft_scope->paired && best.ops[i].code == FtOpCode::Incref) {
        const std::optional<std::size_t> last = closing(best);
        if (last && *last != i && best.ops[*last].count >= best.ops[i].count) {
          FtScenario t = best;
          t.ops[*last].count -= t.ops[i].count;
          if (t.ops[*last].count == 0) t.ops.erase(t.ops.begin() + static_cast<std::ptrdiff_t>(*last));
          t.ops.erase(t.ops.begin() + static_cast<std::ptrdiff_t>(i));
          if (take(best, t)) better = true;
        }
      }
    }
    for (std::size_t i = 0; i < best.ops.size(); ++i) {
      if (!counted(best.ops[i]) || best.ops[i].count <= 1) continue;
      if (lower(best, i, std::nullopt)) better = true;
      else if (claim.ft_scope->paired && best.ops[i].code == FtOpCode::Incref)
        if (const auto last = closing(best); last && *last != i && lower(best, i, last)) better = true;
    }
    better = drop_unused(best) || better;
    return better;
  }

  static std::optional<std::size_t> closing(const FtScenario& s) {
    for (std::size_t i = s.ops.size(); i-- > 0;)
      if (s.ops[i].code == FtOpCode::Decref) return i;
    return std::nullopt;
  }

  /// Objects no operation names and threads that neither run anything nor own an object.
  bool drop_unused(FtScenario& best) {
    bool better = false;
    for (std::size_t o = best.objects.size(); o-- > 0;) {
      if (best.objects.size() == 1) break;
      if (std::any_of(best.ops.begin(), best.ops.end(), [&](const FtOp& op) { return op.code != FtOpCode::Merge && op.obj == o; }))
        continue;
      FtScenario s = best;
      s.objects.erase(s.objects.begin() + static_cast<std::ptrdiff_t>(o));
      for (FtOp& op : s.ops)
        if (op.code != FtOpCode::Merge && op.obj > o) --op.obj;
      better = take(best, s) || better;
    }
    for (std::size_t t = best.threads.size(); t-- > 0;) {
      if (best.threads.size() == 1) break;
      if (std::any_of(best.ops.begin(), best.ops.end(), [&](const FtOp& op) { return op.thread == t; }) ||
          std::any_of(best.objects.begin(), best.objects.end(), [&](const ft::FtObjectSpec& o) { return o.owner == t; }))
        continue;
      FtScenario s = best;
      s.threads.erase(s.threads.begin() + static_cast<std::ptrdiff_t>(t));
      for (FtOp& op : s.ops)
        if (op.thread > t) --op.thread;
      for (ft::FtObjectSpec& o : s.objects)
        if (o.owner != ft::kUnowned && o.owner > t) --o.owner;
      better = take(best, s) || better;
    }
    return better;
  }

  FtScenario single(const ft::FtBuild& b, ft::FtKind kind, FtOpCode code, FtActor actor, std::uint64_t count) const {
    FtScenario s;
    s.name = signature;
    s.build = b;
    s.threads = {thread_name(0)};
    if (actor == FtActor::Other) s.threads.push_back(thread_name(1));
    s.objects = {ft::FtObjectSpec{std::string(name_of(kind)), kind, kind == ft::FtKind::Immortal ? ft::kUnowned : 0, 1,
                                  std::nullopt, std::nullopt}};
    FtOp op;
    op.code = code;
    op.thread = actor == FtActor::Owner ? 0 : 1;
    op.count = count;
    s.ops = {op};
    return s;
  }

  /// The smallest single operation that shows the signature, if any.
  std::optional<FtScenario> one_op() {
    const FtScope& scope = *claim.ft_scope;
    const std::uint64_t top = std::min(scope.max_count, scope.max_steps);
    std::optional<FtScenario> best;
    for (const ft::FtBuild& b : ft_builds_of(scope)) {
      if (std::none_of(claim.invariants.begin(), claim.invariants.end(),
                       [&](Invariant inv) { return signature_of(claim, inv, b) == signature; }))
        continue;  // another family or width
      for (ft::FtKind kind : scope.kinds)
        for (FtOpCode code : {FtOpCode::Incref, FtOpCode::Decref}) {
          if (std::find(scope.ops.begin(), scope.ops.end(), code) == scope.ops.end() || !kind_on(b, kind)) continue;
          for (FtActor actor : scope.threads) {
            if (over()) return best;
            const auto n = smallest_showing_count(
                top, [&](std::uint64_t c) { return holds(single(b, kind, code, actor, c)); }, [&] { return over(); });
            if (!n) continue;
            FtScenario found = single(b, kind, code, actor, *n);
            if (!best || ft_size_of(found) < ft_size_of(*best)) best = std::move(found);
          }
        }
    }
    return best;
  }
};

}  // namespace

FtSize ft_size_of(const FtScenario& s) {
  return FtSize{s.ops.size(), ft::expanded_steps(s.ops), s.threads.size(), s.objects.size()};
}

bool ft_shows(const Claim& claim, const std::string& signature, const FtScenario& s) {
  if (!claim.ft_scope || !ft_in_scope(*claim.ft_scope, s) || ft::check(s)) return false;
  for (const Violation& v : ft_check_claim(claim, s).violations)
    if (v.signature == signature) return true;
  return false;
}

FtMinimal minimize_ft_counterexample(const Claim& claim, const std::string& signature, const FtScenario& start,
                                     const MinimizeLimits& limits) {
  Search search{claim, signature, limits, Clock::now() + limits.time};
  FtScenario best = start;
  const MinimizeLimits structural{limits.time / 2, limits.max_tries, limits.stop, {}};
  Search first{claim, signature, structural, Clock::now() + structural.time};
  while (first.pass(best)) {
  }
  search.tries = first.tries;
  // Also for a single operation: another one may have a smaller count.
  if (auto single = search.one_op(); single && ft_size_of(*single) < ft_size_of(best)) best = std::move(*single);
  best.name = signature;
  // Threads are named by their place again ("main", "t2", ...) once unused ones were dropped.
  for (std::size_t t = 0; t < best.threads.size(); ++t) best.threads[t] = thread_name(t);
  for (ft::FtObjectSpec& o : best.objects)
    if (std::count_if(best.objects.begin(), best.objects.end(), [&](const ft::FtObjectSpec& x) { return x.kind == o.kind; }) == 1)
      o.id = std::string(name_of(o.kind));
  return FtMinimal{std::move(best), search.tries, !first.cut && !search.cut};
}

}  // namespace refsim::campaign
