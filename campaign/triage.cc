// Triage: artifacts -> findings -> groups; new groups -> minimized inputs -> regression files.
#include "campaign/triage.h"

#include <system_error>

#include "campaign/isolated_minimize.h"
#include "fuzz/codec.h"
#include "fuzz/regression.h"
#include "io/read_file.h"

namespace refsim::campaign {

namespace fs = std::filesystem;

std::vector<Artifact> replay_artifacts(fuzz::Target target, const std::vector<fs::path>& files, FindingGroups& groups) {
  std::vector<Artifact> out;
  for (const fs::path& file : files) {
    Artifact artifact{file, "other", false, {}};
    const std::string name = file.filename().string();
    for (const char* kind : {"finding", "crash", "timeout", "oom", "leak", "slow-unit"})
      if (name.rfind(std::string(kind) + "-", 0) == 0) artifact.kind = kind;
    // An input that ran out of time or memory in libFuzzer would do the same here: not replayed.
    artifact.replayed = artifact.kind != "timeout" && artifact.kind != "oom";
    const FileRead read = read_file(file);
    if (read.ok() && artifact.replayed) artifact.findings = fuzz::check(target, read.octets());
    for (const fuzz::Finding& f : artifact.findings) groups.add(f, file);
    out.push_back(std::move(artifact));
  }
  return out;
}

std::variant<std::set<std::string>, std::string> known_signatures(const fs::path& regression_dir) {
  using Result = std::variant<std::set<std::string>, std::string>;
  std::set<std::string> known;
  std::error_code error;
  if (!fs::exists(regression_dir, error)) return known;
  auto files = list_files(regression_dir);
  if (auto* reason = std::get_if<std::string>(&files)) return Result(std::in_place_index<1>, regression_dir.string() + ": " + *reason);
  for (const fs::path& file : std::get<std::vector<fs::path>>(files)) {
    if (!fuzz::is_sidecar(file)) continue;
    auto expected = fuzz::read_expected(file);
    if (auto* reason = std::get_if<std::string>(&expected)) return Result(std::in_place_index<1>, file.string() + ": " + *reason);
    for (const std::string& signature : std::get<fuzz::Expected>(expected).signatures) known.insert(signature);
  }
  return known;
}

namespace {

std::optional<std::size_t> with_signature(const std::vector<fuzz::Finding>& findings, const std::string& signature) {
  for (std::size_t i = 0; i < findings.size(); ++i)
    if (findings[i].signature == signature) return i;
  return std::nullopt;
}

}  // namespace

std::optional<Reduced> reduce(const FindingGroup& group, const MinimizeLimits& limits) {
  const fuzz::Target target = group.target;
  auto shows = [&](const Bytes& bytes) { return with_signature(fuzz::check(target, bytes), group.signature).has_value(); };
  Reduced reduced;
  if (const auto start = fuzz::encode(target, group.smallest.scenario); start && shows(*start)) {
    const IsolatedResult result = minimize_isolated(target, group.smallest.scenario, group.signature, limits);
    reduced.input = result.best ? *result.best : *start;
    reduced.tries = result.tries;
    reduced.cut_short = result.killed;
    reduced.minimized = true;
  } else {
    const FileRead read = read_file(group.source);  // keep the artifact as libFuzzer wrote it
    if (!read.ok()) return std::nullopt;
    Bytes artifact(read.octets().begin(), read.octets().end());
    if (!shows(artifact)) return std::nullopt;
    reduced.input = std::move(artifact);
  }
  reduced.findings = fuzz::check(target, reduced.input);
  const auto index = with_signature(reduced.findings, group.signature);
  if (!index) return std::nullopt;
  reduced.finding = *index;
  return reduced;
}

std::variant<fs::path, std::string> file_regression(const fs::path& dir, fuzz::Target target, const Reduced& reduced,
                                                    const std::string& note) {
  using Result = std::variant<fs::path, std::string>;
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) return Result(std::in_place_index<1>, dir.string() + ": " + error.message());
  const fs::path input = dir / fuzz::sha1_hex(reduced.input);
  fuzz::Expected expected{target, {}, std::nullopt, note};
  for (const fuzz::Finding& f : reduced.findings) expected.signatures.push_back(f.signature);
  if (!reduced.findings.empty()) expected.step = reduced.findings.front().step;
  const std::string_view bytes(reinterpret_cast<const char*>(reduced.input.data()), reduced.input.size());
  if (auto reason = write_atomically(input, bytes)) return Result(std::in_place_index<1>, input.string() + ": " + *reason);
  const fs::path sidecar = input.string() + std::string(fuzz::kExpectedSuffix);
  if (auto reason = write_atomically(sidecar, fuzz::expected_json(expected)))
    return Result(std::in_place_index<1>, sidecar.string() + ": " + *reason);
  return Result(std::in_place_index<0>, input);
}

}  // namespace refsim::campaign
