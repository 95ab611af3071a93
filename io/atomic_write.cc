// Output files: follow symlinks, write non-files in place, replace files through a temporary and a rename.
#include "io/atomic_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace refsim {
namespace {

namespace fs = std::filesystem;

/// Links followed before giving up, as the kernel's own limit for path resolution (ELOOP).
constexpr int kMaxLinks = 40;

/// Writes all of `bytes` to `fd`; 0 or the errno of the first failure.
int write_all(int fd, std::string_view bytes) {
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno != EINTR) return errno;
    if (n > 0) done += static_cast<std::size_t>(n);
  }
  return 0;
}

std::optional<std::string> reason(int error) { return std::string(std::strerror(error)); }

/// A FIFO, a device, a descriptor named through /proc: opened and written as it is.
std::optional<std::string> write_in_place(const fs::path& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return reason(errno);
  int error = write_all(fd, bytes);
  if (::close(fd) != 0 && error == 0) error = errno;
  return error == 0 ? std::nullopt : reason(error);
}

/// A new or regular file: a temporary file beside it, synced, then renamed over it.
std::optional<std::string> replace_file(const fs::path& path, std::string_view bytes) {
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::string temp = (dir / ("." + path.filename().string() + ".tmp.XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return reason(errno);
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  int error = write_all(fd, bytes);
  if (error == 0 && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && ::rename(temp.c_str(), path.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(temp.c_str());
    return reason(error);
  }
  return std::nullopt;
}

bool under_proc(const fs::path& path) {
  auto it = path.begin();
  return path.is_absolute() && ++it != path.end() && *it == "proc";
}

}  // namespace

std::optional<std::string> write_atomically(const fs::path& path, std::string_view bytes) {
  fs::path target = path;
  for (int links = 0;; ++links) {
    // /proc/self/fd/N and its kin are links to open descriptors ("pipe:[123]" is no path): the kernel
    // resolves them only when opening, so they are written in place.
    if (under_proc(target)) return write_in_place(target, bytes);
    struct stat entry {};
    if (::lstat(target.c_str(), &entry) != 0) {
      if (errno == ENOENT) return replace_file(target, bytes);
      return reason(errno);
    }
    if (S_ISREG(entry.st_mode)) return replace_file(target, bytes);
    if (S_ISDIR(entry.st_mode)) return reason(EISDIR);
    if (!S_ISLNK(entry.st_mode)) return write_in_place(target, bytes);
    if (links == kMaxLinks) return reason(ELOOP);
    std::error_code error;
    const fs::path next = fs::read_symlink(target, error);
    if (error) return error.message();
    target = next.is_absolute() ? next : target.parent_path() / next;
  }
}

}  // namespace refsim
