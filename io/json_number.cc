// Numbers as scenario files and reports write them (io/scenario_json.h): JSON integers, "0x..."
// strings and decimal strings read as 128-bit values, and the decimal text reports write for
// integers that can exceed 2^53.
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "io/scenario_json.h"

namespace refsim {

JsonNumber read_number(const nlohmann::ordered_json& j, bool decimal_strings) {
  using Status = JsonNumber::Status;
  if (j.is_number_unsigned()) return {Status::Ok, static_cast<Int128>(j.get<std::uint64_t>())};
  if (j.is_number_integer()) return {Status::Ok, j.get<std::int64_t>()};
  if (j.is_number_float()) {
    // The parser only makes floats of integer literals that do not fit 64 bits.
    const double d = j.get<double>();
    if (std::isfinite(d) && d == std::trunc(d) && (d >= 0x1p64 || d < -0x1p63))
      return {Status::OutOfRange, d < 0 ? -1 : 1};
    return {};
  }
  if (!j.is_string()) return {};
  std::string_view text = j.get_ref<const std::string&>();
  bool negative = false;
  unsigned base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    text.remove_prefix(2);
  } else {
    if (!decimal_strings) return {};
    if (!text.empty() && text[0] == '-') {
      negative = true;
      text.remove_prefix(1);
    }
  }
  if (text.empty()) return {};
  unsigned __int128 magnitude = 0;
  bool huge = false;
  for (char c : text) {
    unsigned digit = 0;
    if (c >= '0' && c <= '9') digit = static_cast<unsigned>(c - '0');
    else if (base == 16 && c >= 'a' && c <= 'f') digit = static_cast<unsigned>(c - 'a' + 10);
    else if (base == 16 && c >= 'A' && c <= 'F') digit = static_cast<unsigned>(c - 'A' + 10);
    else return {};
    if (!huge) magnitude = magnitude * base + digit;
    huge = huge || (magnitude >> 120) != 0;
  }
  if (huge) return {Status::OutOfRange, negative ? -1 : 1};
  const Int128 value = static_cast<Int128>(magnitude);
  return {Status::Ok, negative ? -value : value};
}

std::string decimal(Int128 value) {
  unsigned __int128 magnitude = value < 0 ? -static_cast<unsigned __int128>(value)
                                          : static_cast<unsigned __int128>(value);
  std::string out;
  do {
    out.insert(out.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  return value < 0 ? "-" + out : out;
}

}  // namespace refsim
