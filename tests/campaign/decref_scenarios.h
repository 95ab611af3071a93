// Decref scenarios for the campaign tests: unpaired decrefs of one object by a 3.11-header
// extension, the shape most claims' counterexamples take.
#pragma once

#include <string>
#include <vector>

#include "model/names.h"
#include "model/scenario.h"

namespace refsim::campaign {

/// One object of `kind`, made on `runtime`, and one ext-3.11 decref per count, in order.
inline Scenario ext311_decrefs(const RuntimeSpec& runtime, Kind kind, const std::vector<std::uint64_t>& counts) {
  Scenario s;
  s.runtime = runtime;
  s.objects = {ObjectSpec{std::string(name_of(kind)), kind, std::nullopt, 1}};
  for (std::uint64_t n : counts) {
    Op op;
    op.code = OpCode::Decref;
    op.by = Origin::Ext311;
    op.count = n;
    s.ops.push_back(op);
  }
  return s;
}

/// The release build of `version` at `bits`, with `strategy`.
inline RuntimeSpec release(Version version, unsigned bits, Strategy strategy = Strategy::AsShipped) {
  return RuntimeSpec{version, Width{bits}, false, strategy, {}};
}

}  // namespace refsim::campaign
