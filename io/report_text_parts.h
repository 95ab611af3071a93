// Report text parts: the pieces both report texts are made of (the default build's, io/report_text.cc,
// and the free-threaded one's, io/ft_report_text.cc): cells, aligned tables, the elided event list,
// and the scenario, outcome, events and expect lines.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace refsim::text {

using Json = nlohmann::ordered_json;
using Row = std::vector<std::string>;

/// j[key], or null when j is not an object or has no such member.
const Json& field(const Json& j, const char* key);

/// A scalar as a table cell: decimal strings and numbers with separators, other strings escaped
/// (printable()), null as "-", booleans as yes/no, an op path as "[0, 1]".
std::string cell(const Json& j);

/// Left-aligned columns separated by two spaces, each line indented by two. A row with one cell is
/// a note spanning the table.
void table(std::string& out, const std::vector<Row>& rows);

/// `header` then one row per event (`row_of`), elided past kEventsShownInFull to the first and last
/// kEventsAtEachEnd around one "... N more events not shown ..." line.
void events_table(std::string& out, const Json& events, Row header, Row (*row_of)(const Json&));

/// "scenario  ...\nsha256    ...\n": the file when the scenario is named after it, else "name  (file)".
std::string scenario_lines(const Json& scenario);

/// "outcome   crashed after 3 steps: op [1], object o, dealloc\n" (with where it stopped), then
/// "events    N\n" and the events table made with `header` and `row_of`.
std::string outcome_and_events(const Json& report, Row header, Row (*row_of)(const Json&));

/// "expect    held\n", "expect    (none)\n" or "expect    FAILED\n" and a line per failure.
std::string expect_lines(const Json& expect);

}  // namespace refsim::text
