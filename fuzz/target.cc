// Target: the table of fuzz targets.
#include "fuzz/target.h"

namespace refsim::fuzz {

namespace {

struct TargetRow {
  Target target;
  std::string_view name;
  bool bugs;
};

constexpr TargetRow kRows[] = {
    {Target::EngineEquivalence, "engine_equivalence", true},
    {Target::ImmortalSafety, "immortal_safety", false},
    {Target::MortalAccounting, "mortal_accounting", false},
    {Target::ScenarioJson, "scenario_json", true},
};

const TargetRow& row(Target target) {
  for (const TargetRow& r : kRows)
    if (r.target == target) return r;
  return kRows[0];
}

}  // namespace

std::string_view target_name(Target target) { return row(target).name; }

std::optional<Target> parse_target(std::string_view name) {
  for (const TargetRow& r : kRows)
    if (r.name == name) return r.target;
  return std::nullopt;
}

std::optional<Target> target_from_path(const std::filesystem::path& path) {
  // The innermost component that names a target wins: corpus/immortal_safety/regression/x.
  std::optional<Target> found;
  for (const auto& part : path.lexically_normal())
    if (auto t = parse_target(part.string())) found = t;
  return found;
}

bool findings_are_bugs(Target target) { return row(target).bugs; }

bool takes_json(Target target) { return target == Target::ScenarioJson; }

}  // namespace refsim::fuzz
