// Free-threaded claim input: the bytes after the claim's become a scenario in the claim's FtScope
// (docs/CLAIMS.md, "Free-threaded claims"): two bytes pick the build, one the number of threads,
// one the number of objects, two per object its kind and owner; then operations, a byte for the
// operation and who runs it, a byte for the object and a count (claim_bytes.h, with the build's
// own edges; set_refcnt's value is such a count less one). Choices are taken modulo the scope's lists; an operation the scope or the threads'
// lifetimes cannot hold is left out, so every input decodes to a scenario in scope.
#include <algorithm>

#include "campaign/claim_bytes.h"
#include "campaign/claim_input.h"
#include "model/freethreaded/ft_outcome.h"

namespace refsim::campaign {

namespace {

using U128 = unsigned __int128;
using ft::FtOp;
using ft::FtOpCode;

bool has(const std::vector<FtActor>& list, FtActor a) { return std::find(list.begin(), list.end(), a) != list.end(); }

/// The counts where a free-threaded build's behaviour changes: the local count's all ones (and the
/// increments from one that reach it), its sign bit, the shared count's maximum, the draft's immortal
/// minimum and initial shared count, _Py_REF_DEFERRED.
std::vector<Word> ft_edges(const ft::FtBuild& b) {
  std::vector<Word> out = {b.local_max(), b.local_max() - 1, Word{1} << (b.local_bits() - 1),
                           static_cast<Word>(b.shared_count_max()), static_cast<Word>(b.shared_count_max()) + 1,
                           static_cast<Word>(b.ref_deferred())};
  if (b.narrow())
    out.insert(out.end(), {static_cast<Word>(b.immortal_min_shared()), static_cast<Word>(b.immortal_initial_shared())});
  return out;
}

struct FtDecoder {
  ByteStream& in;
  const FtScope& scope;
  ft::FtScenario& s;
  std::vector<Word> edges = ft_edges(s.build);
  std::vector<bool> exited = std::vector<bool>(s.threads.size(), false);
  U128 steps = 0;

  std::uint64_t count(U128 room) {
    const auto table = [this]() -> const std::vector<Word>& { return edges; };
    return read_count(in, table, static_cast<std::uint64_t>(std::min<U128>(room, scope.max_count)));
  }

  /// The thread that runs an operation on OBJ as ACTOR (N picks among other threads); kNone when
  /// no live thread can (an immortal object has no owner; a single thread has no other).
  std::size_t thread_for(std::size_t obj, FtActor actor, unsigned n) const {
    const std::size_t owner = s.objects[obj].owner;
    if (actor == FtActor::Owner) return owner != ft::kUnowned && !exited[owner] ? owner : ft::kNone;
    std::vector<std::size_t> others;
    for (std::size_t t = 0; t < s.threads.size(); ++t)
      if (t != owner && !exited[t]) others.push_back(t);
    return others.empty() ? ft::kNone : others[n % others.size()];
  }

