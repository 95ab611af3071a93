// File listing: the regular files under a path, recursively, sorted, hidden entries skipped.
#include "campaign/file_io.h"

#include <algorithm>
#include <system_error>

namespace refsim::campaign {

namespace fs = std::filesystem;

std::variant<std::vector<fs::path>, std::string> list_files(const fs::path& path) {
  using Result = std::variant<std::vector<fs::path>, std::string>;
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (error) return Result(std::in_place_index<1>, error.message());
  if (!fs::is_directory(status)) {
    if (!fs::is_regular_file(status)) return Result(std::in_place_index<1>, "not a regular file or folder");
    return Result(std::in_place_index<0>, std::vector<fs::path>{path});
  }
  std::vector<fs::path> files;
  fs::recursive_directory_iterator it(path, error), end;
  for (; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(error)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(error)) files.push_back(it->path());
  }
  if (error) return Result(std::in_place_index<1>, error.message());
  std::sort(files.begin(), files.end());
  return Result(std::in_place_index<0>, std::move(files));
}

}  // namespace refsim::campaign
