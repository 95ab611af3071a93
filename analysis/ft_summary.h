// Free-threaded summary: the lines of `refsim compare`'s one screen about the free-threaded rows:
// per family, its first outcome's smallest n and the runtimes that share it.
#pragma once

#include <string>
#include <vector>

#include "analysis/ft_rows.h"

namespace refsim::analysis {

/// The earliest of a row's outcomes and its n, e.g. "immortal, leaked at 4,294,967,294" (every
/// outcome at that n), or "never".
std::string ft_outcome(const FtRow& row);

/// One sentence per family of `rows` (release builds, or debug ones when only those are given): the
/// outcome, and the runtimes and widths that share it, e.g. "ft-owner-increfs: immortal, leaked at
/// 4,294,967,294 on 3.13t, 3.14t, 3.15t (64, 32-bit); ... on gh153202-proto (64, 32-bit)."
std::vector<std::string> ft_family_sentences(const std::vector<FtRow>& rows);

/// The summary's free-threaded section: a title line and the sentences wrapped at 120 columns; or
/// one line saying the selection has no free-threaded row.
std::string ft_summary(const std::vector<FtRow>& rows);

}  // namespace refsim::analysis
