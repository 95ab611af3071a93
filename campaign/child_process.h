// Child process: runs a program (libFuzzer) in its own process group with its stdout and stderr
// on one pipe, hands back its output line by line, and stops the whole group on request.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
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

  /// Reads the child's output to its exit, each line to LINE as it comes. When the child prints
  /// nothing for `silence_limit` (zero: no limit), also after closing its output without exiting,
  /// its whole group is stopped (SIGKILL) and reaped: false then, true when it exited by itself.
  bool read_until_exit(std::chrono::milliseconds silence_limit, const std::function<void(std::string&&)>& line);

 private:
  ChildProcess(pid_t pid, int fd) : pid_(pid), fd_(fd) {}
  /// waitpid with OPTIONS (0 or WNOHANG): true once the child is reaped (`exit_` then holds).
  bool reap(int options);
  pid_t pid_ = -1;
  int fd_ = -1;
  std::string partial_;
  std::optional<ChildExit> exit_;
};

}  // namespace refsim::campaign
