// Claim input: a byte reader that never fails (missing bytes read as zero and end the operations),
// choices taken modulo the scope's lists, counts clamped to the scope's bounds.
#include "campaign/claim_input.h"

#include <algorithm>

#include "campaign/claim_bytes.h"
#include "fuzz/bytes.h"
#include "fuzz/pairing.h"
#include "fuzz/parts.h"
#include "model/op_support.h"

namespace refsim::campaign {

namespace {

using U128 = unsigned __int128;

struct Decoder {
  ByteStream& in;
  const Scope& scope;
  const RuntimeSpec& rt;
  std::size_t objects;
  unsigned nodes = 0;
  U128 steps = 0;
  std::vector<std::size_t> open = {};  ///< open stack references (slots), top level only
  std::size_t slots = 0;          ///< slots ever used: the scenario names r0 .. r(slots - 1)

  /// The runtime's boundary table, looked up only when a count names an entry.
  auto edges() const {
    return [this]() -> const std::vector<Word>& { return fuzz::boundary_table(rt); };
  }

  /// Operations until the input or the node budget ends; `depth` bounds repeat nesting.
  std::vector<Op> ops(unsigned wanted, int depth) {
    std::vector<Op> out;
    while (out.size() < wanted && !in.done() && nodes < scope.max_ops && steps < scope.max_steps) {
      const std::uint8_t what = in.next();
      Op op;
      // Bits 0-2 pick the operation; a scope of more than 8 (the runtime's own listed) takes the next byte.
      op.code = pick(scope.ops, scope.ops.size() > 8 ? in.next() : what & 7u);
      op.by = pick(scope.origins, what >> 3);
      if (op.code == OpCode::Repeat && depth >= 2) {  // nesting ends: the innermost operation is a count
        if (std::count(scope.ops.begin(), scope.ops.end(), OpCode::Decref)) op.code = OpCode::Decref;
        else if (std::count(scope.ops.begin(), scope.ops.end(), OpCode::Incref)) op.code = OpCode::Incref;
        else continue;
      }
      if (runtime_only(op.code)) {
        // The runtime's own operations: on runtimes that have them, stack references at the top
        // level only (a repeat body would have to close each one it opens).
        if (op_unavailable(op.code, rt) || !runtime_op(op, depth)) continue;
        ++nodes;
        steps += op.count;
        out.push_back(op);
        continue;
      }
      ++nodes;
      if (op.code == OpCode::Gc) {
        op.by = Origin::Core;
        out.push_back(op);
        continue;
      }
      if (op.code == OpCode::Repeat) {
        const std::uint64_t times = read_count(in, edges(), scope.max_count);
        const U128 before = steps;
        steps = 0;
        op.body = ops(1 + in.next() % 3u, depth + 1);
        const U128 per = steps;
        steps = before;
        if (op.body.empty() || per == 0) continue;
        const U128 room = (scope.max_steps - steps) / per;
        op.count = static_cast<std::uint64_t>(std::min<U128>(times, room));
        if (op.count == 0) continue;
        steps += per * op.count;
        out.push_back(std::move(op));
        continue;
      }
      op.obj = in.next() % objects;
      if (op.code == OpCode::SetRefcnt) {
        op.value = read_count(in, edges(), ~std::uint64_t{0}) & rt.width.mask();
        ++steps;
      } else {
        const std::uint64_t room = static_cast<std::uint64_t>(std::min<U128>(scope.max_steps - steps, scope.max_count));
        op.count = read_count(in, edges(), room);
        steps += op.count;
      }
      out.push_back(op);
    }
    return out;
  }

  /// Fills in a runtime operation; false when it cannot run here (no stack reference open, or none
  /// free, or inside a repeat).
  bool runtime_op(Op& op, int depth) {
    op.by = Origin::Core;
    if (op.code == OpCode::StealRelease || op.code == OpCode::RefcntAdd) {
      op.obj = in.next() % objects;
      if (op.code == OpCode::RefcntAdd) op.value = read_count(in, edges(), refcnt_add_max(rt.width));
      else op.count = read_count(in, edges(), static_cast<std::uint64_t>(std::min<U128>(scope.max_steps - steps, scope.max_count)));
      return true;
    }
    if (depth > 0) return false;
    if (op.code == OpCode::StackClose || op.code == OpCode::StackDup) {
      if (open.empty()) return false;
      const std::size_t at = in.next() % open.size();
      op.ref = open[at];
      if (op.code == OpCode::StackClose) {
        open.erase(open.begin() + static_cast<std::ptrdiff_t>(at));
        return true;
      }
      if (open.size() == fuzz::kMaxStackRefs) return false;
      op.ref_to = free_slot();
      open.push_back(op.ref_to);
      return true;
    }
    if (open.size() == fuzz::kMaxStackRefs) return false;  // an opening: LOAD_CONST, a call result, ...
    op.obj = in.next() % objects;
    op.ref = free_slot();
    open.push_back(op.ref);
    return true;
  }

