// Claim bytes: the reader both claim-input decoders share (claim_input.cc for the default build,
// ft_claim_input.cc for free-threaded builds): a stream that never fails, and the count encoding of
// docs/CLAIMS.md, "Inputs".
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "model/width.h"

namespace refsim::campaign {

/// Bytes read in order; missing bytes read as zero (and `done` says the input ended).
class ByteStream {
 public:
  explicit ByteStream(std::span<const std::uint8_t> b) : b_(b) {}
  bool done() const { return pos_ >= b_.size(); }
  std::uint8_t next() { return pos_ < b_.size() ? b_[pos_++] : 0; }

 private:
  std::span<const std::uint8_t> b_;
  std::size_t pos_ = 0;
};

template <class T>
const T& pick(const std::vector<T>& list, unsigned n) {
  return list[n % list.size()];
}

/// A count: 0x00-0x3f literal 1..64; 0x40-0x7f 2^k plus a signed delta byte; 0x80-0xbf an entry of
/// the runtime's boundary table (`table()`, called only then) plus a signed delta byte; 0xc0-0xfe
/// a little-endian number of (tag & 7) + 1 bytes; 0xff the largest count allowed (`limit`).
/// Clamped to 1..limit.
template <class Table>
std::uint64_t read_count(ByteStream& in, const Table& table, std::uint64_t limit) {
  const std::uint8_t tag = in.next();
  std::uint64_t value = 0;
  if (tag < 0x40) value = tag + 1u;
  else if (tag < 0x80) value = (std::uint64_t{1} << (tag & 63)) + static_cast<std::uint64_t>(static_cast<std::int8_t>(in.next()));
  else if (tag < 0xc0) {
    const std::vector<Word>& edges = table();
    const unsigned index = ((tag & 0x3fu) << 8) | in.next();
    value = static_cast<std::uint64_t>(edges.empty() ? 1 : edges[index % edges.size()]) +
            static_cast<std::uint64_t>(static_cast<std::int8_t>(in.next()));
  } else if (tag < 0xff) {
    for (unsigned i = 0; i <= (tag & 7u); ++i) value |= std::uint64_t{in.next()} << (8 * i);
  } else value = limit;
  return std::clamp<std::uint64_t>(value, 1, limit);
}

}  // namespace refsim::campaign
