// Campaign setup: what `refsim campaign` checks and prepares before anything runs: the claims to
// test, writable output paths, and the command line that repeats the campaign.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "campaign/claim.h"
#include "tools/campaign_command.h"

namespace refsim::tools {

/// A problem found before the campaign runs: one `refsim: ` line, exit 2.
struct SetupError {
  std::string message;
};

/// The built-in catalog or the claims files (ids unique across them), narrowed to --claim ids.
/// Throws SetupError naming the file and JSON path of the first problem.
std::vector<campaign::Claim> load_claims(const CampaignOptions& options);

/// A folder that exists (created if need be) and can be written; else throws SetupError.
void writable_folder(const std::filesystem::path& dir, const std::string& what);

/// A file path whose folder exists and can be written, and that is not a folder; else throws.
void writable_file(const std::filesystem::path& file, const std::string& what);

/// The complete command that repeats the campaign (absolute paths, the seed, flags after --),
/// quoted for a POSIX shell.
std::string repeat_command(const CampaignOptions& options, std::uint32_t seed, const std::filesystem::path& out,
                           const std::optional<std::filesystem::path>& known);

}  // namespace refsim::tools
