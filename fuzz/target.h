// Target: the four fuzz targets as a name table (Names<Target>, model/names.h), and whether their
// findings are bugs in refsim.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "model/names.h"

namespace refsim::fuzz {

enum class Target { EngineEquivalence, ImmortalSafety, MortalAccounting, ScenarioJson };

}  // namespace refsim::fuzz

namespace refsim {

template <> struct Names<fuzz::Target> {
  static constexpr NameRow<fuzz::Target> rows[] = {
      {fuzz::Target::EngineEquivalence, "engine_equivalence", "the fast engine and the stepwise reference agree"},
      {fuzz::Target::ImmortalSafety, "immortal_safety", "objects created immortal stay immortal and alive"},
      {fuzz::Target::MortalAccounting, "mortal_accounting", "paired references free a mortal object exactly once"},
      {fuzz::Target::ScenarioJson, "scenario_json", "scenario JSON parses, round-trips and runs"},
  };
};

}  // namespace refsim

namespace refsim::fuzz {

/// Every target, in table order.
inline constexpr auto kTargets = values_of<Target>();

/// "engine_equivalence", "immortal_safety", "mortal_accounting", "scenario_json".
constexpr std::string_view target_name(Target target) { return name_of(target); }
/// The target with that name, if any.
constexpr std::optional<Target> parse_target(std::string_view name) { return parse_name<Target>(name); }
/// Infers the target from a path with a `corpus/<target>/` (or `<target>/`) component.
std::optional<Target> target_from_path(const std::filesystem::path& path);
/// Whether a finding of this target is a bug in refsim (engine_equivalence, scenario_json: CI
/// fails) or a result about CPython (immortal_safety, mortal_accounting: reported, not a failure).
bool findings_are_bugs(Target target);
/// Whether the target's inputs are JSON text (scenario_json) rather than the binary format.
bool takes_json(Target target);

}  // namespace refsim::fuzz
