// HTML: the pieces every refsim page shares: escaping, the page around a body (one self-contained file:
// inline style and SVG, no script, no font, nothing fetched), SVG numbers and the heat-map colour scale.
#pragma once

#include <string>
#include <string_view>

namespace refsim::html {

/// Text or an attribute value with &, <, >, " and ' escaped; control characters other than tab and
/// newline become U+FFFD (the page stays well-formed XML).
std::string escape(std::string_view text);

/// A whole page: <!DOCTYPE html>, a title, the shared inline style, then `body` (already HTML). The
/// page is also well-formed XML, so a test can parse it.
std::string page(std::string_view title, std::string_view body);

/// A coordinate for an SVG attribute, to two decimals.
std::string coord(double value);

/// The heat-map colour of `fraction` in [0, 1] (0: dark blue, 1: yellow), as "#rrggbb".
std::string heat(double fraction);

/// The heat maps' scale: a count n sits at log10(n) / kHeatMaxLog10, where 19.27 is log10(2^64), the
/// largest count a family runs to.
inline constexpr double kHeatMaxLog10 = 19.27;

/// ` name="value"`, the value escaped: one attribute of an element.
std::string attribute(const char* name, const std::string& value);

}  // namespace refsim::html
