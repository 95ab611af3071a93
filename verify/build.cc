// Build: the probe's files in a private directory, compiled and linked by the interpreter's
// compiler. -fwrapv makes the legacy code's signed overflow wrap, as the model says it does.
#include "verify/build.h"

#include <cstdlib>
#include <fstream>

#include "campaign/child_process.h"
#include "verify/probe_source.h"

namespace refsim::verify {

namespace fs = std::filesystem;

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base && *base ? base : "/tmp") + "/refsim-verify-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    error_ = "cannot create a temporary directory under " + pattern.substr(0, pattern.rfind('/'));
    return;
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  if (!path_.empty()) fs::remove_all(path_, ignored);
}

CommandResult run_command_line(const std::vector<std::string>& argv) {
  auto child = campaign::ChildProcess::start(argv, {{"LC_ALL", "C"}});
  if (auto* reason = std::get_if<std::string>(&child)) return {false, *reason};
  auto& process = std::get<campaign::ChildProcess>(child);
  CommandResult result;
  for (const std::string& line : process.wait()) result.output += line + "\n";
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
  return head;
}

}  // namespace

std::variant<ProbeBuild, std::string> build_probe(const Interpreter& interpreter, const std::vector<std::string>& compiler,
                                                  const std::vector<ExtHeaders>& ext, const fs::path& dir) {
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
    CommandResult r = run_command_line(argv);
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
    if (auto error = compile(source, {e.include_dir}, object)) return Result(std::in_place_index<1>, *error);
    objects.push_back(object.string());
  }
  std::vector<std::string> link = compiler;
  link.push_back("-shared");
  link.insert(link.end(), objects.begin(), objects.end());
  link.insert(link.end(), {"-o", (dir / (std::string(kProbeModule) + interpreter.ext_suffix)).string()});
  CommandResult r = run_command_line(link);
  if (!r.ok) return Result(std::in_place_index<1>, "linking the probe failed: " + first_lines(r.output, 4));
  return Result(std::in_place_index<0>, std::move(build));
}

}  // namespace refsim::verify
