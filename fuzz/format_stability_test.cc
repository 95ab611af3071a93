// Format stability: every committed binary input (corpus/<target>/ for the binary targets: seeds
// and regression inputs) still decodes to what fuzz/corpus_meanings.txt says it did. The list is
// golden: it holds in every build, including one with rows appended to the name tables
// (REFSIM_FICTIONAL_ROWS), which is what fuzz/FORMAT.md "Versioning" promises.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "fuzz/codec.h"
#include "fuzz/regression.h"
#include "io/read_file.h"

namespace refsim::fuzz {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = REFSIM_SOURCE_DIR;
const fs::path kGolden = kSource / "fuzz" / "corpus_meanings.txt";

/// path (relative to the source tree) -> meaning, from the golden file: "path<TAB>meaning" lines.
std::map<std::string, std::string> golden() {
  std::map<std::string, std::string> out;
  std::ifstream in(kGolden);
  for (std::string line; std::getline(in, line);) {
    const auto tab = line.find('\t');
    if (line.empty() || line[0] == '#' || tab == std::string::npos) continue;
    out[line.substr(0, tab)] = line.substr(tab + 1);
  }
  return out;
}

/// Every committed binary input and what it decodes to now.
std::map<std::string, std::string> committed() {
  std::map<std::string, std::string> out;
  for (Target t : kTargets) {
    if (takes_json(t)) continue;
    const fs::path dir = kSource / "corpus" / std::string(target_name(t));
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      if (!e.is_regular_file() || is_sidecar(e.path())) continue;
      const FileRead file = read_file(e.path());
      EXPECT_TRUE(file.ok()) << e.path() << ": " << file.error;
      out[fs::relative(e.path(), kSource).generic_string()] = meaning(t, file.octets());
    }
  }
  return out;
}

TEST(FormatStability, everyCommittedBinaryInputMeansWhatTheGoldenListSays) {
  const auto expected = golden();
  const auto actual = committed();
  EXPECT_GE(expected.size(), 10u) << "read " << kGolden;
  for (const auto& [path, meaning] : actual) {
    const auto it = expected.find(path);
    EXPECT_TRUE(it != expected.end() && it->second == meaning)
        << "the input's meaning is not the golden one; a format change must not change it (fuzz/FORMAT.md "
           "\"Versioning\"). A new input's line for "
        << kGolden.filename() << ":\n"
        << path << "\t" << meaning << "\n"
        << "golden: " << (it == expected.end() ? "(none)" : it->second);
  }
  for (const auto& [path, meaning] : expected)
    EXPECT_TRUE(actual.count(path)) << path << " is in the golden list but not committed";
}

}  // namespace
}  // namespace refsim::fuzz
