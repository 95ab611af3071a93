// Render HTML: `refsim compare --format html`, one self-contained page: the headline, then the
// survival matrix of the summary's threat and object as heat maps (runtime x strategy).
#pragma once

#include <string>

#include "analysis/report.h"

namespace refsim::analysis {

/// The page. Each cell is an SVG rect with data-runtime, data-width, data-strategy, data-event
/// (mortal, dealloc, crash) and data-n (the exact count, "never", "never-immortal" or "n/a"), so
/// a test can read the plotted figures back.
std::string render_html(const Report& report);

}  // namespace refsim::analysis
