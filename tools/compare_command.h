// Compare command: `refsim compare` with its typed options; compute the survival matrix of a
// selection and print it as text, Markdown or JSON.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "tools/exit_status.h"

namespace refsim::tools {

enum class CompareFormat { Text, Json, Markdown, Html };

struct CompareOptions {
  /// Filters, by contract name; empty: the headline's choice (analysis::Selection::headline).
  std::vector<std::string> versions, widths, debug, strategies, kinds, threats;
  std::uint64_t rate = 1;                 ///< --rate: one core release per `rate` extension operations
  CompareFormat format = CompareFormat::Text;
  bool format_given = false;
  bool detail = false;                    ///< --detail: the full matrix as text instead of the summary
  std::optional<std::string> report;      ///< --report OUT: the JSON document goes there
};

/// Runs the command: `refsim: ` lines on `err` and exit 2 for unknown names; else the matrix on `out`.
ExitStatus compare_command(const CompareOptions& options, std::ostream& out, std::ostream& err);

}  // namespace refsim::tools
