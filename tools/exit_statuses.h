// Exit statuses per command: one table, shown by every command's --help and in
// docs/FORMATS-REPORT.md. The values are ExitStatus (tools/exit_status.h).
#pragma once

#include <string>
#include <string_view>

namespace refsim::tools {

/// "Exit status: 0 ..., 1 ..., 2 ..." for `command` ("" for refsim itself), as --help's footer.
std::string exit_status_help(std::string_view command);

}  // namespace refsim::tools
