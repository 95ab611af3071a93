// Text split into lines, for the tests that check what a command or a summary prints line by line.
#pragma once

#include <sstream>
#include <string>
#include <vector>

namespace refsim {

/// The lines of `text` without their newlines (a last line without one included).
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace refsim
