// Expect: the `expect` schema as tables (validation at decode time), then the partial matching of
// a report against it.
#include "io/expect.h"

#include <cstdint>
#include <limits>
#include <span>
#include <string_view>

#include "io/scenario_json.h"

namespace refsim {
namespace {

using Json = nlohmann::ordered_json;

/// What a field of the expect block holds.
enum class Type {
  Outcome,     // "survived" | "crashed"
  Count,       // 0..2^64-1: integer, "0x..." or decimal string
  Word,        // a word of the runtime's width: integer or "0x..."
  Signed,      // any 128-bit integer: integer, "0x..." or decimal string
  Bool,
  EventName,   // an event kind
  ActionName,  // a dealloc action
  KindName,    // an object kind
  ObjectId,    // an id of the scenario's objects
  State,       // "alive" | "freed"
  OpPath,      // array of indices
  OpPathOrNull,
  Stopped,     // null, or a record of kStoppedFields
  Detail,      // a record of kDetailFields
  Events,      // array of records of kEventFields
  Objects,     // array of records of kObjectFields (id required)
};

struct Field {
  std::string_view name;
  Type type;
};

constexpr Field kExpectFields[] = {{"outcome", Type::Outcome}, {"steps", Type::Count},
                                   {"events_total", Type::Count}, {"stopped", Type::Stopped},
                                   {"events", Type::Events},     {"objects", Type::Objects}};
constexpr Field kStoppedFields[] = {{"step", Type::Count},       {"op", Type::OpPath},
                                    {"obj", Type::ObjectId},     {"event", Type::EventName},
                                    {"action", Type::ActionName}};
constexpr Field kEventFields[] = {{"kind", Type::EventName},   {"obj", Type::ObjectId},
                                  {"step", Type::Count},       {"op", Type::OpPathOrNull},
                                  {"word_before", Type::Word}, {"word_after", Type::Word},
                                  {"detail", Type::Detail}};
constexpr Field kDetailFields[] = {{"action", Type::ActionName}, {"premature", Type::Bool}};
constexpr Field kObjectFields[] = {{"id", Type::ObjectId},    {"kind", Type::KindName},
                                   {"word", Type::Word},      {"refcnt", Type::Signed},
                                   {"immortal", Type::Bool},  {"state", Type::State},
                                   {"logical_refs", Type::Signed}};

/// Report fields that hold numbers, compared by value.
constexpr std::string_view kNumericFields[] = {"steps", "events_total", "step", "word_before",
                                               "word_after", "word", "refcnt", "logical_refs"};

std::string child(const std::string& path, std::string_view key) { return path + "." + std::string(key); }
std::string item(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}
std::string shown(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

class Validator {
 public:
  explicit Validator(const Scenario& scenario) : scenario_(scenario) {}

  std::optional<SpecError> error;

  bool record(const Json& j, const std::string& path, std::span<const Field> fields) {
    if (!j.is_object()) return fail(path, std::string("expected an object, got ") + j.type_name());
    for (const auto& [key, value] : j.items()) {
      const Field* field = nullptr;
      for (const Field& candidate : fields)
        if (candidate.name == key) field = &candidate;
      if (field == nullptr) return fail(child(path, key), "unknown field");
      if (!this->value(value, child(path, key), field->type)) return false;
    }
    return true;
  }

 private:
  bool fail(const std::string& path, std::string message) {
    if (!error) error = SpecError{path, std::move(message)};
    return false;
  }
  bool typed(bool ok, const Json& j, const std::string& path, std::string_view expected) {
    return ok || fail(path, "expected " + std::string(expected) + ", got " + j.type_name());
  }
  template <class E>
  bool name(const Json& j, const std::string& path, std::string_view what) {
    if (!typed(j.is_string(), j, path, "a string")) return false;
    return parse_name<E>(j.get_ref<const std::string&>()).has_value() ||
           fail(path, "unknown " + std::string(what) + " " + shown(j));
  }
  bool one_of(const Json& j, const std::string& path, std::string_view what, std::string_view a,
              std::string_view b) {
    if (!typed(j.is_string(), j, path, "a string")) return false;
    const std::string& text = j.get_ref<const std::string&>();
    return text == a || text == b ||
           fail(path, "unknown " + std::string(what) + " " + shown(j) + " (expected \"" +
                          std::string(a) + "\" or \"" + std::string(b) + "\")");
  }
  bool number(const Json& j, const std::string& path, bool decimal_strings, Int128 lo, Int128 hi) {
    const JsonNumber n = read_number(j, decimal_strings);
    if (n.status == JsonNumber::Status::NotANumber)
      return fail(path, std::string("expected an integer or a ") +
                            (decimal_strings ? "number string" : "\"0x...\" string") + ", got " + shown(j));
    return (n.status == JsonNumber::Status::Ok && n.value >= lo && n.value <= hi) ||
           fail(path, shown(j) + " is out of range");
  }
  bool op_path(const Json& j, const std::string& path) {
    if (!typed(j.is_array(), j, path, "an array of operation indices")) return false;
    for (std::size_t i = 0; i < j.size(); ++i)
      if (!j[i].is_number_unsigned() || j[i].get<std::uint64_t>() > std::numeric_limits<std::uint32_t>::max())
        return fail(item(path, i), "expected an operation index, got " + shown(j[i]));
    return true;
  }

  bool value(const Json& j, const std::string& path, Type type) {
    constexpr Int128 kMaxCount = std::numeric_limits<std::uint64_t>::max();
    constexpr Int128 kMaxSigned = std::numeric_limits<Int128>::max();
    switch (type) {
      case Type::Outcome: return one_of(j, path, "outcome", "survived", "crashed");
      case Type::Count: return number(j, path, true, 0, kMaxCount);
      case Type::Word: return number(j, path, false, 0, scenario_.runtime.width.mask());
      case Type::Signed: return number(j, path, true, -kMaxSigned, kMaxSigned);
      case Type::Bool: return typed(j.is_boolean(), j, path, "a boolean");
      case Type::EventName: return name<EventKind>(j, path, "event kind");
      case Type::ActionName: return name<Action>(j, path, "action");
      case Type::KindName: return name<Kind>(j, path, "kind");
      case Type::State: return one_of(j, path, "state", "alive", "freed");
      case Type::ObjectId: {
        if (!typed(j.is_string(), j, path, "a string")) return false;
        for (const ObjectSpec& object : scenario_.objects)
          if (object.id == j.get_ref<const std::string&>()) return true;
        return fail(path, "unknown object id " + shown(j));
      }
      case Type::OpPath: return op_path(j, path);
      case Type::OpPathOrNull: return j.is_null() || op_path(j, path);
      case Type::Stopped: return j.is_null() || record(j, path, kStoppedFields);
      case Type::Detail: return record(j, path, kDetailFields);
      case Type::Events:
      case Type::Objects: {
        if (!typed(j.is_array(), j, path, "an array")) return false;
        for (std::size_t i = 0; i < j.size(); ++i) {
          const std::string at = item(path, i);
          if (type == Type::Events && !record(j[i], at, kEventFields)) return false;
          if (type == Type::Objects) {
            if (!record(j[i], at, kObjectFields)) return false;
            if (!j[i].contains("id")) return fail(child(at, "id"), "required field missing");
          }
        }
        return true;
      }
    }
    return false;
  }

  const Scenario& scenario_;
};

// --- matching ---------------------------------------------------------------------------------

const Json& field(const Json& j, std::string_view key) {
  static const Json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(std::string(key));
  return it == j.end() ? kNull : *it;
}

bool numeric(std::string_view key) {
  for (std::string_view name : kNumericFields)
    if (name == key) return true;
  return false;
}

/// Whether `got` has every field of `want` with an equal value (objects partially, recursively).
bool matches(const Json& want, const Json& got, std::string_view key) {
  if (want.is_object()) {
    if (!got.is_object()) return false;
    for (const auto& [k, v] : want.items()) {
      auto it = got.find(k);
      if (it == got.end() || !matches(v, *it, k)) return false;
    }
    return true;
  }
  if (numeric(key)) {
    const JsonNumber a = read_number(want, true);
    const JsonNumber b = read_number(got, true);
    if (a.status == JsonNumber::Status::Ok && b.status == JsonNumber::Status::Ok) return a.value == b.value;
  }
  return want == got;
}

std::string mismatch(std::string_view what, const Json& want, const Json& got) {
  return std::string(what) + ": expected " + shown(want) + ", got " + shown(got);
}

/// Listed events must appear in the report in their order, except that the events of one step
/// may come in any order (docs/FORMATS.md, Report): after a match, the search goes on from the first
/// event of that match's step, skipping events already matched.
void check_events(const Json& want, const Json& report, std::vector<std::string>& failures) {
  const Json& got = field(report, "events");
  std::vector<bool> used(got.size(), false);
  std::size_t floor = 0;
  std::size_t last = 0;
  for (std::size_t i = 0; i < want.size(); ++i) {
    std::size_t at = floor;
    while (at < got.size() && (used[at] || !matches(want[i], got[at], ""))) ++at;
    if (at < got.size()) {
      used[at] = true;
      last = at;
      floor = at;
      while (floor > 0 && field(got[floor - 1], "step") == field(got[at], "step")) --floor;
      continue;
    }
    std::string line = item("events", i) + ": no event matches " + shown(want[i]);
    if (i > 0)
      line += " after report event " + std::to_string(last) + " (which matched " + item("events", i - 1) + ")";
    if (field(report, "events_truncated") == true)
      line += "; the report kept only the first " + std::to_string(got.size()) + " of " +
              shown(field(report, "events_total")) + " events";
    failures.push_back(line);
    return;  // later events are judged relative to this one: do not pile up follow-on failures
  }
}

void check_objects(const Json& want, const Json& report, std::vector<std::string>& failures) {
  const Json& got = field(report, "objects");
  for (std::size_t i = 0; i < want.size(); ++i) {
    const Json& id = field(want[i], "id");
    const Json* object = nullptr;
    for (const Json& candidate : got)
      if (field(candidate, "id") == id) object = &candidate;
    const std::string at = item("objects", i) + " (" + shown(id) + ")";
    if (object == nullptr) {
      failures.push_back(at + ": no such object in the report");
      continue;
    }
    for (const auto& [key, value] : want[i].items())
      if (!matches(value, field(*object, key), key))
        failures.push_back(mismatch(at + "." + key, value, field(*object, key)));
  }
}

}  // namespace

std::optional<SpecError> validate_expect(const nlohmann::ordered_json& expect, const Scenario& scenario) {
  Validator validator(scenario);
  validator.record(expect, "expect", kExpectFields);
  return validator.error;
}

std::vector<std::string> check_expect(const nlohmann::ordered_json& expect,
                                      const nlohmann::ordered_json& report) {
  std::vector<std::string> failures;
  if (!expect.is_object()) return failures;
  for (std::string_view key : {"outcome", "steps", "events_total"}) {
    const Json& want = field(expect, key);
    if (!want.is_null() && !matches(want, field(report, key), key))
      failures.push_back(mismatch(key, want, field(report, key)));
  }
  if (expect.contains("stopped")) {
    const Json& want = expect["stopped"];
    const Json& got = field(report, "stopped");
    if (want.is_null() ? !got.is_null() : !matches(want, got, "stopped"))
      failures.push_back(mismatch("stopped", want, got));
  }
  if (expect.contains("events")) check_events(expect["events"], report, failures);
  if (expect.contains("objects")) check_objects(expect["objects"], report, failures);
  return failures;
}

}  // namespace refsim
