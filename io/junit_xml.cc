// JUnit XML: the writer, with the escaping that keeps any name or message well-formed.
#include "io/junit_xml.h"

#include <cstdio>

#include "io/utf8.h"

namespace refsim {
namespace {

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
      // U+FFFE and U+FFFF are valid UTF-8 but not XML 1.0 characters.
      const std::string_view sequence(text.data() + i, n);
      if (sequence == "\xef\xbf\xbe" || sequence == "\xef\xbf\xbf") {
        out += "\xef\xbf\xbd";
        i += n;
        continue;
      }
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
