// Free-threaded scenario JSON: document -> FtScenario -> check(); the first problem found wins, with
// its JSON path as in the default format's messages (`ops[1].ops[0].thread`).
#include "io/ft_scenario_json.h"

#include <initializer_list>
#include <limits>
#include <unordered_map>

#include "io/ft_origin.h"
#include "io/json_checker.h"
#include "io/op_list.h"
#include "io/scenario_json.h"
#include "model/freethreaded/ft_outcome.h"

namespace refsim::ft {
namespace {

using Json = nlohmann::ordered_json;

std::string at(const std::string& path, std::size_t i) { return json_at(path, i); }
std::string child(const std::string& path, std::string_view key) { return json_child(path, key); }

class Decoder : public JsonChecker {
 public:
  bool document(const Json& root, FtScenarioFile& out) {
    if (!object(root, "") || !fields(root, "", {"format", "name", "runtime", "threads", "objects", "ops", "expect"}))
      return false;
    if (root.value("format", Json()) != Json(std::string(kScenarioFormat)))
      return fail("format", "a free-threaded runtime needs format " + in_quotes(kScenarioFormat));
    FtScenario& s = out.scenario;
    if (const Json* name = find(root, "name")) {
      if (!name->is_string()) return fail("name", "expected a string");
      s.name = name->get<std::string>();
    }
    if (!runtime(root.value("runtime", Json()), s.build) || !threads(root, s) || !objects(root, s)) return false;
    if (const Json* ops = find(root, "ops"))
      if (!this->ops(*ops, "ops", 0, s.ops)) return false;
    if (const Json* expect = find(root, "expect")) {
      if (!this->expect(*expect)) return false;
      out.expect = *expect;
    }
    return true;
  }

 private:
  bool thread(const Json& j, const std::string& path, std::size_t& out) {
    std::string name;
    if (!text(j, path, name)) return false;
    auto it = threads_.find(name);
    if (it == threads_.end()) return fail(path, "unknown thread " + in_quotes(name));
    out = it->second;
    return true;
  }

  bool runtime(const Json& j, FtBuild& out) {
    if (!object(j, "runtime") || !fields(j, "runtime", {"version", "width", "debug"})) return false;
    std::string version;
    if (!text(j.value("version", Json()), "runtime.version", version)) return false;
    const std::optional<FtVersion> v = parse_name<FtVersion>(version);
    if (!v) return fail("runtime.version", "unknown version " + in_quotes(version));
    out.version = *v;
    const Json width = j.value("width", Json());
    if (!width.is_number_unsigned() || !FtBuild::valid_bits(width.get<unsigned>()) || width.get<std::uint64_t>() > 64)
      return fail("runtime.width", "unsupported width " + width.dump() + " (expected 8, 16, 32 or 64)");
    out.ssize_bits = width.get<unsigned>();
    runtime_ = out.info().name;
    ssize_max_ = out.ssize_max();
    if (const Json* debug = find(j, "debug")) {
      if (!debug->is_boolean()) return fail("runtime.debug", "expected a boolean");
      out.debug = debug->get<bool>();
    }
    return true;
  }

  bool threads(const Json& root, FtScenario& s) {
    const Json names = root.value("threads", Json::array({"main"}));
    if (!names.is_array() || names.empty()) return fail("threads", "expected a non-empty array of thread names");
    for (std::size_t i = 0; i < names.size(); ++i) {
      std::string name;
      if (!text(names[i], at("threads", i), name)) return false;
      if (!threads_.emplace(name, i).second) return fail(at("threads", i), "duplicate thread " + in_quotes(name));
      s.threads.push_back(name);
    }
    return true;
  }

