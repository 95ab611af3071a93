// Run HTML: the word of each object over the steps, drawn from what the run knows exactly: its start,
// each kept event (word before and after) and its end, joined by straight lines.
#include "io/run_html.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "io/ft_run_html.h"
#include "io/html.h"
#include "io/report_json.h"
#include "io/report_text.h"
#include "model/runtime.h"

namespace refsim {

namespace {

constexpr double kLeft = 70, kTop = 30, kWidth = 860, kHeight = 260, kRight = 130;  // kRight: room for labels
constexpr double kLine = 13;          ///< a label's line height
constexpr std::size_t kLegend = 12;  ///< events numbered and listed under a chart

struct Axes {
  double step_bits;  ///< log2(1 + last step)
  unsigned word_bits;
  double x(std::uint64_t step) const {
    return kLeft + kWidth * (step_bits > 0 ? std::log2(1.0 + static_cast<double>(step)) / step_bits : 0);
  }
  double y(Word word) const { return kTop + kHeight - kHeight * std::log2(1.0 + static_cast<double>(word)) / word_bits; }
};

std::string attr(const char* name, const std::string& value) { return std::string(" ") + name + "=\"" + html::escape(value) + "\""; }

/// Where the immortality test holds, sampled at the word in the middle of each 2-pixel row.
std::string band(const Runtime& runtime, const Axes& axes) {
  std::string svg;
  const Width w = runtime.width();
  double start = -1;
  for (double row = 0; row <= kHeight; row += 2) {
    const double bits = (kHeight - row - 1) / kHeight * axes.word_bits;
    const Word word = w.wrap(static_cast<Word>(std::min(std::exp2(bits), 1.8e19)));
    const bool in = row < kHeight && runtime.immortal(word);
    if (in && start < 0) start = row;
    if (!in && start >= 0) {
      svg += "<rect class=\"band\" x=\"" + html::coord(kLeft) + "\" y=\"" + html::coord(kTop + start) + "\" width=\"" +
             html::coord(kWidth) + "\" height=\"" + html::coord(row - start) + "\"/>\n";
      start = -1;
    }
  }
  return svg;
}

std::string axes_svg(const Axes& axes, std::uint64_t last_step) {
  std::string svg = "<line class=\"axis\" x1=\"" + html::coord(kLeft) + "\" y1=\"" + html::coord(kTop + kHeight) + "\" x2=\"" +
                    html::coord(kLeft + kWidth) + "\" y2=\"" + html::coord(kTop + kHeight) + "\"/>\n" +
                    "<line class=\"axis\" x1=\"" + html::coord(kLeft) + "\" y1=\"" + html::coord(kTop) + "\" x2=\"" +
                    html::coord(kLeft) + "\" y2=\"" + html::coord(kTop + kHeight) + "\"/>\n";
  const unsigned step_top = axes.step_bits > 0 ? static_cast<unsigned>(axes.step_bits) : 0;
  const unsigned stride = step_top > 32 ? 8 : step_top > 12 ? 4 : 1;
  for (unsigned k = 0; k <= step_top; k += stride) {
    const double x = axes.x(std::uint64_t{1} << std::min(k, 63u));
    svg += "<text x=\"" + html::coord(x - 8) + "\" y=\"" + html::coord(kTop + kHeight + 14) + "\">2^" + std::to_string(k) + "</text>\n";
  }
  svg += "<text x=\"" + html::coord(kLeft + kWidth / 2 - 60) + "\" y=\"" + html::coord(kTop + kHeight + 30) +
         "\">step (log scale; last " + with_separators(std::to_string(last_step)) + ")</text>\n";
  for (unsigned k = 0; k <= axes.word_bits; k += axes.word_bits >= 32 ? 8 : 4) {
    const double y = axes.y(k == 64 ? ~Word{0} : (Word{1} << k) - 1);
    svg += "<line class=\"grid\" x1=\"" + html::coord(kLeft) + "\" y1=\"" + html::coord(y) + "\" x2=\"" + html::coord(kLeft + kWidth) +
           "\" y2=\"" + html::coord(y) + "\"/>\n<text x=\"4\" y=\"" + html::coord(y + 4) + "\">2^" + std::to_string(k) + "</text>\n";
  }
  return svg;
}

/// Moves the labels' heights apart, at least kLine each, keeping their order, as little as possible
/// (pushed down one after the other, then up together if the last would leave the chart).
void spread(std::vector<double>& ys, double top, double bottom) {
  if (ys.empty()) return;
  std::vector<std::size_t> order(ys.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return ys[a] < ys[b]; });
  ys[order[0]] = std::max(ys[order[0]], top);
  for (std::size_t k = 1; k < order.size(); ++k) ys[order[k]] = std::max(ys[order[k]], ys[order[k - 1]] + kLine);
  const double over = ys[order.back()] - bottom;
  if (over > 0)
    for (std::size_t k = 0; k < order.size(); ++k) ys[order[k]] -= over;
}

std::string colour(EventKind kind) {
  switch (kind) {
    case EventKind::Dealloc: return "#c0392b";
    case EventKind::Deimmortalized: return "#e67e22";
    case EventKind::Reimmortalized:
    case EventKind::AccidentalImmortal: return "#27ae60";
    case EventKind::SignedOverflow: return "#8e44ad";
    default: return "#555";
  }
}

/// One object's chart.
std::string chart(const HtmlRun& run, std::size_t index) {
  const Scenario& scenario = *run.scenario;
  const ObjectSpec& spec = scenario.objects[index];
  const Runtime runtime(scenario.runtime);
  const Width w = scenario.runtime.width;
  const Axes axes{std::log2(1.0 + static_cast<double>(run.outcome.steps)), w.bits};
  const Word start = spec.word ? *spec.word : runtime.initial_word(spec.kind, spec.refs);
  const std::size_t events = static_cast<std::size_t>(std::count_if(
      run.outcome.events.begin(), run.outcome.events.end(), [&](const Event& e) { return e.obj == index; }));
  const double height = kTop + kHeight + 40 + kLine * static_cast<double>(std::min(events, kLegend)) + (events ? 8 : 0);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + html::coord(kLeft + kWidth + kRight) + "\" height=\"" +
                    html::coord(height) + "\"" + attr("data-object", spec.id) +
                    attr("data-start-word", hex_word(w, start)) + attr("data-steps", std::to_string(run.outcome.steps)) + ">\n";
  svg += band(runtime, axes) + axes_svg(axes, run.outcome.steps);
  // The reference lines, labelled in the right margin (labels spread apart where lines are close).
  struct Reference {
    Word word;
    std::string style, name, data;
  };
  std::vector<Reference> references = {{w.mask() >> 1, "stroke:#8e44ad;stroke-dasharray:4 3", "signed maximum", ""}};
  if (scenario.runtime.version != Version::V3_11 && scenario.runtime.strategy != Strategy::NoImmortals)
    // The refcount _Py_SetImmortal writes (3.12 64-bit: where increfs saturate).
    references.push_back({runtime.reset(0), "stroke:#27ae60;stroke-dasharray:2 2", "immortal refcount",
                          attr("data-immortal-refcnt", hex_word(w, runtime.reset(0)))});
  std::vector<double> label_ys;
  for (const Reference& r : references) label_ys.push_back(axes.y(r.word) + 4);
  spread(label_ys, kTop + 4, kTop + kHeight);
  for (std::size_t i = 0; i < references.size(); ++i) {
    const double y = axes.y(references[i].word);
    svg += "<line class=\"grid\" style=\"" + references[i].style + "\" x1=\"" + html::coord(kLeft) + "\" y1=\"" +
           html::coord(y) + "\" x2=\"" + html::coord(kLeft + kWidth) + "\" y2=\"" + html::coord(y) + "\"" +
           references[i].data + "/>\n<text x=\"" + html::coord(kLeft + kWidth + 4) + "\" y=\"" + html::coord(label_ys[i]) +
           "\">" + references[i].name + "</text>\n";
  }
  // Each event: a marker at its step and word after; the first kLegend are numbered beside their
  // markers (numbers moved up where they would cover each other) and listed under the chart.
  std::string points = html::coord(axes.x(0)) + "," + html::coord(axes.y(start));
  std::string markers, legend;
  struct Placed {
    double x, y;
  };
  std::vector<Placed> numbers;
  std::size_t numbered = 0;
  for (const Event& e : run.outcome.events) {
    if (e.obj != index) continue;
    const double x = axes.x(e.step), y = axes.y(e.word_after);
    points += " " + html::coord(x) + "," + html::coord(axes.y(e.word_before)) + " " + html::coord(x) + "," + html::coord(y);
    std::string data = attr("data-kind", std::string(name_of(e.kind))) + attr("data-step", std::to_string(e.step)) +
                       attr("data-word-before", hex_word(w, e.word_before)) + attr("data-word-after", hex_word(w, e.word_after));
    if (e.action) data += attr("data-action", std::string(name_of(*e.action)));
    const std::string what = std::string(name_of(e.kind)) + (e.action ? " (" + std::string(name_of(*e.action)) + ")" : "");
    const std::string title = "<title>" + html::escape(what + " at step " + with_separators(std::to_string(e.step)) + ": " +
                                                       hex_word(w, e.word_before) + " -> " + hex_word(w, e.word_after)) + "</title>";
    if (e.kind == EventKind::Dealloc)
      markers += "<rect class=\"event\" x=\"" + html::coord(x - 5) + "\" y=\"" + html::coord(y - 5) +
                 "\" width=\"10\" height=\"10\" fill=\"" + colour(e.kind) + "\"" + data + ">" + title + "</rect>\n";
    else
      markers += "<circle class=\"event\" cx=\"" + html::coord(x) + "\" cy=\"" + html::coord(y) + "\" r=\"4\" fill=\"" +
                 colour(e.kind) + "\"" + data + ">" + title + "</circle>\n";
    if (numbered == kLegend) continue;
    ++numbered;
    Placed at{x > kLeft + kWidth - 24 ? x - 16 : x + 6, y - 6};  // left of a marker at the right edge: the margin has labels
    for (bool moved = true; moved;) {
      moved = false;
      for (const Placed& other : numbers)
        if (std::abs(other.x - at.x) < 16 && std::abs(other.y - at.y) < kLine - 1) at.y = other.y - kLine, moved = true;
    }
    numbers.push_back(at);
    const std::string number = std::to_string(numbered);
    markers += "<text class=\"event-number\" x=\"" + html::coord(at.x) + "\" y=\"" + html::coord(at.y) + "\">" + number + "</text>\n";
    legend += "<text x=\"" + html::coord(kLeft) + "\" y=\"" + html::coord(kTop + kHeight + 48 + kLine * (numbered - 1)) + "\">" +
              html::escape(number + ". step " + with_separators(std::to_string(e.step)) + ": " + what + ", " +
                           hex_word(w, e.word_before) + " -> " + hex_word(w, e.word_after)) +
              "</text>\n";
  }
  const ObjectState& end = run.outcome.objects.at(index);
  points += " " + html::coord(axes.x(run.outcome.steps)) + "," + html::coord(axes.y(end.word));
  svg += "<polyline class=\"word\" points=\"" + points + "\"/>\n" + markers + legend;
  return svg + "</svg>\n";
}

}  // namespace

