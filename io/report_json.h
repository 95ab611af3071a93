// Report JSON: a run's outcome as one entry of a `refsim-report/2` document, the document itself,
// and the reader that takes entries (and `refsim-report/1` reports) back to an Outcome.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/outcome.h"
#include "model/scenario.h"

namespace refsim {

inline constexpr std::string_view kReportFormat = "refsim-report/2";
/// The previous format (one report per document, counts as JSON numbers); still read.
inline constexpr std::string_view kReportFormatV1 = "refsim-report/1";
inline constexpr std::string_view kToolName = "refsim";
/// Keep equal to the project VERSION in CMakeLists.txt (a test checks it).
inline constexpr std::string_view kToolVersion = "0.1.0";

/// A word as reports write it: "0x" and lower-case hex, zero-padded to the width.
std::string hex_word(Width width, Word word);

/// The report of one run: one entry of a document's `reports` (docs/FORMATS-REPORT.md). Counts,
/// steps, refcounts and logical references are decimal strings whatever their value; words are
/// "0x..." strings. Has `events_total` and, when events were dropped, `events_truncated: true`.
/// `sha256` is the digest of the scenario file's bytes.
nlohmann::ordered_json report_json(const Scenario& scenario, const Outcome& outcome,
                                   std::string_view sha256);

/// The `expect` member `refsim run` adds to a report entry: null when the scenario has none,
/// else {"held": bool, "failures": [line, ...]}.
/// The part every report ends with, in refsim-report/2's order, after the fields it starts with
/// (`head`: scenario, runtime, and for free-threaded runtimes the threads): outcome, steps, stopped,
/// events_total, events_truncated (when events were dropped), events, objects. Shared by the default and
/// the free-threaded reports so that both keep one layout.
nlohmann::ordered_json finish_report(nlohmann::ordered_json head, bool crashed, std::uint64_t steps,
                                     nlohmann::ordered_json stopped, std::uint64_t events_total,
                                     nlohmann::ordered_json events, nlohmann::ordered_json objects);

nlohmann::ordered_json expect_json(const std::optional<std::vector<std::string>>& failures);

/// What a set of report entries adds up to (the document's `summary`).
struct RunSummary {
  std::uint64_t scenarios = 0;
  std::uint64_t expects_held = 0;
  std::uint64_t expects_failed = 0;
  std::uint64_t without_expect = 0;
  std::uint64_t crashed = 0;
  std::uint64_t survived = 0;
};
RunSummary summarize(const nlohmann::ordered_json& reports);

/// The document `refsim run` writes, whatever the number of files: {"format": "refsim-report/2",
/// "tool", "summary", "reports": [entry, ...]}.
nlohmann::ordered_json report_document(nlohmann::ordered_json reports);

/// The text of a document, of one entry, or of a refsim-report/1 report or array, as files and
/// stdout carry it: one line per field, one line per event and per object (diff-friendly).
std::string dump_report(const nlohmann::ordered_json& document);

/// Reads a report entry (refsim-report/2, no `format` member) or a whole refsim-report/1 report
/// back into an Outcome (for round trips). Counts may be numbers or decimal strings.
/// `created_immortal`, which reports do not carry, is recomputed from the scenario. Nullopt when
/// the report does not fit the scenario or is not a well-formed report.
std::optional<Outcome> outcome_from_report_json(const Scenario& scenario,
                                                const nlohmann::ordered_json& report);

}  // namespace refsim
