// Replay driver: `refsim_fuzz_replay TARGET PATH...` runs a target's check over corpus files and
// folders without libFuzzer (ctest runs it on seeds and regression inputs in every build).
#include <iostream>
#include <vector>

#include "fuzz/replay.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "refsim: usage: refsim_fuzz_replay TARGET PATH..." << std::endl;
    return 2;
  }
  const auto target = refsim::fuzz::parse_target(argv[1]);
  if (!target) {
    std::cerr << "refsim: unknown target \"" << argv[1] << "\"" << std::endl;
    return 2;
  }
  std::vector<std::filesystem::path> paths(argv + 2, argv + argc);
  for (const auto& p : paths)
    if (!std::filesystem::exists(p)) {
      std::cerr << "refsim: " << p.string() << ": no such file or folder" << std::endl;
      return 2;
    }
  const auto sum = refsim::fuzz::replay(*target, paths, std::cout);
  std::cout << argv[1] << ": " << sum.inputs << " inputs, " << sum.findings << " findings, " << sum.failures
            << " failures" << std::endl;
  return sum.failures == 0 ? 0 : 1;
}
