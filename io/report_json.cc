// Report JSON: Scenario + Outcome -> `refsim-report/1` (field order as in docs/FORMATS.md, Report),
// and the reverse reader used by the round-trip test.
#include "io/report_json.h"

#include <cassert>
#include <cstdint>
#include <limits>

#include "io/scenario_json.h"
#include "model/runtime.h"

namespace refsim {
namespace {

using Json = nlohmann::ordered_json;

Json op_path(const std::optional<OpPath>& path) {
  if (!path) return nullptr;
  Json out = Json::array();
  for (std::uint32_t index : *path) out.push_back(index);
  return out;
}

const std::string& id_of(const Scenario& scenario, std::size_t obj) {
  assert(obj < scenario.objects.size());
  return scenario.objects[obj].id;
}

Json event_json(const Scenario& scenario, const Event& event) {
  const Width width = scenario.runtime.width;
  Json out = {{"kind", name_of(event.kind)},
              {"obj", id_of(scenario, event.obj)},
              {"step", event.step},
              {"op", op_path(event.op)},
              {"word_before", hex_word(width, event.word_before)},
              {"word_after", hex_word(width, event.word_after)}};
  if (event.kind == EventKind::Dealloc) {
    assert(event.action.has_value());
    out["detail"] = {{"action", name_of(event.action.value_or(Action::Left))},
                     {"premature", event.premature}};
  }
  return out;
}

Json logical_json(Int128 value) {
  if (value >= std::numeric_limits<std::int64_t>::min() && value <= std::numeric_limits<std::int64_t>::max())
    return static_cast<std::int64_t>(value);
  return decimal(value);
}

// --- layout -------------------------------------------------------------------------------------

std::string scalar_text(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

/// A value on one line, with ", " and ": " separators as in docs/FORMATS.md.
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

/// A report: a field per line, and the elements of its arrays (events, objects) a line each.
std::string report_lines(const Json& report, const std::string& indent) {
  if (!report.is_object() || report.empty()) return one_line(report);
  std::string out = "{";
  bool first = true;
  for (const auto& [key, value] : report.items()) {
    out += std::string(first ? "" : ",") + "\n" + indent + "  " + scalar_text(Json(key)) + ": ";
    first = false;
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

// --- reading back -----------------------------------------------------------------------------

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
std::uint64_t unsigned64(const Json& j) {
  if (!j.is_number_unsigned()) throw Unfit{};
  return j.get<std::uint64_t>();
}
OpPath path_of(const Json& j) {
  if (!j.is_array()) throw Unfit{};
  OpPath path;
  for (const Json& index : j) {
    const std::uint64_t value = unsigned64(index);
    if (value > std::numeric_limits<std::uint32_t>::max()) throw Unfit{};
    path.push_back(static_cast<std::uint32_t>(value));
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

std::string hex_word(Width width, Word word) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out = "0x";
  for (int shift = static_cast<int>(width.hex_digits()) * 4 - 4; shift >= 0; shift -= 4)
    out.push_back(kDigits[(word >> shift) & 0xf]);
  return out;
}

std::string dump_report(const nlohmann::ordered_json& report_or_reports) {
  if (!report_or_reports.is_array()) return report_lines(report_or_reports, "") + "\n";
  std::string out = "[";
  for (std::size_t i = 0; i < report_or_reports.size(); ++i)
    out += std::string(i ? "," : "") + "\n  " + report_lines(report_or_reports[i], "  ");
  return out + (report_or_reports.empty() ? "]\n" : "\n]\n");
}

nlohmann::ordered_json report_json(const Scenario& scenario, const Outcome& outcome,
                                   std::string_view sha256) {
  const RuntimeSpec& spec = scenario.runtime;
  Json runtime = {{"version", name_of(spec.version)},
                  {"width", spec.width.bits},
                  {"debug", spec.debug},
                  {"strategy", name_of(spec.strategy)}};
  if (spec.strategy == Strategy::PeriodicReset)
    runtime["strategy_params"] = {{"period", spec.params.period},
                                  {"only_if_legacy", spec.params.only_if_legacy}};

  Json stopped = nullptr;
  if (outcome.stopped) {
    const Stopped& s = *outcome.stopped;
    stopped = {{"step", s.step},
               {"op", op_path(s.op)},
               {"obj", id_of(scenario, s.obj)},
               {"event", name_of(s.event)}};
    if (s.action) stopped["action"] = name_of(*s.action);
  }

  Json events = Json::array();
  for (const Event& event : outcome.events) events.push_back(event_json(scenario, event));

  const Runtime rt(spec);
  Json objects = Json::array();
  assert(outcome.objects.size() == scenario.objects.size());
  for (std::size_t i = 0; i < scenario.objects.size() && i < outcome.objects.size(); ++i) {
    const ObjectState& state = outcome.objects[i];
    objects.push_back({{"id", scenario.objects[i].id},
                       {"kind", name_of(scenario.objects[i].kind)},
                       {"word", hex_word(spec.width, state.word)},
                       {"refcnt", rt.refcnt(state.word)},
                       {"immortal", rt.immortal(state.word)},
                       {"state", state.freed ? "freed" : "alive"},
                       {"logical_refs", logical_json(state.logical)}});
  }

  Json report = {{"format", kReportFormat},
                 {"tool", {{"name", kToolName}, {"version", kToolVersion}}},
                 {"scenario", {{"name", scenario.name}, {"sha256", sha256}}},
                 {"runtime", std::move(runtime)},
                 {"outcome", outcome.crashed ? "crashed" : "survived"},
                 {"steps", outcome.steps},
                 {"stopped", std::move(stopped)},
                 {"events_total", outcome.events_total}};
  if (outcome.events.size() < outcome.events_total) report["events_truncated"] = true;
  report["events"] = std::move(events);
  report["objects"] = std::move(objects);
  return report;
}

std::optional<Outcome> outcome_from_report_json(const Scenario& scenario,
                                                const nlohmann::ordered_json& report) {
  try {
    if (at(report, "format") != kReportFormat) return std::nullopt;
    Outcome outcome;
    const Json& result = at(report, "outcome");
    if (result != "crashed" && result != "survived") return std::nullopt;
    outcome.crashed = result == "crashed";
    outcome.steps = unsigned64(at(report, "steps"));
    outcome.events_total = unsigned64(at(report, "events_total"));

    if (const Json& s = at(report, "stopped"); !s.is_null()) {
      Stopped stopped;
      stopped.step = unsigned64(at(s, "step"));
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
      event.step = unsigned64(at(e, "step"));
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
