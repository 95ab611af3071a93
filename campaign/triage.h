// Triage: after a run, replays libFuzzer's artifacts, groups their findings, tells new signatures
// from those the regression corpus already holds, minimizes new ones and files them.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "campaign/file_io.h"
#include "campaign/finding_groups.h"
#include "campaign/minimizer.h"
#include "fuzz/finding.h"

namespace refsim::campaign {

/// One file libFuzzer wrote with -artifact_prefix, replayed.
struct Artifact {
  std::filesystem::path file;
  std::string kind;  ///< the name's prefix: crash, timeout, oom, leak, slow-unit (else "other")
  bool replayed = false;  ///< timeouts and ooms are not replayed (they would hang or exhaust refsim)
  std::vector<fuzz::Finding> findings;  ///< empty: it does not reproduce as a finding
};

/// Replays every file of `files` (but timeouts and ooms) with fuzz::check and adds the findings to
/// `groups`.
std::vector<Artifact> replay_artifacts(fuzz::Target target, const std::vector<std::filesystem::path>& files,
                                       FindingGroups& groups);

/// The signatures recorded by the `.expected` sidecars in `regression_dir` (none when it does not
/// exist), or the `refsim: ` line describing a sidecar that cannot be read.
std::variant<std::set<std::string>, std::string> known_signatures(const std::filesystem::path& regression_dir);

/// A new finding, minimized: the input to file and what it shows now.
struct Reduced {
  Bytes input;                          ///< fuzz::encode of the minimized scenario (or the artifact)
  std::vector<fuzz::Finding> findings;  ///< fuzz::check of `input`; holds the group's signature
  std::size_t finding = 0;              ///< index in `findings` of the one with the group's signature
  std::uint64_t tries = 0;              ///< predicate calls the minimizer made
  bool minimized = false;  ///< false: the format cannot express the scenario, the artifact is kept
  bool cut_short = false;  ///< the minimizer overran its budget (a check that did not end) and was killed
};

/// Minimizes a group's smallest reproducer while its signature still shows, within `limits`, in
/// a child process (minimize_isolated).
/// Nullopt when even the original input no longer shows the signature (a flaky finding).
std::optional<Reduced> reduce(const FindingGroup& group, const MinimizeLimits& limits);

/// Writes `<dir>/<sha1>` and `<dir>/<sha1>.expected` (creating `dir`), each atomically. Returns
/// the input's path, or the reason it could not be written.
std::variant<std::filesystem::path, std::string> file_regression(const std::filesystem::path& dir,
                                                                  fuzz::Target target, const Reduced& reduced,
                                                                  const std::string& note);

}  // namespace refsim::campaign
