// Oracle build: compiles tests/conformance/oracle.c against one header set (64- or 32-bit, release
// or Py_REF_DEBUG) with the project's C compiler, and runs it on a list of words.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/width.h"
#include "tests/conformance/header_sets.h"

namespace refsim::conformance {

/// One oracle variant: a header set, a word width (64 native, 32 with -m32) and the build.
struct OracleBuild {
  HeaderSet set;
  unsigned bits = 64;
  bool debug = false;  ///< compiled with -DPy_REF_DEBUG
  std::string name;    ///< unique, usable as a test and file name
};

/// A compiled oracle and the shell command that built it (printed to reproduce a failure).
struct Compiled {
  std::string binary;
  std::string command;
  std::string runner;  ///< what runs the binary: empty (natively), or "qemu-i386-static" for -m32 builds
};

/// Why an oracle could not be built. `skip` is set for the known, legitimate case of a 32-bit build
/// of a header set whose pyconfig.h cannot be retargeted.
struct BuildProblem {
  std::string message;
  bool skip = false;
};

/// Why this variant is not run here, or nothing: a free-threaded set (the freethreaded test's), a
/// set configured for 32 bits at 64, or (32-bit variants) no working -m32 toolchain.
std::optional<std::string> variant_unavailable(const OracleBuild& build);

/// Compiles `arguments` (C sources, -I and -D flags) against `build`'s header set, width and build
/// like the oracle, into the oracle directory as `what`-`build.name`. A 32-bit build of a set with
/// a 64-bit pyconfig.h compiles against a copy whose pyconfig.h is retargeted; the copy stays in
/// the oracle directory as `build.name`.include.
std::variant<Compiled, BuildProblem> compile_program(const OracleBuild& build, const std::string& what,
                                                     const std::vector<std::string>& arguments);

/// The oracle's standard output and exit status, and the command that produced them.
struct OracleRun {
  int status = -1;
  std::string output;
  std::string command;
};

/// Runs a compiled oracle on `words` (each passed as one hex argument).
OracleRun run_oracle(const Compiled& compiled, const std::vector<Word>& words);

/// A compiled oracle and what it printed for the words.
struct OracleResult {
  Compiled compiled;
  OracleRun run;
};

/// Compiles `source` for `build` as `what` (compile_program) and runs it on `words`. A BuildProblem
/// when it does not compile (skip: as compile_program says), prints UNSUPPORTED and exits 3 (skip:
/// the variant has nothing to compare), or exits otherwise than 0 (a failure).
std::variant<OracleResult, BuildProblem> compile_and_run(const OracleBuild& build, const std::string& what,
                                                         const std::string& source, const std::vector<Word>& words);

/// Why this machine cannot build and run -m32 programs (the compiler's first error line), or
/// nothing when it can. Probed once per process: a kernel without i386 support ("Exec format error")
/// runs them under qemu-i386-static (Debian's qemu-user-static) when that is installed.
std::optional<std::string> m32_unavailable();

/// What runs a -m32 binary here: "" (natively) or "qemu-i386-static". Meaningful once
/// m32_unavailable() gave nothing.
const std::string& m32_runner();

}  // namespace refsim::conformance
