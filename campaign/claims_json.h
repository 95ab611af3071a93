// Claims JSON: a `refsim-claims/2` document (docs/CLAIMS.md, docs/schemas/refsim-claims-2.schema.json;
// /2 added free-threaded scopes) or a `refsim-claims/1` one to validated Claims, every problem named
// by its JSON path; and a claim back to JSON for reports.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "campaign/claim.h"
#include "model/scenario.h"

namespace refsim::campaign {

inline constexpr std::string_view kClaimsFormat = "refsim-claims/2";
inline constexpr std::string_view kClaimsFormatV1 = "refsim-claims/1";  ///< still read: no free-threaded scopes

/// Decodes and validates a claims document. Ids must be unique within it. Never throws.
std::variant<std::vector<Claim>, SpecError> parse_claims(std::string_view bytes);

/// The built-in catalog (campaign/catalog.json, compiled in), parsed.
const std::vector<Claim>& builtin_catalog();
/// Its text, as shipped.
std::string_view builtin_catalog_text();

/// The claim as a claims file writes it, every scope field spelled out.
nlohmann::ordered_json claim_json(const Claim& claim);

}  // namespace refsim::campaign
