// Minimizer: greedy structural reduction to a local minimum. Each accepted candidate is strictly
// smaller in ScenarioSize's order, so the loop ends; limits bound it in time and predicate calls.
#include "campaign/minimizer.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "model/op_support.h"

namespace refsim::campaign {
namespace {

using Path = std::vector<std::size_t>;
using Clock = std::chrono::steady_clock;

bool has_object(const Op& op) {
  return op.code == OpCode::Incref || op.code == OpCode::Decref || op.code == OpCode::SetRefcnt;
}

bool has_count(const Op& op) {
  return op.code == OpCode::Incref || op.code == OpCode::Decref || op.code == OpCode::Repeat;
}

/// Paths of every operation node, parents before children.
void collect(const std::vector<Op>& ops, Path& prefix, std::vector<Path>& out) {
  for (std::size_t i = 0; i < ops.size(); ++i) {
    prefix.push_back(i);
    out.push_back(prefix);
    if (ops[i].code == OpCode::Repeat) collect(ops[i].body, prefix, out);
    prefix.pop_back();
  }
}

std::vector<Path> all_paths(const Scenario& s) {
  std::vector<Path> out;
  Path prefix;
  collect(s.ops, prefix, out);
  return out;
}

/// The list that holds the node at `path` (the scenario's ops or a repeat's body).
std::vector<Op>& parent_list(Scenario& s, const Path& path) {
  std::vector<Op>* list = &s.ops;
  for (std::size_t depth = 0; depth + 1 < path.size(); ++depth) list = &(*list)[path[depth]].body;
  return *list;
}

Op& op_at(Scenario& s, const Path& path) { return parent_list(s, path)[path.back()]; }

void mark_used(const std::vector<Op>& ops, std::vector<bool>& used) {
  for (const Op& op : ops) {
    if (has_object(op) && op.obj < used.size()) used[op.obj] = true;
    if (op.code == OpCode::Repeat) mark_used(op.body, used);
  }
}

void renumber(std::vector<Op>& ops, const std::vector<std::size_t>& new_index) {
  for (Op& op : ops) {
    if (has_object(op)) op.obj = new_index[op.obj];
    if (op.code == OpCode::Repeat) renumber(op.body, new_index);
  }
}

/// The scenario without the objects no operation names (nullopt when every object is used).
std::optional<Scenario> without_unused_objects(const Scenario& s) {
  std::vector<bool> used(s.objects.size(), false);
  mark_used(s.ops, used);
  Scenario out = s;
  out.objects.clear();
  std::vector<std::size_t> new_index(s.objects.size(), 0);
  for (std::size_t i = 0; i < s.objects.size(); ++i) {
    if (!used[i]) continue;
    new_index[i] = out.objects.size();
    out.objects.push_back(s.objects[i]);
  }
  if (out.objects.size() == s.objects.size()) return std::nullopt;
  renumber(out.ops, new_index);
  return out;
}

class Shrinker {
 public:
  Shrinker(const Scenario& start, const std::function<bool(const Scenario&)>& holds, const MinimizeLimits& limits)
      : best_(start), size_(size_of(start)), holds_(holds), limits_(limits), deadline_(Clock::now() + limits.time) {}

  MinimizeResult run() {
    bool exhausted = false;
    while (!out_of_budget()) {
      if (!(remove_ops() || remove_two() || fold_releases() || merge_neighbours() || unwrap_repeats() ||
            lower_counts() || lower_pairs() || drop_objects())) {
        exhausted = !out_of_budget();
        break;
      }
    }
    return {best_, tries_, exhausted};
  }

 private:
  bool out_of_budget() const {
    return tries_ >= limits_.max_tries || Clock::now() >= deadline_ || (limits_.stop && limits_.stop());
  }

  /// Takes `candidate` when it is smaller, valid and still shows the finding.
  bool attempt(Scenario candidate) {
    const ScenarioSize size = size_of(candidate);
    if (!(size < size_)) return false;
    if (check(candidate)) return false;
    if (out_of_budget()) return false;
    ++tries_;
    if (!holds_(candidate)) return false;
    best_ = std::move(candidate);
    size_ = size;
    if (limits_.on_better) limits_.on_better(best_);
    return true;
  }

  bool remove_ops() {
    for (const Path& path : all_paths(best_)) {
      Scenario candidate = best_;
      std::vector<Op>& list = parent_list(candidate, path);
      list.erase(list.begin() + static_cast<std::ptrdiff_t>(path.back()));
      if (attempt(std::move(candidate))) return true;
    }
    return false;
  }