  bool objects(const Json& root, FtScenario& s) {
    const Json* list = find(root, "objects");
    if (list == nullptr) return true;
    if (!list->is_array()) return fail("objects", "expected an array");
    for (std::size_t i = 0; i < list->size(); ++i) {
      const Json& o = (*list)[i];
      const std::string path = at("objects", i);
      if (!object(o, path) || !fields(o, path, {"id", "kind", "owner", "refs", "local", "shared"})) return false;
      FtObjectSpec spec;
      if (!text(o.value("id", Json()), child(path, "id"), spec.id)) return false;
      if (!ids_.emplace(spec.id, i).second) return fail(child(path, "id"), "duplicate object id " + in_quotes(spec.id));
      const std::string kind = o.value("kind", Json("heap")).is_string() ? o.value("kind", std::string("heap")) : "";
      const std::optional<FtKind> k = parse_name<FtKind>(kind);
      if (!k) return fail(child(path, "kind"), "expected " + one_of<FtKind>());
      spec.kind = *k;
      if (const Json* owner = find(o, "owner")) {
        if (spec.kind == FtKind::Immortal) return fail(child(path, "owner"), "an immortal object has no owner");
        if (owner->is_null()) spec.owner = kUnowned;
        else if (!thread(*owner, child(path, "owner"), spec.owner)) return false;
      }
      for (const char* field : {"local", "shared"}) {
        const Json* value = find(o, field);
        if (value == nullptr) continue;
        if (spec.kind == FtKind::Immortal) return fail(child(path, field), "an immortal object starts as _Py_SetImmortal leaves it");
        Int128 v = 0;
        if (!integer(*value, child(path, field), 0, std::numeric_limits<std::uint64_t>::max(), v)) return false;
        (std::string_view(field) == "local" ? spec.local : spec.shared) = static_cast<Word>(v);
      }
      Int128 refs = 1;
      if (const Json* r = find(o, "refs"))
        if (!integer(*r, child(path, "refs"), 0, std::numeric_limits<std::int64_t>::max(), refs)) return false;
      spec.refs = static_cast<std::int64_t>(refs);
      s.objects.push_back(std::move(spec));
    }
    return true;
  }

  /// An operation and the fields it may have (its name: Names<FtOpCode>).
  struct OpRow {
    FtOpCode code;
    std::initializer_list<std::string_view> allowed;
  };

  bool ops(const Json& j, const std::string& path, int depth, std::vector<FtOp>& out) {
    return read_op_list(
        j, path, depth, out,
        [&](const Json& e, const std::string& where, int d, FtOp& op) { return this->op(e, where, d, op); },
        [&](const std::string& where, std::string message) { return fail(where, std::move(message)); });
  }

  bool op(const Json& j, const std::string& path, int depth, FtOp& out) {
    static const OpRow kRows[] = {
        {FtOpCode::Incref, {"op", "obj", "thread", "by", "count"}},
        {FtOpCode::Decref, {"op", "obj", "thread", "by", "count"}},
        {FtOpCode::SetRefcnt, {"op", "obj", "thread", "by", "value"}},
        {FtOpCode::Refcnt, {"op", "obj", "thread", "by"}},
        {FtOpCode::Merge, {"op", "thread", "at"}},
        {FtOpCode::Repeat, {"op", "count", "ops"}},
    };
    if (!object(j, path)) return false;
    const std::string name = j.value("op", Json()).is_string() ? j.value("op", std::string()) : "";
    const OpRow* row = nullptr;
    for (const OpRow& candidate : kRows)
      if (refsim::name_of(candidate.code) == name) row = &candidate;
    if (row == nullptr) return fail(child(path, "op"), "unknown op " + j.value("op", Json()).dump() + " on a free-threaded runtime");
    if (!fields(j, path, row->allowed)) return false;
    out.code = row->code;
    const bool on_object = out.code != FtOpCode::Merge && out.code != FtOpCode::Repeat;
    if (on_object) {
      std::string id;
      if (!text(j.value("obj", Json()), child(path, "obj"), id)) return false;
      auto it = ids_.find(id);
      if (it == ids_.end()) return fail(child(path, "obj"), "unknown object id " + in_quotes(id));
      out.obj = it->second;
    }
    if (const Json* t = find(j, "thread"))
      if (!thread(*t, child(path, "thread"), out.thread)) return false;
    if (const Json* by = find(j, "by"))
      if (!this->by(*by, child(path, "by"))) return false;
    if (const Json* count = find(j, "count")) {
      Int128 n = 0;
      if (!integer(*count, child(path, "count"), 0, std::numeric_limits<std::uint64_t>::max(), n)) return false;
      out.count = static_cast<std::uint64_t>(n);
    }
    if (out.code == FtOpCode::SetRefcnt) {
      Int128 v = 0;
      const Int128 max = ssize_max_;
      if (!integer(j.value("value", Json()), child(path, "value"), -max - 1, max, v)) return false;
      out.value = static_cast<std::int64_t>(v);
    }
    if (out.code == FtOpCode::Merge) {
      const std::string where = j.value("at", Json()).is_string() ? j.value("at", std::string()) : "";
      const std::optional<MergeAt> merge_at = parse_name<MergeAt>(where);
      if (!merge_at) return fail(child(path, "at"), "expected " + one_of<MergeAt>());
      out.at = *merge_at;
    }
    if (out.code == FtOpCode::Repeat) {
      if (!find(j, "ops")) return fail(child(path, "ops"), "required field missing");
      return ops(j["ops"], child(path, "ops"), depth + 1, out.body);
    }
    return true;
  }


