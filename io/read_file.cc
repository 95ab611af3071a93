// Input files: read(2) to the end, so pipes, FIFOs and standard input read like files.
#include "io/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace refsim {

namespace {

/// Appends everything `fd` yields until end of file; 0 or the errno of the failure.
int read_all(int fd, std::string& out) {
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) return 0;
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    out.append(buffer, static_cast<std::size_t>(n));
  }
}

}  // namespace

FileRead read_file(const std::filesystem::path& path) {
  FileRead result;
  if (path == "-") {
    if (const int error = read_all(STDIN_FILENO, result.bytes)) result.error = std::strerror(error);
    return result;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    result.error = std::strerror(errno);
    return result;
  }
  struct stat info {};
  int error = ::fstat(fd, &info) != 0 ? errno : 0;
  if (error == 0 && S_ISDIR(info.st_mode)) error = EISDIR;
  if (error == 0) error = read_all(fd, result.bytes);
  ::close(fd);
  if (error != 0) {
    result.bytes.clear();
    result.error = std::strerror(error);
  }
  return result;
}

}  // namespace refsim
