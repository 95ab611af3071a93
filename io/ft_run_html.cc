// Free-threaded run HTML: the counts after each event, joined by straight lines (see the header).
// The line starts at the first event and ends at the run's final fields: between those points the
// counts are not drawn step by step.
#include "io/ft_run_html.h"

#include <cmath>
#include <string_view>

#include "io/html.h"
#include "io/report_text.h"

namespace refsim::ft {
namespace {

using Json = nlohmann::ordered_json;

constexpr double kLeft = 70, kTop = 30, kWidth = 640, kHeight = 240, kRight = 150;
constexpr double kCountBits = 64;  // the y axis spans -2^64..2^64 on a signed log scale

std::string attr(const char* name, const std::string& value) { return std::string(" ") + name + "=\"" + html::escape(value) + "\""; }

std::string text_of(const Json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }
double number(const Json& j) { return j.is_string() ? std::stod(j.get<std::string>()) : j.get<double>(); }

double x_of(double step, double step_bits) {
  return kLeft + kWidth * (step_bits > 0 ? std::log2(1.0 + step) / step_bits : 0);
}
/// Signed log scale: 0 in the middle, +-2^64 at the edges.
double y_of(double count) {
  const double magnitude = std::log2(1.0 + std::fabs(count)) / kCountBits;
  return kTop + kHeight / 2 - (count < 0 ? -magnitude : magnitude) * kHeight / 2;
}

std::string line(double x1, double y1, double x2, double y2, const char* style) {
  return "<line class=\"grid\" style=\"" + std::string(style) + "\" x1=\"" + html::coord(x1) + "\" y1=\"" + html::coord(y1) +
         "\" x2=\"" + html::coord(x2) + "\" y2=\"" + html::coord(y2) + "\"/>\n";
}
std::string label(double x, double y, const std::string& text) {
  return "<text x=\"" + html::coord(x) + "\" y=\"" + html::coord(y) + "\">" + html::escape(text) + "</text>\n";
}

std::string axes(double step_bits, const std::string& steps) {
  std::string svg = line(kLeft, kTop + kHeight, kLeft + kWidth, kTop + kHeight, "stroke:#444") +
                    line(kLeft, kTop, kLeft, kTop + kHeight, "stroke:#444");
  for (int k : {-64, -32, -8, 0, 8, 32, 64}) {
    const double count = k == 0 ? 0 : (k < 0 ? -1 : 1) * (std::exp2(std::abs(k)) - 1);
    svg += line(kLeft, y_of(count), kLeft + kWidth, y_of(count), k == 0 ? "stroke:#999" : "stroke:#ddd") +
           label(4, y_of(count) + 4, k == 0 ? "0" : (k < 0 ? "-2^" : "2^") + std::to_string(std::abs(k)));
  }
  const unsigned top = static_cast<unsigned>(step_bits);
  for (unsigned k = 0; k <= top; k += top > 32 ? 8 : top > 12 ? 4 : 1)
    svg += label(x_of(std::exp2(k), step_bits) - 8, kTop + kHeight + 14, "2^" + std::to_string(k));
  return svg + label(kLeft + kWidth / 2 - 60, kTop + kHeight + 30, "step (log scale; last " + steps + ")");
}

std::string chart(const Json& report, const Json& object) {
  const std::string id = text_of(object["id"]);
  const double last = number(report["steps"]);
  const double step_bits = std::log2(1.0 + last);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + html::coord(kLeft + kWidth + kRight) + "\" height=\"" +
                    html::coord(kTop + kHeight + 40) + "\"" + attr("data-object", id) +
                    attr("data-steps", text_of(report["steps"])) + ">\n" + label(kLeft, 16, "object " + id) +
                    axes(step_bits, text_of(report["steps"]));
  std::string local_points, shared_points, markers;
  std::size_t labelled = 0;
  for (const Json& e : report["events"]) {
    if (text_of(e["obj"]) != id || !e.contains("local")) continue;  // a leak event carries the fields too
    const double x = x_of(e.value("step", Json()).is_null() ? last : number(e["step"]), step_bits);
    const double local = number(e["local"]), shared = number(e["shared_count"]);
    local_points += html::coord(x) + "," + html::coord(y_of(local)) + " ";
    shared_points += html::coord(x) + "," + html::coord(y_of(shared)) + " ";
    const std::string kind = text_of(e["kind"]);
    markers += "<circle class=\"event\" cx=\"" + html::coord(x) + "\" cy=\"" + html::coord(y_of(local)) + "\" r=\"4\" fill=\"" +
               (kind == "dealloc" ? "#c0392b" : kind.find("immortal") != std::string::npos ? "#27ae60" : "#555") + "\"" +
               attr("data-kind", kind) + attr("data-step", e["step"].is_null() ? "end" : text_of(e["step"])) +
               attr("data-local", text_of(e["local"])) + attr("data-shared-count", text_of(e["shared_count"])) +
               attr("data-owner", e["owner"].is_null() ? "none" : text_of(e["owner"])) + "><title>" +
               html::escape(kind + " at step " + text_of(e["step"]) + ": local " + text_of(e["local"]) + ", shared count " +
                            text_of(e["shared_count"]) + " (" + text_of(e["shared_state"]) + ")") +
               "</title></circle>\n";
    if (labelled++ < 12) markers += label(x + 6, y_of(local) - 6 - 11.0 * (labelled % 3), kind);
  }
  const double end = x_of(last, step_bits);
  local_points += html::coord(end) + "," + html::coord(y_of(number(object["local"])));
  shared_points += html::coord(end) + "," + html::coord(y_of(number(object["shared_count"])));
  svg += "<polyline class=\"word\" points=\"" + local_points + "\"/>\n<polyline class=\"word\" style=\"stroke:#e67e22\" points=\"" +
         shared_points + "\"/>\n" + label(kLeft + kWidth + 4, kTop + 12, "local (blue)") +
         label(kLeft + kWidth + 4, kTop + 26, "shared count (orange)");
  return svg + markers + "</svg>\n";
}

}  // namespace

std::string ft_run_section(const nlohmann::ordered_json& report) {
  const Json& rt = report["runtime"];
  std::string out = "<h2>" + html::escape(text_of(report["scenario"]["name"])) + "</h2>\n<p>" +
                    html::escape(text_of(report["scenario"].value("file", Json(""))) + ": " + text_of(rt["version"]) + " " +
                                 text_of(rt["width"]) + "-bit" + (rt.value("debug", false) ? " debug" : "") +
                                 ", free-threaded; " + counted(text_of(report["steps"]), "step") + ", " +
                                 counted(text_of(report["events_total"]), "event") + ", " + text_of(report["outcome"]) +
                                 ". Blue: ob_ref_local, orange: the shared count (ob_ref_shared >> 2), signed log scale, "
                                 "after each kept event and at the end.") +
                    "</p>\n";
  for (const Json& object : report["objects"]) out += chart(report, object);
  return out;
}

}  // namespace refsim::ft
