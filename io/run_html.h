// Run HTML: `refsim run --format html`, one self-contained page with a chart per object of each run:
// its refcount word over the steps (log-scaled step axis), the version's immortality band, the
// signed maximum of the word, the refcount _Py_SetImmortal writes (3.12/3.13 64-bit: the level
// increfs saturate at), and every kept event as a labelled marker; a free-threaded run's section is
// io/ft_run_html.h's.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/outcome.h"
#include "model/scenario.h"

namespace refsim {

struct HtmlRun {
  std::string file;           ///< where the scenario came from
  const Scenario* scenario;   ///< not owned; null for a free-threaded run
  Outcome outcome;
  nlohmann::ordered_json ft_report;  ///< a free-threaded run's report entry (io/ft_run_html.h), else null
};

/// The page. Each event marker carries data-kind, data-step, data-word-before, data-word-after (the
/// report's hex words) and, for a dealloc, data-action, so a test can check them against the report.
std::string run_html(const std::vector<HtmlRun>& runs);

}  // namespace refsim
