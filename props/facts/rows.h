// Facts rows: every family's FamilyFacts (props/facts/family.h) and the one switch that picks a
// runtime's row. The switch is generated from model/names.def's REFSIM_FAMILY rows, so a family
// without its facts row here does not compile.
#pragma once

#include "props/facts/draft.h"
#include "props/facts/v311.h"
#include "props/facts/v312.h"
#include "props/facts/v314.h"

// A test build's extra facts rows (tests/rows/, CMake option REFSIM_FICTIONAL_ROWS).
#ifdef REFSIM_EXTRA_PROPS_FACTS
#include REFSIM_EXTRA_PROPS_FACTS
#endif

namespace refsim::props {

/// fn(FamilyFacts<F>{}) for the family's row.
template <class Fn>
decltype(auto) with_facts_row(Family family, Fn&& fn) {
  switch (family) {
#define REFSIM_FAMILY(id, name, label, traits, desc) \
  case Family::id:                                   \
    return fn(FamilyFacts<Family::id>{});
#include "model/names.def"
#undef REFSIM_FAMILY
  }
  return fn(FamilyFacts<Family::V311>{});
}

/// Every version whose family's facts row satisfies `keep(row)` (names.def order).
template <class Keep>
std::vector<Version> versions_where(Keep&& keep) {
  std::vector<Version> out;
  for (Version v : values_of<Version>())
    if (with_facts_row(family_of(v), keep)) out.push_back(v);
  return out;
}

}  // namespace refsim::props
