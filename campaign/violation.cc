// Violation: which events break which invariant, the signature, and the one-line texts.
#include "campaign/violation.h"

#include "campaign/ft_violation.h"
#include "campaign/progress.h"
#include "fuzz/finding.h"
#include "io/report_json.h"
#include "model/engine.h"
#include "model/op_support.h"

namespace refsim::campaign {

namespace {

const Op* op_at(const Scenario& s, const OpPath& path) {
  const std::vector<Op>* list = &s.ops;
  const Op* op = nullptr;
  for (std::uint32_t i : path) {
    if (i >= list->size()) return nullptr;
    op = &(*list)[i];
    list = &op->body;
  }
  return op;
}

std::string what_happened(const Event& e) {
  switch (e.kind) {
    case EventKind::Deimmortalized: return "loses immortality";
    case EventKind::AccidentalImmortal: return "becomes immortal";
    case EventKind::Dealloc: {
      std::string out = "reaches tp_dealloc (" + std::string(e.action ? name_of(*e.action) : "?") + ")";
      if (e.premature) out += " while references to it remain";
      return out;
    }
    case EventKind::Leak: return "is left alive without references (a leak)";
    case EventKind::NegativeRefcount: return "trips the debug build's negative-refcount check";
    case EventKind::UseAfterFree: return "is used after it was freed";
    default: return std::string(name_of(e.kind));
  }
}

std::string ref_name(const Scenario& s, std::size_t ref) {
  return ref < s.refs.size() ? s.refs[ref] : "r" + std::to_string(ref);
}

void ops_line(const Scenario& s, const std::vector<Op>& ops, std::string& out) {
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const Op& op = ops[i];
    if (i) out += "; ";
    out += name_of(op.code);
    if (op.code == OpCode::Repeat) {
      out += " x" + std::to_string(op.count) + " {";
      ops_line(s, op.body, out);
      out += "}";
      continue;
    }
    if (op.code == OpCode::Gc) continue;
    if (op.code == OpCode::StackDup || op.code == OpCode::StackClose) {  // a stack reference, by its name
      out += " " + ref_name(s, op.ref);
      if (op.code == OpCode::StackDup) out += " as " + ref_name(s, op.ref_to);
      continue;
    }
    out += " " + s.objects[op.obj].id;
    if (!runtime_only(op.code)) out += " by " + std::string(name_of(op.by));  // the runtime's own code has no origin
    if (opens_stack_ref(op.code)) out += " as " + ref_name(s, op.ref);
    if (op.code == OpCode::SetRefcnt) out += " to " + hex_word(s.runtime.width, op.value);
    if (op.code == OpCode::RefcntAdd) out += " n=" + std::to_string(op.value);
    if (op.code != OpCode::SetRefcnt && op.count != 1) out += " x" + std::to_string(op.count);
  }
}

}  // namespace

std::string_view family_name(Family family) { return family_label(family); }

std::string signature_of(const Claim& claim, Invariant invariant, const RuntimeSpec& rt) {
  return claim.id + "/" + std::string(name_of(invariant)) + "/" + std::string(family_name(family_of(rt.version))) +
         "/" + std::to_string(rt.width.bits);
}

bool breaks(Invariant invariant, const Event& e, const Outcome& outcome) {
  return breaks(invariant, e, e.obj < outcome.objects.size() && outcome.objects[e.obj].created_immortal);
}

bool breaks(Invariant invariant, const Event& e, bool immortal) {
  switch (invariant) {
    case Invariant::StaysImmortal: return e.kind == EventKind::Deimmortalized && immortal;
    case Invariant::StaysMortal: return e.kind == EventKind::AccidentalImmortal;
    case Invariant::NoFatalOrFreeingDealloc:
      return e.kind == EventKind::Dealloc &&
             (e.action == Action::Fatal || e.action == Action::FreeStatic || (e.action == Action::Freed && immortal));
    case Invariant::NoPrematureFree: return e.kind == EventKind::Dealloc && e.premature;
    case Invariant::NoLeak: return e.kind == EventKind::Leak;
    case Invariant::NoDebugAbort: return e.kind == EventKind::NegativeRefcount;
    case Invariant::NoUseAfterFree: return e.kind == EventKind::UseAfterFree;
  }
  return false;
}

