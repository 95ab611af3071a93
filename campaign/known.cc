// Known counterexamples: reading the per-claim folders, and recording a new counterexample.
#include "campaign/known.h"

#include <fcntl.h>
#include <cerrno>
#include <cstring>
#include <unistd.h>

#include "campaign/file_io.h"
#include "io/read_file.h"
#include "io/atomic_write.h"
#include "io/scenario_json.h"
#include "io/scenario_writer.h"

namespace refsim::campaign {

namespace fs = std::filesystem;

std::variant<KnownCounterexamples, std::string> read_known(const fs::path& dir, const std::vector<Claim>& claims) {
  KnownCounterexamples out;
  for (const Claim& claim : claims) {
    const fs::path folder = dir / claim.id;
    std::error_code error;
    if (!fs::exists(folder, error)) continue;
    auto files = list_files(folder);
    if (auto* reason = std::get_if<std::string>(&files)) return folder.string() + ": " + *reason;
    for (const fs::path& file : std::get<std::vector<fs::path>>(files)) {
      if (file.extension() != ".json") continue;
      const FileRead bytes = read_file(file);
      if (!bytes.ok()) return file.string() + ": " + bytes.error;
      auto parsed = parse_scenario(bytes.bytes, file.stem().string());
      if (auto* bad = std::get_if<SpecError>(&parsed)) return file.string() + ": " + describe(*bad);
      Recorded r{file, std::get<ScenarioFile>(parsed).scenario, {}};
      if (in_scope(claim.scope, r.scenario))
        for (const Violation& v : violations(claim, r.scenario)) r.signatures.push_back(v.signature);
      out[claim.id].push_back(std::move(r));
    }
  }
  return out;
}

const Recorded* find_known(const KnownCounterexamples& known, const std::string& claim_id, const std::string& signature) {
  auto it = known.find(claim_id);
  if (it == known.end()) return nullptr;
  for (const Recorded& r : it->second)
    for (const std::string& s : r.signatures)
      if (s == signature) return &r;
  return nullptr;
}

std::string counterexample_json(const Scenario& scenario, const Violation& v) {
  nlohmann::ordered_json event;
  event["kind"] = name_of(v.event.kind);
  event["obj"] = scenario.objects[v.event.obj].id;
  if (v.event.action) event["detail"] = {{"action", name_of(*v.event.action)}};
  nlohmann::ordered_json expect;
  expect["events"] = nlohmann::ordered_json::array({event});
  Scenario named = scenario;
  named.name = v.signature;
  return scenario_json(named, expect).dump(2) + "\n";
}

std::variant<fs::path, std::string> record_known(const fs::path& dir, const Claim& claim, const Scenario& scenario,
                                                 const Violation& v) {
  const fs::path folder = dir / claim.id;
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) return folder.string() + ": cannot create: " + error.message();
  const std::string base = std::string(name_of(v.invariant)) + "-" +
                           std::string(family_name(family_of(scenario.runtime.version))) + "-" +
                           std::to_string(scenario.runtime.width.bits);
  for (int n = 1; n < 100; ++n) {
    const fs::path file = folder / (base + (n == 1 ? "" : "-" + std::to_string(n)) + ".json");
    // Claim the name first (O_EXCL), so that an existing file is never replaced.
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0666);
    if (fd < 0) {
      if (errno == EEXIST) continue;
      return file.string() + ": cannot create: " + std::strerror(errno);
    }
    ::close(fd);
    if (auto reason = write_atomically(file, counterexample_json(scenario, v))) {
      fs::remove(file, error);
      return file.string() + ": " + *reason;
    }
    return file;
  }
  return folder.string() + ": too many counterexamples with the name " + base;
}

}  // namespace refsim::campaign
