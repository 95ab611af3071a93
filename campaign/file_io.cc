// File I/O: POSIX whole-file reads and sorted recursive listing (atomic writes: io/atomic_write.h).
#include "campaign/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace refsim::campaign {

namespace fs = std::filesystem;

std::variant<Bytes, std::string> read_file(const fs::path& path) {
  using Result = std::variant<Bytes, std::string>;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Result(std::in_place_index<1>, std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Result(std::in_place_index<1>, std::strerror(EISDIR));
  }
  Bytes bytes;
  std::uint8_t buffer[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      ::close(fd);
      return Result(std::in_place_index<1>, std::strerror(error));
    }
    bytes.insert(bytes.end(), buffer, buffer + n);
  }
  ::close(fd);
  return Result(std::in_place_index<0>, std::move(bytes));
}

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
