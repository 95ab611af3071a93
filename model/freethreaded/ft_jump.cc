// The fast engine's cells (the table is in ft_jump.h).
#include "model/freethreaded/ft_jump.h"

#include <limits>

namespace refsim::ft {
namespace {

constexpr std::uint64_t kUnbounded = std::numeric_limits<std::uint64_t>::max();

Word count_mask(const FtBuild& b) { return b.ssize_mask() >> kSharedShift; }
Word unsigned_count(const FtBuild& b, Word shared) { return (shared >> kSharedShift) & count_mask(b); }
Word sign_bit(const FtBuild& b) { return Word{1} << (b.ssize_bits - 3); }

/// The draft's cells (c is the signed shared count, cmin its lowest value, m the immortal minimum).
std::uint64_t narrow_quiet_steps(const FtBuild& b, const FtObject& o, Tid caller, bool up) {
  if (o.tid == caller) {
    if (up) return b.local_max() - o.local;
    return o.local == 0 ? 0 : o.local - 1;
  }
  if (is_immortal(b, o)) return kUnbounded;
  const std::int64_t c = shared_count(b, o.shared);
  if (up) return static_cast<std::uint64_t>(b.immortal_min_shared() - 1 - c);
  const bool merged = (o.shared & kFlagMask) == kRefMerged;
  if (c > 0) return static_cast<std::uint64_t>(merged ? c - 1 : c);
  if (c == 0 || (merged && b.debug)) return 0;
  return static_cast<std::uint64_t>(c + b.shared_count_max() + 1);  // down to cmin
}

}  // namespace

std::uint64_t quiet_steps(const FtBuild& b, const FtObjState& s, Tid caller, bool up) {
  const FtObject& o = s.o;
  if (o.freed) return 0;
  if (b.narrow()) return narrow_quiet_steps(b, o, caller, up);
  if (o.local == b.local_max()) return kUnbounded;
  const Word u = unsigned_count(b, o.shared);
  if (up) {
    if (o.tid == caller) return b.local_max() - 1 - o.local;
    return (sign_bit(b) - 1 - u) & count_mask(b);
  }
  if (o.tid == caller) return o.local == 0 ? 0 : o.local - 1;
  if ((o.shared & kFlagMask) != kRefMerged) return u;
  if (u == 0) return 0;
  if (b.debug && u >= sign_bit(b)) return 0;
  return u - 1;
}

void apply_quiet(const FtBuild& b, FtObjState& s, Tid caller, bool up, std::uint64_t k) {
  s.logical += up ? Int128(k) : -Int128(k);
  FtObject& o = s.o;
  // The draft checks immortality on other threads' paths only.
  const bool ignored = b.narrow() ? o.tid != caller && is_immortal(b, o) : o.local == b.local_max();
  if (ignored) return;
  if (o.tid == caller) {
    o.local = up ? o.local + k : o.local - k;
    return;
  }
  const Word delta = static_cast<Word>(k) << kSharedShift;
  o.shared = b.wrap_shared(up ? o.shared + delta : o.shared - delta);
}

std::uint64_t spill_cycles(const FtBuild& b, const FtObjState& s, Tid caller) {
  const FtObject& o = s.o;
  if (!b.narrow() || o.freed || o.tid != caller || o.local != b.local_max()) return 0;
  const std::int64_t c = shared_count(b, o.shared);
  const std::int64_t m = b.immortal_min_shared();
  // Below the minimum, stay below it; at or above it, stay below the count's wrap to negative.
  const std::int64_t room = c < m ? m - 1 - c : b.shared_count_max() - c;
  return static_cast<std::uint64_t>(room) / b.local_max();
}

void apply_spill_cycles(const FtBuild& b, FtObjState& s, std::uint64_t cycles) {
  const Word added = static_cast<Word>(cycles) * b.local_max();
  s.logical += Int128(added);
  s.o.shared = b.wrap_shared(s.o.shared + (added << kSharedShift));
}

}  // namespace refsim::ft
