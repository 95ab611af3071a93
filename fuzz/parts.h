// Parts: the pieces both binary layouts share (FORMAT.md): the header with the runtime, and objects.
#pragma once

#include <cstdint>
#include <vector>

#include "fuzz/bytes.h"
#include "model/scenario.h"

namespace refsim::fuzz {

/// The format version byte every binary input starts with.
inline constexpr std::uint8_t kFormatVersion = 1;
/// Limits that keep every input's decoding and stepwise checking small.
inline constexpr std::size_t kMaxObjects = 8;
inline constexpr std::size_t kMaxOps = 256;
inline constexpr unsigned kMaxDepth = 8;

/// The version byte, then the runtime and strategy bytes (and a period for periodic-reset).
RuntimeSpec read_header(Reader& in);
void write_header(Writer& out, const RuntimeSpec& runtime);
/// Whether write_header can express the runtime (a valid width and an applicable strategy).
bool header_expressible(const RuntimeSpec& runtime);

/// One object: the kind byte, then the optional word and refs counts. `index` names duplicates.
ObjectSpec read_object(Reader& in, const RuntimeSpec& runtime, const std::vector<ObjectSpec>& earlier);
void write_object(Writer& out, const ObjectSpec& object, const RuntimeSpec& runtime);

/// The id an object of this kind gets after `earlier`: the kind's name, then "<kind>-2", ...
std::string object_id(Kind kind, const std::vector<ObjectSpec>& earlier);

}  // namespace refsim::fuzz
