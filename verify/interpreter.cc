// Interpreter: asks the Python itself (python -I -c ...) for its version, width, debug build,
// headers, compiler and flags, one `key=value` line each.
#include "verify/interpreter.h"

#include <unistd.h>

#include <map>

#include "campaign/child_process.h"

namespace refsim::verify {
namespace {

/// Printed by the interpreter: one key=value line per fact. Py_DEBUG: sysconfig's value, or the
/// presence of sys.gettotalrefcount (Py_REF_DEBUG) when sysconfig does not say.
constexpr const char* kQuery = R"PY(
import sys, sysconfig, struct
v = sysconfig.get_config_var
p = sysconfig.get_paths()
print("full_version=%d.%d.%d" % sys.version_info[:3])
print("version=%d.%d" % sys.version_info[:2])
print("width=%d" % (struct.calcsize("P") * 8))
print("debug=%d" % (1 if (v("Py_DEBUG") or hasattr(sys, "gettotalrefcount")) else 0))
print("free_threaded=%d" % (1 if v("Py_GIL_DISABLED") else 0))
print("include=%s" % p.get("include", ""))
print("platinclude=%s" % p.get("platinclude", ""))
print("cflags=%s %s" % (v("CFLAGS") or "", v("CCSHARED") or ""))
print("cc=%s" % (v("CC") or ""))
print("ext_suffix=%s" % (v("EXT_SUFFIX") or ".so"))
)PY";

}  // namespace

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

std::optional<std::string> find_program(const std::string& program, const std::string& path_env) {
  if (program.empty()) return std::nullopt;
  if (program.find('/') != std::string::npos)
    return ::access(program.c_str(), X_OK) == 0 ? std::optional(program) : std::nullopt;
  std::size_t start = 0;
  while (start <= path_env.size()) {
    std::size_t end = path_env.find(':', start);
    if (end == std::string::npos) end = path_env.size();
    const std::string dir = path_env.substr(start, end - start);
    const std::string candidate = (dir.empty() ? "." : dir) + "/" + program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return std::nullopt;
}

std::variant<Interpreter, std::string> query_interpreter(const std::string& python, std::chrono::seconds silence_limit) {
  using Result = std::variant<Interpreter, std::string>;
  auto child = campaign::ChildProcess::start({python, "-I", "-c", kQuery}, {});
  if (auto* reason = std::get_if<std::string>(&child)) return Result(std::in_place_index<1>, *reason);
  auto& process = std::get<campaign::ChildProcess>(child);
  std::map<std::string, std::string> facts;
  std::string output;
  const bool ended = process.read_until_exit(silence_limit, [&](std::string&& line) {
    output += line + " ";
    const std::size_t eq = line.find('=');
    if (eq != std::string::npos) facts[line.substr(0, eq)] = line.substr(eq + 1);
  });
  if (!ended) return Result(std::in_place_index<1>, stopped_for_silence("it", silence_limit));
  const auto& status = process.exit_status();
  if (!status || !status->exited || status->code != 0)
    return Result(std::in_place_index<1>, "it failed (" + (status ? status->describe() : "no status") +
                                              "): " + output.substr(0, 200));
  for (const char* key : {"full_version", "version", "width", "debug", "free_threaded", "include", "cc"})
    if (!facts.count(key)) return Result(std::in_place_index<1>, std::string("it did not report ") + key);
  Interpreter in;
  in.path = python;
  in.full_version = facts["full_version"];
  in.version = facts["version"];
  in.width = facts["width"] == "32" ? 32 : facts["width"] == "64" ? 64 : 0;
  if (in.width == 0) return Result(std::in_place_index<1>, "its pointers are " + facts["width"] + " bits");
  in.debug = facts["debug"] == "1";
  in.free_threaded = facts["free_threaded"] == "1";
  in.include_dirs.push_back(facts["include"]);
  if (!facts["platinclude"].empty() && facts["platinclude"] != facts["include"])
    in.include_dirs.push_back(facts["platinclude"]);
  in.cflags = split_words(facts["cflags"]);
  in.sysconfig_cc = facts["cc"];
  in.ext_suffix = facts["ext_suffix"];
  return Result(std::in_place_index<0>, std::move(in));
}

std::variant<std::vector<std::string>, std::string> choose_compiler(const Interpreter& interpreter,
                                                                    const std::optional<std::string>& cc_env,
                                                                    const std::string& path_env) {
  using Result = std::variant<std::vector<std::string>, std::string>;
  const auto resolve = [&](std::vector<std::string> words) -> std::optional<std::vector<std::string>> {
    if (words.empty()) return std::nullopt;
    auto program = find_program(words[0], path_env);
    if (!program) return std::nullopt;
    words[0] = *program;
    return words;
  };
  if (cc_env && !cc_env->empty()) {
    if (auto words = resolve(split_words(*cc_env))) return Result(std::in_place_index<0>, *words);
    return Result(std::in_place_index<1>, "$CC (" + *cc_env + ") is not an executable program");
  }
  if (auto words = resolve(split_words(interpreter.sysconfig_cc))) return Result(std::in_place_index<0>, *words);
  for (const char* name : {"cc", "gcc", "clang"})
    if (auto words = resolve({name})) return Result(std::in_place_index<0>, *words);
  return Result(std::in_place_index<1>, "no C compiler: $CC is unset and neither sysconfig's CC (" +
                                            interpreter.sysconfig_cc + ") nor cc, gcc or clang is on PATH");
}

}  // namespace refsim::verify
