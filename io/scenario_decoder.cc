// Scenario JSON, pass 2 (io/scenario_decoder.h): the document, the runtime and the objects, and the
// typed readers of fields (strings, names, integers, counts, words) the operations use too.
#include <utility>

#include "io/scenario_decoder.h"

namespace refsim::scenario_decoding {

namespace {

std::string hex(Word value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  do {
    out.insert(out.begin(), kDigits[value & 0xf]);
    value >>= 4;
  } while (value != 0);
  return "0x" + out;
}

}  // namespace

bool Decoder::document(const Json& root, ScenarioFile& out) {
  if (!object(root, "")) return false;
  if (!fields(root, "", {"format", "name", "runtime", "objects", "ops", "expect"})) return false;
  const Json* format = nullptr;
  std::string format_name;
  if (!require(root, "", "format", format) || !string(*format, "format", format_name)) return false;
  if (format_name == kScenarioFormatV1) {
    version_ = 1;
  } else if (format_name != kScenarioFormat) {
    return fail("format", "unsupported format " + in_quotes(format_name) + " (expected " +
                              in_quotes(kScenarioFormat) + " or " + in_quotes(kScenarioFormatV1) + ")");
  }

  Scenario& s = out.scenario;
  refs_ = &s.refs;
  s.name = default_name_;
  if (const Json* name = find(root, "name"))
    if (!string(*name, "name", s.name)) return false;
  const Json* runtime = nullptr;
  if (!require(root, "", "runtime", runtime) || !this->runtime(*runtime, s.runtime)) return false;
  if (const Json* objects = find(root, "objects"))
    if (!this->objects(*objects, s)) return false;
  if (const Json* ops = find(root, "ops"))
    if (!this->ops(*ops, "ops", 0, s.ops)) return false;
  if (const Json* expect = find(root, "expect")) out.expect = *expect;
  return true;
}

bool Decoder::fail(const std::string& path, std::string message) {
  if (!error) error = SpecError{path, std::move(message)};
  return false;
}

std::string Decoder::source(const Json& j, const std::string& path) const {
  if (j.is_number_float())
    if (auto it = float_text_.find(path); it != float_text_.end()) return it->second;
  return shown(j);
}

const Json* Decoder::find(const Json& j, std::string_view key) {
  auto it = j.find(std::string(key));
  return it == j.end() ? nullptr : &*it;
}

bool Decoder::typed(bool ok, const Json& j, const std::string& path, std::string_view expected) {
  return ok || fail(path, "expected " + std::string(expected) + ", got " + j.type_name());
}

bool Decoder::boolean(const Json& j, const std::string& path, bool& out) {
  if (!typed(j.is_boolean(), j, path, "a boolean")) return false;
  out = j.get<bool>();
  return true;
}

bool Decoder::string(const Json& j, const std::string& path, std::string& out) {
  if (!typed(j.is_string(), j, path, "a string")) return false;
  out = j.get<std::string>();
  return true;
}

bool Decoder::fields(const Json& j, const std::string& path, std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : j.items()) {
    bool known = false;
    for (std::string_view name : allowed) known = known || name == key;
    if (!known) return fail(child(path, key), "unknown field");
  }
  return true;
}

bool Decoder::require(const Json& j, const std::string& path, std::string_view key, const Json*& out) {
  out = find(j, key);
  return out != nullptr || fail(child(path, key), "required field missing");
}

bool Decoder::integer(const Json& j, const std::string& path, bool decimal_strings, Int128 lo, Int128 hi,
                      const std::string& range, Int128& out) {
  const JsonNumber n = read_number(j, decimal_strings);
  if (n.status == JsonNumber::Status::Ok && n.value >= lo && n.value <= hi) {
    out = n.value;
    return true;
  }
  if (n.status != JsonNumber::Status::NotANumber) return fail(path, source(j, path) + " " + range);
  if (j.is_string())
    return fail(path, shown(j) + " is not a number (write an integer" +
                          (decimal_strings ? ", \"0x...\" or decimal digits)" : " or \"0x...\")"));
  if (j.is_number_float()) return fail(path, "expected an integer, got " + source(j, path));
  return fail(path, std::string("expected an integer") +
                        (decimal_strings ? " or a string" : " or a \"0x...\" string") + ", got " +
                        j.type_name());
}

