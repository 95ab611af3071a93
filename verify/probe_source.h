// Probe source: the C extension verify compiles against the user's interpreter. One main file
// (objects, hooks, the step loops, the records it prints) and one file per extension origin built
// with another set of headers (their inline Py_INCREF/Py_DECREF/Py_SET_REFCNT as stable-ABI code).
#pragma once

#include <string>
#include <vector>

namespace refsim::verify {

/// The module's name: the driver imports it from the build directory.
inline constexpr const char* kProbeModule = "refsim_probe";

/// The probe's main C file. `ext_versions` are the extension origins with their own file, in slot
/// order (slot 2 + index; 0 is core, 1 is ext-3.11's legacy code).
std::string probe_main_source(const std::vector<std::string>& ext_versions);

/// The free-threaded build's probe (ft_probe.c.inc): threads attached to the interpreter, the
/// owners' merges, both refcount fields read after every operation.
std::string probe_ft_source();

/// The file of extension origin `version` ("3.12"): compiled with that version's headers as a
/// stable-ABI extension whose limited API is 3.11 (< 3.12), so that the headers' inline code runs.
std::string probe_ext_source(const std::string& version);

/// The C identifier part of a version: "3.12" -> "3_12".
std::string version_ident(const std::string& version);

}  // namespace refsim::verify
