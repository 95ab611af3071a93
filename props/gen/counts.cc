// Counts and words biased towards boundaries, shrinking as integers.
#include "props/gen/counts.h"

#include <algorithm>

#include "props/gen/boundaries.h"

namespace refsim::props::gen {

namespace {

using Pick = std::function<std::uint64_t(rc::Random&)>;

std::uint64_t below(rc::Random& r, std::uint64_t n) { return n == 0 ? 0 : r.next() % n; }

/// Log-uniform in [lo, hi].
std::uint64_t pick_log(rc::Random& r, std::uint64_t lo, std::uint64_t hi) {
  if (hi <= lo) return lo;
  const std::uint64_t span = hi - lo;
  const unsigned top = 64 - static_cast<unsigned>(__builtin_clzll(span));
  const unsigned bits = static_cast<unsigned>(below(r, top + 1));
  const std::uint64_t value = bits == 0 ? 0 : (bits == 64 ? r.next() : r.next() & ((std::uint64_t{1} << bits) - 1));
  return lo + std::min(value, span);
}

}  // namespace

rc::Gen<std::uint64_t> integer(Pick pick, std::uint64_t lo, std::uint64_t hi) {
  return rc::Gen<std::uint64_t>([=](const rc::Random& random, int) {
    rc::Random r = random;
    const std::uint64_t value = std::clamp(pick(r), lo, hi);
    return rc::shrinkable::shrinkRecur(value, [lo](std::uint64_t v) { return rc::shrink::towards(v, lo); });
  });
}

rc::Gen<std::uint64_t> uniform(std::uint64_t lo, std::uint64_t hi) {
  return integer([=](rc::Random& r) { return hi - lo == UINT64_MAX ? r.next() : lo + below(r, hi - lo + 1); }, lo, hi);
}

rc::Gen<std::uint64_t> integer_below(std::uint64_t n) { return uniform(0, n - 1); }

rc::Gen<std::uint64_t> log_uniform(std::uint64_t lo, std::uint64_t hi) {
  return integer([=](rc::Random& r) { return pick_log(r, lo, hi); }, lo, hi);
}

rc::Gen<Word> word(const RuntimeSpec& rt) {
  const std::vector<Boundary> bounds = boundaries(rt);
  const Width w = rt.width;
  return integer(
      [=](rc::Random& r) -> Word {
        if (below(r, 4) == 0) return r.next() & w.mask();
        const Boundary& b = bounds[below(r, bounds.size())];
        Word base = b.value;
        if (b.mod_bits < w.bits) base = (r.next() & w.mask() & ~((Word{1} << b.mod_bits) - 1)) | b.value;
        return w.wrap(base + below(r, 7) - 3);
      },
      0, w.mask());
}

rc::Gen<std::uint64_t> count(const RuntimeSpec& rt, Word from, bool up, std::uint64_t cap) {
  const std::vector<Boundary> bounds = boundaries(rt);
  const Width w = rt.width;
  return integer(
      [=](rc::Random& r) -> std::uint64_t {
        const auto choice = below(r, 8);
        if (choice == 0) return below(r, 9);
        if (choice == 1) return pick_log(r, 0, cap);
        const Boundary& b = bounds[below(r, bounds.size())];
        unsigned __int128 d = distance(b, from, up, w);
        if (b.mod_bits < w.bits && below(r, 4) == 0) d += (unsigned __int128)(1 + below(r, 2)) << b.mod_bits;
        d = d + below(r, 5);
        d = d >= 2 ? d - 2 : 0;
        if (d > cap) return pick_log(r, 0, cap);
        return static_cast<std::uint64_t>(d);
      },
      0, cap);
}

}  // namespace refsim::props::gen
