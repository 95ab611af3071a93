// refsim_fuzz_ft_replay DIR...: runs every file under the directories through the ft_engine check
// (fuzz/ft_check.h) without libFuzzer, as CI does for the seeds. Exit 0: no finding; 1: findings
// (printed); 2: bad usage or an unreadable path.
#include <cstdio>
#include <filesystem>

#include "fuzz/ft_check.h"
#include "io/read_file.h"

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  if (argc < 2) {
    std::fprintf(stderr, "refsim: usage: refsim_fuzz_ft_replay DIR...\n");
    return 2;
  }
  std::size_t inputs = 0, findings = 0;
  for (int i = 1; i < argc; ++i) {
    std::error_code ec;
    if (!fs::is_directory(argv[i], ec)) {
      std::fprintf(stderr, "refsim: %s: not a directory\n", argv[i]);
      return 2;
    }
    for (const auto& entry : fs::recursive_directory_iterator(argv[i], ec)) {
      if (!entry.is_regular_file()) continue;
      const refsim::FileRead file = refsim::read_file(entry.path());
      if (!file.ok()) {
        std::fprintf(stderr, "refsim: %s: cannot read\n", entry.path().c_str());
        return 2;
      }
      ++inputs;
      for (const std::string& f : refsim::fuzz::check_ft(file.octets())) {
        std::printf("%s: %s\n", entry.path().c_str(), f.c_str());
        ++findings;
      }
    }
    if (ec) {
      std::fprintf(stderr, "refsim: %s: %s\n", argv[i], ec.message().c_str());
      return 2;
    }
  }
  std::printf("ft_engine: %zu inputs, %zu findings\n", inputs, findings);
  return findings == 0 ? 0 : 1;
}
