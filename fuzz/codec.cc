// Codec: decode and encode for every target, on top of the two binary layouts and scenario JSON.
#include "fuzz/codec.h"

#include <string_view>

#include "fuzz/layouts.h"
#include "fuzz/regression.h"
#include "io/scenario_json.h"
#include "io/scenario_writer.h"

namespace refsim::fuzz {

namespace {

std::string input_name(Target target, std::span<const std::uint8_t> bytes) {
  return std::string(target_name(target)) + "-" + sha1_hex(bytes).substr(0, 12);
}

}  // namespace

std::variant<Program, DecodeError> decode_program(Target target, std::span<const std::uint8_t> bytes) {
  Reader in(bytes);
  try {
    if (target == Target::MortalAccounting) return Program{read_ledger_layout(in)};
    return Program{read_scenario_layout(in)};
  } catch (const FormatError& e) {
    return DecodeError{e.offset, e.message};
  }
}

std::optional<std::vector<std::uint8_t>> encode_program(const Program& program) {
  if (const auto* ledger = std::get_if<LedgerProgram>(&program)) return write_ledger_layout(*ledger);
  return write_scenario_layout(std::get<Scenario>(program));
}

std::variant<Scenario, DecodeError> decode(Target target, std::span<const std::uint8_t> bytes) {
  if (takes_json(target)) {
    const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    auto result = parse_scenario(text, input_name(target, bytes));
    if (auto* error = std::get_if<SpecError>(&result)) return DecodeError{0, describe(*error)};
    return std::move(std::get<ScenarioFile>(result).scenario);
  }
  auto program = decode_program(target, bytes);
  if (auto* error = std::get_if<DecodeError>(&program)) return *error;
  Program& p = std::get<Program>(program);
  Scenario s = std::holds_alternative<LedgerProgram>(p) ? ledger_scenario(std::get<LedgerProgram>(p))
                                                         : std::move(std::get<Scenario>(p));
  s.name = input_name(target, bytes);
  if (auto error = check(s)) return DecodeError{bytes.size(), describe(*error)};
  return s;
}

std::string meaning(Target target, std::span<const std::uint8_t> bytes) {
  const auto result = decode(target, bytes);
  if (const auto* error = std::get_if<DecodeError>(&result))
    return "error at byte " + std::to_string(error->offset) + ": " + error->message;
  return scenario_json(std::get<Scenario>(result)).dump();
}

std::optional<std::vector<std::uint8_t>> encode(Target target, const Scenario& s) {
  if (takes_json(target)) {
    const std::string text = scenario_json(s).dump(2) + "\n";
    return std::vector<std::uint8_t>(text.begin(), text.end());
  }
  if (target != Target::MortalAccounting) return write_scenario_layout(s);
  const std::optional<LedgerProgram> ledger = ledger_of(s);
  if (!ledger) return std::nullopt;
  return write_ledger_layout(*ledger);
}

}  // namespace refsim::fuzz
