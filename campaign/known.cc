// Known counterexamples: reading the per-claim folders, and recording a new counterexample.
#include "campaign/known.h"

#include <fcntl.h>
#include <cerrno>
#include <cstring>
#include <unistd.h>

#include "campaign/file_io.h"
#include "io/read_file.h"
#include "io/atomic_write.h"
#include "io/ft_scenario_json.h"
#include "io/ft_scenario_writer.h"
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
      ClaimScenario scenario;
      if (ft::names_free_threaded_runtime(bytes.bytes)) {
        auto parsed = ft::parse_ft_scenario(bytes.bytes, file.stem().string());
        if (auto* bad = std::get_if<SpecError>(&parsed)) return file.string() + ": " + describe(*bad);
        scenario = std::get<ft::FtScenarioFile>(parsed).scenario;
      } else {
        auto parsed = parse_scenario(bytes.bytes, file.stem().string());
        if (auto* bad = std::get_if<SpecError>(&parsed)) return file.string() + ": " + describe(*bad);
        scenario = std::get<ScenarioFile>(parsed).scenario;
      }
      Recorded r{file, std::move(scenario), {}};
      if (in_claim_scope(claim, r.scenario))
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

nlohmann::ordered_json claim_scenario_json(const ClaimScenario& scenario) {
  if (const auto* threaded = std::get_if<ft::FtScenario>(&scenario)) return ft_scenario_json(*threaded);
  return scenario_json(std::get<Scenario>(scenario));
}

std::string counterexample_json(const ClaimScenario& scenario, const Violation& v) {
  nlohmann::ordered_json expect;
  if (const auto* e = std::get_if<Event>(&v.event)) {
    const std::string& obj = std::get<Scenario>(scenario).objects[e->obj].id;
    if (e->fatal()) {
      // The event that crashes the process is the report's `stopped`, which every report has; its
      // events keep only the first 10,000 (RunLimits::max_events), among which an event reached
      // after millions of band crossings is not.
      expect["outcome"] = "crashed";
      expect["stopped"] = {{"obj", obj}, {"event", name_of(e->kind)}};
      if (e->action) expect["stopped"]["action"] = name_of(*e->action);
    } else {
      nlohmann::ordered_json event{{"kind", name_of(e->kind)}, {"obj", obj}};
      if (e->action) event["detail"] = {{"action", name_of(*e->action)}};
      expect["events"] = nlohmann::ordered_json::array({event});
    }
  } else {
    const auto& f = std::get<ft::FtEventRecord>(v.event);
    nlohmann::ordered_json event{{"kind", name_of(f.kind)}, {"obj", std::get<ft::FtScenario>(scenario).objects[f.obj].id}};
    if (f.kind == ft::FtEventKind::Dealloc) event["detail"] = {{"premature", f.premature}};
    expect["events"] = nlohmann::ordered_json::array({event});
  }
  nlohmann::ordered_json out = claim_scenario_json(scenario);
  out["name"] = v.signature;
  out["expect"] = expect;
  return out.dump(2) + "\n";
}

std::string signature_file_stem(const Claim& claim, const std::string& signature) {
  std::string stem;
  for (char ch : signature.substr(claim.id.size() + 1)) stem += ch == '/' ? '-' : ch;
  return stem;
}

std::variant<fs::path, std::string> record_known(const fs::path& dir, const Claim& claim, const ClaimScenario& scenario,
                                                 const Violation& v) {
  const fs::path folder = dir / claim.id;
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) return folder.string() + ": cannot create: " + error.message();
  const std::string base = signature_file_stem(claim, v.signature);
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
