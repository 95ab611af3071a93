// Remote header sets: compiles real_server.c against each header set at -m32 and talks to the
// resulting processes (fuzz/header_conformance/remote.h).
#include "fuzz/header_conformance/remote.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "tests/conformance/header_sets.h"
#include "tests/conformance/oracle_build.h"

namespace refsim::hc {
namespace {

namespace fs = std::filesystem;
using conformance::OracleBuild;

// Both retry a call a signal interrupted: libFuzzer's timeout alarm (SIGALRM, every -timeout / 2 + 1
// seconds, its handler installed without SA_RESTART) lands in these blocking calls when a run is
// slow, and was read as a server that stopped answering (io/atomic_write.cc's write_all does the same).
bool write_all(int fd, const void* data, std::size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool read_all(int fd, void* data, std::size_t size) {
  char* p = static_cast<char*>(data);
  while (size > 0) {
    const ssize_t n = ::read(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

[[noreturn]] void lost(const RemoteHeader& header) {
  std::fprintf(stderr, "header_conformance: the 32-bit server of headers %s (%s) stopped answering\n",
               header.version.c_str(), header.debug ? "Py_REF_DEBUG" : "release");
  std::abort();
}

/// Starts `compiled` with pipes to its stdin and stdout; reads its hello. Nothing when it fails.
bool start(const conformance::Compiled& compiled, RemoteHeader& header) {
  // Close-on-exec: a server must not hold the pipes of the others (they would never see EOF).
  int to[2], from[2];
  if (::pipe2(to, O_CLOEXEC) != 0) return false;
  if (::pipe2(from, O_CLOEXEC) != 0) {
    ::close(to[0]);
    ::close(to[1]);
    return false;
  }
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(to[0], 0);
    ::dup2(from[1], 1);
    for (int fd : {to[0], to[1], from[0], from[1]}) ::close(fd);
    if (compiled.runner.empty()) ::execl(compiled.binary.c_str(), compiled.binary.c_str(), nullptr);
    else ::execlp(compiled.runner.c_str(), compiled.runner.c_str(), compiled.binary.c_str(), nullptr);
    ::_exit(127);
  }
  ::close(to[0]);
  ::close(from[1]);
  header.pid = pid;
  header.to = to[1];
  header.from = from[0];
  unsigned long long hello[6];
  char version[32];
  if (pid < 0 || !read_all(header.from, hello, sizeof hello) || !read_all(header.from, version, sizeof version)) {
    ::close(header.to);
    ::close(header.from);
    if (pid > 0) ::waitpid(pid, nullptr, 0);
    return false;
  }
  version[sizeof version - 1] = '\0';
  header.version = version;
  header.major = static_cast<int>(hello[0]);
  header.minor = static_cast<int>(hello[1]);
  header.debug = static_cast<int>(hello[2]);
  header.bits = static_cast<int>(hello[3]);
  header.has_refcnt_add = static_cast<int>(hello[4]);
  header.has_stack_refs = static_cast<int>(hello[5]);
  return true;
}

std::vector<RemoteHeader> start_all() {
  ::signal(SIGPIPE, SIG_IGN);  // a server that died is reported by lost(), not by a signal
  const std::string dir = std::string(REFSIM_SOURCE_DIR) + "/fuzz/header_conformance";
  const std::vector<std::string> arguments = {dir + "/real_server.c", dir + "/real_ops.c", dir + "/real_loop_ops.c",
                                              dir + "/assert_hook.c",
                                              "-DHC_NAME=hc_server",
                                              "-I" + dir, "-I" + std::string(REFSIM_SOURCE_DIR) + "/tests/conformance"};
  std::vector<RemoteHeader> headers;
  int index = 0;
  for (const conformance::HeaderSet& set : conformance::configured_header_sets()) {
    if (set.minor < 11 || set.free_threaded) continue;  // as the in-process sets (targets.cmake)
    for (bool debug : {false, true}) {
      // Unique per process: libFuzzer's -jobs and -fork start several at once.
      const std::string name = "hc32-" + std::to_string(::getpid()) + "-" + std::to_string(index++);
      const OracleBuild build{set, 32, debug, name};
      if (auto why = conformance::variant_unavailable(build)) {
        std::fprintf(stderr, "header_conformance: no 32-bit %s: %s\n", set.dir.c_str(), why->c_str());
        break;
      }
      auto compiled = conformance::compile_program(build, "server", arguments);
      RemoteHeader header;
      if (auto* problem = std::get_if<conformance::BuildProblem>(&compiled))
        std::fprintf(stderr, "header_conformance: no 32-bit %s: %s\n", set.dir.c_str(), problem->message.c_str());
      else if (!start(std::get<conformance::Compiled>(compiled), header))
        std::fprintf(stderr, "header_conformance: the 32-bit server for %s does not start\n", set.dir.c_str());
      else
        headers.push_back(header);
      // The running process keeps its binary; the files go.
      std::error_code ec;
      if (auto* ok = std::get_if<conformance::Compiled>(&compiled)) {
        fs::remove(ok->binary, ec);
        fs::remove_all(fs::path(ok->binary).parent_path() / (name + ".include"), ec);
      }
    }
  }
  std::fprintf(stderr, "header_conformance: %zu 32-bit header variant(s) in server processes\n", headers.size());
  return headers;
}

}  // namespace

const std::vector<RemoteHeader>& remote_headers() {
  static const std::vector<RemoteHeader> headers = start_all();
  return headers;
}

RunReply run(const RemoteHeader& header, int op, long long value, unsigned long long count, unsigned long long word) {
  const unsigned long long request[5] = {static_cast<unsigned long long>(op), static_cast<unsigned long long>(value),
                                         count, word, 0};
  unsigned long long reply[2];
  if (!write_all(header.to, request, sizeof request) || !read_all(header.from, reply, sizeof reply)) lost(header);
  return {reply[0], reply[1]};
}

std::vector<Record> trace(const RemoteHeader& header, int op, long long value, unsigned long long count,
                          unsigned long long word) {
  const unsigned long long request[5] = {static_cast<unsigned long long>(op), static_cast<unsigned long long>(value),
                                         count, word, 1};
  std::vector<Record> records(count);
  if (!write_all(header.to, request, sizeof request) || !read_all(header.from, records.data(), count * sizeof(Record)))
    lost(header);
  return records;
}

}  // namespace refsim::hc
