// Regression: reading and writing the `.expected` sidecars of regression inputs.
#include "fuzz/regression.h"

#include <nlohmann/json.hpp>

#include "io/read_file.h"

namespace refsim::fuzz {

using Json = nlohmann::ordered_json;

bool is_sidecar(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  return name.size() >= kExpectedSuffix.size() &&
         name.compare(name.size() - kExpectedSuffix.size(), kExpectedSuffix.size(), kExpectedSuffix) == 0;
}

std::variant<Expected, std::string> read_expected(const std::filesystem::path& path) {
  const FileRead read = read_file(path);
  if (!read.ok()) return "cannot read the sidecar: " + read.error;
  const Json j = Json::parse(read.bytes, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::string("the sidecar is not a JSON object");
  for (const auto& [key, value] : j.items())
    if (key != "format" && key != "target" && key != "signatures" && key != "step" && key != "note")
      return "unknown field \"" + key + "\"";
  if (!j.contains("format") || j["format"] != kRegressionFormat)
    return "format: expected \"" + std::string(kRegressionFormat) + "\"";
  if (!j.contains("target") || !j["target"].is_string()) return std::string("target: expected a target name");
  const auto target = parse_target(j["target"].get<std::string>());
  if (!target) return "target: unknown target \"" + j["target"].get<std::string>() + "\"";
  Expected e{*target, {}, std::nullopt, ""};
  if (!j.contains("signatures") || !j["signatures"].is_array())
    return std::string("signatures: expected an array of strings");
  for (const Json& s : j["signatures"]) {
    if (!s.is_string()) return std::string("signatures: expected an array of strings");
    e.signatures.push_back(s.get<std::string>());
  }
  if (j.contains("step") && !j["step"].is_null()) {
    if (!j["step"].is_number_unsigned()) return std::string("step: expected a non-negative integer");
    e.step = j["step"].get<std::uint64_t>();
  }
  if (j.contains("note")) {
    if (!j["note"].is_string()) return std::string("note: expected a string");
    e.note = j["note"].get<std::string>();
  }
  return e;
}

std::string expected_json(const Expected& e) {
  Json j = Json::object();
  j["format"] = kRegressionFormat;
  j["target"] = target_name(e.target);
  j["signatures"] = e.signatures;
  if (e.step) j["step"] = *e.step;
  j["note"] = e.note;
  return j.dump(2) + "\n";
}

}  // namespace refsim::fuzz
