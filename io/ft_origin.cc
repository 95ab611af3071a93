// Free-threaded origins: the table of who loads on a free-threaded build (see the header).
#include "io/ft_origin.h"

#include "io/json_checker.h"

namespace refsim::ft {
namespace {

struct ByRow {
  std::string_view name;
  const char* refused;  ///< null when it loads; for ext-<v>t: only on runtime <v>t
};
constexpr const char* kDefaultAbi3 =
    "an abi3 extension of the default build does not load on a free-threaded build (other object layout; 3.13.0 "
    "Python.h refuses Py_LIMITED_API with Py_GIL_DISABLED)";
constexpr ByRow kByRows[] = {
    {"core", nullptr},
    {"ext-3.13t", nullptr},
    {"ext-3.14t", nullptr},
    {"ext-3.15t", nullptr},
    {"abi3t", nullptr},
    {"ext-3.11", "a stable-ABI extension built with 3.2..3.11 headers does not load on a free-threaded build: its "
                 "inline Py_INCREF adds 1 to ob_refcnt, the word where ob_tid is (PEP 803: fails to load or crashes)"},
    {"ext-3.12", kDefaultAbi3},
    {"ext-3.13", kDefaultAbi3},
    {"ext-3.14", kDefaultAbi3},
};

}  // namespace

std::optional<std::string> ft_origin_refusal(std::string_view name, std::string_view runtime) {
  const std::string on = std::string(runtime);
  for (const ByRow& row : kByRows) {
    if (row.name != name) continue;
    if (row.refused) return in_quotes(name) + " cannot run on " + on + ": " + row.refused;
    if (name == "abi3t" && runtime != "3.15t") return "\"abi3t\" (PEP 803, Py_TARGET_ABI3T) exists from 3.15t, not on " + on;
    if (name.starts_with("ext-") && name.substr(4) != runtime)
      return in_quotes(name) + " cannot run on " + on + ": a version-specific extension is " +
             "built for one free-threaded version (its tag, e.g. cpython-314t, names it)";
    return std::nullopt;
  }
  return "unknown origin " + in_quotes(name);
}

}  // namespace refsim::ft
