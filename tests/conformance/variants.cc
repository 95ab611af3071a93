// Variants: the header sets at both widths and builds, and the boundary words (variants.h).
#include "tests/conformance/variants.h"

#include <cctype>
#include <set>
#include <string>

namespace refsim::conformance {

namespace {

std::string test_name(const HeaderSet& set, unsigned bits, bool debug) {
  // "cfg32": a pyconfig.h that ./configure wrote for 32 bits (not a retargeted 64-bit one).
  std::string name = "py" + set.label() + (set.configured_bits == 32 ? "_cfg32" : "");
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name + "_w" + std::to_string(bits) + (debug ? "_debug" : "_release");
}

}  // namespace

std::vector<Word> boundary_words(unsigned bits) {
  const std::vector<Word> lows = {
      0, 1, 2, 3, 5, 999999999,                           // zero, one, 3.11's static start
      0x0fffffff, 0x10000000, 0x18000000,                 // draft r2 at 32 (bit 28)
      0x3ffffffe, 0x3fffffff, 0x40000000, 0x40000001,     // 3.12 32-bit immortal, 3.14 32 minimum
      0x4fffffff, 0x50000000, 0x5fffffff, 0x60000000,     // 3.14 32 initials, draft r3 at 32
      0x6fffffff, 0x70000000,                             // 3.14 32 static initial
      0x7ffffffe, 0x7fffffff, 0x80000000, 0x80000001,     // bit 31, 32-bit sign
      0xbffffffe, 0xbfffffff, 0xc0000000, 0xc0000001,     // 3.14 64 initial
      0xffefffff, 0xfff00000, 0xfff00001,                 // 3.14 debug window
      0xfffffffe, 0xffffffff};                            // 3.12 64 immortal, saturation
  std::set<Word> lows_around;  // each value and its two neighbours, in 32 bits
  for (Word lo : lows)
    for (Word d : {Word{0}, Word{1}, ~Word{0}}) lows_around.insert((lo + d) & 0xffffffff);
  std::set<Word> words;
  if (bits == 32) return {lows_around.begin(), lows_around.end()};
  const std::vector<Word> highs = {
      0, 1, 2, 0xffff,                                    // legacy carries into hi32
      0x10000, 0x40000, 0x50000, 0x5ffff,                 // 3.14 ob_flags 1, 4, 5
      0x0fffffff, 0x10000000, 0x18000000,                 // draft r2 at 64 (bit 60)
      0x3fffffff, 0x40000000, 0x60000000,                 // draft r3 at 64 (bit 62)
      0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff};    // the sign of the full word
  for (Word hi : highs)
    for (Word lo : lows_around) words.insert(hi << 32 | lo);
  return {words.begin(), words.end()};
}

std::vector<OracleBuild> all_builds() {
  std::vector<OracleBuild> builds;
  std::set<std::string> names;
  for (const HeaderSet& set : configured_header_sets())
    for (unsigned bits : {64u, 32u})
      for (bool debug : {false, true}) {
        std::string name = test_name(set, bits, debug);
        for (int n = 2; names.count(name); ++n) name = test_name(set, bits, debug) + "_" + std::to_string(n);
        names.insert(name);
        builds.push_back({set, bits, debug, name});
      }
  return builds;
}

}  // namespace refsim::conformance
