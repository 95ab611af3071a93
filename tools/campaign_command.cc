// Campaign command: check the inputs (exit 2 before anything runs), drive libFuzzer, triage its
// artifacts (replay, group, minimize, file), write the report.
#include "tools/campaign_command.h"

#include <unistd.h>

#include <ctime>
#include <ostream>
#include <random>
#include <set>
#include <system_error>

#include "campaign/campaign_report.h"
#include "campaign/driver.h"
#include "campaign/file_io.h"
#include "campaign/triage.h"

namespace refsim::tools {
namespace {

namespace fs = std::filesystem;
using campaign::CampaignFinding;
using campaign::CampaignRecord;

std::string today() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
  return text;
}

std::uint32_t random_seed() {
  std::random_device device;
  std::uint32_t seed = 0;
  while (seed == 0) seed = device();  // libFuzzer reads -seed=0 as "pick one": never reproducible
  return seed;
}

/// The artifact files in `dir` (none when it does not exist yet).
std::set<fs::path> artifact_files(const fs::path& dir) {
  std::set<fs::path> out;
  auto files = campaign::list_files(dir);
  if (auto* list = std::get_if<std::vector<fs::path>>(&files))
    for (const fs::path& file : *list)
      if (file.filename().string().rfind(".partial-", 0) != 0) out.insert(file);  // a write in progress
  return out;
}

/// Minimizes and (unless --no-file) files each new finding; the minimization time is shared.
void triage_new(const CampaignOptions& o, CampaignRecord& record, const fs::path& regression, std::ostream& err) {
  std::uint64_t fresh = campaign::new_findings(record);
  const volatile std::sig_atomic_t* signals = o.signals;
  for (CampaignFinding& f : record.findings) {
    if (!f.is_new) continue;
    campaign::MinimizeLimits limits;
    limits.time = std::chrono::duration_cast<std::chrono::milliseconds>(o.minimize_time) / static_cast<long>(fresh);
    limits.stop = [signals] { return signals && *signals >= 2; };
    err << "campaign: minimizing " << f.group->signature << std::endl;
    f.reduced = campaign::reduce(*f.group, limits);
    if (!f.reduced) {
      f.file_error = "the finding did not show again when its input was replayed";
      continue;
    }
    if (!o.file_findings) continue;
    const std::string note = "found by refsim campaign --target " + std::string(fuzz::target_name(o.target)) +
                             " --seed " + std::to_string(record.seed) + " on " + today();
    auto filed = campaign::file_regression(regression, o.target, *f.reduced, note);
    if (auto* path = std::get_if<fs::path>(&filed)) f.filed = *path;
    else f.file_error = std::get<std::string>(filed);
  }
}

}  // namespace

ExitStatus campaign_command(const CampaignOptions& o, std::ostream& out, std::ostream& err) {
  const std::string target = std::string(fuzz::target_name(o.target));
  // Inputs: the fuzzer binary, the corpus' regression sidecars, the output folder.
  if (::access(o.fuzzer.c_str(), X_OK) != 0) {
    err << "refsim: no fuzzer binary at " << o.fuzzer.string()
        << "; build it with: cmake --preset fuzz && cmake --build --preset fuzz --target refsim " << target
        << " (then run build/fuzz/refsim), or pass --fuzzer PATH" << std::endl;
    return ExitStatus::BadInput;
  }
  if (o.time.count() <= 0 || o.jobs == 0) {
    err << "refsim: --time and --jobs must be at least 1" << std::endl;
    return ExitStatus::BadInput;
  }
  const fs::path target_corpus = o.corpus / target;
  const fs::path regression = target_corpus / "regression", seeds = target_corpus / "seeds";
  auto known = campaign::known_signatures(regression);
  if (auto* reason = std::get_if<std::string>(&known)) {
    err << "refsim: " << *reason << std::endl;
    return ExitStatus::BadInput;
  }
  const fs::path work = o.out / "corpus", artifacts = o.out / "artifacts", temp = o.out / "tmp";
  for (const fs::path& dir : {work, artifacts, temp}) {
    std::error_code error;
    fs::create_directories(dir, error);
    if (error) {
      err << "refsim: " << dir.string() << ": cannot create: " << error.message() << std::endl;
      return ExitStatus::BadInput;
    }
  }
  const fs::path report = o.report ? *o.report : o.out / "report.json";

  CampaignRecord record;
  record.target = o.target;
  record.seed = o.seed ? *o.seed : random_seed();
  record.jobs = o.jobs;
  record.time_asked = static_cast<std::uint64_t>(o.time.count());
  record.out = o.out;
  record.filing = o.file_findings;
  err << "campaign: " << target << ", seed " << record.seed << ", " << o.time.count() << " s, " << o.jobs
      << (o.jobs == 1 ? " job" : " jobs") << "; to repeat: refsim campaign --target " << target << " --time "
      << o.time.count() << " --jobs " << o.jobs << " --seed " << record.seed << std::endl;

  // Run.
  campaign::DriverOptions driver;
  driver.fuzzer = o.fuzzer;
  driver.corpora = {work};
  std::error_code error;
  if (fs::is_directory(seeds, error)) driver.corpora.push_back(seeds);
  driver.artifacts = artifacts;
  driver.temp = temp;
  // The target writes each new signature's first input to the artifacts and goes on; the corpus's
  // known signatures are not findings at all.
  driver.findings = artifacts;
  driver.skip = o.out / "known-signatures.txt";
  {
    std::string lines;
    for (const std::string& signature : std::get<std::set<std::string>>(known)) lines += signature + "\n";
    if (auto problem = write_atomically(*driver.skip, lines)) {
      err << "refsim: " << *problem << std::endl;
      return ExitStatus::BadInput;
    }
  }
  const fs::path dict_name = fs::path("fuzz") / "dict" / (target + ".dict");
  for (const fs::path& dict : {fs::path(o.fuzzer.string() + ".dict"), o.corpus.parent_path() / dict_name, dict_name})
    if (!driver.dict && fs::is_regular_file(dict, error)) driver.dict = dict;
  driver.seed = record.seed;
  driver.time = o.time;
  driver.jobs = o.jobs;
  driver.stop = o.signals;
  driver.terminal = o.terminal;
  const std::set<fs::path> before = artifact_files(artifacts);
  record.run = campaign::drive(driver, err);
  fs::remove_all(temp, error);

  // Triage: this run's artifacts only; earlier runs' stay where they are.
  std::vector<fs::path> fresh;
  for (const fs::path& file : artifact_files(artifacts))
    if (!before.count(file)) fresh.push_back(file);
  campaign::FindingGroups groups;
  record.artifacts = campaign::replay_artifacts(o.target, fresh, groups);
  for (const campaign::FindingGroup* group : groups.ordered())
    record.findings.push_back({group, !std::get<std::set<std::string>>(known).count(group->signature), {}, {}, {}});
  triage_new(o, record, regression, err);

  // Report.
  if (auto reason = write_atomically(report, campaign::campaign_report_json(record).dump(2) + "\n")) {
    err << "refsim: " << report.string() << ": cannot write the report: " << *reason << std::endl;
    return ExitStatus::BadInput;
  }
  out << campaign::campaign_summary(record) << "campaign: report written to " << report.string() << "\n";
  out.flush();
  if (record.run.error) {
    err << "refsim: " << *record.run.error << "; its last lines:" << std::endl;
    for (const std::string& line : record.run.last_lines) err << "  " << line << "\n";
    return ExitStatus::BadInput;
  }
  return campaign::new_findings(record) > 0 ? ExitStatus::ExpectFailed : ExitStatus::Ok;
}

}  // namespace refsim::tools
