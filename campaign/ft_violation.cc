// Free-threaded violations: which events break which invariant, and the one-line texts.
#include "campaign/ft_violation.h"

#include "campaign/progress.h"
#include "model/freethreaded/biased_refcount.h"
#include "model/freethreaded/ft_engine.h"

namespace refsim::campaign {

namespace {

using ft::FtEventKind;
using ft::FtOpCode;

constexpr const char* kStates[] = {"initial", "maybe-weakref", "queued", "merged"};

std::string what_happened(const ft::FtEventRecord& e) {
  switch (e.kind) {
    case FtEventKind::Deimmortalized: return "loses immortality";
    case FtEventKind::ImmortalByOverflow: return "becomes immortal (its count reached the immortal value)";
    case FtEventKind::LocalWrapped: return "becomes immortal (an owner decref at local 0 wrapped it)";
    case FtEventKind::ImmortalBySetRefcnt: return "becomes immortal (Py_SET_REFCNT)";
    case FtEventKind::Dealloc: return e.premature ? "is freed while references to it remain" : "is freed";
    case FtEventKind::Leak: return "is left alive without references (a leak)";
    case FtEventKind::NegativeRefcount: return "trips the debug build's negative-refcount check";
    case FtEventKind::AssertFailed: return "fails an assert() of the debug build";
    case FtEventKind::UseAfterFree: return "is used after it was freed";
    default: return std::string(name_of(e.kind));
  }
}

/// The operation at PATH (top level only: claim scenarios have no repeats).
const ft::FtOp* op_at(const ft::FtScenario& s, const std::optional<OpPath>& path) {
  if (!path || path->size() != 1 || (*path)[0] >= s.ops.size()) return nullptr;
  return &s.ops[(*path)[0]];
}

}  // namespace

std::string signature_of(const Claim& claim, Invariant invariant, const ft::FtBuild& b) {
  return claim.id + "/" + std::string(name_of(invariant)) + "/" + std::string(ft_family_name(b.version)) + "/" +
         std::to_string(b.ssize_bits);
}

bool breaks(Invariant invariant, const ft::FtEventRecord& e, const ft::FtOutcome& outcome, const ft::FtBuild& b) {
  return breaks(invariant, e, e.obj < outcome.objects.size() && outcome.objects[e.obj].created_immortal, b);
}

bool breaks(Invariant invariant, const ft::FtEventRecord& e, bool immortal, const ft::FtBuild& b) {
  switch (invariant) {
    case Invariant::StaysImmortal: return e.kind == FtEventKind::Deimmortalized && immortal;
    case Invariant::StaysMortal:
      return !immortal && (e.kind == FtEventKind::ImmortalByOverflow || e.kind == FtEventKind::ImmortalBySetRefcnt ||
                           (e.kind == FtEventKind::LocalWrapped && ft::is_immortal(b, e.after)));
    case Invariant::NoFatalOrFreeingDealloc: return e.kind == FtEventKind::Dealloc && immortal;
    case Invariant::NoPrematureFree: return e.kind == FtEventKind::Dealloc && e.premature;
    case Invariant::NoLeak: return e.kind == FtEventKind::Leak;
    case Invariant::NoDebugAbort: return e.kind == FtEventKind::NegativeRefcount || e.kind == FtEventKind::AssertFailed;
    case Invariant::NoUseAfterFree: return e.kind == FtEventKind::UseAfterFree;
  }
  return false;
}

RunVerdict ft_check_claim(const Claim& claim, const ft::FtScenario& s) {
  // The run ends once an event has broken each invariant (check_claim of the default engine).
  FirstBreaks<ft::FtEventRecord> first(claim);
  const ft::FtEnough enough = [&](const ft::FtEventRecord& e, bool created_immortal) {
    return first.note(e, [&](Invariant inv) { return breaks(inv, e, created_immortal, s.build); });
  };
  const ft::FtOutcome outcome = ft::run(s, EngineKind::Fast, kFtClaimMaxEvents, claim_max_work(claim), enough);
  RunVerdict out;
  // A run cut short (the work bound, or more events than are looked at) shows nothing.
  out.gave_up = outcome.gave_up || outcome.events_total > outcome.events.size();
  if (out.gave_up) return out;
  out.violations = first.violations([&](Invariant inv) { return signature_of(claim, inv, s.build); });
  return out;
}

std::vector<std::string> ft_builds_broken(const Claim& claim, Invariant invariant, const ft::FtScenario& scenario) {
  Claim one = claim;
  one.invariants = {invariant};
  std::vector<std::string> out;
  for (const ft::FtVersionRow& row : ft::kFtVersions)
    for (unsigned bits : {64u, 32u})
      for (bool debug : {false, true}) {
        ft::FtScenario s = scenario;
        s.build = ft::FtBuild{row.version, bits, debug};
        if (ft::check(s)) continue;
        if (!ft_check_claim(one, s).violations.empty()) out.push_back(ft_build_name(s.build));
      }
  return out;
}

std::string ft_explain(const ft::FtScenario& s, const ft::FtEventRecord& e) {
  const ft::FtObjectSpec& o = s.objects[e.obj];
  std::string out = "\"" + o.id + "\" (" + std::string(name_of(o.kind)) + ") " + what_happened(e);
  if (e.kind == FtEventKind::Leak) return out;
  out += " at step " + grouped(e.step);
  if (const ft::FtOp* op = op_at(s, e.op)) {
    out += ": " + std::string(name_of(op->code)) + " by " + s.threads[op->thread];
    if (op->code != FtOpCode::Merge) out += actor_of(s, *op) == FtActor::Owner ? " (owner)" : " (other thread)";
  }
  const ft::FtBuild& b = s.build;
  out += "; then local " + std::to_string(e.after.local) + ", shared count " +
         std::to_string(ft::shared_count(b, e.after.shared)) + " (" + kStates[e.after.shared & ft::kFlagMask] + ")";
  return out;
}

std::string ft_one_line(const ft::FtScenario& s) {
  std::string out = ft_build_name(s.build) + ":";
  for (std::size_t i = 0; i < s.ops.size(); ++i) {
    const ft::FtOp& op = s.ops[i];
    out += i ? "; " : " ";
    out += name_of(op.code);
    if (op.code == FtOpCode::Merge) {
      out += " " + s.threads[op.thread] + " at " + std::string(name_of(op.at));
      continue;
    }
    out += " " + s.objects[op.obj].id + " by " + s.threads[op.thread] +
           (actor_of(s, op) == FtActor::Owner ? " (owner)" : " (other)");
    if (op.code == FtOpCode::SetRefcnt) out += " to " + std::to_string(op.value);
    else if (op.code != FtOpCode::Refcnt && op.count != 1) out += " x" + std::to_string(op.count);
  }
  return s.ops.empty() ? out + " no operations" : out;
}

}  // namespace refsim::campaign
