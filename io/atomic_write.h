// Atomic writes: a report or corpus file is either untouched or complete, never partial.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace refsim {

/// Writes `bytes` to a temporary file beside `path` (mode 0666 less the umask), syncs it and renames
/// it into place. Returns the reason on failure, when `path` is left as it was.
std::optional<std::string> write_atomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace refsim
