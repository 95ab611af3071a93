// Table: rows of cells rendered as aligned terminal text or as a Markdown table.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace refsim::analysis {

using Table = std::vector<std::vector<std::string>>;

/// Columns a string takes on a terminal: its UTF-8 code points (for the µ).
std::size_t display_width(const std::string& text);

/// Each row on one line, two spaces in, columns aligned.
std::string text_table(const Table& table);

/// A Markdown table, the first row as its header.
std::string markdown_table(const Table& table);

}  // namespace refsim::analysis
