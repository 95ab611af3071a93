// The fast engine's cells (the table is in ft_jump.h).
#include "model/freethreaded/ft_jump.h"

#include <limits>

namespace refsim::ft {
namespace {

constexpr std::uint64_t kUnbounded = std::numeric_limits<std::uint64_t>::max();

Word count_mask(const FtBuild& b) { return b.ssize_mask() >> kSharedShift; }
Word unsigned_count(const FtBuild& b, Word shared) { return (shared >> kSharedShift) & count_mask(b); }
Word sign_bit(const FtBuild& b) { return Word{1} << (b.ssize_bits - 3); }

}  // namespace

std::uint64_t quiet_steps(const FtBuild& b, const FtObjState& s, Tid caller, bool up) {
  const FtObject& o = s.o;
  if (o.freed) return 0;
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
  if (o.local == b.local_max()) return;
  if (o.tid == caller) {
    o.local = up ? o.local + k : o.local - k;
    return;
  }
  const Word delta = static_cast<Word>(k) << kSharedShift;
  o.shared = b.wrap(up ? o.shared + delta : o.shared - delta);
}

}  // namespace refsim::ft
