// Seed writer: `refsim_fuzz_seeds CORPUS` writes CORPUS/<target>/seeds/<sha1> for every seed.
#include <fstream>
#include <iostream>

#include "fuzz/regression.h"
#include "fuzz/seeds.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "refsim: usage: refsim_fuzz_seeds CORPUS_DIR" << std::endl;
    return 2;
  }
  for (refsim::fuzz::Target t : refsim::fuzz::kTargets) {
    const auto dir = std::filesystem::path(argv[1]) / std::string(refsim::fuzz::target_name(t)) / "seeds";
    std::filesystem::create_directories(dir);
    for (const auto& bytes : refsim::fuzz::seed_inputs(t)) {
      std::ofstream out(dir / refsim::fuzz::sha1_hex(bytes), std::ios::binary);
      out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    }
  }
  return 0;
}
