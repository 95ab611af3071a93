// Output files: follow symlinks, write non-files in place, replace files through a temporary and a rename.
#include "io/atomic_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <iostream>

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

/// The descriptor N when `path` is one of this process's own /proc/<pid>/fd/N (also reached as
/// /proc/self/fd/N, /dev/fd/N, /dev/stdout, or a thread's /proc/<pid>/task/<tid>/fd/N); else -1.
int own_descriptor(const fs::path& path) {
  std::error_code error;
  const fs::path dir = fs::canonical(path.parent_path(), error);
  if (error || dir.filename() != "fd") return -1;
  const std::string pid = std::to_string(::getpid());
  const fs::path owner = dir.parent_path();
  if (owner != fs::path("/proc") / pid && owner.parent_path() != fs::path("/proc") / pid / "task") return -1;
  const std::string name = path.filename().string();
  int fd = -1;
  const auto [end, problem] = std::from_chars(name.data(), name.data() + name.size(), fd);
  return problem == std::errc() && end == name.data() + name.size() ? fd : -1;
}

/// One of this process's open descriptors (its standard output through /dev/stdout, say): written
/// through the descriptor itself, at its own offset and with its own flags, after what the process
/// has buffered for it. Opening /proc/self/fd/N again would start a regular file's writes at offset
/// 0, over what is there (`refsim run --report /dev/stdout >> log`).
std::optional<std::string> write_descriptor(int fd, std::string_view bytes) {
  if (fd == 1) std::cout.flush();
  if (fd == 2) std::cerr.flush();
  std::fflush(nullptr);
  const int error = write_all(fd, bytes);
  return error == 0 ? std::nullopt : reason(error);
}

/// A FIFO, a device, another process's descriptor named through /proc: opened and written as it is.
std::optional<std::string> write_in_place(const fs::path& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return reason(errno);
  int error = write_all(fd, bytes);
  if (::close(fd) != 0 && error == 0) error = errno;
  return error == 0 ? std::nullopt : reason(error);
}

/// A new or regular file: a temporary file beside it, synced, then renamed over it. The new file
/// takes the mode of the one it replaces (`mode`), or 0666 less the umask when there was none.
std::optional<std::string> replace_file(const fs::path& path, std::string_view bytes, std::optional<mode_t> mode) {
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::string temp = (dir / ("." + path.filename().string() + ".tmp.XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return reason(errno);
  if (!mode) {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  ::fchmod(fd, *mode);
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
    // /proc/self/fd/N and its kin are links to open descriptors ("pipe:[123]" is no path): this
    // process's own are written through the descriptor, another's opened in place.
    if (const int fd = own_descriptor(target); fd >= 0) return write_descriptor(fd, bytes);
    if (under_proc(target)) return write_in_place(target, bytes);
    struct stat entry {};
    if (::lstat(target.c_str(), &entry) != 0) {
      if (errno == ENOENT) return replace_file(target, bytes, std::nullopt);
      return reason(errno);
    }
    if (S_ISREG(entry.st_mode)) return replace_file(target, bytes, entry.st_mode & 07777);
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
