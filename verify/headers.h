// Headers: the Python version a directory of headers is, read from its patchlevel.h, so that
// `--headers 3.12=DIR` is refused when DIR holds another version's headers.
#pragma once

#include <string>
#include <variant>

namespace refsim::verify {

struct HeadersVersion {
  std::string version;       ///< "3.13": PY_MAJOR_VERSION.PY_MINOR_VERSION
  std::string full_version;  ///< "3.13.0": PY_VERSION
};

/// The version of the headers in `dir` (DIR/patchlevel.h), or why it cannot be read.
std::variant<HeadersVersion, std::string> headers_version(const std::string& dir);

/// Why `dir` cannot serve as the headers of ext-`version`: no patchlevel.h, or another version's
/// (names both); empty when it can.
std::string headers_mismatch(const std::string& version, const std::string& dir);

}  // namespace refsim::verify
