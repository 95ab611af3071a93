// Report text: the same report, laid out as aligned tables for a terminal, and the run's summary.
#include "io/report_text.h"

#include <algorithm>
#include <cstddef>
#include <cstdio>

namespace refsim {
namespace {

using Json = nlohmann::ordered_json;

const Json& field(const Json& j, const char* key) {
  static const Json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

bool is_decimal(const std::string& text) {
  const std::size_t digits = !text.empty() && text[0] == '-' ? 1 : 0;
  return text.size() > digits && text.find_first_not_of("0123456789", digits) == std::string::npos;
}

/// A scalar as a table cell: strings bare (escaped), numbers with separators, null as "-".
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

/// A count field (a decimal string, or a number in refsim-report/1) as digits.
std::string digits(const Json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }

using Row = std::vector<std::string>;

/// Left-aligned columns separated by two spaces, each line indented by two. A row with one cell
/// is a note spanning the table.
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

std::string runtime_line(const Json& runtime) {
  std::string line = cell(field(runtime, "version")) + ", " + cell(field(runtime, "width")) + "-bit, " +
                     (field(runtime, "debug") == true ? "debug" : "release") + " build, strategy " +
                     cell(field(runtime, "strategy"));
  if (const Json& params = field(runtime, "strategy_params"); params.is_object()) {
    line += " (period " + cell(field(params, "period"));
    if (field(params, "only_if_legacy") == true) line += ", only if legacy";
    line += ")";
  }
  return line;
}

Row event_row(const Json& e) {
  const Json& detail = field(e, "detail");
  std::string action = cell(field(detail, "action"));
  if (field(detail, "premature") == true) action += " (premature)";
  return {cell(field(e, "step")), cell(field(e, "op")), cell(field(e, "obj")), cell(field(e, "kind")),
          cell(field(e, "word_before")), cell(field(e, "word_after")), detail.is_object() ? action : ""};
}

void events_table(std::string& out, const Json& events) {
  std::vector<Row> rows = {{"step", "op", "object", "event", "word before", "word after", "action"}};
  const std::size_t n = events.size();
  const bool elide = n > kEventsShownInFull;
  for (std::size_t i = 0; i < n; ++i) {
    if (elide && i == kEventsAtEachEnd) {
      rows.push_back({"... " + counted(std::to_string(n - 2 * kEventsAtEachEnd), "more event") +
                      " not shown (the JSON report has every kept event) ..."});
      i = n - kEventsAtEachEnd - 1;
      continue;
    }
    rows.push_back(event_row(events[i]));
  }
  table(out, rows);
}

/// The file when the scenario is named after it, else "name  (file)".
std::string scenario_line(const Json& scenario) {
  const Json& name = field(scenario, "name");
  const Json& file = field(scenario, "file");
  if (!file.is_string()) return cell(name);
  const std::string& path = file.get_ref<const std::string&>();
  std::string stem = path.substr(path.find_last_of('/') + 1);
  stem = stem.substr(0, stem.rfind('.'));
  return name == stem ? cell(file) : cell(name) + "  (" + cell(file) + ")";
}

std::string expect_text(const Json& expect) {
  if (!expect.is_object()) return "expect    (none)\n";
  if (field(expect, "held") == true) return "expect    held\n";
  std::string out = "expect    FAILED\n";
  for (const Json& failure : field(expect, "failures")) out += "  " + cell(failure) + "\n";
  return out;
}

}  // namespace

std::string with_separators(std::string_view digits) {
  std::string_view sign;
  if (!digits.empty() && digits[0] == '-') {
    sign = "-";
    digits.remove_prefix(1);
  }
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return std::string(sign) + out;
}

std::string printable(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\r') out += "\\r";
    else if (byte < 0x20 || byte == 0x7f) {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", byte);
      out += hex;
    } else {
      out += c;
    }
  }
  return out;
}

std::string counted(std::string_view count, std::string_view noun) {
  return with_separators(count) + " " + std::string(noun) + (count == "1" ? "" : "s");
}

std::string report_text(const nlohmann::ordered_json& report) {
  std::string out;
  const Json& scenario = field(report, "scenario");
  out += "scenario  " + scenario_line(scenario) + "\nsha256    " + cell(field(scenario, "sha256")) + "\n";
  out += "runtime   " + runtime_line(field(report, "runtime")) + "\n";

  std::string outcome = cell(field(report, "outcome")) + " after " + counted(digits(field(report, "steps")), "step");
  if (const Json& stopped = field(report, "stopped"); stopped.is_object()) {
    // A fatal event stops the run at its step, which is the last one: say the step only if not.
    if (field(stopped, "step") != field(report, "steps")) outcome += ", stopped at step " + cell(field(stopped, "step"));
    outcome += ": op " + cell(field(stopped, "op")) + ", object " + cell(field(stopped, "obj")) + ", " +
               cell(field(stopped, "event"));
    if (stopped.contains("action")) outcome += " (" + cell(field(stopped, "action")) + ")";
  }
  out += "outcome   " + outcome + "\n";

  const Json& events = field(report, "events");
  std::string count = cell(field(report, "events_total"));
  if (field(report, "events_truncated") == true)
    count += " (the first " + with_separators(std::to_string(events.size())) + " kept)";
  out += "events    " + count + "\n";
  if (!events.empty()) events_table(out, events);

  out += "objects\n";
  std::vector<Row> rows = {{"id", "kind", "word", "refcnt", "immortal", "state", "logical refs"}};
  for (const Json& o : field(report, "objects"))
    rows.push_back({cell(field(o, "id")), cell(field(o, "kind")), cell(field(o, "word")),
                    cell(field(o, "refcnt")), cell(field(o, "immortal")), cell(field(o, "state")),
                    cell(field(o, "logical_refs"))});
  table(out, rows);
  return out + expect_text(field(report, "expect"));
}

std::string summary_text(const RunSummary& s) {
  const auto n = [](std::uint64_t value) { return with_separators(std::to_string(value)); };
  return "summary   " + counted(std::to_string(s.scenarios), "scenario") + " run: " + n(s.crashed) + " crashed, " +
         n(s.survived) + " survived; expect held in " + n(s.expects_held) + ", failed in " + n(s.expects_failed) +
         ", absent in " + n(s.without_expect) + "\n";
}

}  // namespace refsim
