// Repeat jumps of the free-threaded engine (the argument is in ft_repeat.h).
#include "model/freethreaded/ft_repeat.h"

#include "model/freethreaded/ft_jump.h"

namespace refsim::ft {
namespace {

/// STATE moved along by K drifts, or nothing when a field would leave its range (a wrap is no drift).
std::optional<FtObjState> moved(const FtBuild& b, const FtObjState& state, const Drift& d, std::uint64_t k) {
  const Int128 local = Int128(state.o.local) + Int128(k) * d.local;
  const Int128 count = Int128(shared_count(b, state.o.shared)) + Int128(k) * d.count;
  const Int128 count_max = b.shared_count_max();
  if (local < 0 || local > Int128(b.local_max()) || count > count_max || count < -count_max - 1) return std::nullopt;
  FtObjState s = state;
  s.o.local = static_cast<Word>(local);
  s.o.shared = shared_word(b, static_cast<std::int64_t>(count), state.o.shared & kFlagMask);
  return s;
}

/// The cell's discrete part: the branch of ft_jump.h's table an operation takes from S.
struct CellKey {
  bool immortal, local_all_ones, negative;
  bool operator==(const CellKey&) const = default;
};
CellKey key_of(const FtBuild& b, const FtObjState& s) {
  return {is_immortal(b, s.o), s.o.local == b.local_max(), shared_count(b, s.o.shared) < 0};
}

/// Whether OP, K drifts on, is still quiet for its whole count in the cell it ran in, and ends there
/// (a quiet run may wrap the shared count from its minimum to its maximum, which no drift is: the wrap
/// changes its sign, so the end's cell differs).
bool quiet_after(const FtBuild& b, const CountedAt& op, const Drift& d, std::uint64_t k) {
  const std::optional<FtObjState> s = moved(b, op.before, d, k);
  if (!s || key_of(b, *s) != key_of(b, op.before) || quiet_steps(b, *s, op.caller, op.up) < op.count) return false;
  FtObjState end = *s;
  apply_quiet(b, end, op.caller, op.up, op.count);
  return key_of(b, end) == key_of(b, op.before);
}

}  // namespace

std::optional<std::vector<Drift>> drift_of(const FtBuild& b, const std::vector<FtObjState>& before,
                                           const std::vector<FtObjState>& after) {
  std::vector<Drift> drift;
  for (std::size_t i = 0; i < before.size(); ++i) {
    const FtObject &x = before[i].o, &y = after[i].o;
    if (x.tid != y.tid || x.freed || y.freed || x.queue_entries != y.queue_entries ||
        (x.shared & kFlagMask) != (y.shared & kFlagMask) || before[i].queued_for != after[i].queued_for)
      return std::nullopt;
    drift.push_back({Int128(y.local) - Int128(x.local),
                     Int128(shared_count(b, y.shared)) - Int128(shared_count(b, x.shared)),
                     after[i].logical - before[i].logical});
  }
  return drift;
}

std::uint64_t translated_iterations(const FtBuild& b, const std::vector<CountedAt>& ops,
                                    const std::vector<Drift>& drift, std::uint64_t left) {
  for (const CountedAt& op : ops)
    if (quiet_steps(b, op.before, op.caller, op.up) < op.count) return 0;  // it crossed a cell's edge
  // Quiet K drifts on holds for every K up to the largest that holds: bisect for it.
  const auto holds = [&](std::uint64_t k) {
    for (const CountedAt& op : ops)
      if (!quiet_after(b, op, drift[op.obj], k)) return false;
    return true;
  };
  std::uint64_t lo = 0, hi = left;  // holds(lo); the answer is in [lo, hi]
  while (lo < hi) {
    const std::uint64_t mid = lo + (hi - lo + 1) / 2;
    if (holds(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

void apply_drift(const FtBuild& b, std::vector<FtObjState>& state, const std::vector<Drift>& drift,
                 std::uint64_t iterations) {
  for (std::size_t i = 0; i < state.size(); ++i) {
    if (auto s = moved(b, state[i], drift[i], iterations)) state[i].o = s->o;
    state[i].logical += Int128(iterations) * drift[i].logical;
  }
}

}  // namespace refsim::ft
