// File I/O for replay and campaign: whole-file reads with the reason on failure, and writes that
// go to a temporary file renamed into place, so that a file is either absent, old or complete.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace refsim::campaign {

using Bytes = std::vector<std::uint8_t>;

/// The file's bytes, or the reason it cannot be read (strerror text; a folder is EISDIR).
std::variant<Bytes, std::string> read_file(const std::filesystem::path& path);

/// Writes `bytes` beside `path` and renames into place. Returns the reason on failure.
std::optional<std::string> write_atomically(const std::filesystem::path& path, std::string_view bytes);

/// The regular files under `path` (itself when it is a file), recursively, sorted by path, hidden
/// entries (names starting with '.') skipped. Returns the reason when `path` cannot be listed.
std::variant<std::vector<std::filesystem::path>, std::string> list_files(const std::filesystem::path& path);

}  // namespace refsim::campaign
