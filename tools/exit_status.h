// ExitStatus: the three exit statuses of every refsim command (docs/FORMATS.md, Exit statuses);
// tools/exit_statuses.h says what each means per command, for --help.
#pragma once

namespace refsim::tools {

enum class ExitStatus : int {
  Ok = 0,            ///< ran, and every expect held
  ExpectFailed = 1,  ///< ran, and some expect failed (the report is still written)
  BadInput = 2,      ///< bad input or usage; nothing ran, no report was written
};

}  // namespace refsim::tools
