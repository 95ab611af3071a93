// Facts: docs/SEMANTICS.md's constants and predicates written out a second time, apart from model/, so
// that the properties hold the model to the fact base rather than to itself. At 64 and 32 bits the
// numbers are the literal ones of docs/SEMANTICS.md; at 16 and 8 they are the same layouts
// scaled down as docs/FORMATS.md (Names) says (halves of 8 bits at 16; the 32-bit word's top bits at 8).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "model/names.h"
#include "model/scenario.h"
#include "model/width.h"

namespace refsim::props {

/// The numbers of one width, as docs/SEMANTICS.md writes them (zero where a layout has no such number).
struct Layout {
  unsigned bits;
  bool split;              ///< the 64-bit layout: a low half plus ob_overflow and ob_flags
  Word half_mask;          ///< split: UINT32_MAX (the low half)
  Word r2_bit;             ///< PEP 683 round 2: bit N-4
  Word r3_bit;             ///< round 3 ("e.g. 2^62"; 32-bit example 2^30): bit N-2
  Word v311_static;        ///< 3.11's _PyObject_IMMORTAL_INIT 999999999 (scaled: its top bits)
  Word v312_immortal;      ///< _Py_IMMORTAL_REFCNT: 0xFFFFFFFF (64), 0x3FFFFFFF (32)
  Word v312_test_bit;      ///< split: (int32_t)ob_refcnt < 0, bit 31 of the low half
  Word v314_ratchet;       ///< split: _Py_IMMORTAL_INITIAL_REFCNT 0xC0000000, the incref limit
  Word v314_minimum;       ///< _Py_IMMORTAL_MINIMUM_REFCNT: low half 0x80000000 (64), 0x40000000 (32)
  Word v314_static;        ///< the static objects' word: 0x0005_0000_C000_0000 (64), 0x70000000 (32)
  Word v314_runtime;       ///< _Py_SetImmortal's word: flags 1 + 0xC0000000 (64), 0x50000000 (32)
  Word v314_debug_lo_max;  ///< split: the debug decref fires when the low half exceeds this
};

const Layout& layout(unsigned bits);

/// A family's immortal band: the words w with lo <= (w & bits) <= hi are the ones its test calls
/// immortal (`bits`: what the test reads; a word moves inside it by +-1 without leaving the band
/// until it passes an edge).
struct Band {
  Word lo, hi, bits;
};

/// What docs/SEMANTICS.md says about one runtime (version, width, strategy): initial words, the immortality
/// test, and the debug check of the core's decref. Each family's facts are its row, FamilyFacts<F>
/// (props/facts/rows.h); this class picks the runtime's row.
class Facts {
 public:
  explicit Facts(const RuntimeSpec& rt);

  const RuntimeSpec& spec() const { return rt_; }
  const Layout& numbers() const { return *l_; }
  Width width() const { return Width{l_->bits}; }
  Family family() const { return family_of(rt_.version); }
  Word mask() const { return width().mask(); }
  Word sign_bit() const { return Word{1} << (l_->bits - 1); }
  Word signed_max() const { return sign_bit() - 1; }
  Word lo(Word w) const { return l_->split ? (w & l_->half_mask) : w; }

  /// The draft's immortal bit (0 elsewhere).
  Word draft_bit() const;
  /// The family's immortal band (none on 3.11), whatever the strategy.
  std::optional<Band> band() const;
  /// On the split layout, where the core's incref stops counting an immortal low half (3.12's
  /// saturation, 3.14's ratchet); none where the core's incref skips immortal words.
  std::optional<Word> incref_limit() const;
  /// The word a kind starts with (docs/semantics-*.md; a heap object's word is its refs).
  Word initial(Kind kind, Int128 refs) const;
  Word none_initial() const { return initial(Kind::None, 1); }
  /// The runtime's _Py_IsImmortal (always false on 3.11 and with no-immortals).
  bool immortal(Word w) const;
  /// Whether the core's decref of a debug build reports a negative refcount at this word
  /// (docs/semantics-*.md, debug builds; the drafts and reset-on-margin keep 3.11's check after their own
  /// arithmetic, which is refsim's convention: the drafts never specified one).
  bool core_debug_fires(Word before) const;
  /// Whether the core's Py_SET_REFCNT(value) stops at its debug assert (3.14+, value < 0).
  bool core_set_asserts(Word value) const;
  /// 3.11's check, after the full-word decrement: the new word is non-zero and negative (2.3).
  bool decrement_check_fires(Word before) const;

 private:
  RuntimeSpec rt_;
  const Layout* l_;
};

/// The versions whose core incref counts an immortal low half up to a limit on the 64-bit layout
/// (3.12's saturation, 3.14's ratchet) while their core decref skips it: 3.12 to 3.15.
std::vector<Version> limited_versions();

}  // namespace refsim::props
