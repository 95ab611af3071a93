// Scenario writer: a Scenario back to a `refsim-scenario/1` document. Counts, refs and periods are
// written as decimal strings (the JSON integer rule, docs/FORMATS-REPORT.md); words as "0x...".
#include "io/scenario_writer.h"

#include "io/report_json.h"
#include "io/scenario_json.h"
#include "model/op_support.h"

namespace refsim {

namespace {

using Json = nlohmann::ordered_json;

Json ops_json(const Scenario& s, const std::vector<Op>& ops) {
  Json out = Json::array();
  for (const Op& op : ops) {
    Json j = Json::object();
    j["op"] = name_of(op.code);
    switch (op.code) {
      case OpCode::Incref:
      case OpCode::Decref:
        j["obj"] = s.objects[op.obj].id;
        j["by"] = name_of(op.by);
        if (op.count != 1) j["count"] = decimal(op.count);
        break;
      case OpCode::SetRefcnt:
        j["obj"] = s.objects[op.obj].id;
        j["by"] = name_of(op.by);
        j["value"] = hex_word(s.runtime.width, op.value);
        if (op.count != 1) j["count"] = decimal(op.count);
        break;
      case OpCode::Gc: break;
      case OpCode::Repeat:
        j["count"] = decimal(op.count);
        j["ops"] = ops_json(s, op.body);
        break;
      case OpCode::StackNew:
      case OpCode::StackSteal:
      case OpCode::StackNewMortal:
      case OpCode::StackImmortal:
        j["obj"] = s.objects[op.obj].id;
        j["ref"] = s.refs[op.ref];
        break;
      case OpCode::StackDup:
        j["ref"] = s.refs[op.ref];
        j["as"] = s.refs[op.ref_to];
        break;
      case OpCode::StackClose:
        j["ref"] = s.refs[op.ref];
        break;
      case OpCode::StealRelease:
      case OpCode::RefcntAdd:
        j["obj"] = s.objects[op.obj].id;
        if (op.code == OpCode::RefcntAdd) j["n"] = decimal(op.value);
        if (op.count != 1) j["count"] = decimal(op.count);
        break;
    }
    out.push_back(std::move(j));
  }
  return out;
}

/// Whether any operation needs refsim-scenario/2.
bool uses_v2(const std::vector<Op>& ops) {
  for (const Op& op : ops)
    if (runtime_only(op.code) || (op.code == OpCode::Repeat && uses_v2(op.body))) return true;
  return false;
}

}  // namespace

Json scenario_json(const Scenario& s, const Json& expect) {
  Json j = Json::object();
  // A scenario that /1 can say is written as /1, which every reader of refsim-scenario reads.
  j["format"] = uses_v2(s.ops) ? kScenarioFormat : kScenarioFormatV1;
  j["name"] = s.name;
  Json rt = Json::object();
  rt["version"] = name_of(s.runtime.version);
  rt["width"] = s.runtime.width.bits;
  rt["debug"] = s.runtime.debug;
  rt["strategy"] = name_of(s.runtime.strategy);
  if (s.runtime.strategy == Strategy::PeriodicReset)
    rt["strategy_params"] = {{"period", decimal(s.runtime.params.period)},
                             {"only_if_legacy", s.runtime.params.only_if_legacy}};
  j["runtime"] = std::move(rt);
  Json objects = Json::array();
  for (const ObjectSpec& o : s.objects) {
    Json obj = Json::object();
    obj["id"] = o.id;
    obj["kind"] = name_of(o.kind);
    if (o.word) obj["word"] = hex_word(s.runtime.width, *o.word);
    obj["refs"] = decimal(o.refs);
    objects.push_back(std::move(obj));
  }
  j["objects"] = std::move(objects);
  j["ops"] = ops_json(s, s.ops);
  if (!expect.is_null()) j["expect"] = expect;
  return j;
}

}  // namespace refsim