  std::size_t free_slot() {
    const std::size_t slot = fuzz::lowest_free_slot(open);
    slots = std::max(slots, slot + 1);
    return slot;
  }
};

/// The interpreter loop's acts a paired scope lists and the runtime has (fuzz/program.h).
std::vector<fuzz::LoopAct> loop_acts(const Scope& scope, const RuntimeSpec& rt) {
  std::vector<fuzz::LoopAct> out;
  for (fuzz::LoopAct act : fuzz::kLoopActs) {
    const OpCode code = *fuzz::loop_op(act);
    if (std::find(scope.ops.begin(), scope.ops.end(), code) != scope.ops.end() && !op_unavailable(code, rt))
      out.push_back(act);
  }
  return out;
}

/// Paired references: takes and releases of the one object, the mortal_accounting ledger's rules
/// (fuzz/pairing.h): a release is cut to what is held, the ledger ends when nothing is held, and
/// whatever is held at the end is released by the last code that released (else took) one. Where
/// the scope lists the runtime's own operations, a byte with its top bit set is one of them.
void paired_ops(ByteStream& in, const Scope& scope, const RuntimeSpec& rt, Scenario& s) {
  auto table = [&]() -> const std::vector<Word>& { return fuzz::boundary_table(rt); };
  const std::vector<fuzz::LoopAct> acts = loop_acts(scope, rt);
  fuzz::LedgerPairing ledger(s, 1);
  U128 taken = 0;
  // Steps in all are refs + 2 * taken (every reference is released once; _Py_RefcntAdd's n counted
  // as n takes); the closing operations are one node per open stack reference and one more when
  // anything is still held.
  while (!in.done() && ledger.alive() && s.ops.size() + ledger.open_refs() + 1 < scope.max_ops) {
    const std::uint8_t what = in.next();
    const U128 room = (scope.max_steps - 1) / 2 - taken;
    fuzz::LedgerStep step;
    if (!acts.empty() && (what & 0x80u)) {
      step.loop = pick(acts, what & 0x7fu);
      step.take = fuzz::loop_takes(step.loop);
      if (step.take && room == 0) break;
      const bool opens = step.take && step.loop != fuzz::LoopAct::RefcntAdd;
      if (opens && s.ops.size() + ledger.open_refs() + 3 > scope.max_ops) continue;  // no room for its close
      if (step.loop == fuzz::LoopAct::RefcntAdd) {
        step.count = read_count(in, table, static_cast<std::uint64_t>(std::min<U128>(
                                               {room, scope.max_count, refcnt_add_max(rt.width)})));
      } else if (step.loop == fuzz::LoopAct::StealRelease) {
        if (ledger.held() == 0) continue;
        step.count = read_count(in, table, static_cast<std::uint64_t>(std::min<U128>(ledger.held(), scope.max_count)));
      } else if (fuzz::loop_has_number(step.loop)) {
        step.count = 1 + in.next() % fuzz::kMaxStackRefs;  // a depth
      }
      // Steps: an opening and its close are 2, as one reference taken; so are a steal and its close
      // (the steal adds one step to the release it takes over); _Py_RefcntAdd is 1 + n <= 2n.
      if (step.loop == fuzz::LoopAct::RefcntAdd) taken += step.count;
      else if (step.take) taken += 1;
    } else {
      step.take = !(what & 1u);
      step.by = pick(scope.origins, what >> 1);
      if (step.take) {
        if (room == 0) break;
        step.count = read_count(in, table, static_cast<std::uint64_t>(std::min<U128>(room, scope.max_count)));
        taken += step.count;
      } else {
        if (ledger.held() == 0) continue;  // only stack references are left
        step.count = read_count(in, table, static_cast<std::uint64_t>(std::min<U128>(ledger.held(), scope.max_count)));
      }
    }
    ledger.step(step);
  }
  ledger.finish(scope.max_count, pick(scope.origins, 0));
}

}  // namespace

ClaimSet::ClaimSet(std::vector<Claim> claims) : claims_(std::move(claims)) {
  for (const Claim& c : claims_) {
    runtimes_.push_back(c.ft_scope ? std::vector<RuntimeSpec>{} : runtimes_of(c.scope));
    builds_.push_back(c.ft_scope ? ft_builds_of(*c.ft_scope) : std::vector<ft::FtBuild>{});
  }
}

std::uint64_t claim_max_work(const Claim& claim) {
  const unsigned ops = claim.ft_scope ? claim.ft_scope->max_ops : claim.scope.max_ops;
  return std::max(kClaimMinWork, kClaimWorkPerOp * ops);
}

std::optional<ClaimInput> decode_claim_input(const ClaimSet& set, std::span<const std::uint8_t> bytes) {
  if (bytes.size() < 5 || set.claims().empty()) return std::nullopt;
  ByteStream in(bytes);
  ClaimInput out;
  out.claim = in.next() % set.claims().size();
  if (set.claims()[out.claim].ft_scope) {
    out.scenario = decode_ft_claim_scenario(set.claims()[out.claim], set.builds(out.claim), bytes.subspan(1));
    return out;
  }
  const Scope& scope = set.claims()[out.claim].scope;
  const unsigned runtime = in.next() | (unsigned{in.next()} << 8);
  Scenario& s = out.scenario.emplace<Scenario>();
  s.name = set.claims()[out.claim].id;
  s.runtime = pick(set.runtimes(out.claim), runtime);
  const std::size_t objects = scope.paired ? 1 : 1 + in.next() % scope.max_objects;
  for (std::size_t i = 0; i < objects; ++i) {
    ObjectSpec o;
    o.kind = pick(scope.kinds, in.next());
    o.id = std::string(name_of(o.kind));
    for (const ObjectSpec& other : s.objects)
      if (other.id == o.id) o.id += "-" + std::to_string(i + 1);
    s.objects.push_back(o);
  }
  if (scope.paired) {
    paired_ops(in, scope, s.runtime, s);
  } else {
    Decoder decoder{in, scope, s.runtime, objects};
    s.ops = decoder.ops(scope.max_ops, 0);
    for (std::size_t r = 0; r < decoder.slots; ++r) s.refs.push_back("r" + std::to_string(r));
  }
  return out;
}

}  // namespace refsim::campaign