  /// `by`: who runs the operation; refused origins say why (io/ft_origin.h).
  bool by(const Json& j, const std::string& path) {
    std::string name;
    if (!text(j, path, name)) return false;
    if (const std::optional<std::string> refusal = ft_origin_refusal(name, runtime_)) return fail(path, *refusal);
    return true;
  }

  bool expect(const Json& j) {
    if (!object(j, "expect") ||
        !fields(j, "expect", {"outcome", "steps", "events_total", "stopped", "events", "objects"}))
      return false;
    for (const char* list : {"events", "objects"}) {
      const Json* items = find(j, list);
      if (items == nullptr) continue;
      if (!items->is_array()) return fail(child("expect", list), "expected an array");
      for (std::size_t i = 0; i < items->size(); ++i) {
        const Json& e = (*items)[i];
        const std::string path = at(child("expect", list), i);
        if (!object(e, path)) return false;
        if (const Json* kind = find(e, "kind"); kind && std::string_view(list) == "events") {
          if (!kind->is_string() || !parse_name<FtEventKind>(kind->get<std::string>()))
            return fail(child(path, "kind"), "unknown event " + kind->dump());
        }
        if (const Json* id = find(e, std::string_view(list) == "events" ? "obj" : "id"))
          if (!id->is_string() || !ids_.count(id->get<std::string>()))
            return fail(path, "unknown object id " + id->dump());
      }
    }
    return true;
  }

  std::string runtime_;   ///< the runtime's name, for messages about `by`
  Int128 ssize_max_ = 0;  ///< PY_SSIZE_T_MAX of the build
  std::unordered_map<std::string, std::size_t> threads_;
  std::unordered_map<std::string, std::size_t> ids_;
};

}  // namespace

bool names_free_threaded_runtime(std::string_view bytes) {
  const Json root = Json::parse(bytes.begin(), bytes.end(), nullptr, false);
  if (!root.is_object() || !root.contains("runtime") || !root["runtime"].is_object()) return false;
  const Json version = root["runtime"].value("version", Json());
  return version.is_string() && parse_name<FtVersion>(version.get<std::string>()).has_value();
}

std::variant<FtScenarioFile, SpecError> parse_ft_scenario(std::string_view bytes, std::string_view default_name) {
  try {
    const Json root = Json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (root.is_discarded()) return SpecError{"", "malformed JSON"};
    FtScenarioFile file;
    file.scenario.name = default_name;
    Decoder decoder;
    if (!decoder.document(root, file)) return *decoder.error;
    if (std::optional<SpecError> e = check(file.scenario)) return *e;
    return file;
  } catch (const std::exception& e) {
    return SpecError{"", std::string("cannot decode: ") + e.what()};
  }
}

}  // namespace refsim::ft
