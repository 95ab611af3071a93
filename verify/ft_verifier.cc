// FtVerifier: plans everything before building, builds once, then one child per scenario.
#include "verify/ft_verifier.h"

#include <fstream>

#include "io/expect.h"
#include "io/ft_report_json.h"
#include "model/freethreaded/ft_engine.h"
#include "verify/ft_compare.h"
#include "verify/ft_model_side.h"
#include "verify/ft_observe.h"
#include "verify/ft_plan.h"
#include "verify/observe.h"
#include "verify/stopwatch.h"

namespace refsim::verify {
namespace {

using Result = std::variant<VerifyResult, std::string>;

/// The expect block is the model's claim for the scenario as written: checked only when the model
/// ran from its own starting fields (no deferred function's real fields taken), `own_start`.
ExpectVerdict check_ft_expect(const ft::FtScenarioFile& file, bool own_start) {
  ExpectVerdict verdict;
  verdict.present = !file.expect.is_null();
  if (!verdict.present) return verdict;
  if (!own_start) {
    verdict.reason = "the real starting fields of an object are not the model's";
    return verdict;
  }
  verdict.checked = true;
  verdict.failures = check_expect(file.expect, ft::ft_report_json(file.scenario, ft::run(file.scenario), ""));
  return verdict;
}

}  // namespace

std::variant<VerifyResult, std::string> verify_free_threaded(const VerifyOptions& options, VerifyResult result,
                                                             const std::vector<Input>& inputs, const ProgressLine& progress,
                                                             Clock::time_point start) {
  RunInfo& info = result.info;
  const Interpreter& in = info.interpreter;
  if (!options.headers.empty())
    return Result(std::in_place_index<1>, "--headers names extension origins of a default build; " + in.path +
                                              " is free-threaded (its own headers give ext-" + in.version + "t)");
  info.ext_versions = {in.version + "t"};
  std::vector<FtPlan> plans(inputs.size());
  std::vector<std::size_t> runnable;
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    const Input& input = inputs[k];
    auto plan = input.threaded ? plan_ft_scenario(input.threaded->scenario, input.threaded_origins, in, options.allow_slow)
                               : std::variant<FtPlan, std::string>("free-threading mismatch: the scenario's runtime is " +
                                                                   std::string(name_of(input.scenario.scenario.runtime.version)) +
                                                                   " (the default build), " + in.path +
                                                                   " is a free-threaded build");
    if (auto* reason = std::get_if<std::string>(&plan)) {
      if (auto stop = refuse(options, result, input.file, in.path, *reason)) return Result(std::in_place_index<1>, *stop);
      continue;
    }
    plans[k] = std::get<FtPlan>(plan);
    runnable.push_back(k);
  }
  if (runnable.empty()) return Result(std::in_place_index<1>, nothing_left(result, in.path));

  TempDir dir;
  if (auto reason = build_in(options, info, {}, dir)) return Result(std::in_place_index<1>, *reason);

  for (const std::size_t k : runnable) {
    const Clock::time_point scenario_start = Clock::now();
    const ft::FtScenario& scenario = inputs[k].threaded->scenario;
    const std::string program = (dir.path() / ("program-" + std::to_string(k) + ".txt")).string();
    if (!(std::ofstream(program) << plans[k].program)) return Result(std::in_place_index<1>, "cannot write " + program);
    const std::uint64_t total = plans[k].steps;
    const Progress report_progress = [&](std::uint64_t step) {
      if (progress) progress(scenario.name, step, total);
    };
    auto run = run_probe(in.path, dir.path().string(), program, report_progress, options.silence_limit);
    if (auto* reason = std::get_if<std::string>(&run))
      return Result(std::in_place_index<1>, inputs[k].file + ": " + in.path + " " + kProbeNotRun + *reason);
    auto real = read_ft_records(std::get<ProbeRun>(run).lines, scenario.objects.size(), std::get<ProbeRun>(run).ended,
                                scenario.build.ssize_bits);
    if (auto* reason = std::get_if<std::string>(&real))
      return Result(std::in_place_index<1>, inputs[k].file + ": " + in.path + " " + kProbeOutputUnread + *reason);
    FtVerdict v;
    v.file = inputs[k].file;
    v.scenario = scenario;
    v.real = std::get<FtObservation>(real);
    const ft::FtScenario adjusted = ft_with_real_start(scenario, v.real.start);
    v.model = observe_ft_model(adjusted);
    ft::FtScenario as_written = scenario;
    as_written.ops.clear();
    const std::vector<FtSeenObject> own_start = observe_ft_model(as_written).start;
    v.comparison = compare_ft(scenario, v.real, v.model, own_start);
    v.expect = check_ft_expect(*inputs[k].threaded, own_start == v.model.start);
    v.seconds = seconds_since(scenario_start);
    result.ft_verdicts.push_back(std::move(v));
  }
  info.seconds = seconds_since(start);
  return Result(std::in_place_index<0>, std::move(result));
}

}  // namespace refsim::verify
