// Bytes: the primitives of the binary input format (fuzz/FORMAT.md): a reader that reports the
// offset of what it could not read, a writer, and counts as literals, varints or boundary references.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/scenario.h"

namespace refsim::fuzz {

/// Thrown inside the codec only; decode() turns it into a DecodeError.
struct FormatError {
  std::size_t offset;
  std::string message;
};

/// The values counts may refer to by index on one runtime: powers of two, every cut of every
/// origin's code, and the distances from each kind's initial word to each cut, sorted, unique.
/// Cached per runtime spec; the reference stays valid for the life of the process.
const std::vector<Word>& boundary_table(const RuntimeSpec& runtime);

class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}
  bool done() const { return pos_ >= bytes_.size(); }
  std::size_t offset() const { return pos_; }
  /// The next byte; a FormatError naming `what` at the end of the input.
  std::uint8_t byte(const char* what);
  /// A count (FORMAT.md "Counts"): tag < 0x80 literal; 0x80..0xbf boundary index (14 bits) and a
  /// signed delta byte; 0xc0..0xff a little-endian varint of (tag & 7) + 1 bytes.
  std::uint64_t count(const std::vector<Word>& table, const char* what);
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
  void count(std::uint64_t value, const std::vector<Word>& table);
  std::vector<std::uint8_t> take() { return std::move(out_); }

 private:
  std::vector<std::uint8_t> out_;
};

}  // namespace refsim::fuzz
