// SHA-1 (FIPS 180-4): only to name corpus files as libFuzzer does, never for security.
#include <array>
#include <cstdio>

#include "fuzz/regression.h"

namespace refsim::fuzz {

namespace {

std::uint32_t rotl(std::uint32_t x, unsigned n) { return (x << n) | (x >> (32 - n)); }

void block(std::array<std::uint32_t, 5>& h, const std::uint8_t* p) {
  std::uint32_t w[80];
  for (int i = 0; i < 16; ++i)
    w[i] = std::uint32_t{p[4 * i]} << 24 | std::uint32_t{p[4 * i + 1]} << 16 | std::uint32_t{p[4 * i + 2]} << 8 |
           p[4 * i + 3];
  for (int i = 16; i < 80; ++i) w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
  std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
  for (int i = 0; i < 80; ++i) {
    std::uint32_t f, k;
    if (i < 20) f = (b & c) | (~b & d), k = 0x5a827999;
    else if (i < 40) f = b ^ c ^ d, k = 0x6ed9eba1;
    else if (i < 60) f = (b & c) | (b & d) | (c & d), k = 0x8f1bbcdc;
    else f = b ^ c ^ d, k = 0xca62c1d6;
    const std::uint32_t t = rotl(a, 5) + f + e + k + w[i];
    e = d, d = c, c = rotl(b, 30), b = a, a = t;
  }
  h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
}

}  // namespace

std::string sha1_hex(std::span<const std::uint8_t> bytes) {
  std::array<std::uint32_t, 5> h{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
  std::size_t i = 0;
  for (; i + 64 <= bytes.size(); i += 64) block(h, bytes.data() + i);
  std::uint8_t tail[128] = {};
  const std::size_t rest = bytes.size() - i;
  for (std::size_t j = 0; j < rest; ++j) tail[j] = bytes[i + j];
  tail[rest] = 0x80;
  const std::size_t len = rest + 9 <= 64 ? 64 : 128;
  const std::uint64_t bits = std::uint64_t{bytes.size()} * 8;
  for (int j = 0; j < 8; ++j) tail[len - 1 - j] = static_cast<std::uint8_t>(bits >> (8 * j));
  for (std::size_t j = 0; j < len; j += 64) block(h, tail + j);
  char out[41];
  for (int j = 0; j < 5; ++j) std::snprintf(out + 8 * j, 9, "%08x", h[j]);
  return std::string(out, 40);
}

}  // namespace refsim::fuzz
