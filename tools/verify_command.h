// Verify command: `refsim verify --python PY SCENARIO...` runs each scenario on the real
// interpreter PY and compares it with the model (docs/VERIFY.md).
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "tools/exit_status.h"
#include "verify/verifier.h"

namespace refsim::tools {

struct VerifyCommandOptions {
  verify::VerifyOptions verify;        ///< interpreter, headers, --allow-slow, $CC, $PATH
  std::vector<std::string> paths;      ///< scenario files, or folders of *.json (recursive)
  std::vector<std::string> headers;    ///< --headers VERSION=DIR, as given
  std::optional<std::string> report;   ///< --report OUT: the refsim-verify/3 JSON (/4 free-threaded)
  OutputFormat format = OutputFormat::Text;
};

/// Reads and decodes every scenario first (bad input: one `refsim: ` line, exit 2, nothing run or
/// written); an interpreter that cannot be used, or a scenario it cannot run faithfully, is bad
/// input too. Then writes the report and returns Ok (0) when every scenario agrees, else
/// ExpectFailed (1). Progress of long scenarios goes to `err`.
ExitStatus verify_command(const VerifyCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace refsim::tools
