// Free-threaded report text: the entry through the default build's text parts (see the header).
#include "io/ft_report_text.h"

#include "io/report_text_parts.h"

namespace refsim::ft {
namespace {

using namespace text;  // the default build's text parts: cell, field, table, Row

/// "3.14t, 64-bit, release build, free-threaded".
std::string runtime_line(const Json& runtime) {
  return cell(field(runtime, "version")) + ", " + cell(field(runtime, "width")) + "-bit, " +
         (field(runtime, "debug") == true ? "debug" : "release") + " build, free-threaded";
}

/// "main (tid 1), worker (tid 2, exited)".
std::string threads_line(const Json& threads) {
  std::string line;
  for (const Json& t : threads)
    line += (line.empty() ? "" : ", ") + cell(field(t, "name")) + " (tid " + cell(field(t, "tid")) +
            (field(t, "exited") == true ? ", exited" : "") + ")";
  return line.empty() ? "-" : line;
}

/// What an event adds: a dealloc's prematurity, a Py_REFCNT read's value.
std::string detail(const Json& e) {
  const Json& d = field(e, "detail");
  if (field(d, "premature") == true) return "premature";
  if (d.is_object() && d.contains("refcnt")) return "Py_REFCNT " + cell(field(d, "refcnt"));
  return "";
}

Row event_row(const Json& e) {
  return {cell(field(e, "step")),   cell(field(e, "op")),     cell(field(e, "thread")),
          cell(field(e, "obj")),    cell(field(e, "kind")),   cell(field(e, "owner")),
          cell(field(e, "local")),  cell(field(e, "shared")), cell(field(e, "shared_count")),
          cell(field(e, "shared_state")), detail(e)};
}

}  // namespace

std::string ft_report_text(const nlohmann::ordered_json& report) {
  std::string out = text::scenario_lines(field(report, "scenario"));
  out += "runtime   " + runtime_line(field(report, "runtime")) + "\n";
  out += "threads   " + threads_line(field(report, "threads")) + "\n";
  out += text::outcome_and_events(report, {"step", "op", "thread", "object", "event", "owner", "local", "shared",
                                           "shared count", "shared state", "detail"},
                                  event_row);
  out += "objects\n";
  std::vector<Row> rows = {{"id", "kind", "owner", "local", "shared", "shared count", "shared state", "queued for",
                            "refcnt", "immortal", "state", "logical refs"}};
  for (const Json& o : field(report, "objects"))
    rows.push_back({cell(field(o, "id")), cell(field(o, "kind")), cell(field(o, "owner")), cell(field(o, "local")),
                    cell(field(o, "shared")), cell(field(o, "shared_count")), cell(field(o, "shared_state")),
                    cell(field(o, "queued_for")), cell(field(o, "refcnt")), cell(field(o, "immortal")),
                    cell(field(o, "state")), cell(field(o, "logical_refs"))});
  text::table(out, rows);
  return out + text::expect_lines(field(report, "expect"));
}

}  // namespace refsim::ft
