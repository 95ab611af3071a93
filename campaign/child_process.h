// Child process: runs a program (libFuzzer) in its own process group with its stdout and stderr
// on one pipe, hands back its output line by line, and stops the whole group on request.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace refsim::campaign {

/// How a finished child ended.
struct ChildExit {
  bool exited = false;  ///< true: exit status in `code`; false: killed by signal `code`
  int code = 0;
  std::string describe() const;  ///< "exit status 77" or "signal 15"
};

class ChildProcess {
 public:
  /// Starts `argv` (argv[0] is the program path) with `environment` added to this process's
  /// environment. Returns the reason when it cannot start (the path is checked first).
  static std::variant<ChildProcess, std::string> start(const std::vector<std::string>& argv,
                                                       const std::map<std::string, std::string>& environment);

  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&&) = delete;
  ChildProcess(const ChildProcess&) = delete;
  /// Stops the group (SIGKILL) and reaps the child if the owner did not wait for it.
  ~ChildProcess();

  /// Waits up to `timeout` for output; returns the complete lines read (without '\n'). After the
  /// child closes its end, returns its last unterminated line once, then nothing.
  std::vector<std::string> read_lines(std::chrono::milliseconds timeout);

  /// True once the child closed its output and exited (reaps it; `exit_status` then holds).
  bool finished();
  const std::optional<ChildExit>& exit_status() const { return exit_; }

  /// Sends `signal` to the child's whole process group (libFuzzer's jobs included).
  void signal_group(int signal);

  /// Blocks until the child exits, reading (and discarding nothing: lines are returned) output.
  std::vector<std::string> wait();

 private:
  ChildProcess(pid_t pid, int fd) : pid_(pid), fd_(fd) {}
  pid_t pid_ = -1;
  int fd_ = -1;
  std::string partial_;
  std::optional<ChildExit> exit_;
};

}  // namespace refsim::campaign
