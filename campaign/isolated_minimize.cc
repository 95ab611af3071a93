// Isolated minimization: fork, stream records ('B' + 8-byte length + bytes for an improvement,
// 'T' + 8-byte count of tries at the end) over a pipe, SIGKILL at the deadline.
#include "campaign/isolated_minimize.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "fuzz/codec.h"
#include "fuzz/finding.h"

namespace refsim::campaign {
namespace {

void write_all(int fd, const void* data, std::size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(1);
    p += n;
    size -= static_cast<std::size_t>(n);
  }
}

void write_record(int fd, char tag, const void* data, std::uint64_t size, bool with_length) {
  write_all(fd, &tag, 1);
  if (with_length) write_all(fd, &size, sizeof size);
  write_all(fd, data, static_cast<std::size_t>(size));
}

[[noreturn]] void child(int fd, fuzz::Target target, const Scenario& start, const std::string& signature,
                        MinimizeLimits limits) {
  auto holds = [&](const Scenario& s) {
    const auto bytes = fuzz::encode(target, s);
    if (!bytes) return false;
    for (const fuzz::Finding& f : fuzz::check(target, *bytes))
      if (f.signature == signature) return true;
    return false;
  };
  limits.stop = nullptr;  // the parent watches the stop flag and kills this process
  limits.on_better = [&](const Scenario& s) {
    const auto bytes = fuzz::encode(target, s);
    if (bytes) write_record(fd, 'B', bytes->data(), bytes->size(), true);
  };
  const MinimizeResult result = minimize(start, holds, limits);
  write_record(fd, 'T', &result.tries, sizeof result.tries, false);
  _exit(0);
}

/// Parses complete records from `buffer` into `result`, leaving an incomplete tail.
void parse(std::string& buffer, IsolatedResult& result) {
  std::size_t at = 0;
  for (;;) {
    if (buffer.size() - at < 1 + sizeof(std::uint64_t)) break;
    std::uint64_t value = 0;
    std::memcpy(&value, buffer.data() + at + 1, sizeof value);
    if (buffer[at] == 'T') {
      result.tries = value;
      at += 1 + sizeof value;
      continue;
    }
    if (buffer.size() - at - 1 - sizeof value < value) break;
    const auto* begin = reinterpret_cast<const std::uint8_t*>(buffer.data() + at + 1 + sizeof value);
    result.best = Bytes(begin, begin + value);
    at += 1 + sizeof value + static_cast<std::size_t>(value);
  }
  buffer.erase(0, at);
}

}  // namespace

IsolatedResult minimize_isolated(fuzz::Target target, const Scenario& start, const std::string& signature,
                                 const MinimizeLimits& limits) {
  IsolatedResult result;
  int fds[2];
  if (::pipe(fds) != 0) return result;
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return result;
  }
  if (pid == 0) {
    ::close(fds[0]);
    child(fds[1], target, start, signature, limits);
  }
  ::close(fds[1]);
  using Clock = std::chrono::steady_clock;
  const Clock::time_point deadline = Clock::now() + limits.time + std::chrono::seconds(1);
  std::string buffer;
  for (;;) {
    if (Clock::now() >= deadline || (limits.stop && limits.stop())) {
      ::kill(pid, SIGKILL);
      result.killed = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char chunk[65536];
    const ssize_t n = ::read(fds[0], chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    buffer.append(chunk, static_cast<std::size_t>(n));
    parse(buffer, result);
  }
  ::close(fds[0]);
  int raw = 0;
  while (::waitpid(pid, &raw, 0) < 0 && errno == EINTR) {
  }
  return result;
}

}  // namespace refsim::campaign
