// Header model: maps a header version onto the model's semantics functions and compares.
#include "tests/conformance/header_model.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "model/semantics/step.h"

namespace refsim::conformance {

namespace {

/// The minor of a version row named "3.N" (3.11, 3.12, ...), or nothing (the drafts).
std::optional<int> minor_of(Version version) {
  const std::string_view name = name_of(version);
  if (!name.starts_with("3.")) return std::nullopt;
  int minor = 0;
  for (const char c : name.substr(2)) {
    if (c < '0' || c > '9') return std::nullopt;
    minor = minor * 10 + (c - '0');
  }
  return minor;
}

/// The version row of headers 3.<minor>: the row "3.N" with the largest N <= minor (3.2..3.10
/// have 3.11's arithmetic; headers newer than every row are read as the newest).
Version version_of(int minor) {
  std::optional<Version> best;
  for (const Version v : values_of<Version>()) {
    const std::optional<int> row = minor_of(v);
    if (row && *row <= std::max(minor, 11) && (!best || *row > *minor_of(*best))) best = v;
  }
  return *best;
}

/// The extension origin of headers 3.<minor> on that version: ext-3.<minor> where there is one,
/// else the last extension origin whose code is the version family's (ext-3.14 for 3.15).
Origin origin_of(int minor, Version version) {
  const std::string own = "ext-3." + std::to_string(std::max(minor, 11));
  if (const auto origin = parse_name<Origin>(own)) return *origin;
  std::optional<Origin> found;
  for (const Origin o : values_of<Origin>())
    if (origin_code(o) == family_code(family_of(version))) found = o;
  return *found;
}

}  // namespace

std::optional<HeaderModel> header_model(const std::string& header_version, int major, int minor,
                                        unsigned bits, bool debug) {
  if (major != 3 || minor < 2) return std::nullopt;
  const Version version = version_of(minor);
  HeaderModel m{header_version, family_of(version), version, origin_of(minor, version), Width{bits}, debug};
  // A debug build of the headers is what the core of a Py_REF_DEBUG runtime runs; extensions
  // (the ext-3.x origins) are release builds.
  if (debug) m.origin = Origin::Core;
  return m;
}

RuntimeSpec runtime_spec(const HeaderModel& model) {
  return RuntimeSpec{.version = model.version, .width = model.width, .debug = model.debug,
                     .strategy = Strategy::AsShipped};
}

namespace {

Observation from_step(const Observation& real, const StepResult& r) {
  Observation o{.op = real.op, .input = real.input};
  o.word = r.word;
  o.dealloc = r.dealloc;
  o.negative = r.negative;
  return o;
}

/// The header's inline code: its family's code row (model/semantics/rows.h).
Arith code_of(const HeaderModel& m) { return family_code(m.family); }

StepResult incref_of(const HeaderModel& m, Word word) {
  return with_arith(code_of(m), [&]<class C>() { return C::incref(m.width, word, 0); });
}

StepResult decref_of(const HeaderModel& m, Word word) {
  return with_arith(code_of(m), [&]<class C>() { return C::decref(m.width, word, 0, m.debug); });
}

StepResult set_of(const HeaderModel& m, Word word, Word value) {
  // A debug oracle keeps its assert()s (oracle.c): the debug flag is the build's.
  return with_arith(code_of(m), [&]<class C>() { return C::set(m.width, word, value, 0, m.debug); });
}

bool immortal_of(const HeaderModel& m, Word word) {
  return with_arith(code_of(m), [&]<class C>() { return C::immortal(m.width, word, 0); });
}

std::string step_text(const HeaderModel& m, const Observation& o) {
  return "word=" + hex(m, o.word) + " dealloc=" + std::to_string(o.dealloc) +
         " negative=" + std::to_string(o.negative);
}

std::string value_text(const Observation& o) {
  return o.op == OracleOp::Immortal ? "immortal=" + std::to_string(o.value)
                                    : "Py_REFCNT=" + std::to_string(o.value);
}

}  // namespace

std::string hex(const HeaderModel& model, Word word) {
  char text[32];
  std::snprintf(text, sizeof text, "0x%0*llx", static_cast<int>(model.width.hex_digits()),
                static_cast<unsigned long long>(word));
  return text;
}

Observation predict(const HeaderModel& model, const Runtime& runtime, const Observation& real) {
  const Word input = model.width.wrap(real.input);
  switch (real.op) {
    case OracleOp::Incref: return from_step(real, incref_of(model, input));
    case OracleOp::Decref: return from_step(real, decref_of(model, input));
    case OracleOp::Set5: return from_step(real, set_of(model, input, 5));
    case OracleOp::SetMinus1: return from_step(real, set_of(model, input, model.width.mask()));
    case OracleOp::Immortal: {
      Observation o{.op = real.op, .input = real.input};
      o.value = immortal_of(model, input);
      return o;
    }
    case OracleOp::Refcnt: {
      Observation o{.op = real.op, .input = real.input};
      o.value = runtime.refcnt(input);
      return o;
    }
  }
  return real;
}

std::optional<std::string> disagreement(const HeaderModel& model, const Observation& real,
                                        const Observation& predicted) {
  const bool step = real.op != OracleOp::Immortal && real.op != OracleOp::Refcnt;
  const bool same = step ? real.word == predicted.word && real.dealloc == predicted.dealloc &&
                               real.negative == predicted.negative
                         : real.value == predicted.value;
  if (same) return std::nullopt;
  std::ostringstream out;
  out << "headers " << model.header_version << " (" << model.width.bits << "-bit, "
      << (model.debug ? "Py_REF_DEBUG" : "release") << ") " << oracle_op_name(real.op) << " at "
      << hex(model, real.input) << ": real "
      << (step ? step_text(model, real) : value_text(real)) << "; model "
      << (step ? step_text(model, predicted) : value_text(predicted));
  return out.str();
}

std::optional<std::string> dispatch_disagreement(const HeaderModel& model, const Runtime& runtime,
                                                 const Observation& real) {
  const Code& code = runtime.code(model.origin);
  const Word input = model.width.wrap(real.input);
  StepResult direct, dispatched;
  switch (real.op) {
    case OracleOp::Incref:
      direct = incref_of(model, input);
      dispatched = incref(code, model.width, input);
      break;
    case OracleOp::Decref:
      direct = decref_of(model, input);
      dispatched = decref(code, model.width, input);
      break;
    case OracleOp::Set5:
    case OracleOp::SetMinus1: {
      const Word value = real.op == OracleOp::Set5 ? 5 : model.width.mask();
      direct = set_of(model, input, value);
      dispatched = set_refcnt(code, model.width, input, value);
      break;
    }
    default: return std::nullopt;
  }
  if (direct.word == dispatched.word && direct.dealloc == dispatched.dealloc &&
      direct.negative == dispatched.negative && direct.skipped == dispatched.skipped)
    return std::nullopt;
  return "runtime " + std::string(name_of(model.version)) + (model.debug ? " debug" : "") +
         ", origin " + std::string(name_of(model.origin)) + ": " +
         std::string(oracle_op_name(real.op)) + " at " + hex(model, input) + " dispatches to word=" +
         hex(model, dispatched.word) + " dealloc=" + std::to_string(dispatched.dealloc) +
         " negative=" + std::to_string(dispatched.negative) + ", the header's function gives word=" +
         hex(model, direct.word) + " dealloc=" + std::to_string(direct.dealloc) +
         " negative=" + std::to_string(direct.negative);
}

}  // namespace refsim::conformance
