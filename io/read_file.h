// Input files: the one way refsim reads a whole file (scenarios, fuzz inputs, sidecars, reports).
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

namespace refsim {

/// A whole file's bytes, or why it could not be read.
struct FileRead {
  std::string bytes;
  std::string error;  ///< empty when the read succeeded; else a reason without the path ("is a directory")
  bool ok() const { return error.empty(); }
  /// The bytes as the fuzz codec takes them.
  std::span<const std::uint8_t> octets() const {
    return {reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()};
  }
};

/// Reads all of `path`; "-" reads standard input to its end. A directory, a missing or unreadable path
/// gives `error`, never an exception.
FileRead read_file(const std::filesystem::path& path);

}  // namespace refsim
