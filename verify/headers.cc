// Headers: patchlevel.h's PY_MAJOR_VERSION, PY_MINOR_VERSION and PY_VERSION lines
// (Include/patchlevel.h: `#define PY_MINOR_VERSION        13`, `#define PY_VERSION "3.13.0"`).
#include "verify/headers.h"

#include <filesystem>
#include <sstream>

#include "io/read_file.h"

namespace refsim::verify {

std::variant<HeadersVersion, std::string> headers_version(const std::string& dir) {
  using Result = std::variant<HeadersVersion, std::string>;
  const std::string file = (std::filesystem::path(dir) / "patchlevel.h").string();
  const FileRead read = read_file(file);
  if (!read.ok()) return Result(std::in_place_index<1>, "cannot read " + file + ": " + read.error);
  std::string major, minor, full;
  std::istringstream lines(read.bytes);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string define, name, value;
    if (!(words >> define >> name >> value) || define != "#define") continue;
    if (name == "PY_MAJOR_VERSION") major = value;
    if (name == "PY_MINOR_VERSION") minor = value;
    if (name == "PY_VERSION" && value.size() >= 2 && value.front() == '"') full = value.substr(1, value.find('"', 1) - 1);
  }
  if (major.empty() || minor.empty())
    return Result(std::in_place_index<1>, file + " has no PY_MAJOR_VERSION and PY_MINOR_VERSION");
  return Result(std::in_place_index<0>, HeadersVersion{major + "." + minor, full.empty() ? major + "." + minor : full});
}

std::string headers_mismatch(const std::string& version, const std::string& dir) {
  auto found = headers_version(dir);
  if (auto* reason = std::get_if<std::string>(&found)) return *reason;
  const HeadersVersion& h = std::get<HeadersVersion>(found);
  if (h.version == version) return "";
  return "version mismatch: ext-" + version + " needs " + version + " headers, " + dir + " holds Python " +
         h.full_version + " (patchlevel.h)";
}

}  // namespace refsim::verify
