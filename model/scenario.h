// Scenario: a validated simulation input (runtime, objects, operation tree), independent of JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/names.h"
#include "model/width.h"

namespace refsim {

/// Strategy parameters (runtime.strategy_params).
struct StrategyParams {
  std::uint64_t period = 1000000;  ///< periodic-reset: reset after every step that is a multiple
  bool only_if_legacy = false;     ///< periodic-reset: only once an ext-3.11 operation has run
};

struct RuntimeSpec {
  Version version = Version::V3_14;
  Width width{64};
  bool debug = false;
  Strategy strategy = Strategy::AsShipped;
  StrategyParams params;
};

struct ObjectSpec {
  std::string id;
  Kind kind = Kind::Heap;
  std::optional<Word> word;  ///< explicit initial word, else the kind's
  Int128 refs = 1;           ///< logical count at the start
};

/// Incref, Decref and SetRefcnt are the Py_INCREF / Py_DECREF / Py_SET_REFCNT of the origin `by`.
/// The others are the runtime's own code that those do not describe (docs/SCENARIO-OPS.md):
/// the 3.14+ interpreter loop's stack references (StackNew, StackSteal, StackDup, StackClose, and
/// StealRelease, a steal closed at once), _Py_RefcntAdd (RefcntAdd, 3.12+), and the two
/// specialized LOAD_CONSTs' openings (StackNewMortal, StackImmortal; appended: the fuzz layouts
/// number runtime operations in this order).
enum class OpCode {
  Incref, Decref, SetRefcnt, Gc, Repeat,
  StackNew, StackSteal, StackDup, StackClose, StealRelease, RefcntAdd,
  StackNewMortal, StackImmortal,
};

/// The operations' names in scenario JSON (docs/FORMATS.md, docs/SCENARIO-OPS.md).
template <> struct Names<OpCode> {
  static constexpr NameRow<OpCode> rows[] = {
      {OpCode::Incref, "incref", "Py_INCREF by the origin's code"},
      {OpCode::Decref, "decref", "Py_DECREF by the origin's code"},
      {OpCode::SetRefcnt, "set_refcnt", "Py_SET_REFCNT"},
      {OpCode::Gc, "gc", "a collection (periodic-reset resets there)"},
      {OpCode::Repeat, "repeat", "the body, count times"},
      {OpCode::StackNew, "stackref_new", "PyStackRef_FromPyObjectNew"},
      {OpCode::StackSteal, "stackref_steal", "PyStackRef_FromPyObjectSteal"},
      {OpCode::StackDup, "stackref_dup", "PyStackRef_DUP"},
      {OpCode::StackClose, "stackref_close", "PyStackRef_CLOSE"},
      {OpCode::StealRelease, "steal_release", "a stolen reference released"},
      {OpCode::RefcntAdd, "refcnt_add", "_Py_RefcntAdd"},
      {OpCode::StackNewMortal, "stackref_new_mortal", "PyStackRef_FromPyObjectNewMortal"},
      {OpCode::StackImmortal, "stackref_immortal", "PyStackRef_FromPyObjectImmortal"},
  };
};

struct Op {
  OpCode code = OpCode::Incref;
  std::size_t obj = 0;          ///< index into Scenario::objects (incref, decref, set_refcnt)
  Origin by = Origin::Core;
  std::uint64_t count = 1;      ///< incref/decref repetitions, or repeat iterations
  Word value = 0;               ///< set_refcnt; refcnt_add: n
  std::vector<Op> body;         ///< repeat
  std::size_t ref = 0;          ///< stack reference opened (new, steal) or used (dup, close)
  std::size_t ref_to = 0;       ///< stackref_dup: the reference it opens
};

/// One single operation: `count` times `code` by `by` on object `obj` (`value`: set_refcnt,
/// refcnt_add). The builder the analysis families, the fuzz seeds and the tests share.
inline Op leaf(OpCode code, std::size_t obj, Origin by, std::uint64_t count = 1, Word value = 0) {
  Op op;
  op.code = code;
  op.obj = obj;
  op.by = by;
  op.count = count;
  op.value = value;
  return op;
}

/// A repeat: `body`, `count` times.
inline Op repeat(std::uint64_t count, std::vector<Op> body) {
  Op op;
  op.code = OpCode::Repeat;
  op.count = count;
  op.body = std::move(body);
  return op;
}

struct Scenario {
  std::string name;
  RuntimeSpec runtime;
  std::vector<ObjectSpec> objects;
  std::vector<Op> ops;
  /// The names of the stack references the ops open and close (Op::ref indexes them).
  std::vector<std::string> refs;
};

/// A problem with a scenario: the JSON path it concerns and a message.
struct SpecError {
  std::string path;
  std::string message;
};

/// Checks what the model needs beyond well-formed input: width, a strategy that applies to the
/// version, parameters, words that fit, object indices, operations the runtime has, stack
/// references used only while open (a repeat body closes what it opens and closes nothing else),
/// and at most 2^64-1 single operations.
std::optional<SpecError> check(const Scenario& scenario);

/// Turns what check() rejects for a reason an edit of one field can cause into the nearest valid
/// choice: an invalid width becomes 64, a strategy that does not apply becomes as-shipped, a period
/// of 0 becomes 1, words and set_refcnt values are cut to the width, refs out of range (or a heap
/// object's refs beyond its word) become 1, an operation on a missing object moves to object
/// index modulo the number of objects. For the fuzzers' mutator; check() still rejects the rest
/// (ids, stack references, nesting, more than 2^64-1 single operations).
void repair(Scenario& scenario);

/// Number of single operations the scenario expands to, saturated at UINT64_MAX + 1 (as 128-bit).
unsigned __int128 expanded_steps(const std::vector<Op>& ops);

}  // namespace refsim
