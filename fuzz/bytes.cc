// Bytes: reader, writer, and the per-runtime boundary table counts refer to.
#include "fuzz/bytes.h"

#include <algorithm>
#include <array>
#include <map>
#include <mutex>
#include <tuple>

#include "model/runtime.h"

namespace refsim::fuzz {

namespace {

constexpr std::uint8_t kBoundaryTag = 0x80;
constexpr std::uint8_t kVarintTag = 0xc0;
constexpr std::size_t kMaxIndex = 1u << 14;

std::vector<Word> make_table(const RuntimeSpec& spec) {
  const Runtime rt(spec);
  const Width w = spec.width;
  std::vector<Word> out;
  for (unsigned k = 0; k < 64; ++k) out.push_back(Word{1} << k);
  for (const Cut& cut : rt.cuts()) {
    const Word modulus_mask = cut.mod_bits >= 64 ? ~Word{0} : (Word{1} << cut.mod_bits) - 1;
    out.push_back(cut.value & w.mask());
    for (int k = 0; k < static_cast<int>(count_of<Kind>()); ++k) {
      const Word start = rt.initial_word(static_cast<Kind>(k), 1);
      out.push_back((start - cut.value) & modulus_mask);  // decrefs from the start down to the cut
      out.push_back((cut.value - start) & modulus_mask);  // increfs from the start up to it
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  out.erase(std::remove(out.begin(), out.end(), Word{0}), out.end());
  if (out.size() > kMaxIndex) out.resize(kMaxIndex);
  return out;
}

}  // namespace

const std::vector<Word>& boundary_table(const RuntimeSpec& spec) {
  using Key = std::tuple<int, unsigned, bool, int>;
  static std::mutex mutex;
  static std::map<Key, std::vector<Word>> cache;
  // The table depends on the code each origin runs, which the strategy may change; periodic-reset
  // parameters do not change any cut.
  const Key key{static_cast<int>(spec.version), spec.width.bits, spec.debug, static_cast<int>(spec.strategy)};
  std::lock_guard lock(mutex);
  auto it = cache.find(key);
  if (it == cache.end()) it = cache.emplace(key, make_table(spec)).first;
  return it->second;
}

std::uint8_t Reader::byte(const char* what) {
  if (pos_ >= bytes_.size()) fail(pos_, std::string("truncated input: expected ") + what);
  return bytes_[pos_++];
}

void Reader::fail(std::size_t at, std::string message) const { throw FormatError{at, std::move(message)}; }

std::uint64_t Reader::count(const std::vector<Word>& table, const char* what) {
  const std::size_t at = pos_;
  const std::uint8_t tag = byte(what);
  if (tag < kBoundaryTag) return tag;
  if (tag < kVarintTag) {
    const std::size_t index = (std::size_t{tag & 0x3fu} << 8) | byte(what);
    const auto delta = static_cast<std::int8_t>(byte(what));
    if (index >= table.size())
      fail(at, "boundary index " + std::to_string(index) + " beyond the table's " +
                   std::to_string(table.size()) + " values");
    const Word base = table[index];
    if ((delta < 0 && base < static_cast<Word>(-delta)) || (delta > 0 && base > ~Word{0} - delta))
      fail(at, "boundary " + std::to_string(base) + " plus delta " + std::to_string(delta) +
                   " leaves the 64-bit range");
    return base + static_cast<Word>(static_cast<std::int64_t>(delta));
  }
  const unsigned n = (tag & 7u) + 1;
  std::uint64_t value = 0;
  for (unsigned i = 0; i < n; ++i) value |= std::uint64_t{byte(what)} << (8 * i);
  return value;
}

void Writer::count(std::uint64_t value, const std::vector<Word>& table) {
  if (value < kBoundaryTag) return byte(static_cast<std::uint8_t>(value));
  // The nearest table value within a delta byte's reach (delta = value - base, -128..127).
  const Word lo = value >= 127 ? value - 127 : 0;
  const Word hi = value <= ~Word{0} - 128 ? value + 128 : ~Word{0};
  std::optional<std::size_t> best;
  Word best_distance = 0;
  for (auto it = std::lower_bound(table.begin(), table.end(), lo); it != table.end() && *it <= hi; ++it) {
    const Word distance = *it > value ? *it - value : value - *it;
    if (!best || distance < best_distance) {
      best = static_cast<std::size_t>(it - table.begin());
      best_distance = distance;
    }
  }
  if (best) {
    const auto delta = static_cast<std::int8_t>(static_cast<std::int64_t>(value - table[*best]));
    byte(static_cast<std::uint8_t>(kBoundaryTag | (*best >> 8)));
    byte(static_cast<std::uint8_t>(*best & 0xff));
    byte(static_cast<std::uint8_t>(delta));
    return;
  }
  unsigned n = 1;
  while (n < 8 && (value >> (8 * n)) != 0) ++n;
  byte(static_cast<std::uint8_t>(kVarintTag | (n - 1)));
  for (unsigned i = 0; i < n; ++i) byte(static_cast<std::uint8_t>(value >> (8 * i)));
}

}  // namespace refsim::fuzz
