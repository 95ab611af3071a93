// Report reading: a refsim-report/2 entry or a refsim-report/1 report back into an Outcome, for
// the round-trip checks. Counts are read as numbers (/1) or decimal strings (/2) alike.
#include <cstdint>
#include <limits>

#include "io/report_json.h"
#include "io/scenario_json.h"
#include "model/runtime.h"

namespace refsim {
namespace {

using Json = nlohmann::ordered_json;

/// Thrown inside outcome_from_report_json only, and caught there.
struct Unfit {};

const Json& at(const Json& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) throw Unfit{};
  return j[key];
}
template <class E>
E named(const Json& j) {
  if (!j.is_string()) throw Unfit{};
  const std::optional<E> value = parse_name<E>(j.get_ref<const std::string&>());
  if (!value) throw Unfit{};
  return *value;
}
Int128 number(const Json& j) {
  const JsonNumber n = read_number(j, true);
  if (n.status != JsonNumber::Status::Ok) throw Unfit{};
  return n.value;
}
/// A count: a JSON number or a decimal string, 0..2^64-1.
std::uint64_t count(const Json& j) {
  if (j.is_string() && j.get_ref<const std::string&>().rfind("0x", 0) == 0) throw Unfit{};
  const Int128 value = number(j);
  if (value < 0 || value > static_cast<Int128>(std::numeric_limits<std::uint64_t>::max())) throw Unfit{};
  return static_cast<std::uint64_t>(value);
}
OpPath path_of(const Json& j) {
  if (!j.is_array()) throw Unfit{};
  OpPath path;
  for (const Json& index : j) {
    if (!index.is_number_unsigned() || index.get<std::uint64_t>() > std::numeric_limits<std::uint32_t>::max())
      throw Unfit{};
    path.push_back(index.get<std::uint32_t>());
  }
  return path;
}
std::size_t object_index(const Scenario& scenario, const Json& id) {
  for (std::size_t i = 0; i < scenario.objects.size(); ++i)
    if (id == scenario.objects[i].id) return i;
  throw Unfit{};
}
Word word_of(const Json& j) {
  const Int128 value = number(j);
  if (value < 0 || value > static_cast<Int128>(std::numeric_limits<Word>::max())) throw Unfit{};
  return static_cast<Word>(value);
}

}  // namespace

std::optional<Outcome> outcome_from_report_json(const Scenario& scenario,
                                                const nlohmann::ordered_json& report) {
  try {
    if (!report.is_object()) return std::nullopt;
    if (report.contains("format") && report["format"] != kReportFormatV1) return std::nullopt;
    Outcome outcome;
    const Json& result = at(report, "outcome");
    if (result != "crashed" && result != "survived") return std::nullopt;
    outcome.crashed = result == "crashed";
    outcome.steps = count(at(report, "steps"));
    outcome.events_total = count(at(report, "events_total"));

    if (const Json& s = at(report, "stopped"); !s.is_null()) {
      Stopped stopped;
      stopped.step = count(at(s, "step"));
      stopped.op = path_of(at(s, "op"));
      stopped.obj = object_index(scenario, at(s, "obj"));
      stopped.event = named<EventKind>(at(s, "event"));
      if (s.contains("action")) stopped.action = named<Action>(s["action"]);
      outcome.stopped = stopped;
    }

    for (const Json& e : at(report, "events")) {
      Event event;
      event.kind = named<EventKind>(at(e, "kind"));
      event.obj = object_index(scenario, at(e, "obj"));
      event.step = count(at(e, "step"));
      if (const Json& op = at(e, "op"); !op.is_null()) event.op = path_of(op);
      event.word_before = word_of(at(e, "word_before"));
      event.word_after = word_of(at(e, "word_after"));
      if (e.contains("detail")) {
        const Json& detail = e["detail"];
        event.action = named<Action>(at(detail, "action"));
        const Json& premature = at(detail, "premature");
        if (!premature.is_boolean()) return std::nullopt;
        event.premature = premature.get<bool>();
      }
      outcome.events.push_back(std::move(event));
    }

    const Json& objects = at(report, "objects");
    if (!objects.is_array() || objects.size() != scenario.objects.size()) return std::nullopt;
    const Runtime rt(scenario.runtime);
    for (std::size_t i = 0; i < objects.size(); ++i) {
      const ObjectSpec& spec = scenario.objects[i];
      if (at(objects[i], "id") != spec.id) return std::nullopt;
      ObjectState state;
      state.word = word_of(at(objects[i], "word"));
      state.logical = number(at(objects[i], "logical_refs"));
      state.freed = at(objects[i], "state") == "freed";
      state.created_immortal = rt.immortal(spec.word.value_or(rt.initial_word(spec.kind, spec.refs)));
      outcome.objects.push_back(state);
    }
    return outcome;
  } catch (const Unfit&) {
    return std::nullopt;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

}  // namespace refsim
