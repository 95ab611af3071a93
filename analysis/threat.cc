// Threat families: the scenario for n, and the exact conversion between steps and n.
#include "analysis/threat.h"

#include <algorithm>

#include "analysis/start.h"
#include "model/constants.h"
#include "model/op_support.h"
#include "model/runtime.h"

namespace refsim::analysis {

namespace {

using U128 = unsigned __int128;
constexpr std::uint64_t kMaxSteps = UINT64_MAX;

bool traffic(Threat threat) { return threat == Threat::TrafficDecref || threat == Threat::TrafficIncref; }

/// Single operations per iteration of the repeated families (exchange 2, core pairs 3).
std::uint64_t body_length(Threat threat) { return threat == Threat::NoneExchange ? 2 : 3; }

}  // namespace

Op release_of(const RuntimeSpec& runtime) {
  if (!op_unavailable(OpCode::StealRelease, runtime)) return leaf(OpCode::StealRelease, 0, Origin::Core, 1);
  return leaf(OpCode::Decref, 0, Origin::Core, 1);
}

std::uint64_t releases_count_after(const RuntimeSpec& runtime, Kind kind) {
  const Runtime rt(runtime);
  const Width w = runtime.width;
  const ObjectSpec object = family_object(runtime, kind);
  Word word = object.word ? *object.word : rt.initial_word(kind, object.refs);
  const Code& core = rt.code(Origin::Core);
  if (!op_unavailable(OpCode::StealRelease, runtime) && w.split() && core.arith == Arith::V314) {
    // Counted once bit 0 of ob_flags is clear: the decrefs that borrow through it.
    const Word flag = constants::kImmortalFlag << constants::v314_flags_shift(w);
    return (word & flag) ? (word & (flag - 1)) + 1 : 0;
  }
  // Elsewhere (3.14+ 32-bit: the steal tests _Py_IsImmortal; before 3.14: Py_DECREF skips immortal
  // words; reset-on-margin never skips) counted once the runtime's test calls the word mortal: walk
  // down cell by cell (the test is constant inside a cell of the core's boundaries).
  std::uint64_t k = 0;
  for (int guard = 0; guard < 256 && core.arith != Arith::Margin && rt.immortal(word); ++guard) {
    const Word d = rt.cell(word, origin_bit(Origin::Core)).down + 1;
    word = w.wrap(word - d);
    k += d;
  }
  return k;
}

std::uint64_t max_n(Threat threat, const FamilyParams& params) {
  if (counted(threat) || threat == Threat::LoopDrain) return kMaxSteps;
  if (traffic(threat)) return kMaxSteps / (params.rate + 1) * params.rate;
  return kMaxSteps / body_length(threat);
}

unsigned __int128 steps_of_n(Threat threat, std::uint64_t n, const FamilyParams& params) {
  if (counted(threat) || threat == Threat::LoopDrain) return n;
  if (traffic(threat)) return U128{n} + n / params.rate;
  return U128{n} * body_length(threat);
}

std::uint64_t n_of_step(Threat threat, std::uint64_t step, const FamilyParams& params) {
  if (counted(threat) || threat == Threat::LoopDrain) return step;
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
    s.ops.push_back(leaf(c->second, 0, c->first, n));
    return s;
  }
  switch (threat) {
    case Threat::NoneExchange:
      s.ops.push_back(repeat(n, {leaf(OpCode::Incref, 0, Origin::Core, 1),
                                 leaf(OpCode::Decref, 0, Origin::Ext311, 1)}));
      break;
    case Threat::LoopDrain: {
      const std::uint64_t k = std::min(n, releases_count_after(runtime, kind));
      if (k > 0) s.ops.push_back(leaf(OpCode::Decref, 0, Origin::Ext311, k));
      if (n > k) {
        Op release = release_of(runtime);
        release.count = n - k;
        s.ops.push_back(release);
      }
      break;
    }
    case Threat::CorePairs:
      s.ops.push_back(repeat(n, {leaf(OpCode::Decref, 0, Origin::Ext311, 1),
                                 leaf(OpCode::Incref, 0, Origin::Core, 1),
                                 leaf(OpCode::Decref, 0, Origin::Core, 1)}));
      break;
    default: {  // traffic
      const OpCode code = threat == Threat::TrafficDecref ? OpCode::Decref : OpCode::Incref;
      const std::uint64_t r = params.rate;
      if (n / r > 0)
        s.ops.push_back(repeat(n / r, {leaf(code, 0, Origin::Ext311, r), release_of(runtime)}));
      if (n % r > 0) s.ops.push_back(leaf(code, 0, Origin::Ext311, n % r));
      break;
    }
  }
  return s;
}

}  // namespace refsim::analysis