RunVerdict check_claim(const Claim& claim, const ClaimScenario& scenario) {
  if (const auto* threaded = std::get_if<ft::FtScenario>(&scenario)) return ft_check_claim(claim, *threaded);
  return check_claim(claim, std::get<Scenario>(scenario));
}

RunVerdict check_claim(const Claim& claim, const Scenario& s) {
  RunLimits limits;
  limits.max_events = fuzz::kMaxEvents;
  limits.first_of_each_kind = true;
  // The verdict needs each distinct event once; the fast engine then jumps the exact cycles a reset
  // strategy makes (tp_dealloc puts the word back, round after round) instead of giving up.
  limits.distinct_events = true;
  // Nor does it read the words: a translated cycle's rounds (a 64-bit word drifting by 2^32 a round
  // through the immortality test's bands) repeat their events too, and are jumped.
  limits.distinct_ignores_words = true;
  limits.max_work = claim_max_work(claim);
  // The run ends once an event has broken each invariant: the verdict is known there.
  FirstBreaks<Event> first(claim);
  limits.enough = [&](const Event& e, bool created_immortal) {
    return first.note(e, [&](Invariant inv) { return breaks(inv, e, created_immortal); });
  };
  const Outcome outcome = run(s, EngineKind::Fast, limits);
  RunVerdict out;
  out.gave_up = outcome.gave_up;
  if (outcome.gave_up) return out;  // a run cut short shows nothing: its end is not the scenario's
  out.violations = first.violations([&](Invariant inv) { return signature_of(claim, inv, s.runtime); });
  return out;
}

std::vector<Violation> violations(const Claim& claim, const ClaimScenario& scenario) {
  return check_claim(claim, scenario).violations;
}

std::vector<Violation> violations(const Claim& claim, const Scenario& scenario) {
  return check_claim(claim, scenario).violations;
}

std::optional<CheckedInput> check_claim_input(const ClaimSet& set, std::span<const std::uint8_t> bytes) {
  auto input = decode_claim_input(set, bytes);
  if (!input) return std::nullopt;
  RunVerdict verdict = check_claim(set.claims()[input->claim], input->scenario);
  return CheckedInput{input->claim, std::move(verdict.violations), verdict.gave_up};
}

std::string explain(const ClaimScenario& scenario, const Violation& v) {
  if (const auto* threaded = std::get_if<ft::FtScenario>(&scenario))
    return ft_explain(*threaded, std::get<ft::FtEventRecord>(v.event));
  const Scenario& s = std::get<Scenario>(scenario);
  const Event& e = std::get<Event>(v.event);
  const ObjectSpec& o = s.objects[e.obj];
  std::string out = "\"" + o.id + "\" (" + std::string(name_of(o.kind)) + ") " + what_happened(e);
  if (e.kind == EventKind::Leak) return out;
  out += " at step " + grouped(e.step);
  if (e.op)
    if (const Op* op = op_at(s, *e.op)) {
      out += ": " + std::string(name_of(op->code));
      if (!runtime_only(op->code)) out += " by " + std::string(name_of(op->by));
    }
  out += ", word " + hex_word(s.runtime.width, e.word_before) + " -> " + hex_word(s.runtime.width, e.word_after);
  return out;
}

std::string one_line(const ClaimScenario& scenario) {
  if (const auto* threaded = std::get_if<ft::FtScenario>(&scenario)) return ft_one_line(*threaded);
  const Scenario& s = std::get<Scenario>(scenario);
  std::string out = fuzz::runtime_signature(s.runtime) + ":";
  std::string ops;
  ops_line(s, s.ops, ops);
  return out + " " + (ops.empty() ? std::string("no operations") : ops);
}

}  // namespace refsim::campaign
