// Header model: which of the model's functions stand for the inline code of one header version,
// and the comparison of what the real code did with what the model says.
#pragma once

#include <optional>
#include <string>

#include "model/names.h"
#include "model/runtime.h"
#include "tests/conformance/oracle_output.h"

namespace refsim::conformance {

/// The model's view of a header set built as an extension at one width, release or Py_REF_DEBUG.
struct HeaderModel {
  std::string header_version;  ///< PY_VERSION of the header set, for messages
  Family family;               ///< the version's family, whose code row the headers' inline code is
  Version version;             ///< the version row "3.<minor>" (3.2..3.10: 3.11; newer: the newest)
  Origin origin;               ///< release: the ext-3.x origin; debug: core of a debug runtime
  Width width;
  bool debug;
};

/// Whether the stack reference an opening made (loop_new, loop_steal, ...) is counted, as both loop
/// oracles print it (tests/conformance/loop_oracle.c, fuzz/header_conformance/real_loop_ops.c): 1
/// counted, 0 uncounted (`skipped`), -1 no reference (a debug check stopped the code that makes it).
inline int counted_flag(const StepResult& made) { return made.negative ? -1 : made.skipped ? 0 : 1; }

/// Nothing for headers older than 3.2 (not modelled).
std::optional<HeaderModel> header_model(const std::string& header_version, int major, int minor,
                                        unsigned bits, bool debug);

/// The runtime whose tables (Py_REFCNT, PyObject_HEAD_INIT, origin codes) the header set matches.
RuntimeSpec runtime_spec(const HeaderModel& model);

/// What the model predicts for the real observation's operation and input word, computed with the
/// per-version semantics functions (incref_311, decref_312, set_314, immortal_312, ...) and, for
/// Py_REFCNT, Runtime::refcnt.
Observation predict(const HeaderModel& model, const Runtime& runtime, const Observation& real);

/// Empty when the model agrees with the real code; else one line naming the header version, the
/// operation, the input word, the real result and the model's result.
std::optional<std::string> disagreement(const HeaderModel& model, const Observation& real,
                                        const Observation& predicted);

/// Empty when the origin's code in the runtime table (Runtime::code + dispatch) gives the same
/// result as the per-version function for this observation; else a message.
std::optional<std::string> dispatch_disagreement(const HeaderModel& model, const Runtime& runtime,
                                                 const Observation& real);

/// Hex of a word zero-padded to the model's width, e.g. "0x00000000ffffffff".
std::string hex(const HeaderModel& model, Word word);

}  // namespace refsim::conformance
