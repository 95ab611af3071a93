// Writes a free-threaded scenario as refsim-scenario/2 JSON (see the header).
#include "io/ft_scenario_writer.h"

#include "io/scenario_json.h"

namespace refsim {
namespace {

using Json = nlohmann::ordered_json;
using ft::FtOpCode;

Json ops_json(const ft::FtScenario& s, const std::vector<ft::FtOp>& ops) {
  Json out = Json::array();
  for (const ft::FtOp& op : ops) {
    Json j = {{"op", name_of(op.code)}};
    if (op.code == FtOpCode::Repeat) {
      j["count"] = decimal(op.count);
      j["ops"] = ops_json(s, op.body);
      out.push_back(std::move(j));
      continue;
    }
    if (op.code != FtOpCode::Merge) j["obj"] = s.objects[op.obj].id;
    j["thread"] = s.threads[op.thread];
    if (op.code == FtOpCode::Incref || op.code == FtOpCode::Decref) j["count"] = decimal(op.count);
    if (op.code == FtOpCode::SetRefcnt) j["value"] = decimal(op.value);
    if (op.code == FtOpCode::Merge) j["at"] = name_of(op.at);
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

nlohmann::ordered_json ft_scenario_json(const ft::FtScenario& s) {
  Json objects = Json::array();
  for (const ft::FtObjectSpec& o : s.objects) {
    Json j = {{"id", o.id}, {"kind", name_of(o.kind)}};
    if (o.kind != ft::FtKind::Immortal) {
      j["owner"] = o.owner == ft::kUnowned ? Json() : Json(s.threads[o.owner]);
      if (o.local) j["local"] = decimal(*o.local);
      if (o.shared) j["shared"] = decimal(*o.shared);
    }
    j["refs"] = decimal(o.refs);
    objects.push_back(std::move(j));
  }
  return Json{{"format", "refsim-scenario/2"},
              {"name", s.name},
              {"runtime", {{"version", s.build.info().name}, {"width", s.build.ssize_bits}, {"debug", s.build.debug}}},
              {"threads", s.threads},
              {"objects", std::move(objects)},
              {"ops", ops_json(s, s.ops)}};
}

}  // namespace refsim
