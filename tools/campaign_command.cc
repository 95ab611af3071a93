// Campaign command: check every input and output (exit 2 before anything runs), run the engine
// (the in-process claim loop or libFuzzer on the claims target), triage what it kept, write the
// report, print a screen-sized summary.
#include "tools/campaign_command.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <ostream>
#include <random>
#include <set>
#include <sstream>
#include <system_error>

#include "campaign/campaign_ci.h"
#include "campaign/campaign_report.h"
#include "campaign/claim_loop.h"
#include "campaign/claims_json.h"
#include "campaign/driver.h"
#include "campaign/file_io.h"
#include "campaign/progress.h"
#include "campaign/triage.h"
#include "io/read_file.h"
#include "tools/campaign_setup.h"

namespace refsim::tools {
namespace {

namespace fs = std::filesystem;
using namespace refsim::campaign;

std::uint32_t random_seed() {
  std::random_device device;
  std::uint32_t seed = 0;
  while (seed == 0) seed = device();  // libFuzzer reads -seed=0 as "pick one": never reproducible
  return seed;
}

/// The crash-* files of a folder, each with what tells one write of it from the next: its inode
/// (write_atomically renames a new file into place) and its modification time (libFuzzer rewrites
/// in place).
using CrashFiles = std::map<fs::path, std::pair<ino_t, std::int64_t>>;

CrashFiles crash_files(const fs::path& dir) {
  CrashFiles out;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    struct stat st {};
    if (entry.path().filename().string().rfind("crash-", 0) != 0 || ::stat(entry.path().c_str(), &st) != 0) continue;
    out[entry.path()] = {st.st_ino, static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
  }
  return out;
}

/// The crash-* files this run wrote: new ones, and those written again. A run with the seed and the
/// output folder of an earlier one writes the same names: they are its findings as much as the
/// earlier run's.
std::vector<fs::path> written_since(const CrashFiles& before, const fs::path& dir) {
  std::vector<fs::path> fresh;
  for (const auto& [file, identity] : crash_files(dir)) {
    const auto was = before.find(file);
    if (was == before.end() || was->second != identity) fresh.push_back(file);
  }
  return fresh;
}

/// Executions and runs given up per claim id, summed over the target's stats-<pid> files.
std::map<std::string, ClaimTally> read_tallies(const fs::path& dir) {
  std::map<std::string, ClaimTally> out;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    if (entry.path().filename().string().rfind("stats-", 0) != 0) continue;
    const FileRead bytes = read_file(entry.path());
    if (!bytes.ok()) continue;
    std::istringstream in(bytes.bytes);
    std::string id;
    std::uint64_t n = 0, gave_up = 0;
    while (in >> id >> n >> gave_up) {
      out[id].executions += n;
      out[id].gave_up += gave_up;
    }
  }
  return out;
}

/// The campaign's places under --out.
struct Paths {
  fs::path work, artifacts, temp, stats, claims_file;
  explicit Paths(const fs::path& out)
      : work(out / "corpus"), artifacts(out / "artifacts"), temp(out / "tmp"), stats(out / "stats"),
        claims_file(out / "claims.json") {}
};

/// Step 1: inputs, then outputs; nothing runs and nothing is written when one of them is wrong.
std::optional<std::string> check_setup(const CampaignOptions& o, const Paths& at, const fs::path& report,
                                       std::vector<Claim>& claims, KnownCounterexamples& known) {
  try {
    claims = load_claims(o);
    if (o.file && !o.known) throw SetupError{"--file needs the known counterexamples' folder: pass --known DIR"};
    if (o.known) {
      auto read = read_known(*o.known, claims);
      if (auto* reason = std::get_if<std::string>(&read)) throw SetupError{*reason};
      known = std::get<KnownCounterexamples>(read);
    }
    if (o.engine == Engine::LibFuzzer && o.until_broken) throw SetupError{"--until-broken needs the in-process engine"};
    if (o.engine == Engine::InProcess && o.jobs > 1) throw SetupError{"--jobs more than 1 needs --engine libfuzzer"};
    if (o.engine == Engine::InProcess && !o.libfuzzer_flags.empty())
      throw SetupError{"libFuzzer flags (after --) need --engine libfuzzer"};
    if (o.engine == Engine::LibFuzzer && ::access(o.fuzzer.c_str(), X_OK) != 0)
      throw SetupError{"no fuzzer binary at " + o.fuzzer.string() +
                "; build it with: cmake --preset fuzz && cmake --build --preset fuzz --target refsim claims "
                "(then run build/fuzz/refsim), or pass --fuzzer PATH"};
    for (const std::string& flag : o.libfuzzer_flags)
      if (flag.size() < 2 || flag[0] != '-') throw SetupError{"after --: \"" + flag + "\" is not a libFuzzer flag (-name=value)"};
    writable_folder(o.out, "the output folder");
    writable_folder(at.artifacts, "the output folder");
    if (o.engine == Engine::LibFuzzer)
      for (const fs::path& dir : {at.work, at.temp, at.stats}) writable_folder(dir, "the output folder");
    writable_file(report, "the report");
    if (o.sarif) writable_file(*o.sarif, "the SARIF log");
    if (o.junit) writable_file(*o.junit, "the JUnit XML");
    if (o.file) writable_folder(*o.known, "the known counterexamples' folder");
  } catch (const SetupError& bad) {
    return bad.message;
  }
  return std::nullopt;
}

/// Step 2: the claims as the claims target reads them (REFSIM_CLAIMS_FILE), and no stale stats.
std::optional<std::string> write_claims_file(const std::vector<Claim>& claims, const Paths& at) {
  std::string text = "{\"format\": \"" + std::string(kClaimsFormat) + "\", \"claims\": [";
  for (std::size_t i = 0; i < claims.size(); ++i) text += (i ? ", " : "") + claim_json(claims[i]).dump();
  if (auto problem = write_atomically(at.claims_file, text + "]}\n")) return at.claims_file.string() + ": " + *problem;
  std::error_code ignored;
  for (const auto& entry : fs::directory_iterator(at.stats, ignored)) fs::remove(entry.path(), ignored);
  return std::nullopt;
}

/// Step 3: what runs, first on stderr: the claims, the seed and the command that repeats the run.
void announce(const CampaignOptions& o, std::size_t claims, CampaignRecord& record, std::ostream& err) {
  record.claims_from = o.claims_files.empty() ? "built-in catalog" : "";
  for (const fs::path& f : o.claims_files) record.claims_from += (record.claims_from.empty() ? "" : ", ") + f.string();
  record.seed = o.seed ? *o.seed : random_seed();
  record.jobs = o.jobs;
  record.engine = o.engine == Engine::InProcess ? "in-process" : "libfuzzer";
  record.time_asked = static_cast<std::uint64_t>(o.time.count());
  record.out = fs::absolute(o.out);
  record.repeat = repeat_command(o, record.seed, record.out, o.known);
  err << "campaign: " << counted(claims, "claim") << " (" << record.claims_from << "), seed " << record.seed << ", "
      << o.time.count() << " s, " << record.engine << (o.jobs == 1 ? "" : ", " + std::to_string(o.jobs) + " jobs")
      << ", output in "
      << record.out.string() << "\ncampaign: to repeat: " << record.repeat << std::endl;
}

/// What an engine leaves for triage besides its artifacts.
struct EngineRun {
  std::map<std::string, ClaimTally> tallies;  ///< per claim id
  std::vector<std::int64_t> first_wall, first_cpu;  ///< per claim: time to its first violation
};

/// What both engines take alike: the seed, the time, the stop flag, the terminal.
template <class EngineOptions>
EngineOptions engine_options(const CampaignOptions& o, const CampaignRecord& record) {
  EngineOptions options;
  options.seed = record.seed;
  options.time = o.time;
  options.stop = o.signals;
  options.terminal = o.terminal;
  return options;
}

/// Step 4a: the in-process claim loop.
std::optional<std::string> run_in_process(const CampaignOptions& o, const ClaimSet& set, const Paths& at,
                                          CampaignRecord& record, EngineRun& run, std::ostream& err) {
  auto loop = engine_options<LoopOptions>(o, record);
  loop.artifacts = at.artifacts;
  loop.until_broken = o.until_broken;
  const LoopResult ran = run_claim_loop(set, loop, err);
  if (!ran.error.empty()) return ran.error;
  record.run.status.execs = ran.execs;
  record.run.elapsed = ran.elapsed;
  record.run.completed = !ran.interrupted;
  record.run.interrupted = ran.interrupted;
  for (std::size_t i = 0; i < set.claims().size(); ++i)
    run.tallies[set.claims()[i].id] = ClaimTally{ran.per_claim[i], ran.gave_up[i]};
  run.first_wall = ran.first_wall_us;
  run.first_cpu = ran.first_cpu_us;
  return std::nullopt;
}

/// Step 4b: libFuzzer on the claims target, in a child process.
std::optional<std::string> run_libfuzzer(const CampaignOptions& o, const Paths& at, CampaignRecord& record,
                                         EngineRun& run, std::ostream& err) {
  auto driver = engine_options<DriverOptions>(o, record);
  driver.fuzzer = o.fuzzer;
  driver.corpora = {at.work};
  driver.artifacts = at.artifacts;
  driver.temp = at.temp;
  driver.findings = at.artifacts;
  driver.env = {{"REFSIM_CLAIMS_FILE", fs::absolute(at.claims_file).string()},
                {"REFSIM_FUZZ_STATS_DIR", fs::absolute(at.stats).string()}};
  driver.dict = o.dict;
  driver.extra = o.libfuzzer_flags;
  driver.jobs = o.jobs;
  record.run = drive(driver, err);
  std::error_code error;
  fs::remove_all(at.temp, error);
  if (record.run.error) {
    std::string problem = *record.run.error + "; its last lines:";
    const auto& lines = record.run.last_lines;
    for (std::size_t i = lines.size() > 5 ? lines.size() - 5 : 0; i < lines.size(); ++i) problem += "\n  " + lines[i];
    return problem;
  }
  run.tallies = read_tallies(at.stats);
  return std::nullopt;
}

/// Step 5: minimize and explain what the run kept (the artifacts it wrote).
void triage_run(const CampaignOptions& o, const ClaimSet& set, const KnownCounterexamples& known,
                const std::vector<fs::path>& fresh, const EngineRun& run, CampaignRecord& record, std::ostream& err) {
  TriageOptions triage;
  triage.counterexamples = o.out / "counterexamples";
  if (o.file) triage.record = *o.known;
  triage.minimize_time = std::chrono::duration_cast<std::chrono::milliseconds>(o.minimize_time);
  const volatile std::sig_atomic_t* signals = o.signals;
  triage.stop = [signals] { return signals && *signals >= 2; };
  // Off a terminal, at most three lines whatever --minimize-time: the first, and one every half of it.
  ProgressDisplay display(err, o.terminal, std::chrono::milliseconds(250),
                          std::max<std::chrono::milliseconds>(std::chrono::seconds(10), triage.minimize_time / 2));
  const auto started = std::chrono::steady_clock::now();
  triage.progress = [&](std::size_t n, std::size_t of, const std::string& signature) {
    const auto at = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    display.update("minimizing " + std::to_string(n) + " of " + std::to_string(of) + ": " + signature, at, n == 1);
  };
  record.claims = conclude(set, known, read_sightings(set, fresh), run.tallies, triage);
  for (std::size_t i = 0; i < run.first_wall.size(); ++i) {
    record.claims[i].first_wall_us = run.first_wall[i];
    record.claims[i].first_cpu_us = run.first_cpu[i];
  }
  display.finish();
}

/// Step 6: the report, and the SARIF log and JUnit XML when asked.
std::optional<std::string> write_outputs(const CampaignOptions& o, const CampaignRecord& record) {
  std::vector<std::pair<fs::path, std::string>> outputs = {{record.report, campaign_report_json(record).dump(2) + "\n"}};
  if (o.sarif) outputs.emplace_back(*o.sarif, campaign_sarif(record, fs::current_path()));
  if (o.junit) outputs.emplace_back(*o.junit, campaign_junit(record));
  for (const auto& [path, text] : outputs)
    if (auto reason = write_atomically(path, text)) return path.string() + ": cannot write: " + *reason;
  return std::nullopt;
}

}  // namespace

