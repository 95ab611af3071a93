// Shown: a user-given piece of a `refsim: ` error line (a file path, a JSON path, an argument) made
// safe to print: control characters escaped (a path with a newline or an escape sequence stays on
// one line and cannot drive the terminal) and at most kShownMax characters, the middle elided (a
// path into a 256-deep JSON document is not a screenful).
#pragma once

#include <string>
#include <string_view>

#include "io/report_text.h"

namespace refsim::tools {

inline constexpr std::size_t kShownMax = 240;

inline std::string shown(std::string_view text) {
  std::string out = printable(text);
  if (out.size() <= kShownMax) return out;
  const std::size_t keep = kShownMax / 2 - 4;
  return out.substr(0, keep) + " ... " + out.substr(out.size() - keep);
}

}  // namespace refsim::tools
