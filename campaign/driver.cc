// Driver: the poll loop around libFuzzer. Lines refresh the tally; the clock, the deadline and the
// stop flag are looked at every 100 ms; SIGTERM then SIGKILL (after 5 s) end the process group.
#include "campaign/driver.h"

#include <signal.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <system_error>

#include "campaign/progress.h"

namespace refsim::campaign {

std::vector<std::string> libfuzzer_command(const DriverOptions& o) {
  std::vector<std::string> argv = {
      o.fuzzer.string(),
      "-seed=" + std::to_string(o.seed),
      "-max_total_time=" + std::to_string(o.time.count()),
      "-timeout=" + std::to_string(o.timeout_seconds),
      "-print_final_stats=1",
      "-artifact_prefix=" + (o.artifacts / "").string(),
  };
  if (o.jobs > 1)
    argv.insert(argv.end(), {"-fork=" + std::to_string(o.jobs), "-ignore_crashes=1", "-ignore_timeouts=1", "-ignore_ooms=1"});
  if (o.dict) argv.push_back("-dict=" + o.dict->string());
  argv.insert(argv.end(), o.extra.begin(), o.extra.end());
  for (const auto& corpus : o.corpora) argv.push_back(corpus.string());
  return argv;
}

namespace {

/// The claims of the crash-* inputs the target has written so far (fork mode: the jobs' own lines
/// go to their logs). Each file's claim is unknown here, so each counts once: an upper bound.
std::uint64_t count_findings(const std::filesystem::path& dir) {
  std::error_code error;
  std::uint64_t n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error))
    if (entry.path().filename().string().rfind("crash-", 0) == 0) ++n;
  return n;
}

constexpr std::string_view kViolated = "refsim-fuzz: violated ";

}  // namespace

DriverResult drive(const DriverOptions& options, std::ostream& progress) {
  using Clock = std::chrono::steady_clock;
  using std::chrono::milliseconds;
  DriverResult result;
  result.command = libfuzzer_command(options);
  std::map<std::string, std::string> env = options.env;
  env.emplace("TMPDIR", options.temp.string());
  env.emplace("REFSIM_FUZZ_REPORT_ONLY", "0");
  if (options.findings) env.emplace("REFSIM_FUZZ_FINDINGS_DIR", options.findings->string());
  auto started = ChildProcess::start(result.command, env);
  if (auto* reason = std::get_if<std::string>(&started)) {
    result.error = "cannot start the fuzzer: " + *reason;
    return result;
  }
  ChildProcess& child = std::get<ChildProcess>(started);
  ProgressDisplay display(progress, options.terminal, std::chrono::milliseconds(250), plain_period(options.time));
  const Clock::time_point begin = Clock::now();
  const Clock::time_point deadline = begin + options.time;
  std::optional<Clock::time_point> stopping;  // when SIGTERM was sent
  auto elapsed = [&] { return std::chrono::duration_cast<milliseconds>(Clock::now() - begin); };

  while (!child.finished()) {
    for (const std::string& line : child.read_lines(milliseconds(100))) {
      fold_line(line, result.status);
      if (line.rfind(kViolated, 0) == 0) {
        const std::string signature = line.substr(kViolated.size());
        result.broken.insert(signature.substr(0, signature.find('/')));
      }
      result.last_lines.push_back(line);
      if (result.last_lines.size() > 20) result.last_lines.pop_front();
    }
    const Clock::time_point now = Clock::now();
    if (!stopping && options.stop && *options.stop) {
      result.interrupted = true;
      stopping = now;
      child.signal_group(SIGTERM);
    } else if (!stopping && now >= deadline + (options.jobs > 1 ? std::chrono::seconds(0) : std::chrono::seconds(3))) {
      // One job ends itself at -max_total_time (and writes its final stats); fork mode only
      // stops between jobs, so it gets SIGTERM at the deadline.
      result.completed = true;
      stopping = now;
      child.signal_group(SIGTERM);
    } else if (stopping && now - *stopping > std::chrono::seconds(5)) {
      child.signal_group(SIGKILL);
    }
    result.status.findings = options.jobs > 1 && options.findings ? count_findings(*options.findings) : result.broken.size();
    display.update(status_line(result.status, elapsed(), options.time), elapsed());
  }
  result.elapsed = elapsed();
  display.update(status_line(result.status, result.elapsed, options.time), result.elapsed, true);
  display.finish();
  result.exit = child.exit_status();
  if (!stopping) {
    // libFuzzer ended by itself: at its -max_total_time (status 0, or 77 after ignored crashes in
    // fork mode), or because something went wrong.
    const bool clean = result.exit && result.exit->exited && (result.exit->code == 0 || result.exit->code == 77);
    if (clean) result.completed = true;
    else result.error = "the fuzzer stopped on its own with " + (result.exit ? result.exit->describe() : "no status");
  }
  return result;
}

}  // namespace refsim::campaign
