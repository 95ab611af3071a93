// Corpus: every corpus/scenarios/*.json through the built refsim command, which must exit 0 (the
// scenario ran and its expect block held); scenarios short enough also run on the stepwise engine.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace refsim {
namespace {

namespace fs = std::filesystem;

constexpr unsigned __int128 kStepwiseLimit = 20'000'000;

fs::path corpus_dir() { return fs::path(REFSIM_SOURCE_DIR) / "corpus" / "scenarios"; }

std::vector<std::string> corpus_files() {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(corpus_dir(), ec))
    if (entry.is_regular_file() && entry.path().extension() == ".json")
      files.push_back(entry.path().filename());
  std::sort(files.begin(), files.end());
  return files;
}

/// Single operations an `ops` array expands to (docs/FORMATS.md, Scenario: counts and repeats, gc is none),
/// saturated far above the stepwise limit.
unsigned __int128 expanded_steps(const nlohmann::json& ops) {
  constexpr unsigned __int128 kCap = static_cast<unsigned __int128>(1) << 80;
  unsigned __int128 total = 0;
  for (const auto& op : ops) {
    const std::string name = op.value("op", "");
    unsigned __int128 count = 1;
    if (op.contains("count"))
      count = op["count"].is_string() ? std::stoull(op["count"].get<std::string>(), nullptr, 0)
                                      : op["count"].get<std::uint64_t>();
    if (name == "repeat")
      total +=
          std::min(kCap, count * std::min(kCap, expanded_steps(op.value("ops", nlohmann::json::array()))));
    else if (name != "gc")
      total += count;
    total = std::min(total, kCap);
  }
  return total;
}

struct Ran {
  int status = -1;
  std::string output;
};

/// Runs `refsim run [extra] FILE`, capturing stdout and stderr.
Ran run_cli(const std::string& extra, const fs::path& file) {
  const std::string command =
      std::string("'") + REFSIM_BINARY + "' run " + extra + " '" + file.string() + "' 2>&1";
  Ran ran;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return ran;
  std::array<char, 4096> buffer{};
  while (const std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe))
    ran.output.append(buffer.data(), n);
  const int raw = pclose(pipe);
  ran.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return ran;
}

/// Keeps the tail of a long report: the interesting part of a failure message.
std::string tail(const std::string& s) { return s.size() > 3000 ? "..." + s.substr(s.size() - 3000) : s; }

TEST(Corpus, directoryHoldsTheScenarioSet) {
  const std::vector<std::string> files = corpus_files();
  EXPECT_GE(files.size(), 30u) << "corpus/scenarios at " << corpus_dir() << " is missing or nearly empty";
}

class CorpusScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusScenario, runsAndItsExpectationsHold) {
  const fs::path file = corpus_dir() / GetParam();
  std::ifstream in(file);
  const nlohmann::json scenario = nlohmann::json::parse(in);
  const std::string format = scenario.value("format", "");
  EXPECT_TRUE(format == "refsim-scenario/1" || format == "refsim-scenario/2") << format;
  EXPECT_TRUE(scenario.contains("expect")) << "every corpus scenario states what it expects";
  EXPECT_EQ(scenario.value("name", "") + ".json", GetParam()) << "a corpus file is named after its scenario";

  const Ran fast = run_cli("", file);
  EXPECT_EQ(fast.status, 0) << "reproduce: " << REFSIM_BINARY << " run " << file.string() << "\n"
                            << tail(fast.output);
  if (expanded_steps(scenario["ops"]) <= kStepwiseLimit) {
    const Ran stepwise = run_cli("--engine stepwise", file);
    EXPECT_EQ(stepwise.status, 0) << "reproduce: " << REFSIM_BINARY << " run --engine stepwise "
                                  << file.string() << "\n"
                                  << tail(stepwise.output);
  }
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param.substr(0, info.param.size() - 5);
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, CorpusScenario, ::testing::ValuesIn(corpus_files()), test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CorpusScenario);

}  // namespace
}  // namespace refsim