  /// Removes two top-level operations together: an incref and a decref of the same amount, a stack
  /// reference's opening and its close. Paired references stay paired, which removing either alone
  /// cannot keep.
  bool remove_two() {
    for (std::size_t i = 0; i < best_.ops.size(); ++i)
      for (std::size_t j = i + 1; j < best_.ops.size(); ++j) {
        if (!pair_of(best_.ops[i], best_.ops[j])) continue;
        Scenario candidate = best_;
        candidate.ops.erase(candidate.ops.begin() + static_cast<std::ptrdiff_t>(j));
        candidate.ops.erase(candidate.ops.begin() + static_cast<std::ptrdiff_t>(i));
        if (attempt(std::move(candidate))) return true;
      }
    return false;
  }

  /// Whether `a` then `b` take and give back the same references: an incref and a decref of one
  /// object by the same amount, or a stack reference opened (or duplicated) and closed.
  static bool pair_of(const Op& a, const Op& b) {
    if (a.code == OpCode::Incref && releases(b.code)) return a.obj == b.obj && a.count == b.count;
    if (b.code != OpCode::StackClose) return false;
    if (opens_stack_ref(a.code)) return b.ref == a.ref;
    return a.code == OpCode::StackDup && b.ref == a.ref_to;
  }

  bool unwrap_repeats() {
    for (const Path& path : all_paths(best_)) {
      if (op_at(best_, path).code != OpCode::Repeat) continue;
      Scenario candidate = best_;
      std::vector<Op>& list = parent_list(candidate, path);
      std::vector<Op> body = std::move(list[path.back()].body);
      const auto at = list.begin() + static_cast<std::ptrdiff_t>(path.back());
      list.insert(list.erase(at), std::make_move_iterator(body.begin()), std::make_move_iterator(body.end()));
      if (attempt(std::move(candidate))) return true;
    }
    return false;
  }

  /// Bisects each count down to the smallest value (>= 1) that still holds, assuming that a count
  /// that holds keeps holding when raised; only values that were tried and held are kept.
  bool lower_counts() {
    bool lowered = false;
    for (const Path& path : all_paths(best_)) {
      if (!has_count(op_at(best_, path))) continue;
      std::uint64_t good = op_at(best_, path).count, low = 1;
      while (low < good && !out_of_budget()) {
        const std::uint64_t mid = low + (good - low) / 2;
        Scenario candidate = best_;
        op_at(candidate, path).count = mid;
        if (attempt(std::move(candidate))) {
          good = mid;
          lowered = true;
        } else {
          low = mid + 1;
        }
      }
    }
    return lowered;
  }

  /// Two neighbouring increfs (or decrefs) of one object become one: fewer operations, the same
  /// single steps (kept for paired references, which no removal keeps). By the same code, the merge
  /// changes nothing else; by two codes, it is tried under each (ext-3.13 x5 then ext-3.11 x2 may
  /// show the finding as ext-3.13 x7).
  bool merge_neighbours() {
    for (const Path& path : all_paths(best_)) {
      const std::vector<Op>& list = parent_list(best_, path);
      const std::size_t i = path.back();
      if (i + 1 >= list.size()) continue;
      const Op &a = list[i], &b = list[i + 1];
      if ((a.code != OpCode::Incref && a.code != OpCode::Decref && a.code != OpCode::StealRelease) ||
          a.code != b.code || a.obj != b.obj || a.count > ~std::uint64_t{0} - b.count)
        continue;
      for (const Origin by : {a.by, b.by}) {
        Scenario candidate = best_;
        std::vector<Op>& target = parent_list(candidate, path);
        target[i].count += target[i + 1].count;
        target[i].by = by;
        target.erase(target.begin() + static_cast<std::ptrdiff_t>(i + 1));
        if (attempt(std::move(candidate))) return true;
        if (a.by == b.by) break;
      }
    }
    return false;
  }

  /// A decref, or the loop's release of a stolen reference: an operation that gives back `count`.
  static bool releases(OpCode code) { return code == OpCode::Decref || code == OpCode::StealRelease; }

