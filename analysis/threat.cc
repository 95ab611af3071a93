// Threat families: the scenario for n, and the exact conversion between steps and n.
#include "analysis/threat.h"

#include <algorithm>

#include "analysis/start.h"

namespace refsim::analysis {

namespace {

using U128 = unsigned __int128;
constexpr std::uint64_t kMaxSteps = UINT64_MAX;

Op single(OpCode code, Origin by, std::uint64_t count) {
  Op op;
  op.code = code;
  op.by = by;
  op.count = count;
  return op;
}

Op repeat(std::uint64_t count, std::vector<Op> body) {
  Op op;
  op.code = OpCode::Repeat;
  op.count = count;
  op.body = std::move(body);
  return op;
}

/// The origin and operation of the single-operation families.
std::optional<std::pair<Origin, OpCode>> counted(Threat threat) {
  switch (threat) {
    case Threat::Ext311Decref: return std::pair(Origin::Ext311, OpCode::Decref);
    case Threat::Ext311Incref: return std::pair(Origin::Ext311, OpCode::Incref);
    case Threat::Ext312Decref: return std::pair(Origin::Ext312, OpCode::Decref);
    case Threat::Ext312Incref: return std::pair(Origin::Ext312, OpCode::Incref);
    case Threat::Ext314Decref: return std::pair(Origin::Ext314, OpCode::Decref);
    case Threat::Ext314Incref: return std::pair(Origin::Ext314, OpCode::Incref);
    default: return std::nullopt;
  }
}

bool traffic(Threat threat) { return threat == Threat::TrafficDecref || threat == Threat::TrafficIncref; }

/// Single operations per iteration of the repeated families (exchange 2, core pairs 3).
std::uint64_t body_length(Threat threat) { return threat == Threat::NoneExchange ? 2 : 3; }

}  // namespace

std::string_view name_of(Threat threat) {
  for (const ThreatRow& row : kThreats)
    if (row.value == threat) return row.name;
  return "?";
}

std::string_view description_of(Threat threat) {
  for (const ThreatRow& row : kThreats)
    if (row.value == threat) return row.description;
  return "?";
}

std::optional<Threat> parse_threat(std::string_view name) {
  for (const ThreatRow& row : kThreats)
    if (row.name == name) return row.value;
  return std::nullopt;
}

std::uint64_t max_n(Threat threat, const FamilyParams& params) {
  if (counted(threat)) return kMaxSteps;
  if (traffic(threat)) return kMaxSteps / (params.rate + 1) * params.rate;
  return kMaxSteps / body_length(threat);
}

unsigned __int128 steps_of_n(Threat threat, std::uint64_t n, const FamilyParams& params) {
  if (counted(threat)) return n;
  if (traffic(threat)) return U128{n} + n / params.rate;
  return U128{n} * body_length(threat);
}

std::uint64_t n_of_step(Threat threat, std::uint64_t step, const FamilyParams& params) {
  if (counted(threat)) return step;
  if (traffic(threat)) {
    // Group i (1-based) holds r extension operations, then the core release at step i * (r + 1).
    const std::uint64_t r = params.rate;
    const std::uint64_t group = (step - 1) / (r + 1) + 1;
    const std::uint64_t place = step - (group - 1) * (r + 1);
    return place <= r ? (group - 1) * r + place : group * r;
  }
  return (step - 1) / body_length(threat) + 1;
}

Scenario make_scenario(Threat threat, const RuntimeSpec& runtime, Kind kind, std::uint64_t n,
                       const FamilyParams& params) {
  Scenario s;
  s.name = std::string(name_of(threat)) + "-" + std::string(refsim::name_of(kind)) + "-" +
           std::to_string(n);
  s.runtime = runtime;
  s.objects.push_back(family_object(runtime, kind));
  if (const auto c = counted(threat)) {
    s.ops.push_back(single(c->second, c->first, n));
    return s;
  }
  switch (threat) {
    case Threat::NoneExchange:
      s.ops.push_back(repeat(n, {single(OpCode::Incref, Origin::Core, 1),
                                 single(OpCode::Decref, Origin::Ext311, 1)}));
      break;
    case Threat::CorePairs:
      s.ops.push_back(repeat(n, {single(OpCode::Decref, Origin::Ext311, 1),
                                 single(OpCode::Incref, Origin::Core, 1),
                                 single(OpCode::Decref, Origin::Core, 1)}));
      break;
    default: {  // traffic
      const OpCode code = threat == Threat::TrafficDecref ? OpCode::Decref : OpCode::Incref;
      const std::uint64_t r = params.rate;
      if (n / r > 0)
        s.ops.push_back(repeat(n / r, {single(code, Origin::Ext311, r), single(OpCode::Decref, Origin::Core, 1)}));
      if (n % r > 0) s.ops.push_back(single(code, Origin::Ext311, n % r));
      break;
    }
  }
  return s;
}

}  // namespace refsim::analysis
