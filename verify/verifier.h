// Verifier: the whole pipeline for one interpreter. Ask the interpreter, plan every scenario
// (refusing what cannot run faithfully), build the probe, then per scenario: run it in a fresh
// child, run the model from the real starting words, compare, check the expect block.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "io/ft_scenario_json.h"
#include "io/scenario_json.h"
#include "verify/build.h"
#include "verify/ft_report.h"
#include "verify/report.h"
#include "verify/silence.h"

namespace refsim::verify {

struct VerifyOptions {
  std::string python;               ///< --python
  std::vector<ExtHeaders> headers;  ///< --headers VERSION=DIR
  bool allow_slow = false;          ///< --allow-slow
  /// --silence-limit: a child (query, compiler, probe) printing nothing this long is stopped
  /// (verify/silence.h); zero: no limit.
  std::chrono::seconds silence_limit = kDefaultSilenceLimit;
  /// --skip-refused: a scenario that cannot run faithfully on this interpreter is listed in
  /// RunInfo::refused (the report's `refused`) instead of stopping the run (exit 2).
  bool skip_refused = false;
  std::optional<std::string> cc;    ///< $CC
  std::string path;                 ///< $PATH
  /// The model side of a default-build scenario (run from the real starting words); empty:
  /// observe_model. A seam for tests that give verify a deliberately wrong model.
  std::function<Observation(const Scenario&)> model;
};

/// One scenario file: of the default build (`scenario`), or with threads for a free-threaded
/// runtime (`threaded`, with each operation's `by` as ft_plan.h's ft_origins gives them).
struct Input {
  std::string file;
  ScenarioFile scenario;
  std::optional<ft::FtScenarioFile> threaded;
  std::vector<std::string> threaded_origins;
};

struct VerifyResult {
  RunInfo info;
  std::vector<Verdict> verdicts;       ///< a default build's
  std::vector<FtVerdict> ft_verdicts;  ///< a free-threaded build's
};

/// What to do with a scenario that cannot run faithfully on `interpreter`: the run's one-line
/// reason when refusals stop it; else nullopt, the refusal recorded in `result`.
std::optional<std::string> refuse(const VerifyOptions& options, VerifyResult& result, const std::string& file,
                                  const std::string& interpreter, const std::string& reason);

/// The run's reason when --skip-refused left nothing to verify.
std::string nothing_left(const VerifyResult& result, const std::string& interpreter);

/// Progress of a long scenario: its name, the step reached and its total steps.
using ProgressLine = std::function<void(const std::string& name, std::uint64_t step, std::uint64_t total)>;

/// Picks the compiler (into INFO) and builds the probe for INFO's interpreter in DIR: the reason
/// when either fails. Shared by both builds' pipelines.
std::optional<std::string> build_in(const VerifyOptions& options, RunInfo& info, const std::vector<ExtHeaders>& ext,
                                    TempDir& dir);

/// Runs the pipeline. The reason (one line) when the interpreter cannot be used or a scenario
/// cannot be verified faithfully (unless --skip-refused, which leaves it out; then the reason
/// only when none is left); nothing has run on the interpreter then, except its queries.
std::variant<VerifyResult, std::string> verify_all(const VerifyOptions& options, const std::vector<Input>& inputs,
                                                   const ProgressLine& progress);

}  // namespace refsim::verify
