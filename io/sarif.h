// SARIF 2.1.0: a list of findings as the static-analysis log that code-scanning pages read (GitHub
// code scanning, VS Code's SARIF viewer). Generic: `refsim replay` writes one result per finding
// group, campaigns may write theirs.
#pragma once

#include <string>
#include <vector>

namespace refsim {

enum class SarifLevel { Error, Warning, Note };

struct SarifResult {
  std::string rule_id;           ///< stable; results with one id share a rule
  std::string rule_description;  ///< the rule's one-line description (taken from its first result)
  SarifLevel level = SarifLevel::Warning;
  std::string message;      ///< what a code-scanning page shows: what happened and how to reproduce it
  std::string location;     ///< the file it was found in: a path relative to the source root, or absolute
  bool location_is_text = false;  ///< give the location a region (line 1); binary files get none
  std::string reproducer;   ///< the reproducer scenario (refsim-scenario/1 JSON), attached as an artifact
  /// Where that reproducer is also written (as `location`): the artifact then names its file.
  std::string reproducer_file;
  std::string fingerprint;  ///< the same finding in another run has the same fingerprint
};

struct SarifTool {
  std::string name;
  std::string version;
  std::string information_uri;
};

/// The log: one run, the tool with a rule per distinct rule_id, the reproducers as artifacts
/// (role "attachment", referenced by each result's `attachments`; with their file as `location`
/// when reproducer_file is given), one result per finding with
/// its location (relative paths under uriBaseId %SRCROOT%, absolute ones as file:// URIs) and a
/// partial fingerprint. Invalid UTF-8 in any text is replaced by U+FFFD.
std::string sarif_json(const SarifTool& tool, const std::vector<SarifResult>& results);

/// A path as a URI reference: unreserved characters and '/' kept, every other byte %XX.
std::string uri_of_path(const std::string& path);

}  // namespace refsim
