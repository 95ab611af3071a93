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
  /// --target ft_engine, or a path with an ft_engine component: the free-threaded target's format
  /// (fuzz/ft_codec.h), printed as refsim-scenario/2.
  bool ft_engine = false;
};

/// Writes the scenario as refsim-scenario/1 JSON (ft_engine: /2) to `out` (exit 0), or one
/// `refsim: FILE: byte N: message` line to `err` (exit 2).
ExitStatus decode_command(const DecodeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace refsim::tools
