// Runtime: the tables of one simulated interpreter (docs/SEMANTICS.md and its pages).
#include "model/runtime.h"

#include <algorithm>
#include <bit>
#include <mutex>

#include "model/constants.h"
#include "model/semantics/loop.h"

namespace refsim {

bool strategy_applies(Strategy strategy, Version version) {
  const Family family = family_of(version);
  if (strategy == Strategy::AsShipped) return true;
  if (family == Family::V311) return false;  // nothing is immortal: no strategy has anything to do
  if (strategy == Strategy::ResetOnMargin) return family == Family::Draft;
  return true;
}

namespace {

Word draft_bit(Version version, Width w) {
  if (version == Version::PEP683_R2) return constants::r2_bit(w);
  if (version == Version::PEP683_R3) return constants::r3_bit(w);
  return 0;
}

Arith arith_of(Family family) {
  switch (family) {
    case Family::V311: return Arith::Full311;
    case Family::Draft: return Arith::Draft;
    case Family::V312: return Arith::V312;
    case Family::V314: return Arith::V314;
  }
  return Arith::Full311;
}

/// Sorted, without duplicates.
void normalize(Cuts& cuts) {
  const auto key = [](const Cut& c) { return std::pair(c.mod_bits, c.value); };
  std::sort(cuts.begin(), cuts.end(), [&](const Cut& a, const Cut& b) { return key(a) < key(b); });
  cuts.erase(std::unique(cuts.begin(), cuts.end(), [&](const Cut& a, const Cut& b) { return key(a) == key(b); }),
             cuts.end());
}

ImmortalTest immortal_test_of(const RuntimeSpec& spec) {
  if (spec.strategy == Strategy::NoImmortals) return ImmortalTest::None;
  switch (family_of(spec.version)) {
    case Family::V311: return ImmortalTest::None;
    case Family::Draft: return ImmortalTest::Draft;
    case Family::V312: return ImmortalTest::V312;
    case Family::V314: return ImmortalTest::V314;
  }
  return ImmortalTest::None;
}

/// Every combination of version, width, debug build and strategy has its own slot of tables. The
/// tables follow from these alone (codes_, the draft bit, the immortality test); a spec field that
/// changed them would have to join the slot.
constexpr std::size_t kWidths = 4;  // 8, 16, 32, 64
constexpr std::size_t kSlots = count_of<Version>() * kWidths * 2 * count_of<Strategy>();

std::size_t slot_of(const RuntimeSpec& spec) {
  const auto width = static_cast<std::size_t>(std::countr_zero(spec.width.bits) - 3) % kWidths;
  return ((static_cast<std::size_t>(spec.version) * kWidths + width) * 2 + spec.debug) * count_of<Strategy>() +
         static_cast<std::size_t>(spec.strategy);
}

}  // namespace

Runtime::Runtime(const RuntimeSpec& spec) : spec_(spec) {
  const Family family = family_of(spec.version);
  draft_bit_ = draft_bit(spec.version, spec.width);
  Code core{arith_of(family), spec.debug, draft_bit_};
  if (spec.strategy == Strategy::NoImmortals) core = {Arith::Full311, spec.debug, 0};
  if (spec.strategy == Strategy::ResetOnMargin) core = {Arith::Margin, spec.debug, draft_bit_};
  // Extensions are release builds of their own headers, whatever the runtime.
  codes_[static_cast<std::size_t>(Origin::Core)] = core;
  codes_[static_cast<std::size_t>(Origin::Ext311)] = {Arith::Full311, false, 0};
  codes_[static_cast<std::size_t>(Origin::Ext312)] = {Arith::V312, false, 0};
  codes_[static_cast<std::size_t>(Origin::Ext313)] = {Arith::V312, false, 0};
  codes_[static_cast<std::size_t>(Origin::Ext314)] = {Arith::V314, false, 0};
  const ImmortalTest test = immortal_test_of(spec);
  test_ = test;
  immortal_ = resolve_immortal(test, spec.width);

  // The tables follow from the spec's slot alone: the first runtime of a slot builds them.
  static std::array<std::once_flag, kSlots> built;
  static std::array<Tables, kSlots> tables;
  const std::size_t slot = slot_of(spec);
  std::call_once(built[slot], [&] {
    Tables& t = tables[slot];
    // Each origin's boundaries: its code's and the runtime's own immortality test (for the
    // events), whatever code runs.
    const Code test_code{arith_of(family), false, draft_bit_};
    for (std::size_t i = 0; i < codes_.size(); ++i) {
      add_cuts(codes_[i], spec.width, t.origin_cuts[i]);
      add_cuts(test_code, spec.width, t.origin_cuts[i]);
      // The runtime's own operations run as core: their flag-bit boundary too.
      if (i == static_cast<std::size_t>(Origin::Core)) add_loop_cuts(core, spec.width, t.origin_cuts[i]);
      normalize(t.origin_cuts[i]);
      t.cuts.insert(t.cuts.end(), t.origin_cuts[i].begin(), t.origin_cuts[i].end());
      t.steps[i] = resolve_steps(codes_[i], spec.width, test);
    }
    normalize(t.cuts);
  });
  tables_ = &tables[slot];
}

Word Runtime::initial_word(Kind kind, Int128 refs) const {
  const Width w = spec_.width;
  if (kind == Kind::Heap) return w.wrap(static_cast<Word>(refs));
  switch (spec_.version) {
    case Version::V3_11:
      // PyObject_HEAD_INIT gives 1; _PyObject_IMMORTAL_INIT gives 999999999 [3.11 pycore_object.h].
      switch (kind) {
        case Kind::SmallInt:
        case Kind::StaticStr:
        case Kind::StaticIdStr:
        case Kind::EmptyTuple:
        case Kind::BytesSingleton: return constants::v311_static_init(w);
        case Kind::InternedStr: return w.wrap(static_cast<Word>(refs));
        default: return 1;
      }
    case Version::PEP683_R2:
    case Version::PEP683_R3: return constants::draft_refcnt(draft_bit_);
    case Version::V3_12:
      // PyObject_HEAD_INIT is immortal under Py_BUILD_CORE only [3.12.1 object.h:128-144].
      if (kind == Kind::ExtStatic) return 1;
      return constants::v312_immortal(w);
    case Version::V3_13: return constants::v312_immortal(w);
    case Version::V3_14:
    case Version::V3_15:
      if (kind == Kind::InternedStr)  // _Py_SetImmortal on a heap string
        return w.split() ? constants::v314_runtime_initial64(w) : constants::v314_initial32(w);
      return w.split() ? constants::v314_static_initial64(w) : constants::v314_static_initial32(w);
  }
  return 1;
}

Action dealloc_action_311(Kind kind, bool debug) {
  switch (kind) {
    case Kind::None:
    case Kind::True:
    case Kind::False:
    case Kind::NotImplemented: return Action::Fatal;  // _Py_FatalRefcountError / Py_FatalError
    case Kind::Ellipsis:
    case Kind::SmallInt:
    case Kind::BytesSingleton:
    case Kind::ExtStatic: return Action::FreeStatic;  // object_dealloc -> PyObject_Free(static)
    case Kind::StaticStr:  // Py_DEBUG: "deallocating an Unicode singleton" [3.11 unicode_dealloc]
    case Kind::StaticType: return debug ? Action::Fatal : Action::FreeStatic;
    case Kind::StaticIdStr: return Action::FreeStatic;  // no singleton: PyObject_Free of static memory
    case Kind::EmptyTuple: return debug ? Action::Fatal : Action::Left;
    case Kind::InternedStr:
    case Kind::Heap: return Action::Freed;
  }
  return Action::Freed;
}

Action dealloc_action_shipped(Version version, Kind kind, bool debug) {
  switch (kind) {
    case Kind::None:
    case Kind::True:
    case Kind::False:
    case Kind::NotImplemented:
    case Kind::Ellipsis:
    case Kind::SmallInt: return Action::Reset;  // *_dealloc -> _Py_SetImmortal
    case Kind::StaticStr: return debug ? Action::Fatal : Action::Reset;  // Py_DEBUG: the singleton check
    case Kind::StaticIdStr:  // 3.12: statically_allocated -> _Py_SetImmortal; 3.13+ Py_DEBUG: Py_UNREACHABLE
      return debug && version != Version::V3_12 ? Action::Fatal : Action::Reset;
    case Kind::InternedStr:  // 3.13+: Py_REF_DEBUG reaches Py_UNREACHABLE first
      return debug && version != Version::V3_12 ? Action::Fatal : Action::Reset;
    default: return dealloc_action_311(kind, debug);
  }
}

namespace {

/// The immortal kinds whose tp_dealloc has no reset in any shipped version: reset-all gives them one.
bool reset_all_adds_reset(Kind kind) {
  return kind == Kind::EmptyTuple || kind == Kind::StaticType || kind == Kind::BytesSingleton ||
         kind == Kind::ExtStatic;
}

}  // namespace

Action Runtime::dealloc_action(Kind kind) const {
  const bool debug = spec_.debug;
  const Family family = family_of(spec_.version);
  if (family == Family::V311 || family == Family::Draft || spec_.strategy == Strategy::NoImmortals) {
    if (spec_.strategy == Strategy::ResetAll && family == Family::Draft && reset_all_adds_reset(kind))
      return Action::Reset;
    return dealloc_action_311(kind, debug);
  }
  const Action shipped = dealloc_action_shipped(spec_.version, kind, debug);
  switch (spec_.strategy) {
    case Strategy::NoReset:
      return shipped == Action::Reset ? dealloc_action_311(kind, debug) : shipped;
    case Strategy::ResetAll:
      return reset_all_adds_reset(kind) ? Action::Reset : shipped;
    case Strategy::ResetExceptInt:
      return kind == Kind::SmallInt ? dealloc_action_311(kind, debug) : shipped;
    default: return shipped;
  }
}

Word Runtime::reset(Word word) const {
  const Width w = spec_.width;
  switch (family_of(spec_.version)) {
    case Family::V311: return word;
    case Family::Draft: return constants::draft_refcnt(draft_bit_);
    case Family::V312: return constants::v312_immortal(w);  // the full word: hi32 cleared
    case Family::V314:
      // _Py_SetImmortalUntracked: return if already immortal; else ob_flags = _Py_IMMORTAL_FLAGS
      // and ob_refcnt = INITIAL, ob_overflow untouched [3.14.7 object.c:2681-2705].
      if (immortal_314(w, word)) return word;
      if (!w.split()) return constants::v314_initial32(w);
      return (word & constants::v314_overflow_mask(w)) | constants::v314_runtime_initial64(w);
  }
  return word;
}

std::int64_t Runtime::refcnt(Word word) const {
  const Width w = spec_.width;
  // 3.14 returns the zero-extended u32 ob_refcnt on 64-bit [refcount.h:104-121].
  if (family_of(spec_.version) == Family::V314 && w.split()) return static_cast<std::int64_t>(w.lo(word));
  return w.sN(word);
}

Runtime::Cell Runtime::cell(Word word, OriginSet origins) const {
  Cell cell;
  if (origins == kAllOrigins) {
    narrow(cell, tables_->cuts, word);
  } else {
    for (std::size_t i = 0; i < tables_->origin_cuts.size(); ++i)
      if (origins & (OriginSet{1} << i)) narrow(cell, tables_->origin_cuts[i], word);
  }
  return cell;
}

std::optional<Runtime::Cell> Runtime::translated_cell(Word word, OriginSet origins, Word stride) const {
  Cell cell;
  for (std::size_t i = 0; i < tables_->origin_cuts.size(); ++i)
    if ((origins & (OriginSet{1} << i)) && !narrow_translated(cell, tables_->origin_cuts[i], spec_.width, word, stride))
      return std::nullopt;
  return cell;
}

}  // namespace refsim