  /// Lowers a top-level incref (or _Py_RefcntAdd's n) and the last decref (or steal_release) of the
  /// same object together, by the largest amount (bisected) that still holds: the reduction that
  /// keeps paired references paired.
  bool lower_pairs() {
    for (std::size_t i = 0; i < best_.ops.size(); ++i) {
      const std::optional<std::uint64_t> amount = taken(best_.ops[i]);
      if (!amount) continue;
      const std::size_t last = last_release(best_.ops[i].obj, i + 1);
      if (last == best_.ops.size()) continue;
      const std::uint64_t most = std::min(*amount, best_.ops[last].count - 1);
      std::uint64_t good = 0, high = most;  // good: a cut that held (0: none yet)
      while (good < high && !out_of_budget()) {
        const std::uint64_t cut = high - (high - good) / 2;
        Scenario candidate = best_;
        candidate.ops[last].count -= cut;
        Op& take = candidate.ops[i];
        (take.code == OpCode::RefcntAdd ? take.value : take.count) -= cut;
        if (*amount == cut) candidate.ops.erase(candidate.ops.begin() + static_cast<std::ptrdiff_t>(i));
        if (attempt(std::move(candidate))) return true;
        high = cut - 1;
      }
    }
    return false;
  }

  /// The references a top-level operation takes at once: an incref's count, _Py_RefcntAdd's n.
  static std::optional<std::uint64_t> taken(const Op& op) {
    if (op.code == OpCode::Incref) return op.count;
    if (op.code == OpCode::RefcntAdd && op.count == 1) return op.value;
    return std::nullopt;
  }

  /// The last top-level release of object `obj` at or after `from` (ops.size(): none).
  std::size_t last_release(std::size_t obj, std::size_t from) const {
    for (std::size_t j = best_.ops.size(); j-- > from;)
      if (releases(best_.ops[j].code) && best_.ops[j].obj == obj) return j;
    return best_.ops.size();
  }

  /// Folds a top-level release into the last release of the same object: one operation fewer, the
  /// same references released (paired references stay paired).
  bool fold_releases() {
    for (std::size_t i = 0; i < best_.ops.size(); ++i) {
      const Op& op = best_.ops[i];
      if (!releases(op.code)) continue;
      const std::size_t last = last_release(op.obj, i + 1);
      if (last == best_.ops.size() || best_.ops[last].count > ~std::uint64_t{0} - op.count) continue;
      Scenario candidate = best_;
      candidate.ops[last].count += op.count;
      candidate.ops.erase(candidate.ops.begin() + static_cast<std::ptrdiff_t>(i));
      if (attempt(std::move(candidate))) return true;
    }
    return false;
  }

  bool drop_objects() {
    std::optional<Scenario> candidate = without_unused_objects(best_);
    return candidate && attempt(std::move(*candidate));
  }

  Scenario best_;
  ScenarioSize size_;
  const std::function<bool(const Scenario&)>& holds_;
  MinimizeLimits limits_;
  Clock::time_point deadline_;
  std::uint64_t tries_ = 0;
};

}  // namespace

std::uint64_t count_ops(const std::vector<Op>& ops) {
  std::uint64_t n = 0;
  for (const Op& op : ops) n += 1 + (op.code == OpCode::Repeat ? count_ops(op.body) : 0);
  return n;
}

ScenarioSize size_of(const Scenario& scenario) {
  return {count_ops(scenario.ops), expanded_steps(scenario.ops), scenario.objects.size()};
}

MinimizeResult minimize(const Scenario& start, const std::function<bool(const Scenario&)>& holds,
                        const MinimizeLimits& limits) {
  return Shrinker(start, holds, limits).run();
}

std::uint64_t lowest_count(std::uint64_t lo, std::uint64_t hi, const std::function<bool(std::uint64_t)>& shows,
                           const std::function<bool()>& stop) {
  while (lo < hi && !(stop && stop())) {
    const std::uint64_t mid = lo + (hi - lo) / 2;
    if (shows(mid)) hi = mid;
    else lo = mid + 1;
  }
  return hi;
}

std::optional<std::uint64_t> smallest_showing_count(std::uint64_t top, const std::function<bool(std::uint64_t)>& shows,
                                                    const std::function<bool()>& stop) {
  std::uint64_t hi = std::max<std::uint64_t>(top, 1);
  while (!shows(hi)) {
    if (hi == 1 || (stop && stop())) return std::nullopt;
    hi /= 2;
  }
  return lowest_count(1, hi, shows, stop);
}

}  // namespace refsim::campaign
