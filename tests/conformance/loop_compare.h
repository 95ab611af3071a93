// Loop compare: the lines loop_oracle.c prints (the real _Py_RefcntAdd and stack-reference code of
// one header set), parsed, and compared with the model's functions for that code
// (model/semantics/loop.h: loop_new, loop_steal, loop_steal_release, loop_dup_counted,
// loop_close_counted, refcnt_add).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/runtime.h"
#include "tests/conformance/header_model.h"

namespace refsim::conformance {

enum class LoopOp {
  Add,             ///< _Py_RefcntAdd(op, n)
  New,             ///< PyStackRef_FromPyObjectNew
  Steal,           ///< PyStackRef_FromPyObjectSteal
  Release,         ///< PyStackRef_CLOSE of a fresh PyStackRef_FromPyObjectSteal
  DupCounted,      ///< PyStackRef_DUP of a counted reference
  DupUncounted,    ///< PyStackRef_DUP of an uncounted reference
  CloseCounted,    ///< PyStackRef_CLOSE of a counted reference
  CloseUncounted,  ///< PyStackRef_CLOSE of an uncounted reference
  NewMortal,       ///< PyStackRef_FromPyObjectNewMortal (LOAD_CONST_MORTAL)
  NewMortalClosed, ///< the same, then PyStackRef_CLOSE of it
  Immortal,        ///< PyStackRef_FromPyObjectImmortal (LOAD_CONST_IMMORTAL)
  ImmortalClosed,  ///< the same, then PyStackRef_CLOSE of it
};

/// What the real code (or the model) did to one input word.
struct LoopObservation {
  LoopOp op = LoopOp::Add;
  Word input = 0;
  Word n = 0;             ///< Add: the n added
  Word word = 0;          ///< the word as the code left it
  bool dealloc = false;   ///< _Py_Dealloc was called
  bool negative = false;  ///< Py_REF_DEBUG's _Py_NegativeRefcount was called
  int counted = -1;       ///< the reference made or used is counted (1) or not (0); -1: Add
  bool immortal = false;  ///< _Py_IsImmortal of the word after the operation
};

/// Everything one loop oracle run printed.
struct LoopReport {
  std::string version;
  unsigned bits = 0;
  bool debug = false;
  bool has_refcnt_add = false;  ///< the headers define _Py_RefcntAdd
  bool has_stack_refs = false;  ///< the headers define the GIL build's stack references
  std::vector<LoopObservation> observations;
};

/// Parses the loop oracle's output; a message naming the first bad line otherwise.
std::variant<LoopReport, std::string> parse_loop_output(std::string_view text);

/// The oracle's name of an operation ("ADD", "NEW", ...).
std::string_view loop_op_name(LoopOp op);

/// What the model's core code of `runtime` predicts for the real observation's operation and input.
LoopObservation predict_loop(const Runtime& runtime, const LoopObservation& real);

/// Empty when they agree; else one line naming the headers, the operation, the input (and n) and
/// both results.
std::optional<std::string> loop_disagreement(const HeaderModel& model, const LoopObservation& real,
                                             const LoopObservation& predicted);

}  // namespace refsim::conformance
