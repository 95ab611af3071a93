// Free-threaded origins: which code may run an operation (`by`) on a free-threaded build, and why
// the rest cannot: they do not load there (docs/FREE-THREADED.md, Which extensions load).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace refsim::ft {

/// Null when code of origin `name` runs on free-threaded runtime `runtime` ("3.14t", ...); else the
/// message saying why not, or that no such origin exists.
std::optional<std::string> ft_origin_refusal(std::string_view name, std::string_view runtime);

}  // namespace refsim::ft
