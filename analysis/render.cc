// Render: the report in full (`refsim compare --detail`) as terminal text, or as Markdown
// (docs/FINDINGS.md is the default selection's).
#include <sstream>

#include "analysis/costs.h"
#include "analysis/format.h"
#include "analysis/report.h"
#include "analysis/summary.h"
#include "analysis/table.h"
#include "model/runtime.h"

namespace refsim::analysis {

namespace {

std::string crash_cell(const Row& row) {
  if (!row.crash) return "never";
  std::string what(refsim::name_of(row.crash->event));
  if (row.crash->action) what = std::string(refsim::name_of(*row.crash->action));
  return cell(row.crash->at) + " " + what;
}

std::string dealloc_cell(const Row& row) {
  if (!row.dealloc) return "never";
  return cell(row.dealloc) + " " + std::string(refsim::name_of(*row.dealloc_action));
}

std::string design_cell(const Row& row) {
  std::string s = std::string(refsim::name_of(row.key.version)) + " " + std::to_string(row.key.width) + " " +
                  std::string(refsim::name_of(row.key.strategy));
  if (row.key.strategy == Strategy::PeriodicReset) s += " (period " + with_commas(row.runtime.params.period) + ")";
  return s;
}

bool has_immortality(const RowKey& key) { return has_immortals(key.version, key.strategy); }

/// The matrix, one table per threat, kind and build. The last-but-one column is when the immortality
/// test first passes again ("immortal again") or, for objects created mortal, at all ("becomes
/// immortal"); "-" on runtimes without immortality, and no such column when no row has any.
std::vector<std::pair<std::string, Table>> sections(const Report& report) {
  std::vector<std::pair<std::string, Table>> out;
  struct Seen { bool immortal = false, mortal = false; };
  std::vector<Seen> seen;
  for (const Row& row : report.rows) {
    const std::string title = std::string(name_of(row.key.threat)) + ", " + std::string(refsim::name_of(row.key.kind)) +
                              (row.key.debug ? ", debug build" : ", release build");
    if (out.empty() || out.back().first != title) {
      out.push_back({title, {{"runtime and strategy", "mortal", "tp_dealloc", "crash", "signed overflow", "", "at the end"}}});
      seen.emplace_back();
    }
    if (has_immortality(row.key)) (row.created_immortal ? seen.back().immortal : seen.back().mortal) = true;
    out.back().second.push_back({design_cell(row), row.created_immortal ? cell(row.mortal) : "mortal at start",
                                 dealloc_cell(row), crash_cell(row), cell(row.overflow),
                                 has_immortality(row.key) ? cell(row.immortal) : "-",
                                 row.crash ? "crashed" : row.immortal_at_end ? "immortal" : "mortal"});
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    Table& table = out[i].second;
    if (!seen[i].immortal && !seen[i].mortal)
      for (auto& line : table) line.erase(line.begin() + 5);
    else
      table[0][5] = seen[i].mortal ? (seen[i].immortal ? "immortal (again)" : "becomes immortal") : "immortal again";
  }
  return out;
}

std::string threat_line(Threat threat, const FamilyParams& params) {
  std::string s = std::string(name_of(threat)) + ": " + std::string(description_of(threat));
  if (threat == Threat::TrafficDecref || threat == Threat::TrafficIncref) s += " (r = " + std::to_string(params.rate) + ")";
  return s + "; n up to " + with_commas(max_n(threat, params)) + ", or as far as 2^16 units of the engine's work reach.";
}

Table cost_table() {
  Table t = {{"strategy", "per incref", "per decref", "written per operation on an immortal object", "off the hot path"}};
  for (const StrategyCost& c : strategy_costs())
    t.push_back({std::string(refsim::name_of(c.strategy)), std::string(c.incref), std::string(c.decref),
                 std::string(c.immortal_writes), std::string(c.elsewhere)});
  return t;
}

Table claim_table(const Report& report) {
  Table t = {{"source", "statement", "read as", "measured on", "refsim", "verdict"}};
  for (const ClaimCheck& c : report.claims)
    t.push_back({std::string(c.claim.source), "\"" + std::string(c.claim.quote) + "\"", std::string(c.claim.note),
                 design(c.claim.row) + ", " + std::string(refsim::name_of(c.claim.row.kind)) + ", " +
                     std::string(name_of(c.claim.row.threat)),
                 c.refsim, c.verdict_text});
  return t;
}

const char* kLegend =
    "Each count is the exact smallest n of the threat's family (n unpaired extension operations; for "
    "none-exchange and core-pairs, n repetitions) at which the event first happens, with the wall time "
    "of every single operation run up to it (the extension's and the core's) at 1 ns and at 1 µs per "
    "operation. \"never\": not up to the family's largest n.";

}  // namespace

std::string render_text(const Report& report) {
  std::ostringstream out;
  out << wrap_words(headline(report), "", "  ") << "\nrefsim compare --detail: the survival matrix";
  if (!report.filters.empty()) out << " (filtered: " << report.filters << ")";
  out << "\n" << wrap_words(kLegend, "", "");
  for (const Threat threat : report.selection.threats) out << wrap_words(threat_line(threat, report.selection.family), "  ", "    ");
  for (const auto& [title, table] : sections(report)) out << "\n" << title << "\n" << text_table(table);
  out << "\nConclusions\n";
  for (const std::string& f : report.findings) out << wrap_words(f, "  - ", "    ");
  out << "\nPEP 683 and refcount.h claims whose rows are in the selection\n" << wrap_words(std::string(verdict_rule()), "  ", "  ");
  if (report.claims.empty()) out << "  (none)\n";
  for (const ClaimCheck& c : report.claims) {
    out << wrap_words("\"" + std::string(c.claim.quote) + "\" [" + std::string(c.claim.source) + "; read as: " +
                          std::string(c.claim.note) + "]",
                      "  - ", "    ");
    out << wrap_words("refsim: " + c.refsim + " (" + design(c.claim.row) + ", " + std::string(refsim::name_of(c.claim.row.kind)) +
                          ", " + std::string(name_of(c.claim.row.threat)) + "): " + c.verdict_text,
                      "      ", "        ");
  }
  if (!report.free_threaded.empty()) out << ft_rows_text(report.free_threaded);
  out << "\nStrategy costs: `refsim compare --format markdown` (and docs/FINDINGS.md) has the table.\n";
  return out.str();
}

std::string render_markdown(const Report& report) {
  std::ostringstream out;
  out << "# refsim findings: the survival matrix\n\n";
  if (report.filters.empty())
    out << "Generated by `ci/findings` (`refsim compare --format markdown`); do not edit by hand. A test "
           "checks that this file is what the command prints now.\n\n";
  else
    out << "**Filtered:** `refsim compare " << report.filters << "`; only the rows and claims of this selection "
           "are shown (docs/FINDINGS.md has the default selection).\n\n";
  out << headline(report) << "\n\n" << kLegend << "\n\n## Threats\n\n";
  for (const Threat threat : report.selection.threats) out << "- " << threat_line(threat, report.selection.family) << "\n";
  out << "\n## Conclusions\n\n";
  for (const std::string& f : report.findings) out << "- " << f << "\n";
  out << "\n## The matrix\n";
  for (const auto& [title, table] : sections(report)) out << "\n### " << title << "\n\n" << markdown_table(table);
  out << "\n## What each strategy costs on the hot path\n\n"
      << "Stated from each algorithm, against 3.11's plain `++` and `if (--rc == 0)`; the micro-benchmark in "
         "bench/ measures them.\n\n"
      << markdown_table(cost_table());
  out << "\n## PEP 683 and refcount.h claims, checked\n\n" << verdict_rule() << "\n\n";
  if (report.claims.empty()) out << "No claim is measured by a row of this selection.\n";
  else out << markdown_table(claim_table(report));
  if (!report.free_threaded.empty()) out << ft_rows_markdown(report.free_threaded);
  return out.str();
}

}  // namespace refsim::analysis
