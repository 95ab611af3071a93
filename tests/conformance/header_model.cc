// Header model: maps a header version onto the model's semantics functions and compares.
#include "tests/conformance/header_model.h"

#include <cstdio>
#include <sstream>

#include "model/semantics/step.h"

namespace refsim::conformance {

std::optional<HeaderModel> header_model(const std::string& header_version, int major, int minor,
                                        unsigned bits, bool debug) {
  if (major != 3 || minor < 2) return std::nullopt;
  HeaderModel m{header_version, Family::V311, Version::V3_11, Origin::Ext311, Width{bits}, debug};
  if (minor == 12 || minor == 13) {
    m.family = Family::V312;
    m.version = minor == 12 ? Version::V3_12 : Version::V3_13;
    m.origin = minor == 12 ? Origin::Ext312 : Origin::Ext313;
  } else if (minor >= 14) {
    m.family = Family::V314;
    m.version = minor == 14 ? Version::V3_14 : Version::V3_15;
    m.origin = Origin::Ext314;
  }
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

StepResult incref_of(const HeaderModel& m, Word word) {
  switch (m.family) {
    case Family::V312: return incref_312(m.width, word);
    case Family::V314: return incref_314(m.width, word);
    default: return incref_311(m.width, word);
  }
}

StepResult decref_of(const HeaderModel& m, Word word) {
  switch (m.family) {
    case Family::V312: return decref_312(m.width, word, m.debug);
    case Family::V314: return decref_314(m.width, word, m.debug);
    default: return decref_311(m.width, word, m.debug);
  }
}

StepResult set_of(const HeaderModel& m, Word word, Word value) {
  switch (m.family) {
    case Family::V312: return set_312(m.width, word, value);
    case Family::V314: return set_314(m.width, word, value);
    default: return set_311(m.width, word, value);
  }
}

bool immortal_of(const HeaderModel& m, Word word) {
  switch (m.family) {
    case Family::V312: return immortal_312(m.width, word);
    case Family::V314: return immortal_314(m.width, word);
    default: return false;
  }
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
  const bool step = real.op == OracleOp::Incref || real.op == OracleOp::Decref || real.op == OracleOp::Set5;
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
      direct = set_of(model, input, 5);
      dispatched = set_refcnt(code, model.width, input, 5);
      break;
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
