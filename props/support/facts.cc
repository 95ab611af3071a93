// Facts: the literal numbers of docs/SEMANTICS.md per width, and the runtime's facts from its
// family's row (props/facts/rows.h).
#include "props/support/facts.h"

#include <cassert>

#include "props/facts/rows.h"

namespace refsim::props {

namespace {

// clang-format off
constexpr Layout kLayouts[] = {
  // bits split half_mask    r2_bit                 r3_bit                 3.11 static  3.12 immortal test bit      ratchet      3.14 minimum  3.14 static               3.14 runtime             debug lo max
  {64, true,  0xFFFF'FFFF, 0x1000'0000'0000'0000, 0x4000'0000'0000'0000, 999'999'999, 0xFFFF'FFFF, 0x8000'0000, 0xC000'0000, 0x8000'0000, 0x0005'0000'C000'0000, 0x0001'0000'C000'0000, 0xFFEF'FFFF},
  {32, false, 0,           0x1000'0000,           0x4000'0000,           999'999'999, 0x3FFF'FFFF, 0,           0,           0x4000'0000, 0x7000'0000,           0x5000'0000,           0},
  // 16: the 64-bit layout with 8-bit halves and 4-bit ob_overflow / ob_flags quarters. The debug
  // margin 1 << 20 of the 32-bit half is scaled as 2^(half * 5 / 8) = 32, refsim's convention.
  {16, true,  0xFF,        0x1000,                0x4000,                0x3B9A,      0xFF,        0x80,        0xC0,        0x80,        0x50C0,                0x10C0,                0xDF},
  // 8: the 32-bit layout's top bits.
  {8,  false, 0,           0x10,                  0x40,                  0x3B,        0x3F,        0,           0,           0x40,        0x70,                  0x50,                  0},
};
// clang-format on

}  // namespace

const Layout& layout(unsigned bits) {
  for (const Layout& l : kLayouts)
    if (l.bits == bits) return l;
  assert(false && "no such width");
  return kLayouts[0];
}

Facts::Facts(const RuntimeSpec& rt) : rt_(rt), l_(&layout(rt.width.bits)) {}

Word Facts::draft_bit() const {
  return family() == Family::Draft ? FamilyFacts<Family::Draft>::bit(*this) : 0;
}

std::optional<Band> Facts::band() const {
  return with_facts_row(family(), [&](auto row) { return decltype(row)::band(*this); });
}

std::optional<Word> Facts::incref_limit() const {
  return with_facts_row(family(), [&](auto row) { return decltype(row)::incref_limit(*this); });
}

Word Facts::initial(Kind kind, Int128 refs) const {
  if (kind == Kind::Heap) return static_cast<Word>(refs) & mask();
  return with_facts_row(family(), [&](auto row) { return decltype(row)::initial(*this, kind, refs); });
}

bool Facts::immortal(Word w) const {
  if (rt_.strategy == Strategy::NoImmortals) return false;
  return with_facts_row(family(), [&](auto row) { return decltype(row)::immortal(*this, w & mask()); });
}

bool Facts::decrement_check_fires(Word before) const {
  const Word after = (before - 1) & mask();
  return after != 0 && width().sN(after) < 0;
}

bool Facts::core_debug_fires(Word before) const {
  if (!rt_.debug) return false;
  before &= mask();
  // no-immortals runs 3.11's code in the core.
  if (rt_.strategy == Strategy::NoImmortals) return decrement_check_fires(before);
  return with_facts_row(family(), [&](auto row) { return decltype(row)::debug_fires(*this, before); });
}

bool Facts::core_set_asserts(Word value) const {
  // Py_ssize_t is the word's width.
  if (!rt_.debug || rt_.strategy == Strategy::NoImmortals) return false;
  const bool asserts = with_facts_row(family(), [](auto row) { return decltype(row)::kSetAsserts; });
  return asserts && width().sN(value & mask()) < 0;
}

std::vector<Version> limited_versions() {
  std::vector<Version> out;
  for (Version v : values_of<Version>())
    if (Facts(RuntimeSpec{.version = v, .width = Width{64}}).incref_limit()) out.push_back(v);
  return out;
}

}  // namespace refsim::props
