// Dealloc facts: one row per kind, one column per (release, debug) build of 3.11, 3.12 and 3.13+
// (3.14 and 3.15 keep 3.13's dealloc functions). Sources: Objects/object.c none_dealloc,
// notimplemented_dealloc; boolobject.c bool_dealloc; sliceobject.c ellipsis_dealloc; longobject.c
// long_dealloc; unicodeobject.c unicode_dealloc; tupleobject.c tupledealloc; typeobject.c
// type_dealloc; bytesobject.c (tp_dealloc 0, object_dealloc) of 3.11.3, 3.12.5, 3.13.0, 3.14.7.
#include "props/support/dealloc_facts.h"

#include "props/facts/rows.h"

namespace refsim::props {

namespace {

constexpr Action R = Action::Reset, F = Action::Fatal, S = Action::FreeStatic, L = Action::Left,
                 D = Action::Freed;

struct Row {
  Kind kind;
  Action v311[2];  ///< release, debug
  Action v312[2];
  Action v313[2];  ///< 3.13, 3.14, 3.15
};

// clang-format off
constexpr Row kRows[] = {
  // None, NotImplemented, True/False: 3.11 _Py_FatalRefcountError / Py_FatalError; 3.12+ _Py_SetImmortal.
  {Kind::None,           {F, F}, {R, R}, {R, R}},
  {Kind::NotImplemented, {F, F}, {R, R}, {R, R}},
  {Kind::True,           {F, F}, {R, R}, {R, R}},
  {Kind::False,          {F, F}, {R, R}, {R, R}},
  // Ellipsis: 3.11 tp_dealloc 0 -> object_dealloc frees static memory; 3.12+ ellipsis_dealloc resets.
  {Kind::Ellipsis,       {S, S}, {R, R}, {R, R}},
  // Small ints: 3.11 tp_dealloc 0 (static memory freed); 3.12 long_dealloc's small-int check, 3.14 its tag bit.
  {Kind::SmallInt,       {S, S}, {R, R}, {R, R}},
  // Str singletons: Py_DEBUG checks unicode_is_singleton first (fatal) in every version; release 3.11
  // frees static memory, 3.12+ resets (statically_allocated).
  {Kind::StaticStr,      {S, F}, {R, F}, {R, F}},
  // Other static str (_Py_ID): no singleton check; 3.12 resets in both builds; 3.13+ Py_DEBUG reaches
  // Py_UNREACHABLE before the reset.
  {Kind::StaticIdStr,    {S, S}, {R, R}, {R, F}},
  // A heap str the runtime made immortal: 3.11 a mortal interned str, freed; 3.12 resets any interned
  // str; 3.13+ Py_REF_DEBUG reaches Py_UNREACHABLE for an immortal interned str.
  {Kind::InternedStr,    {D, D}, {R, R}, {R, F}},
  // The empty tuple: release returns without freeing (left at 0); Py_DEBUG is fatal ("deallocating the
  // empty tuple singleton"); never reset.
  {Kind::EmptyTuple,     {L, F}, {L, F}, {L, F}},
  // Static types: type_dealloc's _PyObject_ASSERT(HEAPTYPE) is fatal in debug; release frees static memory.
  {Kind::StaticType,     {S, F}, {S, F}, {S, F}},
  // bytes singletons: tp_dealloc 0 in every version: object_dealloc frees static memory.
  {Kind::BytesSingleton, {S, S}, {S, S}, {S, S}},
  // An extension's static object: the extension's own static memory is freed.
  {Kind::ExtStatic,      {S, S}, {S, S}, {S, S}},
  {Kind::Heap,           {D, D}, {D, D}, {D, D}},
};
// clang-format on

const Row& row(Kind kind) {
  for (const Row& r : kRows)
    if (r.kind == kind) return r;
  return kRows[0];
}

/// The kinds reset-all gives a reset: the immortal kinds no shipped tp_dealloc resets.
bool unreset_immortal(Kind kind) {
  return kind == Kind::EmptyTuple || kind == Kind::StaticType || kind == Kind::BytesSingleton ||
         kind == Kind::ExtStatic;
}

}  // namespace

Action dealloc_fact(Version version, Kind kind, bool debug, Strategy strategy) {
  const Row& r = row(kind);
  const Action v311 = r.v311[debug];
  // no-immortals runs 3.11's functions; otherwise the version's column (3.11's for 3.11 and the
  // drafts, which predate the reset condition), changed by the strategy.
  if (strategy == Strategy::NoImmortals) return v311;
  const DeallocColumn column = with_facts_row(family_of(version), [&](auto row) { return decltype(row)::dealloc(version); });
  const Action shipped = column == DeallocColumn::V311 ? v311 : column == DeallocColumn::V312 ? r.v312[debug] : r.v313[debug];
  switch (strategy) {
    case Strategy::NoReset: return shipped == Action::Reset ? v311 : shipped;
    case Strategy::ResetAll: return unreset_immortal(kind) ? Action::Reset : shipped;
    case Strategy::ResetExceptInt: return kind == Kind::SmallInt ? v311 : shipped;
    default: return shipped;
  }
}

}  // namespace refsim::props
