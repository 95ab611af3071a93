// Rows: from the Arith and Family rows of model/names.def to the traits each row names (the code
// rows' step functions, immortality tests and cuts; the family rows' runtime facts), resolved when
// compiling. Every switch over arithmetics or families in model/ is one of these.
#pragma once

#include "model/names.h"
#include "model/semantics/draft.h"
#include "model/semantics/v311.h"
#include "model/semantics/v312.h"
#include "model/semantics/v314.h"
// A test build's extra semantics file (tests/rows/, CMake option REFSIM_FICTIONAL_ROWS).
#ifdef REFSIM_EXTRA_SEMANTICS
#include REFSIM_EXTRA_SEMANTICS
#endif

namespace refsim {

/// The traits of a code row: `typename CodeOf<Arith::V312>::type` is Code312.
template <Arith A> struct CodeOf;
#define REFSIM_ARITH(id, name, traits, desc) \
  template <> struct CodeOf<Arith::id> { using type = traits; };
#include "model/names.def"
#undef REFSIM_ARITH

/// The traits of a family row: `typename FamilyOf<Family::V312>::type` is Family312.
template <Family F> struct FamilyOf;
#define REFSIM_FAMILY(id, name, label, traits, desc) \
  template <> struct FamilyOf<Family::id> { using type = traits; };
#include "model/names.def"
#undef REFSIM_FAMILY

/// `fn.template operator()<Traits>()` for the code row of `arith`.
template <class Fn>
constexpr decltype(auto) with_arith(Arith arith, Fn&& fn) {
  switch (arith) {
#define REFSIM_ARITH(id, name, traits, desc) \
  case Arith::id: return fn.template operator()<traits>();
#include "model/names.def"
#undef REFSIM_ARITH
  }
  __builtin_unreachable();
}

/// `fn.template operator()<Traits>()` for the family row of `family`.
template <class Fn>
constexpr decltype(auto) with_family(Family family, Fn&& fn) {
  switch (family) {
#define REFSIM_FAMILY(id, name, label, traits, desc) \
  case Family::id: return fn.template operator()<traits>();
#include "model/names.def"
#undef REFSIM_FAMILY
  }
  __builtin_unreachable();
}

/// The arithmetic whose _Py_IsImmortal the runtimes running this code as core have (Margin: Draft's).
constexpr Arith native_test(Arith arith) {
  return with_arith(arith, []<class C>() { return C::kTest; });
}

/// Whether every step of this code moves the whole word by one with no test of its own (3.11's
/// ++ / --, which knows no immortality).
constexpr bool plain_full_word(Arith arith) {
  return with_arith(arith, []<class C>() { return C::kPlainFullWord; });
}

/// The core code of a family, whose immortality test is the runtime's _Py_IsImmortal.
constexpr Arith family_code(Family family) {
  return with_family(family, []<class F>() { return F::kCode; });
}

/// Whether anything is immortal in this family (its core code has an immortality test).
constexpr bool has_immortality(Family family) { return !plain_full_word(family_code(family)); }

/// Whether Jewett's reset-on-margin applies (a bit-test family).
constexpr bool resets_on_margin(Family family) {
  return with_family(family, []<class F>() { return F::kResetOnMargin; });
}

/// Whether the runtime has _Py_RefcntAdd, and whether its interpreter loop has stack references.
constexpr bool has_refcnt_add(Family family) {
  return with_family(family, []<class F>() { return F::kRefcntAdd; });
}
constexpr bool has_stack_refs(Family family) {
  return with_family(family, []<class F>() { return F::kStackRefs; });
}

/// Whether an origin is legacy code: an extension whose compiled code knows no immortality (its
/// operations are what only-if-legacy periodic reset waits for).
constexpr bool legacy_origin(Origin origin) {
  const std::optional<Arith> code = origin_code(origin);
  return code && plain_full_word(*code);
}

}  // namespace refsim
