// Free-threaded rows as HTML: one table row per runtime, build and family, one cell per outcome,
// coloured by log10 of its smallest n like the compare page's heat maps ("never" left white).
#include <cmath>

#include "analysis/format.h"
#include "analysis/ft_rows.h"
#include "io/html.h"

namespace refsim::analysis {

namespace {

using html::attribute;

std::string outcome_cell(const char* event, const std::optional<std::uint64_t>& n) {
  if (!n) return "<td" + attribute("data-event", event) + attribute("data-n", "never") + ">never</td>";
  const double fraction = std::log10(static_cast<double>(*n)) / html::kHeatMaxLog10;
  return "<td" + attribute("data-event", event) + attribute("data-n", std::to_string(*n)) +
         attribute("style", "background:" + html::heat(fraction) + (fraction > 0.6 ? "" : ";color:#fff")) + ">" +
         html::escape(with_commas(*n)) + "</td>";
}

}  // namespace

std::string ft_rows_html(const std::vector<FtRow>& rows) {
  std::string out = "<h2>Free-threaded runtimes</h2>\n<p>" +
                    html::escape("Biased reference counting (docs/SCENARIO-THREADS.md): the smallest n of each family at "
                                 "which its fresh heap object ends immortal, is freed early, leaks or the process stops "
                                 "(\"never\": not up to the family's largest n). Colour: log10 of n on the scale above.") +
                    "</p>\n<ul>\n";
  for (const NameRow<FtThreat>& t : Names<FtThreat>::rows)
    out += "<li><code>" + html::escape(t.name) + "</code>: " + html::escape(t.description) + "</li>\n";
  out += "</ul>\n<table data-free-threaded=\"rows\">\n<tr><th>runtime</th><th>width</th><th>build</th><th>threat</th>"
         "<th>immortal</th><th>freed early</th><th>leaked</th><th>process stops</th></tr>\n";
  for (const FtRow& r : rows)
    out += "<tr" + attribute("data-version", r.build.info().name) + attribute("data-width", std::to_string(r.build.ssize_bits)) +
           attribute("data-debug", r.build.debug ? "true" : "false") + attribute("data-threat", std::string(name_of(r.threat))) +
           attribute("data-max-n", std::to_string(r.max_n)) + "><td>" + html::escape(r.build.info().name) + "</td><td>" +
           std::to_string(r.build.ssize_bits) + "</td><td>" + (r.build.debug ? "debug" : "release") + "</td><td>" +
           html::escape(name_of(r.threat)) + "</td>" + outcome_cell("immortal", r.immortal) +
           outcome_cell("premature", r.premature) + outcome_cell("leak", r.leak) + outcome_cell("crash", r.crash) + "</tr>\n";
  return out + "</table>\n";
}

}  // namespace refsim::analysis
