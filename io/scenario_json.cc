// Scenario JSON: bytes -> JSON (a guarded pre-scan, io/json_prescan.h, then the document) -> Scenario
// (io/scenario_decoder.h) -> check() and the expect block. The first problem found wins; its path is
// written as in the contract: `ops[1].ops[0].by`.
#include "io/scenario_json.h"

#include "io/expect.h"
#include "io/json_prescan.h"
#include "io/scenario_decoder.h"

namespace refsim {

using scenario_decoding::Decoder;
using scenario_decoding::Json;
using scenario_decoding::Prescan;

std::string describe(const SpecError& error) {
  return error.path.empty() ? error.message : error.path + ": " + error.message;
}

ScenarioResult parse_scenario(std::string_view bytes, std::string_view default_name) {
  try {
    Prescan prescan;
    Json::sax_parse(bytes.begin(), bytes.end(), &prescan);
    if (prescan.error) return *prescan.error;
    const Json root = Json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (root.is_discarded()) return SpecError{"", "malformed JSON"};

    ScenarioFile file;
    Decoder decoder(default_name, prescan.float_text);
    if (!decoder.document(root, file)) return *decoder.error;
    if (std::optional<SpecError> error = check(file.scenario)) return *error;
    if (!file.expect.is_null() || root.contains("expect"))
      if (std::optional<SpecError> error = validate_expect(file.expect, file.scenario)) return *error;
    return file;
  } catch (const std::exception& e) {
    // Nothing above throws for any input but memory exhaustion; keep it a status all the same.
    return SpecError{"", std::string("cannot decode: ") + e.what()};
  }
}

}  // namespace refsim
