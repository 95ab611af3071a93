// bench_measure: runs one command several times and prints one JSON line with its wall time
// (min and median), its peak resident memory (wait4's ru_maxrss) and its exit status. ci/bench
// uses it for the end-to-end figures, without /usr/bin/time.
//
// Usage: bench_measure --name NAME [--runs N] [--stdout FILE] -- COMMAND [ARGS...]
// The command's stdout goes to FILE (default /dev/null); its stderr is left alone. Exits 0 when the
// line was printed, also when the command exited non-zero (the line carries its status); 1 when the
// command could not be started (status 127) or died from a signal; 2 on usage errors.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct Run {
  double seconds = 0;
  long max_rss_kib = 0;
  int status = 0;  ///< exit status, or 128 + signal
};

[[noreturn]] void usage(const char* why) {
  std::fprintf(stderr, "bench_measure: %s\nusage: bench_measure --name NAME [--runs N] [--stdout FILE] -- COMMAND [ARGS...]\n", why);
  std::exit(2);
}

Run run_once(const std::vector<char*>& argv, const std::string& out) {
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) usage("fork failed");
  if (pid == 0) {
    const int fd = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0) _exit(127);
    close(fd);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  rusage usage_info{};
  if (wait4(pid, &status, 0, &usage_info) != pid) usage("wait4 failed");
  const auto end = std::chrono::steady_clock::now();
  Run r;
  r.seconds = std::chrono::duration<double>(end - start).count();
  r.max_rss_kib = usage_info.ru_maxrss;  // kilobytes on Linux
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  std::string name, out = "/dev/null";
  int runs = 5;
  int i = 1;
  for (; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    if (i + 1 >= argc) usage("an option needs a value");
    if (arg == "--name") name = argv[++i];
    else if (arg == "--runs") runs = std::atoi(argv[++i]);
    else if (arg == "--stdout") out = argv[++i];
    else usage("unknown option");
  }
  if (name.empty() || runs < 1 || i + 1 >= argc) usage("missing --name, --runs >= 1 or the command");
  std::vector<char*> command(argv + i + 1, argv + argc);
  command.push_back(nullptr);

  std::vector<Run> all;
  for (int r = 0; r < runs; ++r) all.push_back(run_once(command, out));
  std::vector<double> times;
  long rss = 0;
  int status = 0;
  for (const Run& r : all) {
    times.push_back(r.seconds);
    rss = std::max(rss, r.max_rss_kib);
    if (r.status != 0) status = r.status;
  }
  std::sort(times.begin(), times.end());
  nlohmann::json line = {{"name", name},          {"runs", runs},
                         {"min_s", times.front()}, {"median_s", times[times.size() / 2]},
                         {"max_rss_kib", rss},     {"status", status}};
  std::printf("%s\n", line.dump().c_str());
  return status == 127 || status > 128 ? 1 : 0;
}
