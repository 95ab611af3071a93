// Claim input: a byte reader that never fails (missing bytes read as zero and end the operations),
// choices taken modulo the scope's lists, counts clamped to the scope's bounds.
#include "campaign/claim_input.h"

#include <algorithm>

#include "campaign/claim_bytes.h"
#include "fuzz/bytes.h"

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
      op.code = pick(scope.ops, what & 7u);
      op.by = pick(scope.origins, what >> 3);
      if (op.code == OpCode::Repeat && depth >= 2) {  // nesting ends: the innermost operation is a count
        if (std::count(scope.ops.begin(), scope.ops.end(), OpCode::Decref)) op.code = OpCode::Decref;
        else if (std::count(scope.ops.begin(), scope.ops.end(), OpCode::Incref)) op.code = OpCode::Incref;
        else continue;
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
};

/// Paired references: takes and releases of the one object; a release is cut to what is held, the
/// ledger ends when nothing is held, and whatever is held at the end is released by the last code
/// that released (else took) one.
void paired_ops(ByteStream& in, const Scope& scope, const RuntimeSpec& rt, Scenario& s) {
  auto table = [&]() -> const std::vector<Word>& { return fuzz::boundary_table(rt); };
  U128 held = 1, taken = 0;
  std::optional<Origin> closer;
  // Steps in all are refs + 2 * taken (every reference is released once); the closing release
  // is one more node when anything is still held.
  while (!in.done() && held > 0 && s.ops.size() + 1 < scope.max_ops) {
    const std::uint8_t what = in.next();
    Op op;
    op.code = (what & 1u) ? OpCode::Decref : OpCode::Incref;
    op.by = pick(scope.origins, what >> 1);
    if (op.code == OpCode::Incref) {
      const U128 room = (scope.max_steps - 1) / 2 - taken;
      if (room == 0) break;
      op.count = read_count(in, table, static_cast<std::uint64_t>(std::min<U128>(room, scope.max_count)));
      held += op.count;
      taken += op.count;
    } else {
      op.count = read_count(in, table, static_cast<std::uint64_t>(std::min<U128>(held, scope.max_count)));
      held -= op.count;
      closer = op.by;
    }
    s.ops.push_back(op);
  }
  while (held > 0) {
    Op op;
    op.code = OpCode::Decref;
    op.by = closer ? *closer : s.ops.empty() ? pick(scope.origins, 0) : s.ops.back().by;
    op.count = static_cast<std::uint64_t>(std::min<U128>(held, scope.max_count));
    held -= op.count;
    s.ops.push_back(op);
  }
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
  }
  return out;
}

}  // namespace refsim::campaign
