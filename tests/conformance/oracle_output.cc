// Oracle output: a strict line parser for oracle.c's output (see the format in oracle.c).
#include "tests/conformance/oracle_output.h"

#include <sstream>

namespace refsim::conformance {
namespace {

bool parse_word(const std::string& token, Word& out) {
  if (token.empty()) return false;
  std::size_t used = 0;
  try {
    out = std::stoull(token, &used, 16);
  } catch (...) {
    return false;
  }
  return used == token.size();
}

}  // namespace

bool parse_flag(const std::string& token, bool& out) {
  if (token != "0" && token != "1") return false;
  out = token == "1";
  return true;
}

std::string_view oracle_op_name(OracleOp op) {
  switch (op) {
    case OracleOp::Incref: return "INC";
    case OracleOp::Decref: return "DEC";
    case OracleOp::Set5: return "SET5";
    case OracleOp::SetMinus1: return "SETM1";
    case OracleOp::Immortal: return "IMM";
    case OracleOp::Refcnt: return "REFCNT";
  }
  return "?";
}

std::variant<OracleReport, std::string> parse_oracle_output(std::string_view text) {
  OracleReport report;
  bool saw_headers = false, saw_head_init = false;
  std::istringstream lines{std::string(text)};
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    std::istringstream in(line);
    std::string tag, a, b, c, d, extra;
    in >> tag >> a >> b >> c >> d >> extra;
    const auto bad = [&] { return "oracle output line " + std::to_string(number) + ": cannot parse \"" + line + "\""; };
    bool ok = extra.empty();
    if (tag == "HEADERS") {
      bool debug = false;
      ok = ok && !a.empty() && (c == "64" || c == "32") && parse_flag(d, debug);
      if (!ok) return bad();
      report.version = a;
      report.bits = static_cast<unsigned>(std::stoul(c));
      report.debug = debug;
      saw_headers = true;
      continue;
    }
    if (tag == "HEAD_INIT") {
      if (!(ok && b.empty() && parse_word(a, report.head_init))) return bad();
      saw_head_init = true;
      continue;
    }
    Observation obs;
    if (tag == "INC" || tag == "DEC" || tag == "SET5" || tag == "SETM1") {
      obs.op = tag == "INC"    ? OracleOp::Incref
               : tag == "DEC"  ? OracleOp::Decref
               : tag == "SET5" ? OracleOp::Set5
                               : OracleOp::SetMinus1;
      ok = ok && parse_word(a, obs.input) && parse_word(b, obs.word) && parse_flag(c, obs.dealloc) &&
           parse_flag(d, obs.negative);
    } else if (tag == "IMM") {
      bool immortal = false;
      obs.op = OracleOp::Immortal;
      ok = ok && c.empty() && parse_word(a, obs.input) && parse_flag(b, immortal);
      obs.value = immortal;
    } else if (tag == "REFCNT") {
      obs.op = OracleOp::Refcnt;
      ok = ok && c.empty() && parse_word(a, obs.input) && !b.empty();
      if (ok) {
        try {
          std::size_t used = 0;
          obs.value = std::stoll(b, &used, 10);
          ok = used == b.size();
        } catch (...) {
          ok = false;
        }
      }
    } else {
      ok = false;
    }
    if (!ok) return bad();
    report.observations.push_back(obs);
  }
  if (!saw_headers || !saw_head_init) return std::string("oracle output has no HEADERS or HEAD_INIT line");
  return report;
}

}  // namespace refsim::conformance