  /// One operation from WHAT (after its byte); false when it is left out. `held`: the paired
  /// references (null when not paired).
  bool op(std::uint8_t what, U128* held, FtOp& op) {
    op.code = pick(scope.ops, what & 3u);
    if (op.code == FtOpCode::Merge) {
      op.at = pick(scope.merges, what >> 2);
      op.thread = (what >> 4) % s.threads.size();
      if (exited[op.thread]) return false;
      if (op.at == ft::MergeAt::ThreadExit) exited[op.thread] = true;
      return true;
    }
    op.obj = held ? 0 : in.next() % s.objects.size();
    op.thread = thread_for(op.obj, pick(scope.threads, what >> 2), what >> 3);
    if (op.thread == ft::kNone) return false;
    if (op.code == FtOpCode::SetRefcnt) {  // a value from 0 to max_count (and PY_SSIZE_T_MAX)
      if (held || steps >= scope.max_steps) return false;
      const std::uint64_t top = std::min<std::uint64_t>(scope.max_count, static_cast<std::uint64_t>(s.build.ssize_max()));
      const auto table = [this]() -> const std::vector<Word>& { return edges; };
      op.value = static_cast<std::int64_t>(read_count(in, table, top + 1) - 1);
      ++steps;
      return true;
    }
    if (op.code == FtOpCode::Refcnt) {
      if (held && *held == 0) return false;  // the object is gone
      ++steps;
      return steps <= scope.max_steps;
    }
    if (held) {
      if (*held == 0) return false;
      if (op.code == FtOpCode::Incref) {
        const U128 room = (scope.max_steps - std::min<U128>(steps, scope.max_steps)) / 2;
        if (room == 0) return false;
        op.count = count(room);
        *held += op.count;
        steps += 2 * U128{op.count};
      } else {
        op.count = count(*held);
        *held -= op.count;
      }
      return true;
    }
    if (steps >= scope.max_steps) return false;
    op.count = count(scope.max_steps - steps);
    steps += op.count;
    return true;
  }
};

}  // namespace

ft::FtScenario decode_ft_claim_scenario(const Claim& claim, const std::vector<ft::FtBuild>& builds,
                                        std::span<const std::uint8_t> bytes) {
  const FtScope& scope = *claim.ft_scope;
  ByteStream in(bytes);
  ft::FtScenario s;
  s.name = claim.id;
  s.build = pick(builds, in.next() | (unsigned{in.next()} << 8));
  std::size_t threads = 1 + in.next() % scope.max_threads;
  if (!has(scope.threads, FtActor::Owner)) threads = std::max<std::size_t>(threads, 2);  // the parser allows it
  for (std::size_t t = 0; t < threads; ++t) s.threads.push_back(thread_name(t));
  std::vector<ft::FtKind> kinds;
  for (ft::FtKind k : scope.kinds)
    if (kind_on(s.build, k) && (!scope.paired || k == ft::FtKind::Heap)) kinds.push_back(k);
  const std::size_t objects = scope.paired ? 1 : 1 + in.next() % scope.max_objects;
  for (std::size_t i = 0; i < objects; ++i) {
    ft::FtObjectSpec o;
    o.kind = pick(kinds, in.next());
    o.owner = o.kind == ft::FtKind::Immortal ? ft::kUnowned : in.next() % threads;
    o.id = std::string(name_of(o.kind));
    if (objects > 1) o.id += "-" + std::to_string(i + 1);
    s.objects.push_back(o);
  }
  FtDecoder decoder{in, scope, s};
  U128 held = 1;
  U128* ledger = scope.paired ? &held : nullptr;
  if (scope.paired) decoder.steps = 1;  // the reference the object starts with, released once
  // Paired: the closing release takes one operation when anything is still held.
  while (!in.done() && s.ops.size() + (scope.paired && held > 0 ? 1 : 0) < scope.max_ops) {
    FtOp op;
    if (decoder.op(in.next(), ledger, op)) s.ops.push_back(op);
  }
  if (scope.paired && held > 0) {
    FtOp op;
    op.code = FtOpCode::Decref;
    op.count = static_cast<std::uint64_t>(std::min<U128>(held, scope.max_count));
    // The last thread that released, else the object's owner or any other live thread.
    op.thread = ft::kNone;
    for (auto it = s.ops.rbegin(); it != s.ops.rend() && op.thread == ft::kNone; ++it)
      if (it->code == FtOpCode::Decref && !decoder.exited[it->thread]) op.thread = it->thread;
    for (FtActor actor : scope.threads)
      if (op.thread == ft::kNone) op.thread = decoder.thread_for(0, actor, 0);
    if (op.thread == ft::kNone || op.count != held) {
      // No live thread may close the ledger, or the count bound cuts it: the one reference the
      // object starts with, released by a thread the scope allows (nobody has exited yet).
      s.ops.clear();
      op.count = 1;
      op.thread = has(scope.threads, FtActor::Owner) ? s.objects[0].owner : (s.objects[0].owner == 0 ? 1 : 0);
    }
    s.ops.push_back(op);
  }
  return s;
}

}  // namespace refsim::campaign
