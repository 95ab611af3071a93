// Bytes: reader and writer of counts and rows.
#include "fuzz/bytes.h"

namespace refsim::fuzz {

namespace {

constexpr std::uint8_t kBoundaryTag = 0x80;
constexpr std::uint8_t kVarintTag = 0xc0;

}  // namespace

std::uint8_t Reader::byte(const char* what) {
  if (pos_ >= bytes_.size()) fail(pos_, std::string("truncated input: expected ") + what);
  return bytes_[pos_++];
}

void Reader::fail(std::size_t at, std::string message) const { throw FormatError{at, std::move(message)}; }

std::uint64_t Reader::count(const Boundaries& boundaries, const char* what) {
  const std::size_t at = pos_;
  const std::uint8_t tag = byte(what);
  if (tag < kBoundaryTag) return tag;
  if (tag < kVarintTag) {
    const Word base = boundaries.read(*this, tag, at, what);
    const auto delta = static_cast<std::int8_t>(byte(what));
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

std::size_t Reader::row(RowField field, unsigned value, std::size_t rows, std::size_t at) {
  std::size_t row = value;
  if (value == field.escape()) {
    at = pos_;
    row += byte((std::string("the extension byte of the ") + field.what).c_str());
  }
  if (row >= rows) fail(at, std::string("unknown ") + field.what + " " + std::to_string(row));
  return row;
}

void Writer::row_extension(RowField field, std::size_t row) {
  if (row >= field.escape()) byte(static_cast<std::uint8_t>(row - field.escape()));
}

void Writer::count(std::uint64_t value, const Boundaries& boundaries) {
  if (value < kBoundaryTag) return byte(static_cast<std::uint8_t>(value));
  if (const auto ref = boundaries.nearest(value)) {
    for (std::uint8_t i = 0; i < ref->size; ++i) byte(ref->bytes[i]);
    byte(static_cast<std::uint8_t>(static_cast<std::int8_t>(static_cast<std::int64_t>(value - ref->value))));
    return;
  }
  unsigned n = 1;
  while (n < 8 && (value >> (8 * n)) != 0) ++n;
  byte(static_cast<std::uint8_t>(kVarintTag | (n - 1)));
  for (unsigned i = 0; i < n; ++i) byte(static_cast<std::uint8_t>(value >> (8 * i)));
}

}  // namespace refsim::fuzz
