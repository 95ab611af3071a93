// Seed writer: `refsim_fuzz_seeds CORPUS [DICTS]` writes CORPUS/<target>/seeds/<sha1> for every seed
// (and DICTS/<target>.dict, the generated dictionaries).
#include <fstream>
#include <iostream>

#include "fuzz/dictionary.h"
#include "fuzz/regression.h"
#include "io/atomic_write.h"
#include "fuzz/seeds.h"

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::cerr << "refsim: usage: refsim_fuzz_seeds CORPUS_DIR [DICT_DIR]" << std::endl;
    return 2;
  }
  for (refsim::fuzz::Target t : refsim::fuzz::kTargets) {
    const auto dir = std::filesystem::path(argv[1]) / std::string(refsim::fuzz::target_name(t)) / "seeds";
    std::filesystem::create_directories(dir);
    for (const auto& bytes : refsim::fuzz::seed_inputs(t)) {
      const auto file = dir / refsim::fuzz::sha1_hex(bytes);
      const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
      if (const auto reason = refsim::write_atomically(file, text)) {
        std::cerr << "refsim: " << file.string() << ": " << *reason << std::endl;
        return 2;
      }
    }
    if (argc == 3) {
      const auto file = std::filesystem::path(argv[2]) / (std::string(refsim::fuzz::target_name(t)) + ".dict");
      if (const auto reason = refsim::write_atomically(file, refsim::fuzz::dictionary(t))) {
        std::cerr << "refsim: " << file.string() << ": " << *reason << std::endl;
        return 2;
      }
    }
  }
  return 0;
}
