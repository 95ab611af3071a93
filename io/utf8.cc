// UTF-8: validation by the table of well-formed byte sequences (Unicode 15, table 3-7), and repair.
#include "io/utf8.h"

#include <cstdint>

namespace refsim {

std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t n = 0;
  std::uint32_t cp = 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) n = 2, cp = lead & 0x1f;
  else if (lead >= 0xe0 && lead <= 0xef) n = 3, cp = lead & 0x0f;
  else if (lead >= 0xf0 && lead <= 0xf4) n = 4, cp = lead & 0x07;
  else return 0;
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3f);
  }
  const bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
  const bool excluded = (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff;
  return overlong || excluded ? 0 : n;
}

std::string valid_utf8(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8_length(text, i);
    if (n == 0) {
      out += "\xef\xbf\xbd";  // U+FFFD
      ++i;
      continue;
    }
    out.append(text, i, n);
    i += n;
  }
  return out;
}

}  // namespace refsim
