// Report text: the same report, laid out as aligned tables for a terminal (io/report_text_parts.h),
// and the run's summary.
#include "io/report_text.h"

#include <cstdio>

#include "io/report_text_parts.h"
#include "io/utf8.h"

namespace refsim {
namespace {

using text::cell;
using text::field;
using text::Json;
using text::Row;

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

namespace {

/// Code points a terminal or an editor acts on instead of showing: the C1 controls (U+0080 to
/// U+009F; U+009B is a CSI) and the bidirectional formatting characters (Unicode TR9: the marks,
/// embeddings, overrides and isolates), which can make a name read in another order.
bool acts_on_display(char32_t point) {
  return (point >= 0x80 && point <= 0x9f) || point == 0x061c || point == 0x200e || point == 0x200f ||
         (point >= 0x202a && point <= 0x202e) || (point >= 0x2066 && point <= 0x2069);
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const auto byte = static_cast<unsigned char>(c);
    char escape[11];
    if (byte >= 0x80) {
      const std::size_t length = utf8_length(text, i);
      if (length == 0) {
        std::snprintf(escape, sizeof escape, "\\x%02x", byte);  // not UTF-8: the byte
        out += escape;
        ++i;
      } else if (const char32_t point = utf8_code_point(text, i, length); acts_on_display(point)) {
        std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(point));
        out += escape;
        i += length;
      } else {
        out += text.substr(i, length);
        i += length;
      }
      continue;
    }
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\r') out += "\\r";
    else if (byte < 0x20 || byte == 0x7f) {
      std::snprintf(escape, sizeof escape, "\\x%02x", byte);
      out += escape;
    } else {
      out += c;
    }
    ++i;
  }
  return out;
}

std::string counted(std::string_view count, std::string_view noun) {
  return with_separators(count) + " " + std::string(noun) + (count == "1" ? "" : "s");
}

std::string report_text(const nlohmann::ordered_json& report) {
  std::string out = text::scenario_lines(field(report, "scenario"));
  out += "runtime   " + runtime_line(field(report, "runtime")) + "\n";
  out += text::outcome_and_events(report, {"step", "op", "object", "event", "word before", "word after", "action"}, event_row);
  out += "objects\n";
  std::vector<Row> rows = {{"id", "kind", "word", "refcnt", "immortal", "state", "logical refs"}};
  for (const Json& o : field(report, "objects"))
    rows.push_back({cell(field(o, "id")), cell(field(o, "kind")), cell(field(o, "word")),
                    cell(field(o, "refcnt")), cell(field(o, "immortal")), cell(field(o, "state")),
                    cell(field(o, "logical_refs"))});
  text::table(out, rows);
  return out + text::expect_lines(field(report, "expect"));
}

std::string summary_text(const RunSummary& s) {
  const auto n = [](std::uint64_t value) { return with_separators(std::to_string(value)); };
  return "summary   " + counted(std::to_string(s.scenarios), "scenario") + " run: " + n(s.crashed) + " crashed, " +
         n(s.survived) + " survived; expect held in " + n(s.expects_held) + ", failed in " + n(s.expects_failed) +
         ", absent in " + n(s.without_expect) + "\n";
}

}  // namespace refsim