std::string run_html(const std::vector<HtmlRun>& runs) {
  std::string body = "<h1>refsim run</h1>\n<p>Each chart: an object's refcount word (log scale) over the steps (log scale, so "
                     "step 1 and step 2^60 both show). Shaded: the words the version's immortality test accepts. The line "
                     "joins what the run knows exactly (the start, each event's word before and after, the end); between "
                     "those points the word is not drawn step by step. Markers: the report's events (square: tp_dealloc); the "
                     "first 12 of each chart are numbered and listed under it.</p>\n";
  for (const HtmlRun& run : runs) {
    if (!run.ft_report.is_null()) {
      body += ft::ft_run_section(run.ft_report);
      continue;
    }
    const Scenario& s = *run.scenario;
    body += "<h2>" + html::escape(s.name) + "</h2>\n<p>" +
            html::escape(run.file + ": " + std::string(name_of(s.runtime.version)) + " " + std::to_string(s.runtime.width.bits) +
                         "-bit" + (s.runtime.debug ? " debug" : "") + ", " + std::string(name_of(s.runtime.strategy)) + "; " +
                         counted(std::to_string(run.outcome.steps), "step") + ", " +
                         counted(std::to_string(run.outcome.events_total), "event") + ", " +
                         (run.outcome.crashed ? "crashed" : "survived")) + "</p>\n";
    for (std::size_t i = 0; i < s.objects.size(); ++i) body += chart(run, i);
  }
  return html::page("refsim run", body);
}

}  // namespace refsim
