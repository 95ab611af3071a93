// Build: the probe's files in a private directory, compiled and linked by the interpreter's
// compiler. -fwrapv makes the legacy code's signed overflow wrap, as the model says it does. An
// interrupt (SIGINT, SIGTERM) removes the directory before the process ends.
#include "verify/build.h"

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "campaign/child_process.h"
#include "verify/probe_source.h"

namespace refsim::verify {

namespace fs = std::filesystem;

namespace {

// The directory an interrupt must remove (one TempDir at a time: verify builds once per run), and
// the handlers it replaced. Read by the signal handler, so plain data.
int g_dir_fd = -1;
char g_dir_path[4096];
struct sigaction g_previous[2];
constexpr int kSignals[2] = {SIGINT, SIGTERM};

struct LinuxDirent64 {  // getdents64's record (linux/dirent.h)
  std::uint64_t d_ino;
  std::int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[1];
};

/// Removes the files of the directory and the directory with async-signal-safe calls only (the
/// directory is flat: the probe's sources, objects, module and programs).
void remove_dir_now() {
  if (g_dir_fd < 0) return;
  char buffer[4096];
  for (bool removed = true; removed;) {
    removed = false;
    ::lseek(g_dir_fd, 0, SEEK_SET);
    for (long n; (n = ::syscall(SYS_getdents64, g_dir_fd, buffer, sizeof buffer)) > 0;)
      for (long at = 0; at < n;) {
        const auto* entry = reinterpret_cast<const LinuxDirent64*>(buffer + at);
        at += entry->d_reclen;
        if (std::strcmp(entry->d_name, ".") == 0 || std::strcmp(entry->d_name, "..") == 0) continue;
        if (::unlinkat(g_dir_fd, entry->d_name, 0) == 0) removed = true;
      }
  }
  ::rmdir(g_dir_path);
}

/// SIGINT / SIGTERM during a run: remove the directory, then let the signal do what it did before
/// (the probe's child and the compiler get SIGTERM from their parent's death: campaign/child_process.cc).
void on_interrupt(int sig) {
  remove_dir_now();
  for (int i = 0; i < 2; ++i)
    if (kSignals[i] == sig) ::sigaction(sig, &g_previous[i], nullptr);
  ::raise(sig);
}

}  // namespace

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base && *base ? base : "/tmp") + "/refsim-verify-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    error_ = "cannot create a temporary directory under " + pattern.substr(0, pattern.rfind('/'));
    return;
  }
  path_ = pattern;
  if (g_dir_fd >= 0 || pattern.size() >= sizeof g_dir_path) return;  // another one holds the handlers
  g_dir_fd = ::open(pattern.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (g_dir_fd < 0) return;
  std::memcpy(g_dir_path, pattern.c_str(), pattern.size() + 1);
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  for (int i = 0; i < 2; ++i) {
    ::sigaction(kSignals[i], &action, &g_previous[i]);
    if (g_previous[i].sa_handler == SIG_IGN) ::sigaction(kSignals[i], &g_previous[i], nullptr);  // stays ignored
  }
  owns_handlers_ = true;
}

TempDir::~TempDir() {
  if (owns_handlers_) {
    for (int i = 0; i < 2; ++i) ::sigaction(kSignals[i], &g_previous[i], nullptr);
    ::close(g_dir_fd);
    g_dir_fd = -1;
  }
  std::error_code ignored;
  if (!path_.empty()) fs::remove_all(path_, ignored);
}

CommandResult run_command_line(const std::vector<std::string>& argv, std::chrono::seconds silence_limit) {
  auto child = campaign::ChildProcess::start(argv, {{"LC_ALL", "C"}});
  if (auto* reason = std::get_if<std::string>(&child)) return {false, *reason};
  auto& process = std::get<campaign::ChildProcess>(child);
  CommandResult result;
  if (!process.read_until_exit(silence_limit, [&](std::string&& line) { result.output += line + "\n"; })) {
    result.output = stopped_for_silence(argv[0], silence_limit) + "\n" + result.output;
    return result;
  }
  result.ok = process.exit_status() && process.exit_status()->exited && process.exit_status()->code == 0;
  return result;
}

