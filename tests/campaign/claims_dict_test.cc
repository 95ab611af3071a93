// The claims target's dictionary (fuzz/dict/claims.dict): every entry is a libFuzzer dictionary
// line whose bytes are exactly one count of the claim inputs' encoding (campaign/claim_bytes.h),
// and the libFuzzer engine passes it as -dict.
#include <fstream>

#include <gtest/gtest.h>

#include "campaign/claim_bytes.h"
#include "campaign/driver.h"

namespace refsim::campaign {
namespace {

/// The bytes of `name="..."` with \xNN escapes; empty when the line is not one.
std::vector<std::uint8_t> entry_bytes(const std::string& line) {
  const std::size_t open = line.find("=\""), close = line.rfind('"');
  if (open == std::string::npos || close != line.size() - 1 || close <= open + 1) return {};
  std::vector<std::uint8_t> out;
  for (std::size_t i = open + 2; i < close; ++i) {
    if (line.compare(i, 2, "\\x") == 0 && i + 3 < close + 1) {
      out.push_back(static_cast<std::uint8_t>(std::stoul(line.substr(i + 2, 2), nullptr, 16)));
      i += 3;
    } else {
      out.push_back(static_cast<std::uint8_t>(line[i]));
    }
  }
  return out;
}

TEST(ClaimsDictionary, everyEntryIsExactlyOneCount) {
  std::ifstream in(REFSIM_SOURCE_DIR "/fuzz/dict/claims.dict");
  ASSERT_TRUE(in) << "fuzz/dict/claims.dict";
  const std::vector<Word> table(64, 1000);
  auto edges = [&]() -> const std::vector<Word>& { return table; };
  int entries = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::uint8_t> bytes = entry_bytes(line);
    ASSERT_FALSE(bytes.empty()) << "not a dictionary entry: " << line;
    bytes.push_back(0x2a);  // a sentinel: the count must end before it
    ByteStream stream(bytes);
    const std::uint64_t count = read_count(stream, edges, ~std::uint64_t{0});
    EXPECT_GE(count, 1u) << line;
    EXPECT_FALSE(stream.done()) << "the count reads past its entry: " << line;
    EXPECT_EQ(stream.next(), 0x2a) << "the entry holds more than one count: " << line;
    ++entries;
  }
  EXPECT_GT(entries, 50);
}

TEST(ClaimsDictionary, theLibFuzzerCommandPassesTheDictionaryBeforeTheExtraFlags) {
  DriverOptions options;
  options.fuzzer = "/b/fuzz/claims";
  options.dict = "/src/fuzz/dict/claims.dict";
  options.extra = {"-max_len=64"};
  options.corpora = {"/out/corpus"};
  const std::vector<std::string> command = libfuzzer_command(options);
  const auto dict = std::find(command.begin(), command.end(), "-dict=/src/fuzz/dict/claims.dict");
  ASSERT_NE(dict, command.end());
  EXPECT_LT(dict, std::find(command.begin(), command.end(), "-max_len=64"));
}

}  // namespace
}  // namespace refsim::campaign
