// JSON paths and values as scenario messages write them: `ops[1].ops[0].by`, and values quoted as
// JSON text. Shared by the two passes of the scenario reader (io/json_prescan.h, io/scenario_decoder.h).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace refsim::scenario_decoding {

using Json = nlohmann::ordered_json;

/// The path of a field of the object at `path` ("" is the document).
inline std::string child(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}
/// The path of an element of the array at `path`.
inline std::string item(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}
/// A JSON value as it appears in a message (strings quoted and escaped).
inline std::string shown(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }
inline std::string in_quotes(std::string_view text) { return shown(Json(std::string(text))); }

}  // namespace refsim::scenario_decoding
