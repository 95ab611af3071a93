// `refsim compare`'s free-threaded rows end to end: the one-screen summary has their section and
// stays one screen; --runtime, --width, --debug and --threat filter them (their own names included);
// a selection of free-threaded names only has no default-build row; unknown names list both tables.
#include <algorithm>

#include "tests/cli_support.h"

namespace refsim::cli_test {
namespace {

class FtCompareCli : public Cli {
 protected:
  Json json(const std::vector<std::string>& filters) {
    std::vector<std::string> args = {"compare", "--format", "json"};
    args.insert(args.end(), filters.begin(), filters.end());
    const Result r = refsim(args);
    EXPECT_EQ(r.status, 0) << r.err;
    return Json::parse(r.out);
  }
  /// The free-threaded rows' (version, width, debug, threat), in order.
  static std::vector<std::string> keys(const Json& doc) {
    std::vector<std::string> out;
    if (!doc.contains("free_threaded")) return out;
    for (const Json& r : doc["free_threaded"])
      out.push_back(r["version"].get<std::string>() + " " + std::to_string(r["width"].get<int>()) + " " +
                    (r["debug"].get<bool>() ? "debug" : "release") + " " + r["threat"].get<std::string>());
    return out;
  }
};

std::size_t columns(const std::string& line) {  // UTF-8 code points (the µ)
  return static_cast<std::size_t>(std::count_if(line.begin(), line.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

TEST_F(FtCompareCli, theOneScreenHasAFreeThreadedSectionAndStaysOneScreen) {
  const Result r = refsim({"compare"});
  ASSERT_EQ(r.status, 0) << r.err;
  const std::vector<std::string> out = lines_of(r.out);
  EXPECT_LE(out.size(), 60u) << r.out;
  for (const std::string& line : out) EXPECT_LE(columns(line), 120u) << line;
  EXPECT_NE(r.out.find("Free-threaded runtimes, release builds: the smallest n"), std::string::npos) << r.out;
  // The owner's paired increments reach all ones (2^32 - 1) at n = 2^32 - 2 on every released build;
  // the draft's spill reaches the shared count's immortal minimum at 255 * 1579033.
  EXPECT_NE(r.out.find("  ft-owner-increfs: immortal, leaked at 4,294,967,294 on 3.13t, 3.14t, 3.15t (64, 32-bit); immortal, leaked at\n"
                       "      402,653,415 on gh153202-proto (64, 32-bit)."),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  ft-other-releases: never on 3.13t, 3.14t, 3.15t, gh153202-proto (64, 32-bit)."), std::string::npos);
  EXPECT_NE(r.out.find("freed\n      early, the process stops at 1,073,741,824 on 3.13t, 3.14t, 3.15t (32-bit)"), std::string::npos);
  EXPECT_EQ(json({})["free_threaded"].size(), 4u * 2 * 2 * 4);  // versions x widths x builds x families
}

TEST_F(FtCompareCli, theFiltersSelectFreeThreadedRows) {
  EXPECT_EQ(keys(json({"--width", "64", "--debug", "true", "--threat", "ft-other-increfs,ext311-decref"})),
            (std::vector<std::string>{"3.13t 64 debug ft-other-increfs", "3.14t 64 debug ft-other-increfs",
                                      "3.15t 64 debug ft-other-increfs", "gh153202-proto 64 debug ft-other-increfs"}));
  const Json ft_only = json({"--runtime", "3.14t,gh153202-proto", "--width", "32", "--threat", "ft-owner-increfs"});
  EXPECT_EQ(keys(ft_only), (std::vector<std::string>{"3.14t 32 release ft-owner-increfs", "3.14t 32 debug ft-owner-increfs",
                                                     "gh153202-proto 32 release ft-owner-increfs",
                                                     "gh153202-proto 32 debug ft-owner-increfs"}));
  EXPECT_TRUE(ft_only["rows"].empty());  // no default-build runtime or threat named
  EXPECT_EQ(ft_only["filters"], "--runtime 3.14t,gh153202-proto --width 32 --threat ft-owner-increfs");
  EXPECT_EQ(ft_only["headline"],
            "Headline (free-threaded rows only): ft-owner-increfs: immortal, leaked at 4,294,967,294 on 3.14t (32-bit); "
            "immortal, leaked at 402,653,415 on gh153202-proto (32-bit).");
  // Default-build names only: no free-threaded row, and the summary says so.
  EXPECT_TRUE(keys(json({"--runtime", "3.14"})).empty());
  EXPECT_TRUE(keys(json({"--threat", "ext311-decref"})).empty());
  EXPECT_TRUE(keys(json({"--width", "16"})).empty());  // the rows exist at 64 and 32 bits
  const Result none = refsim({"compare", "--runtime", "3.14"});
  EXPECT_NE(none.out.find("Free-threaded rows: none in this selection"), std::string::npos) << none.out;
  // Mixed names fill both tables.
  const Json mixed = json({"--runtime", "3.14,3.14t", "--width", "64", "--threat", "ext311-decref,ft-owner-increfs"});
  EXPECT_EQ(keys(mixed), (std::vector<std::string>{"3.14t 64 release ft-owner-increfs", "3.14t 64 debug ft-owner-increfs"}));
  EXPECT_FALSE(mixed["rows"].empty());
  EXPECT_EQ(mixed["filters"], "--runtime 3.14,3.14t --width 64 --threat ext311-decref,ft-owner-increfs");
}

TEST_F(FtCompareCli, everyFormatRendersAFreeThreadedOnlySelection) {
  for (const std::string format : {"text", "json", "markdown", "html"}) {
    const Result r = refsim({"compare", "--format", format, "--runtime", "3.15t", "--debug", "true"});
    EXPECT_EQ(r.status, 0) << format << ": " << r.err;
    EXPECT_NE(r.out.find("ft-queued-then-owner-increfs"), std::string::npos) << format;
    // 32-bit debug: the merged count n + 1 reads negative at n = 2^29, which a debug build stops at.
    EXPECT_TRUE(r.out.find("536,870,912") != std::string::npos || r.out.find("536870912") != std::string::npos) << format;
  }
  const Result detail = refsim({"compare", "--detail", "--runtime", "3.15t"});
  EXPECT_EQ(detail.status, 0) << detail.err;
  EXPECT_NE(detail.out.find("Free-threaded runtimes (biased reference counting"), std::string::npos) << detail.out;
}

TEST_F(FtCompareCli, unknownNamesListBothTables) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"compare", "--runtime", "3.14x"},
                                              std::vector<std::string>{"compare", "--threat", "ft-nope"}}) {
    const Result r = refsim(args);
    EXPECT_EQ(r.status, 2) << args[2];
    EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
    EXPECT_NE(r.err.find("; free-threaded: "), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());
  }
}

}  // namespace
}  // namespace refsim::cli_test
