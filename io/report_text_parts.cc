// Report text parts: cells, tables, the elided event list and the shared lines (see the header).
#include "io/report_text_parts.h"

#include <algorithm>
#include <cstddef>

#include "io/report_text.h"

namespace refsim::text {
namespace {

bool is_decimal(const std::string& text) {
  const std::size_t digits = !text.empty() && text[0] == '-' ? 1 : 0;
  return text.size() > digits && text.find_first_not_of("0123456789", digits) == std::string::npos;
}

/// A count field (a decimal string, or a number in refsim-report/1) as digits.
std::string digits(const Json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }

}  // namespace

const Json& field(const Json& j, const char* key) {
  static const Json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

std::string cell(const Json& j) {
  if (j.is_null()) return "-";
  if (j.is_string()) {
    const std::string& text = j.get_ref<const std::string&>();
    return is_decimal(text) ? with_separators(text) : printable(text);
  }
  if (j.is_number_integer()) return with_separators(j.dump());
  if (j.is_boolean()) return j.get<bool>() ? "yes" : "no";
  if (j.is_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < j.size(); ++i) out += (i ? ", " : "") + j[i].dump();
    return out + "]";
  }
  return printable(j.dump());
}

void table(std::string& out, const std::vector<Row>& rows) {
  std::vector<std::size_t> widths;
  for (const Row& row : rows) {
    if (row.size() < 2) continue;
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  for (const Row& row : rows) {
    std::string line = " ";
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += " " + row[c];
      if (c + 1 < row.size()) line += std::string(widths[c] - row[c].size() + 1, ' ');
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out += line + "\n";
  }
}

void events_table(std::string& out, const Json& events, Row header, Row (*row_of)(const Json&)) {
  std::vector<Row> rows = {std::move(header)};
  const std::size_t n = events.size();
  const bool elide = n > kEventsShownInFull;
  for (std::size_t i = 0; i < n; ++i) {
    if (elide && i == kEventsAtEachEnd) {
      rows.push_back({"... " + counted(std::to_string(n - 2 * kEventsAtEachEnd), "more event") +
                      " not shown (the JSON report has every kept event) ..."});
      i = n - kEventsAtEachEnd - 1;
      continue;
    }
    rows.push_back(row_of(events[i]));
  }
  table(out, rows);
}

std::string scenario_lines(const Json& scenario) {
  const Json& name = field(scenario, "name");
  const Json& file = field(scenario, "file");
  std::string line = cell(name);
  if (file.is_string()) {
    const std::string& path = file.get_ref<const std::string&>();
    std::string stem = path.substr(path.find_last_of('/') + 1);
    stem = stem.substr(0, stem.rfind('.'));
    line = name == stem ? cell(file) : cell(name) + "  (" + cell(file) + ")";
  }
  return "scenario  " + line + "\nsha256    " + cell(field(scenario, "sha256")) + "\n";
}

std::string outcome_and_events(const Json& report, Row header, Row (*row_of)(const Json&)) {
  std::string outcome = cell(field(report, "outcome")) + " after " + counted(digits(field(report, "steps")), "step");
  if (const Json& stopped = field(report, "stopped"); stopped.is_object()) {
    // A fatal event stops the run at its step, which is the last one: say the step only if not.
    if (field(stopped, "step") != field(report, "steps")) outcome += ", stopped at step " + cell(field(stopped, "step"));
    outcome += ": op " + cell(field(stopped, "op")) + ", object " + cell(field(stopped, "obj")) + ", " +
               cell(field(stopped, "event"));
    if (stopped.contains("action")) outcome += " (" + cell(field(stopped, "action")) + ")";
  }
  std::string out = "outcome   " + outcome + "\n";
  const Json& events = field(report, "events");
  std::string count = cell(field(report, "events_total"));
  if (field(report, "events_truncated") == true)
    count += " (the first " + with_separators(std::to_string(events.size())) + " kept)";
  out += "events    " + count + "\n";
  if (!events.empty()) events_table(out, events, std::move(header), row_of);
  return out;
}

std::string expect_lines(const Json& expect) {
  if (!expect.is_object()) return "expect    (none)\n";
  if (field(expect, "held") == true) return "expect    held\n";
  std::string out = "expect    FAILED\n";
  for (const Json& failure : field(expect, "failures")) out += "  " + cell(failure) + "\n";
  return out;
}

}  // namespace refsim::text
