// Oracle output: the lines oracle.c prints, parsed into observations of the real header code.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/width.h"

namespace refsim::conformance {

enum class OracleOp {
  Incref,  ///< Py_INCREF
  Decref,  ///< Py_DECREF
  Set5,    ///< Py_SET_REFCNT(op, 5)
  SetMinus1,  ///< Py_SET_REFCNT(op, -1): 3.14's debug assert(refcnt >= 0)
  Immortal,  ///< _Py_IsImmortal (3.12 and later headers)
  Refcnt,  ///< Py_REFCNT
};

/// The oracle's name for an operation ("INC", "DEC", "SET5", "SETM1", "IMM", "REFCNT").
std::string_view oracle_op_name(OracleOp op);

/// What the real code did to one input word.
struct Observation {
  OracleOp op = OracleOp::Incref;
  Word input = 0;
  Word word = 0;              ///< INC, DEC, SET5, SETM1: the word as the code left it
  bool dealloc = false;       ///< INC, DEC, SET5, SETM1: _Py_Dealloc (or tp_dealloc) was called
  bool negative = false;      ///< _Py_NegativeRefcount was called, or (debug) an assert failed
  std::int64_t value = 0;     ///< IMM: 0 or 1; REFCNT: Py_REFCNT as a signed integer
};

/// Everything one oracle run printed.
struct OracleReport {
  std::string version;        ///< PY_VERSION
  unsigned bits = 0;          ///< 8 * sizeof(Py_ssize_t)
  bool debug = false;         ///< Py_REF_DEBUG was defined
  Word head_init = 0;         ///< the word PyObject_HEAD_INIT gives an extension's static object
  std::vector<Observation> observations;
};

/// An oracle's 0/1 field into `out`; false for any other token.
bool parse_flag(const std::string& token, bool& out);

/// Parses the oracle's output; a message naming the first bad line otherwise.
std::variant<OracleReport, std::string> parse_oracle_output(std::string_view text);

}  // namespace refsim::conformance
