// Finding groups: a map keyed by (target, signature); the minimizer's size order picks reproducers.
#include "campaign/finding_groups.h"

#include "campaign/minimizer.h"
#include "io/scenario_writer.h"

namespace refsim::campaign {

void FindingGroups::add(const fuzz::Finding& finding, const std::filesystem::path& source) {
  const auto key = std::make_pair(static_cast<int>(finding.target), finding.signature);
  auto [it, inserted] = groups_.try_emplace(key, FindingGroup{finding.target, finding.signature, 0, finding, source});
  FindingGroup& group = it->second;
  ++group.count;
  if (!inserted && size_of(finding.scenario) < size_of(group.smallest.scenario)) {
    group.smallest = finding;
    group.source = source;
  }
}

std::vector<const FindingGroup*> FindingGroups::ordered() const {
  std::vector<const FindingGroup*> out;
  for (const auto& [key, group] : groups_) out.push_back(&group);
  return out;
}

const FindingGroup* FindingGroups::find(fuzz::Target target, const std::string& signature) const {
  const auto it = groups_.find({static_cast<int>(target), signature});
  return it == groups_.end() ? nullptr : &it->second;
}

nlohmann::ordered_json reproducer_json(const fuzz::Finding& finding, const std::filesystem::path& source) {
  const ScenarioSize size = size_of(finding.scenario);
  nlohmann::ordered_json j;
  j["file"] = source.string();
  j["step"] = finding.step;
  j["message"] = finding.message;
  j["ops"] = size.ops;
  j["steps"] = static_cast<std::uint64_t>(size.steps);  // check() keeps it below 2^64
  j["scenario"] = scenario_json(finding.scenario);
  return j;
}

nlohmann::ordered_json group_json(const FindingGroup& group) {
  nlohmann::ordered_json j;
  j["target"] = std::string(fuzz::target_name(group.target));
  j["signature"] = group.signature;
  j["is_bug"] = fuzz::findings_are_bugs(group.target);
  j["count"] = group.count;
  j["reproducer"] = reproducer_json(group.smallest, group.source);
  return j;
}

}  // namespace refsim::campaign
