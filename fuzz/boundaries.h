// Boundaries: the values a count may name by reference on one runtime (fuzz/FORMAT.md "Counts"),
// as each format version spells the references: version 1 by index into one sorted table (frozen
// to the rows it was defined with), version 2 by origin, kind and cut, so that no appended row
// moves them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "model/scenario.h"
#include "model/semantics/step.h"

namespace refsim::fuzz {

class Reader;

/// Format 1's table was built from these rows (origins core..ext-3.14, kinds none..static-id-str);
/// rows appended since do not join it, so no version 1 input changes meaning.
inline constexpr std::size_t kFormat1Origins = 5;
inline constexpr std::size_t kFormat1Kinds = 14;

class Boundaries {
 public:
  /// The references of a format version (1 or 2) on a runtime: built once per process for each
  /// (format, version, width, debug, strategy); the reference stays valid for the process.
  static const Boundaries& of(std::uint8_t format, const RuntimeSpec& runtime);

  /// Reads the rest of a reference whose tag byte (0x80..0xbf) was read at `at`: the base value.
  /// A reference to nothing is a FormatError at `at`.
  Word read(Reader& in, std::uint8_t tag, std::size_t at, const char* what) const;

  /// A reference as written: its bytes (tag first, the delta byte not included) and its value.
  struct Spelling {
    std::array<std::uint8_t, 3> bytes{};
    std::uint8_t size = 0;
    Word value = 0;
  };
  /// The reference nearest `value` within a delta byte's reach (value - base in -128..127);
  /// among equally near ones the shortest, then the first in the format's order.
  std::optional<Spelling> nearest(Word value) const;

  /// Every value a reference can name (without zero), sorted, unique: what mutators draw from.
  const std::vector<Word>& values() const { return values_; }

 private:
  Boundaries(std::uint8_t format, const RuntimeSpec& runtime);
  Word read_v1(Reader& in, std::uint8_t tag, std::size_t at, const char* what) const;
  Word read_v2(Reader& in, std::uint8_t tag, std::size_t at, const char* what) const;
  void add(Word value, Spelling spelling);

  std::uint8_t format_;
  Word mask_;
  std::vector<Word> table_;              ///< format 1: the indexed table
  std::vector<Cuts> origin_cuts_;        ///< format 2: Runtime::cuts(origin), in origin order
  std::vector<Word> starts_;             ///< format 2: each kind's initial word (refs 1)
  std::vector<Spelling> spellings_;      ///< every reference, by value, then size, then order
  std::vector<Word> values_;
};

/// The flat value list of the current format on a runtime (Boundaries::of(2, runtime).values()).
const std::vector<Word>& boundary_table(const RuntimeSpec& runtime);

}  // namespace refsim::fuzz
