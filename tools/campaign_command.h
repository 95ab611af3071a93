// Campaign command: `refsim campaign` tries to break claims (the built-in catalog or claims files)
// with the libFuzzer target `claims` for a fixed time, then reports per claim: held, or violated by
// counterexamples that are known (recorded in the corpus) or new (minimized, with a reproducer).
#pragma once

#include <chrono>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "tools/exit_status.h"

namespace refsim::tools {

/// What generates and runs the inputs.
enum class Engine {
  InProcess,  ///< refsim's own claim loop (campaign/claim_loop.h): no fuzzer binary, fastest
  LibFuzzer,  ///< the libFuzzer target `claims` as a child process (coverage-guided; flags after --)
};

struct CampaignOptions {
  Engine engine = Engine::InProcess;
  std::vector<std::filesystem::path> claims_files;  ///< empty: the built-in catalog
  std::vector<std::string> only;             ///< --claim: just these ids
  std::chrono::seconds time{60};
  unsigned jobs = 1;                         ///< libFuzzer engine: more than 1 is fork mode
  std::optional<std::uint32_t> seed;         ///< else a random one, printed first
  std::filesystem::path out;                 ///< work corpus, artifacts, counterexamples, report
  std::optional<std::filesystem::path> report;  ///< default <out>/report.json
  std::optional<std::filesystem::path> sarif;   ///< --sarif: a SARIF result per counterexample
  std::optional<std::filesystem::path> junit;   ///< --junit: a JUnit test case per claim
  std::optional<std::filesystem::path> known;   ///< recorded counterexamples (<known>/<claim-id>/)
  bool file = false;                         ///< --file: record new counterexamples under `known`
  std::filesystem::path fuzzer;              ///< the libFuzzer binary `claims`
  /// libFuzzer engine: its -dict, fuzz/dict/claims.dict of the source folder when there is one.
  std::optional<std::filesystem::path> dict;
  bool until_broken = false;                 ///< in-process: stop once every claim is broken
  std::chrono::seconds minimize_time{20};    ///< shared by the new counterexamples
  std::vector<std::string> libfuzzer_flags;  ///< given after `--`
  std::filesystem::path self;                ///< this refsim, for the repeat command
  bool terminal = false;                     ///< stderr is a terminal: redraw progress in place
  /// Counts SIGINT/SIGTERM: the first stops libFuzzer (triage and report still follow), the
  /// second also cuts minimization short.
  const volatile std::sig_atomic_t* signals = nullptr;
};

/// At most this many lines on stdout and stderr together for a campaign without bad input.
inline constexpr std::size_t kScreenLines = 60;

/// Runs the campaign. Every input and output path is checked before fuzzing starts (exit 2).
/// Progress and `refsim: ` lines go to `err`, the summary to `out`. Returns ExpectFailed (1) when
/// a counterexample is new, BadInput (2) for bad input or when libFuzzer failed, else Ok.
ExitStatus campaign_command(const CampaignOptions& options, std::ostream& out, std::ostream& err);

}  // namespace refsim::tools
