// HTML: escaping, the page frame, SVG coordinates and colours.
#include "io/html.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace refsim::html {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') out += "\xEF\xBF\xBD";
        else out += c;
    }
  }
  return out;
}

std::string page(std::string_view title, std::string_view body) {
  std::string out =
      "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
      "<title>" + escape(title) + "</title>\n<style>\n"
      "body { font-family: sans-serif; margin: 1.5em; color: #222; background: #fff; }\n"
      "h1 { font-size: 1.3em; } h2 { font-size: 1.1em; margin-top: 1.5em; }\n"
      "p.headline { font-size: 1.05em; font-weight: bold; max-width: 60em; }\n"
      "svg text { font-family: sans-serif; font-size: 11px; fill: #222; }\n"
      "svg .axis { stroke: #444; stroke-width: 1; }\n"
      "svg .grid { stroke: #ddd; stroke-width: 1; }\n"
      "svg .band { fill: #cde8cd; }\n"
      "svg .word { fill: none; stroke: #1f4e9a; stroke-width: 1.5; }\n"
      "svg .never { fill: #f4f4f4; stroke: #999; stroke-dasharray: 3 2; }\n"
      "svg .na { fill: #fff; stroke: #eee; }\n"
      "table { border-collapse: collapse; } td, th { padding: 0.2em 0.6em; border: 1px solid #ccc; text-align: left; }\n"
      "</style>\n</head>\n<body>\n";
  out += body;
  out += "</body>\n</html>\n";
  return out;
}

std::string coord(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

std::string heat(double fraction) {
  // Five stops of a perceptually even blue-green-yellow ramp.
  static constexpr std::array<std::array<double, 3>, 5> stops = {
      {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}}};
  const double f = std::clamp(std::isfinite(fraction) ? fraction : 0.0, 0.0, 1.0) * (stops.size() - 1);
  const std::size_t i = std::min<std::size_t>(static_cast<std::size_t>(f), stops.size() - 2);
  const double t = f - static_cast<double>(i);
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", static_cast<int>(std::lround(stops[i][0] + t * (stops[i + 1][0] - stops[i][0]))),
                static_cast<int>(std::lround(stops[i][1] + t * (stops[i + 1][1] - stops[i][1]))),
                static_cast<int>(std::lround(stops[i][2] + t * (stops[i + 1][2] - stops[i][2]))));
  return buffer;
}

std::string attribute(const char* name, const std::string& value) {
  return std::string(" ") + name + "=\"" + escape(value) + "\"";
}

}  // namespace refsim::html
