// Claims JSON, the writer: a claim as a claims file spells it out in full (every scope field), for
// the campaign report (claims_json.h).
#include "campaign/claims_json.h"

#include "io/scenario_json.h"

namespace refsim::campaign {

using Json = nlohmann::ordered_json;

namespace {

template <class List>
Json names_json(const List& values) {
  Json out = Json::array();
  for (const auto& v : values) out.push_back(name_of(v));
  return out;
}

Json builds_json(const std::vector<bool>& debug) {
  Json builds = Json::array();
  for (bool d : debug) builds.push_back(d ? "debug" : "release");
  return builds;
}

/// The fields both kinds of scope start with.
template <class S>
Json scope_head(const S& s) {
  Json scope;
  scope["versions"] = names_json(s.versions);
  scope["widths"] = s.widths;
  scope["builds"] = builds_json(s.debug);
  return scope;
}

/// What both have after the fields of their own: the kinds, operations and size bounds.
template <class S>
void scope_body(Json& scope, const S& s) {
  scope["kinds"] = names_json(s.kinds);
  scope["ops"] = names_json(s.ops);
  scope["max_ops"] = s.max_ops;
  scope["max_objects"] = s.max_objects;
}

/// The bounds both end with.
template <class S>
void scope_tail(Json& scope, const S& s) {
  scope["max_count"] = decimal(s.max_count);
  scope["max_steps"] = decimal(s.max_steps);
  scope["paired"] = s.paired;
}

Json ft_scope_json(const FtScope& s) {
  Json scope = scope_head(s);
  scope["threads"] = names_json(s.threads);
  scope["merges"] = names_json(s.merges);
  scope_body(scope, s);
  scope["max_threads"] = s.max_threads;
  scope_tail(scope, s);
  return scope;
}

Json scope_json(const Scope& s) {
  Json scope = scope_head(s);
  scope["strategies"] = names_json(s.strategies);
  scope["origins"] = names_json(s.origins);
  scope_body(scope, s);
  scope_tail(scope, s);
  return scope;
}

}  // namespace

Json claim_json(const Claim& c) {
  Json j;
  j["id"] = c.id;
  j["statement"] = c.statement;
  if (!c.source.empty()) j["source"] = c.source;
  j["scope"] = c.ft_scope ? ft_scope_json(*c.ft_scope) : scope_json(c.scope);
  j["invariant"] = names_json(c.invariants);
  return j;
}

}  // namespace refsim::campaign
