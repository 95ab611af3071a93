// Render JSON: the report as a `refsim-compare/1` document for CI.
#include "analysis/costs.h"
#include "analysis/report.h"

namespace refsim::analysis {

namespace {

using Json = nlohmann::ordered_json;

Json threshold(const std::optional<Threshold>& t) {
  if (!t) return nullptr;
  return {{"n", t->n}, {"steps", t->steps}, {"seconds_at_1ns", static_cast<double>(t->steps) * 1e-9},
          {"seconds_at_1us", static_cast<double>(t->steps) * 1e-6}};
}

}  // namespace

nlohmann::ordered_json render_json(const Report& report) {
  const FamilyParams& params = report.selection.family;
  Json doc;
  doc["format"] = "refsim-compare/1";
  doc["parameters"] = {{"rate", params.rate}, {"periodic_periods", 65536}};
  Json threats = Json::array();
  for (const Threat threat : report.selection.threats)
    threats.push_back({{"name", name_of(threat)}, {"description", description_of(threat)}, {"max_n", max_n(threat, params)}});
  doc["threats"] = threats;
  Json rows = Json::array();
  for (const Row& row : report.rows) {
    Json r;
    r["version"] = refsim::name_of(row.key.version);
    r["width"] = row.key.width;
    r["debug"] = row.key.debug;
    r["strategy"] = refsim::name_of(row.key.strategy);
    r["strategy_params"] = row.key.strategy == Strategy::PeriodicReset ? Json{{"period", row.runtime.params.period}} : Json::object();
    r["kind"] = refsim::name_of(row.key.kind);
    r["threat"] = name_of(row.key.threat);
    r["max_n"] = row.max_n;
    r["created_immortal"] = row.created_immortal;
    r["mortal"] = threshold(row.mortal);
    r["dealloc"] = threshold(row.dealloc);
    if (row.dealloc) r["dealloc"]["action"] = refsim::name_of(*row.dealloc_action);
    r["crash"] = row.crash ? threshold(row.crash->at) : Json(nullptr);
    if (row.crash) {
      r["crash"]["event"] = refsim::name_of(row.crash->event);
      if (row.crash->action) r["crash"]["action"] = refsim::name_of(*row.crash->action);
    }
    r["overflow"] = threshold(row.overflow);
    r["immortal_again"] = threshold(row.immortal);
    r["immortal_at_end"] = row.immortal_at_end;
    r["steps"] = row.steps;
    rows.push_back(r);
  }
  doc["rows"] = rows;
  doc["findings"] = report.findings;
  Json costs = Json::array();
  for (const StrategyCost& c : strategy_costs())
    costs.push_back({{"strategy", refsim::name_of(c.strategy)}, {"incref", c.incref}, {"decref", c.decref},
                     {"immortal_writes", c.immortal_writes}, {"elsewhere", c.elsewhere}});
  doc["strategy_costs"] = costs;
  Json claims = Json::array();
  for (const ClaimCheck& c : report.claims)
    claims.push_back({{"source", c.claim.source}, {"quote", c.claim.quote}, {"note", c.claim.note}, {"version", refsim::name_of(c.claim.row.version)},
                      {"width", c.claim.row.width}, {"strategy", refsim::name_of(c.claim.row.strategy)},
                      {"kind", refsim::name_of(c.claim.row.kind)}, {"threat", name_of(c.claim.row.threat)},
                      {"figure", c.figure ? Json(*c.figure) : Json(nullptr)}, {"refsim", c.refsim}, {"verdict", c.verdict}});
  doc["claims"] = claims;
  return doc;
}

}  // namespace refsim::analysis
