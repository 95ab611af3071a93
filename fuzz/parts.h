// Parts: the pieces both binary layouts share (FORMAT.md): the header with the runtime, and objects.
#pragma once

#include <cstdint>
#include <vector>

#include "fuzz/bytes.h"
#include "model/scenario.h"

namespace refsim::fuzz {

/// The format version byte the writer puts first. Version 1 and 2 inputs still decode as they
/// always did (FORMAT.md "Versioning"): version 1's boundary table is frozen; version 3 changed
/// only the ledger layout (its loop steps, and a take once nothing is held is dropped).
inline constexpr std::uint8_t kFormatVersion = 3;
inline constexpr std::uint8_t kOldestFormatVersion = 1;
/// Limits that keep every input's decoding and stepwise checking small.
inline constexpr std::size_t kMaxObjects = 8;
inline constexpr std::size_t kMaxOps = 256;
inline constexpr unsigned kMaxDepth = 8;
/// Stack references an input can have open at once, named "r0".."r7".
inline constexpr std::size_t kMaxStackRefs = 8;
/// The widths the runtime byte names, by their code (bits 3-4): the real 64 and 32, and the scaled
/// 16 and 8 (FORMAT.md).
inline constexpr unsigned kWidths[] = {64, 32, 16, 8};

/// The fields of the table rows in the format (FORMAT.md "Rows").
inline constexpr RowField kVersionField{3, "runtime version"};
inline constexpr RowField kStrategyField{3, "strategy"};
inline constexpr RowField kKindField{4, "object kind"};
inline constexpr RowField kOriginField{3, "origin"};

/// What the header says: the runtime, and the boundary references counts use after it.
struct Header {
  std::uint8_t format;  ///< the version byte
  RuntimeSpec runtime;
  const Boundaries* boundaries;
};

/// The version byte, then the runtime and strategy bytes (and a period for periodic-reset).
Header read_header(Reader& in);
/// Writes the current format version's header; its boundaries are current_boundaries(runtime).
void write_header(Writer& out, const RuntimeSpec& runtime);
/// The boundary references the writer uses.
const Boundaries& current_boundaries(const RuntimeSpec& runtime);
/// Whether write_header can express the runtime (a valid width, an applicable strategy, rows the
/// fields can name).
bool header_expressible(const RuntimeSpec& runtime);

/// One object: the kind byte, then the optional word and refs counts. `index` names duplicates.
ObjectSpec read_object(Reader& in, const Header& header, const std::vector<ObjectSpec>& earlier);
void write_object(Writer& out, const ObjectSpec& object, const RuntimeSpec& runtime);

/// The id an object of this kind gets after `earlier`: the kind's name, then "<kind>-2", ...
std::string object_id(Kind kind, const std::vector<ObjectSpec>& earlier);

}  // namespace refsim::fuzz
