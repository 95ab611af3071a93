// UTF-8: what JSON and XML writers need from bytes that come from outside (file names): which
// sequences are valid, and a copy with the invalid bytes replaced.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace refsim {

/// The length of the valid UTF-8 sequence starting at text[i] (1 to 4), or 0 when the bytes there
/// are not one (a stray continuation byte, an overlong form, a surrogate, past U+10FFFF, cut off).
std::size_t utf8_length(std::string_view text, std::size_t i);

/// `text` with every byte that does not start a valid UTF-8 sequence replaced by U+FFFD, so that
/// it can go into a JSON string (a file name as a default scenario name).
std::string valid_utf8(std::string_view text);

}  // namespace refsim
