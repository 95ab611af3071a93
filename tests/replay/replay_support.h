// Replay test support: a temporary corpus of its own, seeds made from scenarios, and
// replay_command called in-process (shared by the replay test files).
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bench/scenario_builder.h"
#include "fuzz/codec.h"
#include "fuzz/regression.h"
#include "tests/temp_dir_test.h"
#include "tools/replay_command.h"

namespace refsim::tools::replay_test {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

/// 3.14 32-bit: `count` unpaired ext-3.11 decrefs of an object of `kind` (None deimmortalizes at
/// 805,306,369), after `extra` increfs of a heap object.
inline Scenario drain(Kind kind, std::uint64_t count, std::uint64_t extra = 0) {
  Scenario s;
  s.runtime.version = Version::V3_14;
  s.runtime.width = Width{32};
  s.objects = {{"a", kind, std::nullopt, 1}, {"h", Kind::Heap, std::nullopt, 1}};
  for (std::uint64_t i = 0; i < extra; ++i) s.ops.push_back(leaf(OpCode::Incref, 1, Origin::Core));
  s.ops.push_back(leaf(OpCode::Decref, 0, Origin::Ext311, count));
  return s;
}

class Replay : public TempDirTest {
 protected:
  fs::path write(const fs::path& relative, std::string_view text) {
    const fs::path path = dir_ / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  /// Writes the immortal_safety encoding of `s` as a seed named by its SHA-1.
  fs::path seed(const Scenario& s, const std::string& folder = "corpus/immortal_safety/seeds") {
    const auto bytes = fuzz::encode(fuzz::Target::ImmortalSafety, s);
    EXPECT_TRUE(bytes.has_value());
    if (!bytes) return {};
    return write(fs::path(folder) / fuzz::sha1_hex(*bytes), std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()));
  }

  int replay(std::vector<std::string> paths, OutputFormat format = OutputFormat::Json) {
    ReplayOptions options;
    options.paths = std::move(paths);
    options.format = format;
    std::ostringstream out, err;
    const int status = static_cast<int>(replay_command(options, out, err));
    out_ = out.str();
    err_ = err.str();
    if (format == OutputFormat::Json && status != 2) report_ = Json::parse(out_);
    return status;
  }

  std::string out_, err_;
  Json report_;
};

}  // namespace refsim::tools::replay_test
