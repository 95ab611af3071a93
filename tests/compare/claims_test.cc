// Claims: the verdict rule on its own (each verdict, and the edges of "within its stated precision"),
// and every claim's verdict and figure pinned, so that a change in the model or the rule shows here.
#include <gtest/gtest.h>

#include "analysis/claims.h"

namespace refsim::analysis {
namespace {

TEST(CompareClaims, theRuleTriesExactThenOffByOneThenTheStatedPrecision) {
  EXPECT_EQ(judge(536870912, 536870912, 0, true), Verdict::Exact);
  EXPECT_EQ(judge(536870913, 536870912, 0, true), Verdict::OffByOne);
  EXPECT_EQ(judge(536870914, 536870912, 0, true), Verdict::Disagrees);   // an exact figure has no slack
  EXPECT_EQ(judge(0.2147L, 0.2148L, 0, false), Verdict::Disagrees);     // "off by one" is for counts
  // "roughly a billion", one significant digit: 0.5 to 1.5 billion.
  EXPECT_EQ(judge(1.5e9L, 1e9L, 1, true), Verdict::WithinPrecision);
  EXPECT_EQ(judge(5e8L, 1e9L, 1, true), Verdict::WithinPrecision);
  EXPECT_EQ(judge(1610612736, 1e9L, 1, true), Verdict::Disagrees);
  EXPECT_EQ(judge(402653184, 1e9L, 1, true), Verdict::Disagrees);        // the example: no longer agrees
  // "250,000,000", two significant digits: 245 to 255 million.
  EXPECT_EQ(judge(2.45e8L, 2.5e8L, 2, false), Verdict::WithinPrecision);
  EXPECT_EQ(judge(2.44e8L, 2.5e8L, 2, false), Verdict::Disagrees);
}

struct Pinned {
  std::string_view quote_start;
  Verdict verdict;
  std::uint64_t figure;
  std::string_view ratio;  ///< how verdict_text ends
};

TEST(CompareClaims, everyClaimHasItsPinnedVerdictFigureAndRatio) {
  const Pinned pinned[] = {
      {"Even if done deliberately", Verdict::OffByOne, 1152921504606846975u, "ratio 1"},
      {"At a fast 5 GHz", Verdict::Disagrees, 1152921504606846975u, "ratio 0.922"},
      {"With 64-bit refcounts", Verdict::False, 2147483647u, "64-bit / 32-bit = 2 (below 2^30)"},
      {"Let's say the magic refcount", Verdict::Disagrees, 1073741823u, "ratio 0.0537"},
      {"if the magic value were 2^30", Verdict::Exact, 536870912u, "ratio 1"},
      {"it would take 2^29 asymmetric", Verdict::OffByOne, 536870913u, "ratio 1"},
      {"It would require roughly a billion", Verdict::Disagrees, 1610612736u, "ratio 1.61"},
      {"the 3.12 runtime will basically never", Verdict::WithinPrecision, 1073741823u, "ratio 1.07"},
      {"this only matters in the 32-bit", Verdict::False, 4294967295u, "64-bit / 32-bit = 4 (below 2^30)"},
      {"we set the initial value", Verdict::WithinPrecision, 1073741825u, "ratio 1.07"},
      {"That way the refcount can be off", Verdict::WithinPrecision, 1073741824u, "ratio 1.07"},
  };
  const std::vector<ClaimCheck> checks = check_claims();
  ASSERT_EQ(checks.size(), std::size(pinned));
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const ClaimCheck& c = checks[i];
    EXPECT_EQ(c.claim.quote.substr(0, pinned[i].quote_start.size()), pinned[i].quote_start);
    EXPECT_EQ(c.verdict, pinned[i].verdict) << c.claim.quote << ": " << c.verdict_text;
    ASSERT_TRUE(c.figure) << c.claim.quote;
    EXPECT_EQ(*c.figure, pinned[i].figure) << c.claim.quote;
    const std::string_view text = c.verdict_text;
    EXPECT_EQ(text.substr(text.size() - std::min(text.size(), pinned[i].ratio.size())), pinned[i].ratio) << text;
    EXPECT_EQ(text.rfind(name_of(c.verdict), 0), 0u) << text;
  }
  // The claims without a figure show both figures they are judged from.
  EXPECT_EQ(checks[2].against_figure, 1073741822u);
  EXPECT_EQ(checks[8].against_figure, 1073741823u);
}

TEST(CompareClaims, aClaimWithoutAFigureIsTrueWhenThe64BitCountKeepsTheMarginOver32Bit) {
  EXPECT_EQ(contrast(std::nullopt, 1073741823u), Verdict::True);  // 64-bit never gets there
  EXPECT_EQ(contrast(std::uint64_t{1} << 60, std::uint64_t{1} << 30), Verdict::True);  // PEP 683's own examples
  EXPECT_EQ(contrast((std::uint64_t{1} << 60) - 1, std::uint64_t{1} << 30), Verdict::False);
  EXPECT_EQ(contrast(4294967295u, 1073741823u), Verdict::False);
  EXPECT_EQ(contrast(1u, std::nullopt), Verdict::False);  // only 64-bit gets there
}

}  // namespace
}  // namespace refsim::analysis