namespace {

bool write_text(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out.flush());
}

std::string first_lines(const std::string& text, int lines) {
  std::size_t at = 0;
  for (int i = 0; i < lines && at != std::string::npos; ++i) at = text.find('\n', at + 1);
  std::string head = text.substr(0, at);
  for (char& c : head)
    if (c == '\n') c = ' ';
  while (!head.empty() && head.back() == ' ') head.pop_back();  // the last line's own newline
  return head;
}

}  // namespace

std::vector<std::string> ext_includes(const ExtHeaders& e, const Interpreter& interpreter) {
  const auto& own = interpreter.include_dirs;
  if (std::find(own.begin(), own.end(), e.include_dir) != own.end()) return own;
  std::vector<std::string> out = {e.include_dir};
  std::error_code error;
  const fs::path dir(e.include_dir);
  if (!fs::exists(dir / "pyconfig.h", error) && fs::exists(dir.parent_path() / "pyconfig.h", error))
    out.push_back(dir.parent_path().string());
  return out;
}

std::variant<ProbeBuild, std::string> build_probe(const Interpreter& interpreter, const std::vector<std::string>& compiler,
                                                  const std::vector<ExtHeaders>& ext, const fs::path& dir,
                                                  std::chrono::seconds silence_limit) {
  using Result = std::variant<ProbeBuild, std::string>;
  ProbeBuild build;
  build.module_dir = dir;
  for (const ExtHeaders& e : ext) build.ext_versions.push_back(e.version);

  std::vector<std::string> flags = interpreter.cflags;
  for (const char* f : {"-fPIC", "-fwrapv", "-fno-strict-aliasing", "-w"}) flags.push_back(f);
  const auto compile = [&](const fs::path& source, const std::vector<std::string>& includes,
                           const fs::path& object) -> std::optional<std::string> {
    std::vector<std::string> argv = compiler;
    argv.insert(argv.end(), flags.begin(), flags.end());
    for (const std::string& include : includes) argv.push_back("-I" + include);
    argv.insert(argv.end(), {"-c", source.string(), "-o", object.string()});
    CommandResult r = run_command_line(argv, silence_limit);
    if (r.ok) return std::nullopt;
    return "compiling " + source.filename().string() + " failed: " + first_lines(r.output, 4);
  };

  std::vector<std::string> objects;
  const fs::path main_c = dir / "probe.c";
  if (!write_text(main_c, interpreter.free_threaded ? probe_ft_source() : probe_main_source(build.ext_versions)))
    return Result(std::in_place_index<1>, "cannot write " + main_c.string());
  if (auto error = compile(main_c, interpreter.include_dirs, dir / "probe.o")) return Result(std::in_place_index<1>, *error);
  objects.push_back((dir / "probe.o").string());
  for (const ExtHeaders& e : ext) {
    const fs::path source = dir / ("ext_" + version_ident(e.version) + ".c");
    const fs::path object = dir / ("ext_" + version_ident(e.version) + ".o");
    if (!write_text(source, probe_ext_source(e.version)))
      return Result(std::in_place_index<1>, "cannot write " + source.string());
    if (auto error = compile(source, ext_includes(e, interpreter), object)) return Result(std::in_place_index<1>, *error);
    objects.push_back(object.string());
  }
  std::vector<std::string> link = compiler;
  link.push_back("-shared");
  link.insert(link.end(), objects.begin(), objects.end());
  link.insert(link.end(), {"-o", (dir / (std::string(kProbeModule) + interpreter.ext_suffix)).string()});
  CommandResult r = run_command_line(link, silence_limit);
  if (!r.ok) return Result(std::in_place_index<1>, "linking the probe failed: " + first_lines(r.output, 4));
  return Result(std::in_place_index<0>, std::move(build));
}

}  // namespace refsim::verify
