// CLI test support: runs the built `refsim` binary in a temporary directory of its own and
// captures its exit status, stdout and stderr (shared by the CLI test files).
#pragma once

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "io/read_file.h"
#include "tests/temp_dir_test.h"
#include "tests/text_lines.h"

namespace refsim::cli_test {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

inline const std::string kGolden = REFSIM_SOURCE_DIR "/tests/golden";

/// A file's bytes ("" when it cannot be read: the expectations on it then fail).
inline std::string slurp(const fs::path& path) { return read_file(path).bytes; }

inline std::string shell_quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct Result {
  int status = -1;
  std::string out;
  std::string err;
};

class Cli : public TempDirTest {
 protected:
  /// Runs refsim with `args`, and `input` on its standard input.
  Result refsim(const std::vector<std::string>& args, const std::string& input = "") {
    std::string command = shell_quote(REFSIM_BINARY);
    for (const std::string& arg : args) command += " " + shell_quote(arg);
    const fs::path in = write("stdin", input), out = dir_ / "stdout", err = dir_ / "stderr";
    command += " <" + shell_quote(in.string()) + " >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string());
    const int raw = std::system(command.c_str());
    Result result;
    result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    result.out = slurp(out);
    result.err = slurp(err);
    return result;
  }

  fs::path write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  /// Runs `run --report R args` and checks: exit 2, exactly one stderr line, equal to (or
  /// starting with) `line`, nothing on stdout, and neither a fresh nor an existing R touched.
  void expect_rejected(const std::vector<std::string>& args, const std::string& line, bool prefix_only) {
    const fs::path fresh = dir_ / "fresh.json";
    const fs::path existing = dir_ / "existing.json";
    std::ofstream(existing) << "precious\n";
    for (const fs::path& report : {fresh, existing}) {
      std::vector<std::string> with_report = {"run", "--report", report.string()};
      with_report.insert(with_report.end(), args.begin(), args.end());
      const Result result = refsim(with_report);
      EXPECT_EQ(result.status, 2);
      EXPECT_EQ(result.out, "");
      const std::vector<std::string> err = lines_of(result.err);
      ASSERT_EQ(err.size(), 1u) << result.err;
      if (prefix_only) EXPECT_EQ(err[0].rfind(line, 0), 0u) << err[0];
      else EXPECT_EQ(err[0], line);
    }
    EXPECT_FALSE(fs::exists(fresh));
    EXPECT_EQ(slurp(existing), "precious\n");
    for (const auto& entry : fs::directory_iterator(dir_))
      EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << entry.path();
  }

};

}  // namespace refsim::cli_test
