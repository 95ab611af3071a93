// Probe source: fills the probe's C template (probe_main.c.inc) with the extension origins' slots,
// and writes each extension origin's own file.
#include "verify/probe_source.h"

namespace refsim::verify {
namespace {

/// What both probes start with: headers, the record writer, the crash handlers' helpers.
constexpr const char* kRecords =
#include "verify/probe_records.c.inc"
    ;

/// The default build's main C file: objects, hooks and @EXT_DECLS@ to fill.
constexpr const char* kMain =
#include "verify/probe_main.c.inc"
    ;
/// ... continued: reading the program, the step loop with @EXT_INCREF@, @EXT_DECREF@, @EXT_SET@, the entry.
constexpr const char* kMainRun =
#include "verify/probe_run.c.inc"
    ;

/// The free-threaded build's main C file: objects, operations and merges, then threads and the entry.
constexpr const char* kFreeThreaded =
#include "verify/ft_probe.c.inc"
    ;
constexpr const char* kFreeThreadedRun =
#include "verify/ft_probe_run.c.inc"
    ;

void replace(std::string& text, const std::string& key, const std::string& value) {
  const std::size_t at = text.find(key);
  if (at != std::string::npos) text.replace(at, key.size(), value);
}

}  // namespace

std::string version_ident(const std::string& version) {
  std::string ident = version;
  for (char& c : ident)
    if (c == '.') c = '_';
  return ident;
}

std::string probe_main_source(const std::vector<std::string>& ext_versions) {
  std::string decls, incref, decref, set;
  for (std::size_t i = 0; i < ext_versions.size(); ++i) {
    const std::string f = "refsim_ext_" + version_ident(ext_versions[i]);
    const std::string slot = std::to_string(i + 2);
    decls += "void " + f + "_incref(PyObject *);\nvoid " + f + "_decref(PyObject *);\nvoid " + f +
             "_set(PyObject *, Py_ssize_t);\n";
    incref += "      else if (op->origin == " + slot + ") { STEPS(" + f + "_incref(o)) }\n";
    decref += "      else if (op->origin == " + slot + ") { STEPS(" + f + "_decref(o)) }\n";
    set += "      else if (op->origin == " + slot + ") { STEPS(" + f + "_set(o, v)) }\n";
  }
  std::string text = std::string(kRecords) + kMain + kMainRun;
  replace(text, "@EXT_DECLS@\n", decls);
  replace(text, "@EXT_INCREF@\n", incref);
  replace(text, "@EXT_DECREF@\n", decref);
  replace(text, "@EXT_SET@\n", set);
  return text;
}

std::string probe_ft_source() { return std::string(kRecords) + kFreeThreaded + kFreeThreadedRun; }

std::string probe_ext_source(const std::string& version) {
  const std::string f = "refsim_ext_" + version_ident(version);
  return "/* refsim verify probe: extension origin ext-" + version +
         " (generated). A stable-ABI extension whose limited API is 3.11, built with the " + version +
         " headers:\n * their inline reference counting, as such an extension runs it. */\n"
         "#define Py_LIMITED_API 0x030b0000\n"
         "#include <Python.h>\n"
         "void " + f + "_incref(PyObject *o) { Py_INCREF(o); }\n"
         "void " + f + "_decref(PyObject *o) { Py_DECREF(o); }\n"
         "void " + f + "_set(PyObject *o, Py_ssize_t v) { Py_SET_REFCNT(o, v); }\n";
}

}  // namespace refsim::verify
