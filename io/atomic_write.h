// Output files: a report or corpus file is either untouched or complete, never partial, and a path that
// names something other than a file (a FIFO, a device, /dev/stdout) is written to, never replaced.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace refsim {

/// Writes `bytes` to `path`, the one way refsim writes any file (reports, corpus and finding files):
/// - a new path, or an existing regular file: written to a temporary file beside it (mode 0666 less the
///   umask), synced and renamed into place, so readers see the old file or the whole new one;
/// - a symlink: followed (a chain too) and its final target replaced the same way, with the temporary
///   file in the target's directory; the link itself is kept;
/// - anything else that exists (a FIFO, a character device, a path through /proc such as /dev/stdout or
///   /dev/fd/N, which names a file descriptor already open): opened and written directly, never
///   replaced, so `--report /dev/null` leaves /dev/null a device even for root.
/// Returns the reason on failure (a directory, a dangling chain of links, an I/O error); on failure a
/// replaced file is left as it was.
std::optional<std::string> write_atomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace refsim
