// Verifier: plans everything before building, builds once, then one child per scenario.
#include "verify/verifier.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "io/expect.h"
#include "io/report_json.h"
#include "model/engine.h"
#include "model/runtime.h"
#include "verify/ft_plan.h"
#include "verify/ft_verifier.h"
#include "verify/model_side.h"
#include "verify/observe.h"
#include "verify/plan.h"
#include "verify/stopwatch.h"

namespace refsim::verify {
namespace {

using Result = std::variant<VerifyResult, std::string>;

/// The expect block is the model's claim for the scenario as written: checked against the model
/// only when every starting word is the model's own (then the model runs exactly as `refsim run`).
ExpectVerdict check_expect_block(const Input& input, const Scenario& adjusted) {
  ExpectVerdict verdict;
  const ScenarioFile& file = input.scenario;
  verdict.present = !file.expect.is_null();
  if (!verdict.present) return verdict;
  const Runtime runtime(file.scenario.runtime);
  for (std::size_t i = 0; i < adjusted.objects.size(); ++i) {
    const ObjectSpec& own = file.scenario.objects[i];
    const Word own_word = own.word.value_or(runtime.initial_word(own.kind, own.refs));
    if (adjusted.objects[i].word.value_or(own_word) != own_word) {
      verdict.reason = "the real starting word of " + adjusted.objects[i].id + " is not the model's";
      return verdict;
    }
  }
  verdict.checked = true;
  const Outcome outcome = run(file.scenario);
  verdict.failures = check_expect(file.expect, report_json(file.scenario, outcome, ""));
  return verdict;
}

}  // namespace

std::optional<std::string> build_in(const VerifyOptions& options, RunInfo& info, const std::vector<ExtHeaders>& ext,
                                    TempDir& dir) {
  const Interpreter& in = info.interpreter;
  auto compiler = choose_compiler(in, options.cc, options.path);
  if (auto* reason = std::get_if<std::string>(&compiler)) return *reason;
  info.compiler = std::get<std::vector<std::string>>(compiler);
  if (dir.path().empty()) return dir.error();
  auto built = build_probe(in, info.compiler, ext, dir.path(), options.silence_limit);
  if (auto* reason = std::get_if<std::string>(&built)) return "cannot build the probe for " + in.path + ": " + *reason;
  return std::nullopt;
}

std::optional<std::string> refuse(const VerifyOptions& options, VerifyResult& result, const std::string& file,
                                  const std::string& interpreter, const std::string& reason) {
  if (!options.skip_refused) return file + ": cannot verify on " + interpreter + ": " + reason;
  result.info.refused.push_back({file, reason});
  return std::nullopt;
}

std::string nothing_left(const VerifyResult& result, const std::string& interpreter) {
  const std::vector<Refusal>& refused = result.info.refused;
  return "nothing to verify on " + interpreter + ": every scenario was refused (" + std::to_string(refused.size()) +
         "); the first, " + refused.front().file + ": " + refused.front().reason;
}

std::variant<VerifyResult, std::string> verify_all(const VerifyOptions& options, const std::vector<Input>& inputs,
                                                   const ProgressLine& progress) {
  const Clock::time_point start = Clock::now();
  const auto python = find_program(options.python, options.path);
  if (!python) return Result(std::in_place_index<1>, "cannot use " + options.python + ": not an executable program");
  auto queried = query_interpreter(*python, options.silence_limit);
  if (auto* reason = std::get_if<std::string>(&queried))
    return Result(std::in_place_index<1>, "cannot use " + options.python + ": " + *reason);
  VerifyResult result;
  RunInfo& info = result.info;
  info.interpreter = std::get<Interpreter>(queried);
  const Interpreter& in = info.interpreter;
  if (!std::filesystem::exists(std::filesystem::path(in.include_dirs.front()) / "Python.h"))
    return Result(std::in_place_index<1>, "cannot use " + in.path + ": its headers are missing (no Python.h in " +
                                              in.include_dirs.front() + "; Debian: install python3-dev)");
  if (in.free_threaded) return verify_free_threaded(options, std::move(result), inputs, progress, start);

  // Extension origins: the interpreter's own version from its headers (release builds), then the
  // versions whose headers the user gave.
  std::vector<ExtHeaders> ext;
  const bool own_given = std::any_of(options.headers.begin(), options.headers.end(),
                                     [&](const ExtHeaders& h) { return h.version == in.version; });
  if (!in.debug && !own_given) ext.push_back({in.version, in.include_dirs.front()});
  ext.insert(ext.end(), options.headers.begin(), options.headers.end());
  PlanOptions plan_options{options.allow_slow, {}};
  for (const ExtHeaders& e : ext) plan_options.ext_versions.push_back(e.version);
  info.ext_versions = plan_options.ext_versions;

  std::vector<Plan> plans(inputs.size());
  std::vector<std::size_t> runnable;
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    const Input& input = inputs[k];
    auto plan = input.threaded ? std::variant<Plan, std::string>(ft_runtime_mismatch(input.threaded->scenario, in).value_or(""))
                               : plan_scenario(input.scenario.scenario, in, plan_options);
    if (auto* reason = std::get_if<std::string>(&plan)) {
      if (auto stop = refuse(options, result, input.file, in.path, *reason)) return Result(std::in_place_index<1>, *stop);
      continue;
    }
    plans[k] = std::get<Plan>(plan);
    runnable.push_back(k);
  }
  if (runnable.empty()) return Result(std::in_place_index<1>, nothing_left(result, in.path));

  TempDir dir;
  if (auto reason = build_in(options, info, ext, dir)) return Result(std::in_place_index<1>, *reason);

  for (const std::size_t k : runnable) {
    const Clock::time_point scenario_start = Clock::now();
    const Scenario& scenario = inputs[k].scenario.scenario;
    const std::string program = (dir.path() / ("program-" + std::to_string(k) + ".txt")).string();
    if (!(std::ofstream(program) << plans[k].program)) return Result(std::in_place_index<1>, "cannot write " + program);
    std::vector<Kind> kinds;
    for (const ObjectSpec& o : scenario.objects) kinds.push_back(o.kind);
    const std::uint64_t total = plans[k].steps;
    const Progress report_progress = [&](std::uint64_t step) {
      if (progress) progress(scenario.name, step, total);
    };
    auto real = observe_real(in.path, dir.path().string(), program, kinds, report_progress, options.silence_limit);
    if (auto* reason = std::get_if<std::string>(&real))
      return Result(std::in_place_index<1>, inputs[k].file + ": " + in.path + " " + *reason);
    Verdict v;
    v.file = inputs[k].file;
    v.scenario = scenario;
    v.real = std::get<Observation>(real);
    const Scenario adjusted = with_real_start(scenario, v.real.start);
    v.model = options.model ? options.model(adjusted) : observe_model(adjusted);
    const Observation as_written = observe_model(Scenario{scenario.name, scenario.runtime, scenario.objects, {}, {}});
    v.comparison = compare(scenario, v.real, v.model, as_written.start);
    v.expect = check_expect_block(inputs[k], adjusted);
    v.seconds = seconds_since(scenario_start);
    result.verdicts.push_back(std::move(v));
  }
  info.seconds = seconds_since(start);
  return Result(std::in_place_index<0>, std::move(result));
}

}  // namespace refsim::verify
