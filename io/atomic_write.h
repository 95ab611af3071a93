// Output files: a report or corpus file is either untouched or complete, never partial, and a path that
// names something other than a file (a FIFO, a device, /dev/stdout) is written to, never replaced.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace refsim {

/// Writes `bytes` to `path`, the one way refsim writes any file (reports, corpus and finding files):
/// - a new path, or an existing regular file: written to a temporary file beside it (the replaced file's
///   mode, or 0666 less the umask for a new one), synced and renamed into place, so readers see the old
///   file or the whole new one;
/// - a symlink: followed (a chain too) and its final target replaced the same way, with the temporary
///   file in the target's directory; the link itself is kept;
/// - one of this process's open descriptors (/dev/stdout, /dev/fd/N, /proc/self/fd/N): written through
///   that descriptor, after what std::cout / std::cerr hold, at its offset (appending when it appends);
/// - anything else that exists (a FIFO, a character device, another process's descriptor under /proc):
///   opened and written directly, never replaced, so `--report /dev/null` leaves /dev/null a device
///   even for root.
/// A dangling link (or chain) is followed to its final target, which is created when its folder
/// exists. Returns the reason on failure (a directory, a target whose folder does not exist, a loop
/// of links, an I/O error); on failure a replaced file is left as it was.
std::optional<std::string> write_atomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace refsim
