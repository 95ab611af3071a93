// Decode command: `refsim decode FILE` prints the scenario a fuzz input stands for.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "fuzz/target.h"
#include "tools/exit_status.h"

namespace refsim::tools {

struct DecodeOptions {
  std::string file;
  std::optional<fuzz::Target> target;  ///< --target; else inferred from the path
};

/// Writes the scenario as refsim-scenario/1 JSON to `out` (exit 0), or one `refsim: FILE: byte N:
/// message` line to `err` (exit 2).
ExitStatus decode_command(const DecodeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace refsim::tools
