// Replay driver: `refsim_fuzz_replay TARGET PATH...` runs a target's check over corpus files and
// folders without libFuzzer (ctest runs it on seeds and regression inputs in every build).
// `refsim_fuzz_replay --sidecar TARGET FILE NOTE` prints the `.expected` sidecar that records the
// input's current behaviour (for adding a regression input).
#include <iostream>
#include <span>
#include <string>

#include "fuzz/finding.h"
#include "fuzz/regression.h"
#include "fuzz/replay.h"
#include "io/read_file.h"

namespace {

int print_sidecar(refsim::fuzz::Target target, const char* file, const char* note) {
  const refsim::FileRead read = refsim::read_file(file);
  if (!read.ok()) {
    std::cerr << "refsim: " << file << ": cannot read: " << read.error << std::endl;
    return 2;
  }
  const std::span<const std::uint8_t> bytes = read.octets();
  refsim::fuzz::Expected e{target, {}, std::nullopt, note};
  for (const auto& f : refsim::fuzz::check(target, bytes)) {
    if (!e.step) e.step = f.step;
    e.signatures.push_back(f.signature);
  }
  std::cout << refsim::fuzz::expected_json(e);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 5 && std::string(argv[1]) == "--sidecar") {
    const auto target = refsim::fuzz::parse_target(argv[2]);
    if (!target) {
      std::cerr << "refsim: unknown target \"" << argv[2] << "\"" << std::endl;
      return 2;
    }
    return print_sidecar(*target, argv[3], argv[4]);
  }
  if (argc < 3) {
    std::cerr << "refsim: usage: refsim_fuzz_replay TARGET PATH... | --sidecar TARGET FILE NOTE" << std::endl;
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
