// Interpreter: what verify needs to know about the user's Python (version, word width, debug
// build, headers, compiler and flags), asked of the interpreter itself through its sysconfig.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "verify/silence.h"

namespace refsim::verify {

struct Interpreter {
  std::string path;               ///< as given to --python
  std::string full_version;       ///< "3.12.1"
  std::string version;            ///< "3.12": the scenario runtime version it runs
  unsigned width = 64;            ///< pointer bits: the refcount word's width
  bool debug = false;             ///< Py_DEBUG (Py_REF_DEBUG: the negative-refcount checks)
  bool free_threaded = false;     ///< Py_GIL_DISABLED: another object header, refused
  std::vector<std::string> include_dirs;  ///< sysconfig include and platinclude
  std::vector<std::string> cflags;        ///< sysconfig CFLAGS and CCSHARED, split on spaces
  std::string sysconfig_cc;               ///< sysconfig CC (may hold flags: "gcc -pthread")
  std::string ext_suffix;                 ///< ".cpython-312-x86_64-linux-gnu.so"
};

/// Runs `python` once (isolated mode) and reads its sysconfig. The reason when it cannot be run,
/// its answer cannot be read, or it prints nothing for `silence_limit` (verify/silence.h).
std::variant<Interpreter, std::string> query_interpreter(const std::string& python,
                                                         std::chrono::seconds silence_limit);

/// The C compiler as CPython's build tooling picks it: `cc_env` ($CC) when set, else sysconfig's CC
/// when its program is found, else the first of cc, gcc, clang on `path_env` ($PATH). The command
/// split into words, or the reason none was found.
std::variant<std::vector<std::string>, std::string> choose_compiler(const Interpreter& interpreter,
                                                                    const std::optional<std::string>& cc_env,
                                                                    const std::string& path_env);

/// `program` as an absolute path: itself when it has a '/', else searched on `path_env`.
std::optional<std::string> find_program(const std::string& program, const std::string& path_env);

/// Splits on spaces and tabs (sysconfig values and $CC are space-separated word lists).
std::vector<std::string> split_words(const std::string& text);

}  // namespace refsim::verify