ExitStatus campaign_command(const CampaignOptions& o, std::ostream& out, std::ostream& err) {
  const auto bad = [&](const std::string& problem) {
    err << "refsim: " << problem << std::endl;
    return ExitStatus::BadInput;
  };
  CampaignRecord record;
  std::vector<Claim> claims;
  KnownCounterexamples known;
  const Paths at(o.out);
  record.report = fs::absolute(o.report ? *o.report : o.out / "report.json");
  if (auto problem = check_setup(o, at, record.report, claims, known)) return bad(*problem);
  if (auto problem = write_claims_file(claims, at)) return bad(*problem);
  announce(o, claims.size(), record, err);

  const ClaimSet set(claims);
  const CrashFiles before = crash_files(at.artifacts);
  EngineRun run;
  if (auto problem = o.engine == Engine::InProcess ? run_in_process(o, set, at, record, run, err)
                                                   : run_libfuzzer(o, at, record, run, err))
    return bad(*problem);
  triage_run(o, set, known, written_since(before, at.artifacts), run, record, err);
  if (auto problem = write_outputs(o, record)) return bad(*problem);

  // Before the summary: two header lines, at most six progress lines (the start, four periods of
  // plain_period, the end) and three minimization lines.
  constexpr std::size_t kBefore = 2 + 6 + 3;
  out << campaign_summary(record, kScreenLines - kBefore);
  out.flush();
  return new_counterexamples(record) > 0 ? ExitStatus::ExpectFailed : ExitStatus::Ok;
}

}  // namespace refsim::tools
