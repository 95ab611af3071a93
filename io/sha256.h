// SHA-256: the digest that names a scenario file in its report (FIPS 180-4), no external library.
#pragma once

#include <string>
#include <string_view>

namespace refsim {

/// The SHA-256 of `bytes` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace refsim
