// Render HTML: the headline and three heat maps (operations to the first loss of immortality, to
// tp_dealloc, to a crash), colour = log10 of the count, "never" hatched grey, not applicable blank;
// then the free-threaded rows (analysis/ft_rows_html.cc).
#include "analysis/render_html.h"

#include <cmath>
#include <optional>

#include "analysis/format.h"
#include "analysis/summary.h"
#include "io/html.h"

namespace refsim::analysis {

namespace {

using html::attribute;

constexpr double kCellW = 92, kCellH = 22, kLeft = 120, kTop = 48;

struct Map {
  const char* event;
  const char* title;
};
constexpr Map kMaps[] = {{"mortal", "operations until None first loses immortality"},
                         {"dealloc", "operations until its tp_dealloc first runs"},
                         {"crash", "operations until the process crashes"}};

std::optional<Threshold> figure(const Row& row, std::string_view event) {
  if (event == "mortal") return row.mortal;
  if (event == "dealloc") return row.dealloc;
  return row.crash ? std::optional<Threshold>(row.crash->at) : std::nullopt;
}

const Row* find_row(const std::vector<const Row*>& rows, Version v, unsigned width, Strategy strategy) {
  for (const Row* row : rows)
    if (row->key.version == v && row->key.width == width && row->key.strategy == strategy) return row;
  return nullptr;
}

/// One heat map: a row per runtime and width, a column per strategy.
std::string heat_map(const Report& report, const std::vector<const Row*>& rows, const Map& map) {
  const Selection& s = report.selection;
  const double width = kLeft + kCellW * s.strategies.size() + 10;
  const double height = kTop + kCellH * s.versions.size() * s.widths.size() + 10;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + html::coord(width) + "\" height=\"" +
                    html::coord(height) + "\"" + attribute("data-map", map.event) + ">\n";
  for (std::size_t c = 0; c < s.strategies.size(); ++c)
    svg += "<text x=\"" + html::coord(kLeft + kCellW * c + 4) + "\" y=\"" + html::coord(kTop - 8) + "\" transform=\"rotate(-12 " +
           html::coord(kLeft + kCellW * c + 4) + " " + html::coord(kTop - 8) + ")\">" +
           html::escape(refsim::name_of(s.strategies[c])) + "</text>\n";
  std::size_t r = 0;
  for (const Version version : s.versions)
    for (const unsigned bits : s.widths) {
      const double y = kTop + kCellH * r++;
      svg += "<text x=\"4\" y=\"" + html::coord(y + 15) + "\">" + html::escape(refsim::name_of(version)) + " " +
             std::to_string(bits) + "-bit</text>\n";
      for (std::size_t c = 0; c < s.strategies.size(); ++c) {
        const Row* row = find_row(rows, version, bits, s.strategies[c]);
        const double x = kLeft + kCellW * c;
        std::string n, fill_class, fill, label;
        const std::optional<Threshold> t = row ? figure(*row, map.event) : std::nullopt;
        if (!row) n = "n/a", fill_class = "na";
        else if (std::string_view(map.event) == "mortal" && !row->created_immortal) n = "never-immortal", fill_class = "na", label = "never immortal";
        else if (!t) n = "never", fill_class = "never", label = "never";
        else {
          const double log10n = std::log10(static_cast<double>(t->n));
          n = std::to_string(t->n);
          fill = html::heat(log10n / html::kHeatMaxLog10);
          char text[32];
          std::snprintf(text, sizeof text, "10^%.1f", log10n);
          label = text;
        }
        svg += "<rect x=\"" + html::coord(x) + "\" y=\"" + html::coord(y) + "\" width=\"" + html::coord(kCellW - 2) +
               "\" height=\"" + html::coord(kCellH - 2) + "\"" + (fill.empty() ? attribute("class", fill_class) : attribute("fill", fill)) +
               attribute("data-runtime", std::string(refsim::name_of(version))) + attribute("data-width", std::to_string(bits)) +
               attribute("data-strategy", std::string(refsim::name_of(s.strategies[c]))) + attribute("data-event", map.event) +
               attribute("data-n", n) + "><title>" +
               html::escape(design({version, bits, false, s.strategies[c]}) + ": " + (t ? with_commas(t->n) : n)) + "</title></rect>\n";
        if (!label.empty())
          svg += "<text x=\"" + html::coord(x + 6) + "\" y=\"" + html::coord(y + 15) + "\"" +
                 (fill.empty() || std::log10(static_cast<double>(t->n)) / html::kHeatMaxLog10 > 0.6 ? "" : " style=\"fill:#fff\"") + ">" +
                 html::escape(label) + "</text>\n";
      }
    }
  return svg + "</svg>\n";
}

/// The colour scale: 10^0 to 10^19, and the "never" swatch.
std::string legend() {
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"520\" height=\"46\" data-legend=\"log10\">\n";
  for (int i = 0; i < 100; ++i)
    svg += "<rect x=\"" + html::coord(10 + 4 * i) + "\" y=\"6\" width=\"4.5\" height=\"14\" fill=\"" + html::heat(i / 99.0) + "\"/>\n";
  for (int e = 0; e <= 19; e += 3)
    svg += "<text x=\"" + html::coord(10 + 400 * e / html::kHeatMaxLog10) + "\" y=\"34\">10^" + std::to_string(e) + "</text>\n";
  svg += "<rect x=\"430\" y=\"6\" width=\"30\" height=\"14\" class=\"never\"/><text x=\"466\" y=\"18\">never</text>\n";
  return svg + "</svg>\n";
}

}  // namespace

std::string render_html(const Report& report) {
  const Slice slice = summary_slice(report.selection);
  const std::vector<const Row*> rows = slice_rows(report, slice, true);
  std::string body = "<h1>refsim compare: the survival matrix</h1>\n<p class=\"headline\">" + html::escape(headline(report)) + "</p>\n";
  if (!report.filters.empty()) body += "<p>Filtered: <code>refsim compare " + html::escape(report.filters) + "</code></p>\n";
  if (!report.rows.empty()) {
    body += "<p>" + html::escape(std::string(description_of(slice.threat)) + " on " + std::string(refsim::name_of(slice.kind)) +
                                 (slice.debug ? ", debug builds" : ", release builds") +
                                 ". Colour: log10 of the exact count n (hover a cell for it); \"never\": not up to the "
                                 "family's largest n; blank: the strategy does not apply or the object is never immortal.") +
            "</p>\n" + legend();
    for (const Map& map : kMaps) body += "<h2>" + html::escape(map.title) + "</h2>\n" + heat_map(report, rows, map);
  }
  if (!report.free_threaded.empty()) body += (report.rows.empty() ? legend() : "") + ft_rows_html(report.free_threaded);
  body += "<p>" + html::escape(claims_tally(report)) + "</p>\n";
  return html::page("refsim compare", body);
}

}  // namespace refsim::analysis
