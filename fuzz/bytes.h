// Bytes: the primitives of the binary input format (fuzz/FORMAT.md): a reader that reports the
// offset of what it could not read, a writer, counts as literals, varints or boundary references,
// and table rows in fields with an escape to an extension byte.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "fuzz/boundaries.h"
#include "model/scenario.h"

namespace refsim::fuzz {

/// Thrown inside the codec only; decode() turns it into a DecodeError.
struct FormatError {
  std::size_t offset;
  std::string message;
};

/// A field of `bits` bits names a table row; its all-ones value is an escape: the row is then
/// all-ones plus the extension byte that follows the field's byte (FORMAT.md "Rows").
struct RowField {
  unsigned bits;
  const char* what;  ///< "runtime version", "origin", ...
  constexpr unsigned escape() const { return (1u << bits) - 1; }
};

class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}
  bool done() const { return pos_ >= bytes_.size(); }
  std::size_t offset() const { return pos_; }
  /// The next byte; a FormatError naming `what` at the end of the input.
  std::uint8_t byte(const char* what);
  /// A count (FORMAT.md "Counts"): tag < 0x80 literal; 0x80..0xbf a boundary reference (spelled
  /// as `boundaries`' format says) and a signed delta byte; 0xc0..0xff a little-endian varint of
  /// (tag & 7) + 1 bytes.
  std::uint64_t count(const Boundaries& boundaries, const char* what);
  /// The row a field value names (reading the extension byte on an escape); a FormatError at the
  /// field's byte `at` (or at the extension byte) unless the row is below `rows`.
  std::size_t row(RowField field, unsigned value, std::size_t rows, std::size_t at);
  [[noreturn]] void fail(std::size_t at, std::string message) const;

 private:
  std::span<const std::uint8_t> bytes_;
  std::size_t pos_ = 0;
};

class Writer {
 public:
  void byte(std::uint8_t b) { out_.push_back(b); }
  /// The shortest encoding of `value`: a literal, a boundary reference when one is within
  /// +-127, else a varint.
  void count(std::uint64_t value, const Boundaries& boundaries);
  /// The extension byte of a row that does not fit its field (nothing for one that does).
  void row_extension(RowField field, std::size_t row);
  std::vector<std::uint8_t> take() { return std::move(out_); }

 private:
  std::vector<std::uint8_t> out_;
};

/// What a row's field holds: the row, or the escape for rows that need an extension byte.
constexpr unsigned field_value(RowField field, std::size_t row) {
  return row < field.escape() ? static_cast<unsigned>(row) : field.escape();
}
/// Whether a field and its extension byte can name the row.
constexpr bool row_expressible(RowField field, std::size_t row) { return row < field.escape() + 256u; }

}  // namespace refsim::fuzz
