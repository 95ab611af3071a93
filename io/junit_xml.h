// JUnit XML: a list of test cases as the <testsuites> document CI systems read (GitLab, Jenkins,
// GitHub test reporters). Generic: `refsim replay` writes one case per input, campaigns may write
// one per claim.
#pragma once

#include <string>
#include <vector>

namespace refsim {

struct JunitCase {
  std::string name;       ///< e.g. the input's path
  std::string classname;  ///< e.g. "replay.scenario", "replay.immortal_safety"
  double seconds = 0;
  /// What failed, each one line; the <failure> element's message is the first (shown in lists),
  /// its type the first's kind, its text every one.
  struct Failure {
    std::string kind;
    std::string message;
  };
  std::vector<Failure> failures;  ///< empty: the case passed
  std::string output;             ///< <system-out>, when not empty
};

struct JunitSuite {
  std::string name;  ///< e.g. "refsim replay"
  std::vector<JunitCase> cases;
};

/// The document: one <testsuites> with one <testsuite>, `tests`/`failures`/`errors`/`skipped`/
/// `time` counted on both. Text is escaped, characters XML 1.0 cannot carry are written as "\xNN"
/// and invalid UTF-8 as U+FFFD, so any path or message gives well-formed XML.
std::string junit_xml(const JunitSuite& suite);

}  // namespace refsim
