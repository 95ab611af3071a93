// UTF-8: what JSON and XML writers and the text output need from bytes that come from outside (file
// names): which sequences are valid, their code points, and a copy with the invalid bytes replaced.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace refsim {

/// The length of the valid UTF-8 sequence starting at text[i] (1 to 4), or 0 when the bytes there
/// are not one (a stray continuation byte, an overlong form, a surrogate, past U+10FFFF, cut off).
std::size_t utf8_length(std::string_view text, std::size_t i);

/// The code point of the valid sequence of `length` bytes (utf8_length's) starting at text[i].
char32_t utf8_code_point(std::string_view text, std::size_t i, std::size_t length);

/// `text` with every byte that does not start a valid UTF-8 sequence replaced by U+FFFD, so that
/// it can go into a JSON string (a file name as a default scenario name).
std::string valid_utf8(std::string_view text);

}  // namespace refsim
