// File listing for replay and campaign: sorted recursive listing. Whole-file reads are io/read_file.h,
// writes io/atomic_write.h (a file is absent, old or complete).
#pragma once

#include "io/atomic_write.h"  // write_atomically, shared with refsim run and compare

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace refsim::campaign {

using Bytes = std::vector<std::uint8_t>;


/// The regular files under `path` (itself when it is a file), recursively, sorted by path, hidden
/// entries (names starting with '.') skipped. Returns the reason when `path` cannot be listed.
std::variant<std::vector<std::filesystem::path>, std::string> list_files(const std::filesystem::path& path);

}  // namespace refsim::campaign
