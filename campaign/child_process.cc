// Child process: fork/exec with a fresh process group, one pipe for stdout+stderr, poll-based
// line reading, and group-wide signals so that libFuzzer's fork-mode jobs stop with it.
#include "campaign/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;

namespace refsim::campaign {

std::string ChildExit::describe() const {
  return exited ? "exit status " + std::to_string(code) : "signal " + std::to_string(code);
}

std::variant<ChildProcess, std::string> ChildProcess::start(const std::vector<std::string>& argv,
                                                            const std::map<std::string, std::string>& environment) {
  using Result = std::variant<ChildProcess, std::string>;
  if (argv.empty()) return Result(std::in_place_index<1>, "no program given");
  if (::access(argv[0].c_str(), X_OK) != 0) return Result(std::in_place_index<1>, argv[0] + ": " + std::strerror(errno));

  // Everything the child needs is built before fork: after it only async-signal-safe calls run.
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    const std::string entry(*e);
    if (!environment.count(entry.substr(0, entry.find('=')))) env_strings.push_back(entry);
  }
  for (const auto& [key, value] : environment) env_strings.push_back(key + "=" + value);
  std::vector<char*> envp, args;
  for (std::string& entry : env_strings) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_copy = argv;
  for (std::string& arg : argv_copy) args.push_back(arg.data());
  args.push_back(nullptr);

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Result(std::in_place_index<1>, std::string("pipe: ") + std::strerror(errno));
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int error = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    return Result(std::in_place_index<1>, std::string("fork: ") + std::strerror(error));
  }
  if (pid == 0) {
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // refsim killed outright: libFuzzer does not outlive it
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    ::signal(SIGPIPE, SIG_DFL);
    const int null_fd = ::open("/dev/null", O_RDONLY);
    if (null_fd >= 0) ::dup2(null_fd, 0);
    ::dup2(fds[1], 1);
    ::dup2(fds[1], 2);
    ::execve(args[0], args.data(), envp.data());
    _exit(127);
  }
  ::setpgid(pid, pid);  // also here, so that signal_group works even before the child ran
  ::close(fds[1]);
  return Result(std::in_place_index<0>, ChildProcess(pid, fds[0]));
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(other.pid_), fd_(other.fd_), partial_(std::move(other.partial_)), exit_(other.exit_) {
  other.pid_ = -1;
  other.fd_ = -1;
}

ChildProcess::~ChildProcess() {
  if (fd_ >= 0) ::close(fd_);
  if (pid_ > 0 && !exit_) {
    ::kill(-pid_, SIGKILL);
    int raw = 0;
    while (::waitpid(pid_, &raw, 0) < 0 && errno == EINTR) {
    }
  }
}

std::vector<std::string> ChildProcess::read_lines(std::chrono::milliseconds timeout) {
  std::vector<std::string> lines;
  if (fd_ < 0) return lines;
  pollfd p{fd_, POLLIN, 0};
  const int ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
  if (ready <= 0) return lines;  // timeout, or EINTR (a signal for the caller to look at)
  char buffer[8192];
  const ssize_t n = ::read(fd_, buffer, sizeof buffer);
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return lines;
  if (n <= 0) {
    ::close(fd_);
    fd_ = -1;
    if (!partial_.empty()) lines.push_back(std::move(partial_));
    partial_.clear();
    return lines;
  }
  partial_.append(buffer, static_cast<std::size_t>(n));
  std::size_t start = 0;
  for (std::size_t end; (end = partial_.find('\n', start)) != std::string::npos; start = end + 1)
    lines.push_back(partial_.substr(start, end - start));
  partial_.erase(0, start);
  return lines;
}

bool ChildProcess::reap(int options) {
  if (exit_) return true;
  int raw = 0;
  pid_t done;
  while ((done = ::waitpid(pid_, &raw, options)) < 0 && errno == EINTR) {
  }
  if (done != pid_) return false;
  exit_ = WIFEXITED(raw) ? ChildExit{true, WEXITSTATUS(raw)} : ChildExit{false, WTERMSIG(raw)};
  return true;
}

bool ChildProcess::finished() {
  if (exit_) return true;
  if (fd_ >= 0) return false;
  return reap(0);
}

void ChildProcess::signal_group(int signal) {
  if (pid_ > 0 && !exit_) ::kill(-pid_, signal);
}

std::vector<std::string> ChildProcess::wait() {
  std::vector<std::string> lines;
  read_until_exit(std::chrono::milliseconds::zero(), [&](std::string&& line) { lines.push_back(std::move(line)); });
  return lines;
}

bool ChildProcess::read_until_exit(std::chrono::milliseconds silence_limit,
                                   const std::function<void(std::string&&)>& line) {
  using Clock = std::chrono::steady_clock;
  const bool limited = silence_limit > std::chrono::milliseconds::zero();
  Clock::time_point last_output = Clock::now();
  while (!exit_) {
    if (fd_ >= 0) {
      std::vector<std::string> lines = read_lines(std::chrono::milliseconds(200));
      if (!lines.empty()) last_output = Clock::now();
      for (std::string& l : lines) line(std::move(l));
    } else if (!limited) {
      reap(0);
    } else if (!reap(WNOHANG)) {  // output closed, still running: look again shortly
      ::usleep(50 * 1000);
    }
    if (!exit_ && limited && Clock::now() - last_output >= silence_limit) {
      signal_group(SIGKILL);
      reap(0);
      return false;
    }
  }
  return true;
}

}  // namespace refsim::campaign
