// Report layout: the text of a report document as files and stdout carry it. Each report entry
// has a field per line and an event or object per line, so that two reports diff line by line.
#include "io/report_json.h"

namespace refsim {
namespace {

using Json = nlohmann::ordered_json;

std::string scalar_text(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

/// A value on one line, with ", " and ": " separators.
std::string one_line(const Json& j) {
  if (!j.is_structured() || j.empty()) return scalar_text(j);
  std::string out = j.is_object() ? "{" : "[";
  bool first = true;
  for (auto it = j.begin(); it != j.end(); ++it) {
    out += first ? "" : ", ";
    first = false;
    if (j.is_object()) out += scalar_text(Json(it.key())) + ": ";
    out += one_line(*it);
  }
  return out + (j.is_object() ? "}" : "]");
}

/// An object with a field per line; the elements of its arrays a line each, except that the
/// elements of `reports` (and of a top-level array) are blocks themselves.
std::string block(const Json& j, const std::string& indent) {
  if (j.is_array()) {
    if (j.empty()) return "[]";
    std::string out = "[";
    for (std::size_t i = 0; i < j.size(); ++i)
      out += std::string(i ? "," : "") + "\n" + indent + "  " + block(j[i], indent + "  ");
    return out + "\n" + indent + "]";
  }
  if (!j.is_object() || j.empty()) return one_line(j);
  std::string out = "{";
  bool first = true;
  for (const auto& [key, value] : j.items()) {
    out += std::string(first ? "" : ",") + "\n" + indent + "  " + scalar_text(Json(key)) + ": ";
    first = false;
    if (key == "reports") {
      out += block(value, indent + "  ");
      continue;
    }
    if (!value.is_array() || value.empty()) {
      out += one_line(value);
      continue;
    }
    out += "[";
    for (std::size_t i = 0; i < value.size(); ++i)
      out += std::string(i ? "," : "") + "\n" + indent + "    " + one_line(value[i]);
    out += "\n" + indent + "  ]";
  }
  return out + "\n" + indent + "}";
}

}  // namespace

std::string dump_report(const nlohmann::ordered_json& document) { return block(document, "") + "\n"; }

}  // namespace refsim
