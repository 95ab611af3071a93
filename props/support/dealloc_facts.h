// Dealloc facts: what tp_dealloc does when an object of each kind reaches _Py_Dealloc, per version,
// build and strategy, written out from the CPython dealloc functions (docs/semantics-dealloc.md
// cites them) apart from model/runtime.cc, so that a test over every cell holds the model to them.
#pragma once

#include "model/names.h"
#include "model/scenario.h"

namespace refsim::props {

/// Whose tp_dealloc functions a version ships: a column of the dealloc facts (its family's facts row
/// names it, props/facts/family.h).
enum class DeallocColumn { V311, V312, V313 };

/// The action for one cell: (version, width-independent) x kind x debug x strategy.
Action dealloc_fact(Version version, Kind kind, bool debug, Strategy strategy);

}  // namespace refsim::props
