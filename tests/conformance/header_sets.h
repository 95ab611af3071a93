// Header sets: the CPython include directories that CMake found at configure time, with the version
// each one declares in patchlevel.h.
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
};

/// Reads PY_VERSION, PY_MAJOR_VERSION and PY_MINOR_VERSION from `dir`/patchlevel.h; nothing when the
/// directory has no Python.h or no readable patchlevel.h.
std::optional<HeaderSet> read_header_set(const std::string& dir);

/// The directories configured into this test (tests/conformance_tests.cmake), those that are
/// readable Python 3 header sets, in the configured order.
std::vector<HeaderSet> configured_header_sets();

}  // namespace refsim::conformance
