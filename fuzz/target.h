// Target: the four fuzz targets, their names, and whether their findings are bugs in refsim.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

namespace refsim::fuzz {

enum class Target { EngineEquivalence, ImmortalSafety, MortalAccounting, ScenarioJson };

/// Every target, in table order.
inline constexpr Target kTargets[] = {Target::EngineEquivalence, Target::ImmortalSafety,
                                      Target::MortalAccounting, Target::ScenarioJson};

/// "engine_equivalence", "immortal_safety", "mortal_accounting", "scenario_json".
std::string_view target_name(Target target);
/// The target with that name, if any.
std::optional<Target> parse_target(std::string_view name);
/// Infers the target from a path with a `corpus/<target>/` (or `<target>/`) component.
std::optional<Target> target_from_path(const std::filesystem::path& path);
/// Whether a finding of this target is a bug in refsim (engine_equivalence, scenario_json: CI
/// fails) or a result about CPython (immortal_safety, mortal_accounting: reported, not a failure).
bool findings_are_bugs(Target target);
/// Whether the target's inputs are JSON text (scenario_json) rather than the binary format.
bool takes_json(Target target);

}  // namespace refsim::fuzz
