// Report text: the same report, laid out as aligned tables for a terminal.
#include "io/report_text.h"

#include <algorithm>
#include <cstddef>

namespace refsim {
namespace {

using Json = nlohmann::ordered_json;

const Json& field(const Json& j, const char* key) {
  static const Json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

/// A scalar as a table cell: strings bare, numbers with separators, null as "-".
std::string cell(const Json& j) {
  if (j.is_null()) return "-";
  if (j.is_string()) {
    const std::string& text = j.get_ref<const std::string&>();
    const bool number = !text.empty() && text.find_first_not_of("-0123456789") == std::string::npos;
    return number ? with_separators(text) : text;
  }
  if (j.is_number_integer()) return with_separators(j.dump());
  if (j.is_boolean()) return j.get<bool>() ? "yes" : "no";
  if (j.is_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < j.size(); ++i) out += (i ? ", " : "") + j[i].dump();
    return out + "]";
  }
  return j.dump();
}

using Row = std::vector<std::string>;

/// Left-aligned columns separated by two spaces, each line indented by two.
void table(std::string& out, const std::vector<Row>& rows) {
  std::vector<std::size_t> widths;
  for (const Row& row : rows) {
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

std::string report_text(const nlohmann::ordered_json& report,
                        const std::optional<std::vector<std::string>>& expect_failures) {
  std::string out;
  const Json& scenario = field(report, "scenario");
  out += "scenario  " + cell(field(scenario, "name")) + "  (sha256 " + cell(field(scenario, "sha256")) +
         ")\n";
  out += "runtime   " + runtime_line(field(report, "runtime")) + "\n";

  std::string outcome = cell(field(report, "outcome")) + " after " + cell(field(report, "steps")) + " steps";
  if (const Json& stopped = field(report, "stopped"); stopped.is_object()) {
    outcome += ": stopped at step " + cell(field(stopped, "step")) + ", op " + cell(field(stopped, "op")) +
               ", object " + cell(field(stopped, "obj")) + ", " + cell(field(stopped, "event"));
    if (stopped.contains("action")) outcome += " (" + cell(field(stopped, "action")) + ")";
  }
  out += "outcome   " + outcome + "\n";

  const Json& events = field(report, "events");
  std::string count = cell(field(report, "events_total"));
  if (field(report, "events_truncated") == true)
    count += " (the first " + with_separators(std::to_string(events.size())) + " kept)";
  out += "events    " + count + "\n";
  if (!events.empty()) {
    std::vector<Row> rows = {{"step", "op", "object", "event", "word before", "word after", "action"}};
    for (const Json& e : events) {
      const Json& detail = field(e, "detail");
      std::string action = cell(field(detail, "action"));
      if (field(detail, "premature") == true) action += " (premature)";
      rows.push_back({cell(field(e, "step")), cell(field(e, "op")), cell(field(e, "obj")),
                      cell(field(e, "kind")), cell(field(e, "word_before")), cell(field(e, "word_after")),
                      detail.is_object() ? action : ""});
    }
    table(out, rows);
  }

  out += "objects\n";
  std::vector<Row> rows = {{"id", "kind", "word", "refcnt", "immortal", "state", "logical refs"}};
  for (const Json& o : field(report, "objects"))
    rows.push_back({cell(field(o, "id")), cell(field(o, "kind")), cell(field(o, "word")),
                    cell(field(o, "refcnt")), cell(field(o, "immortal")), cell(field(o, "state")),
                    cell(field(o, "logical_refs"))});
  table(out, rows);

  if (!expect_failures) {
    out += "expect    (none)\n";
  } else if (expect_failures->empty()) {
    out += "expect    held\n";
  } else {
    out += "expect    FAILED\n";
    for (const std::string& failure : *expect_failures) out += "  " + failure + "\n";
  }
  return out;
}

}  // namespace refsim
