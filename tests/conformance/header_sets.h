// Header sets: the CPython include directories that CMake found at configure time, with the version
// each one declares in patchlevel.h and what its pyconfig.h was configured for (width, free-threaded).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace refsim::conformance {

/// One CPython include directory (the one holding Python.h).
struct HeaderSet {
  std::string dir;
  std::string version;  ///< PY_VERSION, e.g. "3.12.1"
  int major = 0;
  int minor = 0;
  bool free_threaded = false;    ///< pyconfig.h defines Py_GIL_DISABLED (configure --disable-gil)
  unsigned configured_bits = 0;  ///< 8 * SIZEOF_VOID_P in pyconfig.h; 0 when it does not say (Debian's dispatcher)

  /// The version as Python names the build: "3.14.7", or "3.14.7t" for a free-threaded set.
  std::string label() const { return free_threaded ? version + "t" : version; }
};

/// The pyconfig.h a header set uses: its own, or (a configured CPython source tree's Include/) the
/// one `./configure` wrote in the directory above.
std::string pyconfig_of(const std::string& dir);

/// Reads PY_VERSION, PY_MAJOR_VERSION and PY_MINOR_VERSION from `dir`/patchlevel.h and
/// Py_GIL_DISABLED and SIZEOF_VOID_P from its pyconfig.h; nothing when the directory has no
/// Python.h or no readable patchlevel.h.
std::optional<HeaderSet> read_header_set(const std::string& dir);

/// The directories configured into this test (tests/conformance_tests.cmake), those that are
/// readable Python 3 header sets, in the configured order.
std::vector<HeaderSet> configured_header_sets();

}  // namespace refsim::conformance
