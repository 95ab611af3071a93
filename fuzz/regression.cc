// Regression: reading and writing the `.expected` sidecars of regression inputs.
#include "fuzz/regression.h"

#include <climits>
#include <cstdlib>

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
  const bool v1 = j.contains("format") && j["format"] == kRegressionFormatV1;
  if (!v1 && (!j.contains("format") || j["format"] != kRegressionFormat))
    return "format: expected \"" + std::string(kRegressionFormat) + "\" (or \"" + std::string(kRegressionFormatV1) + "\")";
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
    const Json& step = j["step"];
    if (v1) {
      if (!step.is_number_unsigned()) return std::string("step: expected a non-negative integer");
      e.step = step.get<std::uint64_t>();
    } else {
      const std::string text = step.is_string() ? step.get<std::string>() : "";
      const bool digits = !text.empty() && text.size() <= 20 && text.find_first_not_of("0123456789") == std::string::npos;
      const unsigned long long value = digits ? std::strtoull(text.c_str(), nullptr, 10) : 0;
      if (!digits || (value == ULLONG_MAX && text != std::to_string(ULLONG_MAX)))
        return std::string("step: expected a decimal string (0..18446744073709551615)");
      e.step = value;
    }
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
  if (e.step) j["step"] = std::to_string(*e.step);
  j["note"] = e.note;
  return j.dump(2) + "\n";
}

}  // namespace refsim::fuzz
