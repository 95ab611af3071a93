// SARIF 2.1.0: the writer (OASIS SARIF 2.1.0, sections 3.13 sarifLog, 3.14 run, 3.19 tool, 3.24
// artifact, 3.27 result, 3.49 reportingDescriptor).
#include "io/sarif.h"

#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

namespace refsim {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr const char* kSourceRoot = "%SRCROOT%";

const char* level_name(SarifLevel level) {
  switch (level) {
    case SarifLevel::Error: return "error";
    case SarifLevel::Warning: return "warning";
    case SarifLevel::Note: return "note";
  }
  return "warning";
}

Json text(const std::string& s) { return {{"text", s}}; }

Json artifact_location(const std::string& path) {
  Json location = {{"uri", path.empty() || path[0] != '/' ? uri_of_path(path) : "file://" + uri_of_path(path)}};
  if (path.empty() || path[0] != '/') location["uriBaseId"] = kSourceRoot;
  return location;
}

}  // namespace

std::string uri_of_path(const std::string& path) {
  std::string out;
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    const bool keep = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += c;
      continue;
    }
    char hex[4];
    std::snprintf(hex, sizeof hex, "%%%02X", byte);
    out += hex;
  }
  return out;
}

std::string sarif_json(const SarifTool& tool, const std::vector<SarifResult>& results) {
  Json rules = Json::array();
  std::map<std::string, std::size_t> rule_index;
  Json artifacts = Json::array();
  Json result_list = Json::array();
  for (const SarifResult& r : results) {
    auto [it, added] = rule_index.try_emplace(r.rule_id, rules.size());
    if (added)
      rules.push_back({{"id", r.rule_id},
                       {"shortDescription", text(r.rule_description)},
                       {"defaultConfiguration", {{"level", level_name(r.level)}}}});
    Json physical = {{"artifactLocation", artifact_location(r.location)}};
    if (r.location_is_text) physical["region"] = {{"startLine", 1}};
    Json result = {{"ruleId", r.rule_id},
                   {"ruleIndex", it->second},
                   {"level", level_name(r.level)},
                   {"message", text(r.message)},
                   {"locations", Json::array({{{"physicalLocation", std::move(physical)}}})},
                   {"partialFingerprints", {{"refsimFinding/v1", r.fingerprint}}}};
    if (!r.reproducer.empty()) {
      result["attachments"] = Json::array({{{"description", text("the reproducer scenario (refsim-scenario/1)")},
                                            {"artifactLocation", {{"index", artifacts.size()}}}}});
      Json artifact = {{"description", text("reproducer scenario of " + r.rule_id + " (run it with refsim run)")}};
      if (!r.reproducer_file.empty()) artifact["location"] = artifact_location(r.reproducer_file);
      artifact["mimeType"] = "application/json";
      artifact["roles"] = Json::array({"attachment"});
      artifact["contents"] = text(r.reproducer);
      artifacts.push_back(std::move(artifact));
    }
    result_list.push_back(std::move(result));
  }
  Json driver = {{"name", tool.name}, {"version", tool.version}, {"semanticVersion", tool.version}};
  if (!tool.information_uri.empty()) driver["informationUri"] = tool.information_uri;
  driver["rules"] = std::move(rules);
  Json run = {{"tool", {{"driver", std::move(driver)}}},
              {"originalUriBaseIds", {{kSourceRoot, {{"description", text("the directory refsim ran in")}}}}},
              {"artifacts", std::move(artifacts)},
              {"results", std::move(result_list)}};
  const Json log = {{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", Json::array({std::move(run)})}};
  return log.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace refsim
