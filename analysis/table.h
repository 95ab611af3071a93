// Table: rows of cells rendered as aligned terminal text or as a Markdown table.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace refsim::analysis {

using Table = std::vector<std::vector<std::string>>;

/// Columns a string takes on a terminal: its UTF-8 code points (for the µ).
std::size_t display_width(const std::string& text);

/// The words of `text` in lines of at most `columns`, the first line after `first`, the rest after
/// `rest`; each line ends with a newline. A word longer than a line gets a line of its own.
std::string wrap_words(const std::string& text, const std::string& first, const std::string& rest,
                       std::size_t columns = 120);

/// Each row on one line, two spaces in, columns aligned.
std::string text_table(const Table& table);

/// A Markdown table, the first row as its header.
std::string markdown_table(const Table& table);

}  // namespace refsim::analysis
