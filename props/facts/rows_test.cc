// Facts rows against themselves: the immortal band a row gives (which the generators, the expected
// minima and the periodic-reset windows use) is exactly the set of words its immortality test
// accepts, and None starts inside it; every word at the scaled widths, the band's edges at 32 and 64.
#include <gtest/gtest.h>

#include "props/facts/rows.h"

namespace refsim::props {
namespace {

bool in_band(const Band& b, Word w) { return b.lo <= (w & b.bits) && (w & b.bits) <= b.hi; }

TEST(FactsRows, theBandOfEveryFamilyIsExactlyTheWordsItsTestCallsImmortal) {
  for (Version v : values_of<Version>()) {
    for (unsigned bits : {8u, 16u, 32u, 64u}) {
      const Facts f(RuntimeSpec{.version = v, .width = Width{bits}});
      const std::string where = std::string(name_of(v)) + "/" + std::to_string(bits);
      const std::optional<Band> band = f.band();
      if (!band) {
        EXPECT_FALSE(f.immortal(f.none_initial())) << where;
        continue;
      }
      EXPECT_TRUE(in_band(*band, f.none_initial())) << where;
      EXPECT_TRUE(f.immortal(f.none_initial())) << where;
      if (bits <= 16) {
        for (Word w = 0; w <= f.mask(); ++w) EXPECT_EQ(f.immortal(w), in_band(*band, w)) << where << " at " << w;
        continue;
      }
      for (Word edge : {band->lo, band->hi})  // and one step outside each edge, with the bits above set
        for (Word w : {edge, edge - 1, edge + 1, (edge | ~band->bits) & f.mask(), ((edge - 1) | ~band->bits) & f.mask()})
          EXPECT_EQ(f.immortal(w), in_band(*band, w)) << where << " at " << w;
    }
  }
}

}  // namespace
}  // namespace refsim::props
