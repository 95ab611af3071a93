// Build: writes the probe's C files into a private temporary directory and compiles them into an
// extension module of the user's interpreter, with its include path and flags.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "verify/interpreter.h"
#include "verify/silence.h"

namespace refsim::verify {

/// A directory of our own under $TMPDIR (or /tmp), removed with everything in it when destroyed,
/// or by SIGINT / SIGTERM while it exists (the signal then ends the process as before).
class TempDir {
 public:
  /// Creates it; `path()` is empty when that failed (then `error()` says why).
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  const std::string& error() const { return error_; }

 private:
  std::filesystem::path path_;
  std::string error_;
  bool owns_handlers_ = false;
};

/// Another version's headers for an extension origin: ext-`version` is compiled with `include_dir`.
struct ExtHeaders {
  std::string version;
  std::string include_dir;
};

struct ProbeBuild {
  std::filesystem::path module_dir;       ///< holds refsim_probe<EXT_SUFFIX>
  std::vector<std::string> ext_versions;  ///< the extension origins built, in slot order
};

/// Where an extension origin's file finds its headers: the interpreter's own include directories
/// (include and platinclude) for its own version; for headers given with --headers, that
/// directory, and the folder above it when pyconfig.h is there (a configured source tree's
/// Include/, as docs/VERIFY.md allows).
std::vector<std::string> ext_includes(const ExtHeaders& e, const Interpreter& interpreter);

/// Compiles the probe with `compiler` (a command split into words): the free-threaded probe for a
/// free-threaded interpreter, else the default build's. `ext` lists the extension origins with
/// their headers (none on a free-threaded build). The reason (with the compiler's first lines) when a step fails.
/// A compiler that prints nothing for `silence_limit` is stopped (verify/silence.h).
std::variant<ProbeBuild, std::string> build_probe(const Interpreter& interpreter, const std::vector<std::string>& compiler,
                                                  const std::vector<ExtHeaders>& ext, const std::filesystem::path& dir,
                                                  std::chrono::seconds silence_limit);

/// Runs a command (argv[0] a path) to its end: its exit and its merged output. Used by the build.
/// Stopped (not ok, the reason as its output) when it prints nothing for `silence_limit`.
struct CommandResult {
  bool ok = false;
  std::string output;
};
CommandResult run_command_line(const std::vector<std::string>& argv,
                               std::chrono::seconds silence_limit);

}  // namespace refsim::verify
