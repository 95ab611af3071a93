// Table: aligned text and Markdown tables.
#include "analysis/table.h"

#include <algorithm>
#include <sstream>

namespace refsim::analysis {

std::size_t display_width(const std::string& text) {
  std::size_t n = 0;
  for (const unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string wrap_words(const std::string& text, const std::string& first, const std::string& rest, std::size_t columns) {
  std::string out, line = first;
  std::istringstream words(text);
  bool empty = true;
  for (std::string word; words >> word;) {
    if (!empty && display_width(line) + 1 + display_width(word) > columns) {
      out += line + "\n";
      line = rest;
      empty = true;
    }
    line += (empty ? "" : " ") + word;
    empty = false;
  }
  return out + line + "\n";
}

std::string text_table(const Table& table) {
  std::vector<std::size_t> widths;
  for (const auto& line : table)
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (widths.size() <= i) widths.push_back(0);
      widths[i] = std::max(widths[i], display_width(line[i]));
    }
  std::string out;
  for (const auto& line : table) {
    std::string text = " ";
    for (std::size_t i = 0; i < line.size(); ++i)
      text += " " + line[i] + (i + 1 < line.size() ? std::string(widths[i] - display_width(line[i]) + 1, ' ') : "");
    out += text + "\n";
  }
  return out;
}

std::string markdown_table(const Table& table) {
  std::string out;
  for (std::size_t r = 0; r < table.size(); ++r) {
    out += "|";
    for (const std::string& c : table[r]) out += " " + c + " |";
    out += "\n";
    if (r == 0) {
      out += "|";
      for (std::size_t i = 0; i < table[r].size(); ++i) out += "---|";
      out += "\n";
    }
  }
  return out;
}

}  // namespace refsim::analysis
