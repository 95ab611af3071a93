// Render JSON: the report as a `refsim-compare/3` document for CI (docs/schemas/compare.schema.json).
// Every count is a decimal string (the JSON integer rule: jq 1.6 and JavaScript round numbers above
// 2^53); widths, the rate and the period count stay numbers.
#include <cmath>

#include "analysis/costs.h"
#include "analysis/report.h"
#include "analysis/summary.h"
#include "io/scenario_json.h"

namespace refsim::analysis {

namespace {

using Json = nlohmann::ordered_json;

Json json_count(std::uint64_t value) { return decimal(Int128{value}); }

Json threshold(const std::optional<Threshold>& t) {
  if (!t) return nullptr;
  return {{"n", json_count(t->n)}, {"steps", json_count(t->steps)}, {"seconds_at_1ns", static_cast<double>(t->steps) * 1e-9},
          {"seconds_at_1us", static_cast<double>(t->steps) * 1e-6}};
}

}  // namespace

nlohmann::ordered_json render_json(const Report& report) {
  const FamilyParams& params = report.selection.family;
  Json doc;
  doc["format"] = "refsim-compare/3";
  doc["headline"] = headline(report);
  doc["filters"] = report.filters;
  doc["parameters"] = {{"rate", params.rate}, {"row_work", json_count(kRowWork)}};
  Json threats = Json::array();
  for (const Threat threat : report.selection.threats)
    threats.push_back({{"name", name_of(threat)}, {"description", description_of(threat)}, {"max_n", json_count(max_n(threat, params))}});
  doc["threats"] = threats;
  Json rows = Json::array();
  for (const Row& row : report.rows) {
    Json r;
    r["version"] = refsim::name_of(row.key.version);
    r["width"] = row.key.width;
    r["debug"] = row.key.debug;
    r["strategy"] = refsim::name_of(row.key.strategy);
    r["strategy_params"] = row.key.strategy == Strategy::PeriodicReset ? Json{{"period", json_count(row.runtime.params.period)}} : Json::object();
    r["kind"] = refsim::name_of(row.key.kind);
    r["threat"] = name_of(row.key.threat);
    r["max_n"] = json_count(row.max_n);
    r["gave_up"] = row.gave_up;
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
    r["immortal"] = threshold(row.immortal);  // the test passes again (created immortal) or at all
    r["immortal_at_end"] = row.immortal_at_end;
    r["steps"] = json_count(row.steps);
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
                      {"figure", c.figure ? json_count(*c.figure) : Json(nullptr)},
                      {"against_figure", c.against_figure ? json_count(*c.against_figure) : Json(nullptr)},
                      {"ratio", c.ratio && std::isfinite(static_cast<double>(*c.ratio)) ? Json(static_cast<double>(*c.ratio)) : Json(nullptr)},
                      {"refsim", c.refsim}, {"verdict", name_of(c.verdict)}, {"verdict_text", c.verdict_text}});
  doc["verdict_rule"] = verdict_rule();
  doc["claims"] = claims;
  if (!report.free_threaded.empty()) doc["free_threaded"] = ft_rows_json(report.free_threaded);
  return doc;
}

}  // namespace refsim::analysis
