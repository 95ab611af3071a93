// Family facts rows: the declaration every row specialises. A family's facts are what the CPython
// sources (docs/semantics-*.md) say about its runtimes, written apart from model/ so that the
// properties hold the model to them: FamilyFacts<F> for each REFSIM_FAMILY row of model/names.def,
// one header per family beside this one, gathered by props/facts/rows.h.
//
// A row has:
//   kCode              the Arith of its headers' inline code (which origins of names.def build with them)
//   kImmortality       whether anything can be immortal (the strategies other than as-shipped apply)
//   kResetOnMargin     whether Jewett's reset-on-margin applies (a bit test with a margin)
//   kCoreKeepsImmortality  whether its core code alone never makes an object created immortal mortal
//                      under every strategy that keeps immortality (then `door` lists how core code
//                      makes a mortal object immortal)
//   kSetAsserts        whether the core's Py_SET_REFCNT asserts a non-negative value in a debug build
//   dealloc(version)   whose tp_dealloc functions the version ships (props/support/dealloc_facts.cc)
//   initial(f, kind, refs)  the word a non-heap kind starts with
//   immortal(f, word)  the runtime's _Py_IsImmortal
//   band(f)            the immortal band (props/support/facts.h), none if nothing is immortal
//   incref_limit(f)    where the core's incref stops counting an immortal word, none if it skips
//   debug_fires(f, before)  the core decref's debug check (a debug build keeping immortality)
//   bounds(f, out)     the named words where its code or its runtime changes behaviour
//   door(f, incref, before, after)  (kCoreKeepsImmortality rows) the way in by which a core incref
//                      or decref from `before` to `after` made a mortal word immortal, or ""
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/names.h"
#include "props/gen/boundaries.h"
#include "props/support/dealloc_facts.h"
#include "props/support/facts.h"

namespace refsim::props {

/// The facts row of a family: specialised once per REFSIM_FAMILY row (props/facts/rows.h).
template <Family F>
struct FamilyFacts;

}  // namespace refsim::props
