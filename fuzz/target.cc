// Target: what each fuzz target's findings mean, and targets named by paths.
#include "fuzz/target.h"

namespace refsim::fuzz {

std::optional<Target> target_from_path(const std::filesystem::path& path) {
  // The innermost component that names a target wins: corpus/immortal_safety/regression/x.
  std::optional<Target> found;
  for (const auto& part : path.lexically_normal())
    if (auto t = parse_target(part.string())) found = t;
  return found;
}

bool findings_are_bugs(Target target) {
  return target == Target::EngineEquivalence || target == Target::ScenarioJson;
}

bool takes_json(Target target) { return target == Target::ScenarioJson; }

}  // namespace refsim::fuzz
