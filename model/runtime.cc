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
  if (!has_immortality(family)) return false;  // nothing is immortal: no strategy has anything to do
  if (strategy == Strategy::ResetOnMargin) return resets_on_margin(family);
  return true;
}

namespace {

/// Sorted, without duplicates.
void normalize(Cuts& cuts) {
  const auto key = [](const Cut& c) { return std::pair(c.mod_bits, c.value); };
  std::sort(cuts.begin(), cuts.end(), [&](const Cut& a, const Cut& b) { return key(a) < key(b); });
  cuts.erase(std::unique(cuts.begin(), cuts.end(), [&](const Cut& a, const Cut& b) { return key(a) == key(b); }),
             cuts.end());
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
  with_family(family, [&]<class F>() {
    draft_bit_ = F::bit(spec.version, spec.width);
    facts_ = {F::initial_word, F::dealloc, F::reset, F::refcnt};
  });
  const Arith native = family_code(family);
  Code core{native, spec.debug, draft_bit_};
  if (spec.strategy == Strategy::NoImmortals) core = {Arith::Full311, spec.debug, 0};
  if (spec.strategy == Strategy::ResetOnMargin) core = {Arith::Margin, spec.debug, draft_bit_};
  // Extensions are release builds of their own headers, whatever the runtime (their origin rows).
  for (const Origin origin : values_of<Origin>()) {
    const std::optional<Arith> own = origin_code(origin);
    codes_[static_cast<std::size_t>(origin)] = own ? Code{*own, false, 0} : core;
  }
  // The runtime's _Py_IsImmortal: its family's, unless the strategy disables immortality.
  const ImmortalTest test = spec.strategy == Strategy::NoImmortals ? Arith::Full311 : native_test(native);
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
    const Code test_code{native, false, draft_bit_};
    for (std::size_t i = 0; i < codes_.size(); ++i) {
      add_cuts(codes_[i], spec.width, t.origin_cuts[i]);
      add_cuts(test_code, spec.width, t.origin_cuts[i]);
      // The runtime's own operations run as core: the loop's flag-bit boundary too, while the core
      // runs its family's own code (not under no-immortals).
      if (!origin_code(static_cast<Origin>(i)) && has_stack_refs(family) && core.arith == native)
        add_loop_cuts(spec.width, spec.debug, t.origin_cuts[i]);
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
  return facts_.initial_word(spec_.version, kind, w, refs, draft_bit_);
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
  if (!has_immortality(family_of(spec_.version)) || spec_.strategy == Strategy::NoImmortals)
    return dealloc_311(kind, debug);
  const Action shipped = facts_.dealloc(spec_.version, kind, debug);
  switch (spec_.strategy) {
    case Strategy::NoReset:
      return shipped == Action::Reset ? dealloc_311(kind, debug) : shipped;
    case Strategy::ResetAll:
      return reset_all_adds_reset(kind) ? Action::Reset : shipped;
    case Strategy::ResetExceptInt:
      return kind == Kind::SmallInt ? dealloc_311(kind, debug) : shipped;
    default: return shipped;
  }
}

Word Runtime::reset(Word word) const { return facts_.reset(spec_.width, word, draft_bit_); }

std::int64_t Runtime::refcnt(Word word) const { return facts_.refcnt(spec_.width, word); }

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

Runtime::Cell Runtime::translated_cell(Word word, OriginSet origins, Word stride) const {
  Cell cell;
  for (std::size_t i = 0; i < tables_->origin_cuts.size(); ++i)
    if (origins & (OriginSet{1} << i)) narrow_translated(cell, tables_->origin_cuts[i], spec_.width, word, stride);
  return cell;
}

}  // namespace refsim
