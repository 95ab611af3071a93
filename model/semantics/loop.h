// Loop: the runtime's own reference code that Py_INCREF / Py_DECREF do not describe: the 3.14+
// interpreter loop's stack references and _Py_RefcntAdd (docs/SCENARIO-OPS.md). Each function takes
// the runtime's core Code, whose arithmetic says which version's code runs (V314: 3.14 / 3.15;
// V312: 3.12 / 3.13, _Py_RefcntAdd only; Full311: the no-immortals what-if, where nothing is
// immortal and every reference is counted).
#pragma once

#include "model/semantics/step.h"

namespace refsim {

/// PyStackRef_FromPyObjectNew: `skipped` means the reference is uncounted (the object tests
/// immortal); a counted one costs _Py_INCREF_MORTAL.
StepResult loop_new(const Code& core, Width w, Word word);
/// PyStackRef_FromPyObjectSteal: the word is unchanged; `skipped` means uncounted (64-bit: bit 0 of
/// ob_flags, the immortal flag; 32-bit: _Py_IsImmortal).
StepResult loop_steal(const Code& core, Width w, Word word);
/// _PyStackRef_FromPyObjectNewMortal (LOAD_CONST_MORTAL): always counted, _Py_INCREF_MORTAL with no
/// immortality test (the arithmetic of loop_dup_counted).
StepResult loop_new_mortal(const Code& core, Width w, Word word);
/// PyStackRef_FromPyObjectImmortal (LOAD_CONST_IMMORTAL): uncounted, the word untouched (`skipped`),
/// whatever it is. Under no-immortals nothing is immortal and LOAD_CONST specializes to
/// LOAD_CONST_MORTAL only: counted, full-word ++.
StepResult loop_immortal(const Code& core, Width w, Word word);
/// PyStackRef_DUP of a counted reference: _Py_INCREF_MORTAL, no immortality test.
StepResult loop_dup_counted(const Code& core, Width w, Word word);
/// PyStackRef_CLOSE of a counted reference: Py_DECREF_MORTAL, no immortality test.
StepResult loop_close_counted(const Code& core, Width w, Word word);
/// A stolen reference closed at once (a call's result released): loop_steal, then the close of a
/// counted reference when it was counted (`skipped` otherwise).
StepResult loop_steal_release(const Code& core, Width w, Word word);
/// _Py_RefcntAdd(op, n), 1 <= n <= the largest Py_ssize_t of the width.
StepResult refcnt_add(const Code& core, Width w, Word word, Word n);

/// The words where the loop's own tests change, for the fast engine's cells: on the 64-bit layout
/// bit 0 of ob_flags (PyStackRef_FromPyObjectSteal's test), which flips at every multiple of 2^48
/// (period 2^49); in a debug build also _Py_IsStaticImmortal's (bit 2 of ob_flags, period 2^51; on
/// 32-bit the word 0x60000000), which only the debug build's asserts look at. For the core code of
/// a runtime whose family has stack references (Runtime).
void add_loop_cuts(Width w, bool debug, Cuts& cuts);

}  // namespace refsim