bool Decoder::count(const Json& j, const std::string& path, std::uint64_t min, std::uint64_t& out) {
  Int128 value = 0;
  if (!integer(j, path, true, min, kMaxCount, "is out of range " + std::to_string(min) + ".." +
                                                  std::to_string(kMaxCount), value))
    return false;
  out = static_cast<std::uint64_t>(value);
  return true;
}

bool Decoder::word(const Json& j, const std::string& path, Width width, Word& out) {
  Int128 value = 0;
  if (!integer(j, path, false, 0, width.mask(),
               "does not fit a " + std::to_string(width.bits) + "-bit word (0.." + hex(width.mask()) + ")",
               value))
    return false;
  out = static_cast<Word>(value);
  return true;
}

bool Decoder::runtime(const Json& j, RuntimeSpec& out) {
  const std::string path = "runtime";
  if (!object(j, path) ||
      !fields(j, path, {"version", "width", "debug", "strategy", "strategy_params"}))
    return false;
  const Json* version = nullptr;
  if (!require(j, path, "version", version) || !name(*version, "runtime.version", "version", out.version))
    return false;
  const Json* width = nullptr;
  if (!require(j, path, "width", width)) return false;
  if (!width->is_number_integer())
    return fail("runtime.width",
                "expected an integer, got " +
                    (width->is_number() ? source(*width, "runtime.width") : width->type_name()));
  const bool valid = width->is_number_unsigned() && width->get<std::uint64_t>() <= 64 &&
                     Width::valid(width->get<unsigned>());
  if (!valid)
    return fail("runtime.width", "unsupported width " + shown(*width) + " (expected 8, 16, 32 or 64)");
  out.width = Width{width->get<unsigned>()};
  width_ = out.width;
  if (const Json* debug = find(j, "debug"))
    if (!boolean(*debug, "runtime.debug", out.debug)) return false;
  if (const Json* strategy = find(j, "strategy"))
    if (!name(*strategy, "runtime.strategy", "strategy", out.strategy)) return false;
  if (const Json* params = find(j, "strategy_params")) {
    const std::string params_path = "runtime.strategy_params";
    if (out.strategy != Strategy::PeriodicReset)
      return fail(params_path, "only the " + in_quotes(name_of(Strategy::PeriodicReset)) +
                                   " strategy takes parameters");
    if (!object(*params, params_path) || !fields(*params, params_path, {"period", "only_if_legacy"}))
      return false;
    if (const Json* period = find(*params, "period"))
      if (!count(*period, params_path + ".period", 1, out.params.period)) return false;
    if (const Json* legacy = find(*params, "only_if_legacy"))
      if (!boolean(*legacy, params_path + ".only_if_legacy", out.params.only_if_legacy)) return false;
  }
  return true;
}

bool Decoder::objects(const Json& j, Scenario& s) {
  if (!array(j, "objects")) return false;
  for (std::size_t i = 0; i < j.size(); ++i) {
    const Json& o = j[i];
    const std::string path = item("objects", i);
    if (!object(o, path) || !fields(o, path, {"id", "kind", "word", "refs"})) return false;
    ObjectSpec spec;
    const Json* id = nullptr;
    if (!require(o, path, "id", id) || !string(*id, child(path, "id"), spec.id)) return false;
    if (spec.id.empty()) return fail(child(path, "id"), "an object id may not be empty");
    if (auto [it, fresh] = ids_.emplace(spec.id, i); !fresh)
      return fail(child(path, "id"), "duplicate object id " + in_quotes(spec.id) + " (also " +
                                         item("objects", it->second) + ")");
    const Json* kind = nullptr;
    if (!require(o, path, "kind", kind) || !name(*kind, child(path, "kind"), "kind", spec.kind))
      return false;
    if (const Json* word = find(o, "word")) {
      Word value = 0;
      if (!this->word(*word, child(path, "word"), s.runtime.width, value)) return false;
      spec.word = value;
    }
    if (const Json* refs = find(o, "refs"))
      if (!integer(*refs, child(path, "refs"), true, 0, kMaxRefs,
                   "is out of range 0.." + std::to_string(kMaxRefs), spec.refs))
        return false;
    s.objects.push_back(std::move(spec));
  }
  return true;
}

}  // namespace refsim::scenario_decoding
