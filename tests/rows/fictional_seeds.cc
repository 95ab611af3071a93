// Fuzz seeds over the fictional rows (test build REFSIM_FICTIONAL_ROWS): every seed scenario of
// every scenario target (fuzz/seeds.cc) moved onto the fictional 3.16, once as it is and once with
// each extension's operations done by ext-3.16 code, encoded in the target's format. The libFuzzer
// targets start from these (tests/rows/fictional_build.sh), so each of them runs the fictional
// family and origin from its first input on.
// Usage: refsim_rows_seeds DIR   writes DIR/<target>/<index>, and says how many per target.
#include <filesystem>
#include <iostream>
#include <string>
#include <variant>

#include "fuzz/codec.h"
#include "fuzz/seeds.h"
#include "io/atomic_write.h"

namespace refsim {
namespace {

constexpr Version kVersion = Version::V3_16;
constexpr Origin kOrigin = Origin::Ext316;

/// The scenario on the fictional version; with `by_origin`, every extension's operation (a
/// repeat's body included) is done by the fictional origin's code instead.
Scenario on_fictional_rows(Scenario s, bool by_origin) {
  s.runtime.version = kVersion;
  if (by_origin) {
    auto rewrite = [](auto& self, std::vector<Op>& ops) -> void {
      for (Op& op : ops) {
        if (op.by != Origin::Core) op.by = kOrigin;
        self(self, op.body);
      }
    };
    rewrite(rewrite, s.ops);
  }
  return s;
}

/// The seeds of one target; an error message when one is not expressible or does not decode back
/// onto the fictional rows (then the demonstration would fuzz something else).
std::variant<std::vector<std::vector<std::uint8_t>>, std::string> seeds(fuzz::Target target) {
  std::vector<std::vector<std::uint8_t>> out;
  for (const Scenario& seed : fuzz::seed_scenarios(target))
    for (const bool by_origin : {false, true}) {
      const Scenario s = on_fictional_rows(seed, by_origin);
      auto bytes = fuzz::encode(target, s);
      if (!bytes) return "a seed on " + std::string(name_of(kVersion)) + " is not expressible";
      const auto back = fuzz::decode(target, *bytes);
      const auto* decoded = std::get_if<Scenario>(&back);
      if (!decoded || decoded->runtime.version != kVersion)
        return "a seed does not decode back to " + std::string(name_of(kVersion));
      out.push_back(std::move(*bytes));
    }
  return out;
}

}  // namespace
}  // namespace refsim

int main(int argc, char** argv) {
  using namespace refsim;
  if (argc != 2) {
    std::cerr << "refsim: usage: refsim_rows_seeds DIR" << std::endl;
    return 2;
  }
  for (const fuzz::Target target : fuzz::kTargets) {
    const auto made = seeds(target);
    if (const auto* error = std::get_if<std::string>(&made)) {
      std::cerr << "refsim: " << fuzz::target_name(target) << ": " << *error << std::endl;
      return 2;
    }
    const auto& inputs = std::get<0>(made);
    const auto dir = std::filesystem::path(argv[1]) / std::string(fuzz::target_name(target));
    std::filesystem::create_directories(dir);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const std::string_view text(reinterpret_cast<const char*>(inputs[i].data()), inputs[i].size());
      if (const auto reason = write_atomically(dir / std::to_string(i), text)) {
        std::cerr << "refsim: " << (dir / std::to_string(i)).string() << ": " << *reason << std::endl;
        return 2;
      }
    }
    std::cout << fuzz::target_name(target) << ": " << inputs.size() << " seeds on " << name_of(kVersion) << ", half by "
              << name_of(kOrigin) << std::endl;
  }
  return 0;
}
