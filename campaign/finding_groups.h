// Finding groups: findings gathered from many inputs, grouped by target and signature, each group
// keeping its count and its smallest reproducer (fewest ops, then fewest expanded steps).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz/finding.h"

namespace refsim::campaign {

struct FindingGroup {
  fuzz::Target target;
  std::string signature;
  std::uint64_t count = 0;            ///< findings with this signature (at most one per input)
  fuzz::Finding smallest;             ///< the smallest reproducer seen
  std::filesystem::path source;       ///< the input it came from
};

class FindingGroups {
 public:
  /// Adds one finding of the input at `source`. A strictly smaller reproducer replaces the group's;
  /// on a tie the first one added stays (callers add inputs in sorted order: deterministic).
  void add(const fuzz::Finding& finding, const std::filesystem::path& source);

  /// The groups ordered by target (table order), then signature.
  std::vector<const FindingGroup*> ordered() const;
  bool empty() const { return groups_.empty(); }
  const FindingGroup* find(fuzz::Target target, const std::string& signature) const;

 private:
  std::map<std::pair<int, std::string>, FindingGroup> groups_;
};

/// The reproducer part of a group in reports: file, first step, message, its size, and the
/// scenario as a refsim-scenario/1 object.
nlohmann::ordered_json reproducer_json(const fuzz::Finding& finding, const std::filesystem::path& source);

/// A group as reports write it: target, signature, is_bug, count and `reproducer`.
nlohmann::ordered_json group_json(const FindingGroup& group);

}  // namespace refsim::campaign
