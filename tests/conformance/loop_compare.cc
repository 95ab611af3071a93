// Loop compare: a strict parser for loop_oracle.c's output and the model's prediction per line.
#include "tests/conformance/loop_compare.h"

#include <array>
#include <sstream>

#include "model/semantics/loop.h"
#include "tests/conformance/header_model.h"
#include "tests/conformance/oracle_output.h"

namespace refsim::conformance {
namespace {

constexpr std::array<std::pair<LoopOp, std::string_view>, 12> kNames = {{
    {LoopOp::Add, "ADD"},
    {LoopOp::New, "NEW"},
    {LoopOp::Steal, "STEAL"},
    {LoopOp::Release, "RELEASE"},
    {LoopOp::DupCounted, "DUPC"},
    {LoopOp::DupUncounted, "DUPU"},
    {LoopOp::CloseCounted, "CLOSEC"},
    {LoopOp::CloseUncounted, "CLOSEU"},
    {LoopOp::NewMortal, "NEWM"},
    {LoopOp::NewMortalClosed, "NEWMC"},
    {LoopOp::Immortal, "IMM"},
    {LoopOp::ImmortalClosed, "IMMC"},
}};

bool parse_hex(const std::string& token, Word& out) {
  if (token.empty() || token.size() > 16 || token.find_first_not_of("0123456789abcdef") != std::string::npos)
    return false;
  out = std::stoull(token, nullptr, 16);
  return true;
}

LoopObservation from_step(const LoopObservation& real, const StepResult& r, int counted) {
  LoopObservation o = real;
  o.word = r.word;
  o.dealloc = r.dealloc;
  o.negative = r.negative;
  o.counted = counted;
  return o;
}

/// A reference opened by `opened` (its result), then PyStackRef_CLOSE: the close of a counted one
/// runs on the word the opening left; an uncounted one's touches nothing.
/// A debug check that fires while the reference is made stops the process before the oracle learns
/// whether it is counted: -1, as the oracle prints it.
LoopObservation opened_then_closed(const LoopObservation& real, const Code& core, Width w, const StepResult& opened,
                                   bool closed) {
  const int counted = counted_flag(opened);
  if (!closed || opened.skipped || opened.negative) return from_step(real, opened, counted);
  return from_step(real, loop_close_counted(core, w, opened.word), counted);
}

}  // namespace

std::string_view loop_op_name(LoopOp op) {
  for (const auto& [value, name] : kNames)
    if (value == op) return name;
  return "?";
}

std::variant<LoopReport, std::string> parse_loop_output(std::string_view text) {
  LoopReport report;
  bool saw_headers = false, saw_has = false;
  std::istringstream lines{std::string(text)};
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    std::istringstream in(line);
    std::vector<std::string> t;
    for (std::string token; in >> token;) t.push_back(token);
    const std::string bad = "loop oracle output line " + std::to_string(number) + ": cannot parse \"" + line + "\"";
    if (t.empty()) return bad;
    if (t[0] == "HEADERS") {
      if (t.size() != 5 || (t[3] != "64" && t[3] != "32") || !parse_flag(t[4], report.debug)) return bad;
      report.version = t[1];
      report.bits = t[3] == "64" ? 64 : 32;
      saw_headers = true;
      continue;
    }
    if (t[0] == "HAS") {
      if (t.size() != 3 || !parse_flag(t[1], report.has_refcnt_add) || !parse_flag(t[2], report.has_stack_refs))
        return bad;
      saw_has = true;
      continue;
    }
    LoopObservation o;
    bool known = false;
    for (const auto& [value, name] : kNames)
      if (t[0] == name) o.op = value, known = true;
    const bool with_n = o.op == LoopOp::Add;
    bool ok = known && t.size() == 8 && parse_hex(t[1], o.input) && (with_n ? parse_hex(t[2], o.n) : t[2] == "-") &&
              parse_hex(t[3], o.word) && parse_flag(t[4], o.dealloc) && parse_flag(t[5], o.negative) &&
              parse_flag(t[7], o.immortal);
    bool counted = false;
    if (ok && with_n) ok = t[6] == "-";
    else if (ok && o.negative && t[6] == "-") o.counted = -1;  // a debug check stopped the code that makes it
    else if (ok) ok = parse_flag(t[6], counted), o.counted = counted;
    if (!ok) return bad;
    report.observations.push_back(o);
  }
  if (!saw_headers || !saw_has) return std::string("loop oracle output has no HEADERS or HAS line");
  return report;
}

LoopObservation predict_loop(const Runtime& runtime, const LoopObservation& real) {
  const Code& core = runtime.code(Origin::Core);
  const Width w = runtime.width();
  const Word input = w.wrap(real.input);
  LoopObservation o;
  switch (real.op) {
    case LoopOp::Add: o = from_step(real, refcnt_add(core, w, input, real.n), -1); break;
    case LoopOp::New: o = opened_then_closed(real, core, w, loop_new(core, w, input), false); break;
    case LoopOp::Steal: o = opened_then_closed(real, core, w, loop_steal(core, w, input), false); break;
    case LoopOp::Release: {
      const StepResult stolen = loop_steal(core, w, input);
      o = from_step(real, loop_steal_release(core, w, input), counted_flag(stolen));
      break;
    }
    case LoopOp::DupCounted: o = from_step(real, loop_dup_counted(core, w, input), 1); break;
    case LoopOp::CloseCounted: o = from_step(real, loop_close_counted(core, w, input), 1); break;
    case LoopOp::DupUncounted:
    case LoopOp::CloseUncounted: o = from_step(real, StepResult{.word = input}, 0); break;
    case LoopOp::NewMortal:
    case LoopOp::NewMortalClosed:
      o = opened_then_closed(real, core, w, loop_new_mortal(core, w, input), real.op == LoopOp::NewMortalClosed);
      break;
    case LoopOp::Immortal:
    case LoopOp::ImmortalClosed:
      o = opened_then_closed(real, core, w, loop_immortal(core, w, input), real.op == LoopOp::ImmortalClosed);
      break;
  }
  o.immortal = runtime.immortal(o.word);
  return o;
}

std::optional<std::string> loop_disagreement(const HeaderModel& model, const LoopObservation& real,
                                             const LoopObservation& predicted) {
  if (real.word == predicted.word && real.dealloc == predicted.dealloc && real.negative == predicted.negative &&
      real.counted == predicted.counted && real.immortal == predicted.immortal)
    return std::nullopt;
  const auto text = [&](const LoopObservation& o) {
    return "word=" + hex(model, o.word) + " dealloc=" + std::to_string(o.dealloc) +
           " negative=" + std::to_string(o.negative) + " counted=" + std::to_string(o.counted) +
           " immortal=" + std::to_string(o.immortal);
  };
  std::ostringstream out;
  out << "headers " << model.header_version << " (" << model.width.bits << "-bit, "
      << (model.debug ? "Py_REF_DEBUG" : "release") << ") " << loop_op_name(real.op) << " at "
      << hex(model, real.input) << (real.op == LoopOp::Add ? " n=" + hex(model, real.n) : "") << ": real "
      << text(real) << "; model " << text(predicted);
  return out.str();
}

}  // namespace refsim::conformance
