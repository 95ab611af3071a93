// JUnit XML: the writer, with the escaping that keeps any name or message well-formed.
#include "io/junit_xml.h"

#include <cstdint>
#include <cstdio>

namespace refsim {
namespace {

/// The length of the valid UTF-8 sequence at text[i], or 0 when it is not one.
std::size_t utf8_length(const std::string& text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t n = 0;
  std::uint32_t cp = 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) n = 2, cp = lead & 0x1f;
  else if (lead >= 0xe0 && lead <= 0xef) n = 3, cp = lead & 0x0f;
  else if (lead >= 0xf0 && lead <= 0xf4) n = 4, cp = lead & 0x07;
  else return 0;
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3f);
  }
  const bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
  const bool excluded = (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff || cp == 0xfffe || cp == 0xffff;
  return overlong || excluded ? 0 : n;
}

std::string escaped(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else if (c == '\'') out += "&apos;";
    else if (c == '\n') out += "&#10;";  // kept as a newline in attributes too
    else if (c == '\t') out += "&#9;";
    else if (c < 0x20 || c == 0x7f) {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    } else if (const std::size_t n = utf8_length(text, i); n > 0) {
      out.append(text, i, n);
      i += n;
      continue;
    } else {
      out += "\xef\xbf\xbd";  // U+FFFD
    }
    ++i;
  }
  return out;
}

std::string seconds(double s) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", s);
  return text;
}

}  // namespace

std::string junit_xml(const JunitSuite& suite) {
  std::size_t failed = 0;
  double total = 0;
  for (const JunitCase& c : suite.cases) {
    failed += !c.failures.empty();
    total += c.seconds;
  }
  const std::string counts = "tests=\"" + std::to_string(suite.cases.size()) + "\" failures=\"" +
                             std::to_string(failed) + "\" errors=\"0\" skipped=\"0\" time=\"" + seconds(total) + "\"";
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"" + escaped(suite.name) + "\" " + counts + ">\n";
  out += "  <testsuite name=\"" + escaped(suite.name) + "\" " + counts + ">\n";
  for (const JunitCase& c : suite.cases) {
    out += "    <testcase name=\"" + escaped(c.name) + "\" classname=\"" + escaped(c.classname) + "\" time=\"" +
           seconds(c.seconds) + "\"";
    if (c.failures.empty() && c.output.empty()) {
      out += "/>\n";
      continue;
    }
    out += ">\n";
    if (!c.failures.empty()) {
      // One <failure> per case (the Ant schema most readers follow allows no more): the first
      // failure as its message, every failure a line of its text.
      const JunitCase::Failure& first = c.failures.front();
      std::string message = first.message;
      if (c.failures.size() > 1) message += " (and " + std::to_string(c.failures.size() - 1) + " more)";
      std::string text;
      for (const JunitCase::Failure& f : c.failures) text += f.kind + ": " + f.message + "\n";
      out += "      <failure type=\"" + escaped(first.kind) + "\" message=\"" + escaped(message) + "\">" +
             escaped(text) + "</failure>\n";
    }
    if (!c.output.empty()) out += "      <system-out>" + escaped(c.output) + "</system-out>\n";
    out += "    </testcase>\n";
  }
  return out + "  </testsuite>\n</testsuites>\n";
}

}  // namespace refsim
