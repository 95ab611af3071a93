// Scenarios: objects and operation trees, built inside one rc::gen::exec so that every drawn value
// shrinks and the budget is kept by construction.
#include "props/gen/scenario.h"

#include <algorithm>

#include "model/op_support.h"
#include "props/gen/counts.h"
#include "props/gen/runtime.h"
#include "props/support/facts.h"

namespace refsim::props::gen {

namespace {

std::uint64_t cap64(U128 v) { return v > UINT64_MAX ? UINT64_MAX : static_cast<std::uint64_t>(v); }

struct Builder {
  RuntimeSpec rt;
  Shape shape;
  int size = 0;
  std::vector<Word> nominal;  ///< each object's word if every operation counted (for aiming)

  Op leaf(U128& budget) {
    std::vector<OpCode> codes;
    if (shape.incref) codes.insert(codes.end(), 4, OpCode::Incref);
    if (shape.decref) codes.insert(codes.end(), 4, OpCode::Decref);
    if (shape.set_refcnt) codes.push_back(OpCode::SetRefcnt);
    if (shape.gc || codes.empty()) codes.push_back(OpCode::Gc);
    if (shape.runtime_ops)
      for (OpCode code : {OpCode::StealRelease, OpCode::StealRelease, OpCode::RefcntAdd})
        if (!op_unavailable(code, rt)) codes.push_back(code);
    Op op;
    op.code = *pick(codes);
    if (op.code == OpCode::Gc) return op;
    op.obj = static_cast<std::size_t>(*uniform(0, nominal.size() - 1));
    Word& w = nominal[op.obj];
    if (runtime_only(op.code)) {  // run as core; aimed like a decref, or n at a time
      const bool add = op.code == OpCode::RefcntAdd;
      op.value = add ? *log_uniform(1, std::min<Word>(refcnt_add_max(rt.width), Word{1} << 20)) : 0;
      op.count = add ? std::min<std::uint64_t>(*uniform(0, 3), cap64(budget))
                     : *count(rt, w, false, cap64(budget));
      w = rt.width.wrap(add ? w + op.value * op.count : w - op.count);
      budget -= op.count;
      return op;
    }
    op.by = *origin(shape.origins);
    if (op.code == OpCode::SetRefcnt) {
      op.value = *word(rt);
      op.count = std::min<std::uint64_t>(*uniform(0, 2), cap64(budget));
      if (op.count > 0) w = op.value;
    } else {
      const bool up = op.code == OpCode::Incref;
      op.count = *count(rt, w, up, cap64(budget));
      w = rt.width.wrap(up ? w + op.count : w - op.count);
    }
    budget -= op.count;
    return op;
  }

  std::vector<std::string> refs;  ///< the stack references opened so far

  /// A stack reference opened (one of kStackOpens) on an object, some operations, maybe a duplicate
  /// opened and closed, then the close: balanced, so it fits in any repeat body.
  void group(std::vector<Op>& out, int depth, U128& budget, U128 iterations) {
    budget -= 4;  // the group's own operations: open, close, and maybe a duplicate's two
    Op open;
    open.code = kStackOpens[*uniform(0, std::size(kStackOpens) - 1)];
    open.obj = static_cast<std::size_t>(*uniform(0, nominal.size() - 1));
    open.ref = refs.size();
    refs.push_back("r" + std::to_string(open.ref));
    out.push_back(open);
    for (Op& op : ops(depth + 1, budget, iterations)) out.push_back(std::move(op));
    if (*rc::gen::arbitrary<bool>()) {
      Op dup;
      dup.code = OpCode::StackDup;
      dup.ref = open.ref;
      dup.ref_to = refs.size();
      refs.push_back("r" + std::to_string(dup.ref_to));
      Op close_dup;
      close_dup.code = OpCode::StackClose;
      close_dup.ref = dup.ref_to;
      out.push_back(dup);
      out.push_back(close_dup);
    }
    Op close;
    close.code = OpCode::StackClose;
    close.ref = open.ref;
    out.push_back(close);
  }

  std::vector<Op> ops(int depth, U128& budget, U128 iterations) {
    std::vector<Op> out;
    const auto n = *uniform(1, 1 + static_cast<std::uint64_t>(std::clamp(size / 15, 0, 6)));
    for (std::uint64_t i = 0; i < n; ++i) {
      if (depth < shape.max_depth && iterations > 0 && *uniform(0, 3) == 0) {
        // The count first, then a body that fits count times in what is left.
        Op rep;
        rep.code = OpCode::Repeat;
        rep.count = *log_uniform(0, cap64(std::min(iterations, budget)));
        const U128 times = std::max<std::uint64_t>(rep.count, 1);
        const std::vector<Word> before = nominal;
        U128 body_budget = budget / times;
        rep.body = ops(depth + 1, body_budget, iterations / times - 1);
        for (std::size_t k = 0; k < nominal.size(); ++k)  // the iterations repeat the body's drift
          nominal[k] = rt.width.wrap(before[k] + (nominal[k] - before[k]) * rep.count);
        budget -= expanded_steps(rep.body) * rep.count;
        out.push_back(std::move(rep));
      } else if (shape.runtime_ops && budget >= 8 && !op_unavailable(OpCode::StackNew, rt) && *uniform(0, 5) == 0) {
        group(out, depth, budget, iterations);
      } else {
        out.push_back(leaf(budget));
      }
    }
    return out;
  }
};

}  // namespace

U128 fast_budget(const RuntimeSpec& rt) {
  // A word that goes round a cycle costs a few cells per round until the engine notices the cycle,
  // which it does only once its kept events are full and from the word it marked then (a word that
  // enters its cycle later is not noticed): the budget keeps the rounds to about 2^20.
  U128 budget = U128{1} << (rt.width.bits == 64 ? 40 : rt.width.bits == 32 ? 44 : rt.width.bits == 16 ? 30 : 24);
  if (rt.strategy == Strategy::PeriodicReset) budget = std::min<U128>(budget, U128{rt.params.period} << 12);
  return budget;
}

rc::Gen<Word> immortal_word(const RuntimeSpec& rt) {
  const Facts f(rt);
  const Width w = f.width();
  // The band as [lo, hi] of the bits the test reads (the word, the low half, the bits up to a draft's).
  const Band band = f.band().value_or(Band{0, 0, w.mask()});
  const Word lo = band.lo, hi = band.hi;
  return rc::gen::exec([=] {
    const auto where = *uniform(0, 3);
    Word x = where == 0 ? lo + *uniform(0, 3)
             : where == 1 ? hi - *uniform(0, 3)
                          : lo + *log_uniform(0, hi - lo);
    x = std::clamp(x, lo, hi);
    // Where the test reads part of the word (a low half, a bit), anything may sit above that part.
    if (band.bits != w.mask() && *uniform(0, 2) == 0) x |= *word(rt) & ~band.bits & w.mask();
    return x;
  });
}

rc::Gen<Scenario> scenario(const RuntimeSpec& rt, const Shape& shape) {
  return rc::gen::exec([=] {
    Scenario s;
    s.name = "prop";
    s.runtime = rt;
    Builder b{rt, shape, *rc::gen::withSize([](int size) { return rc::gen::just(size); }), {}, {}};
    const Facts facts(rt);
    const auto n = *uniform(1, static_cast<std::uint64_t>(shape.max_objects));
    for (std::uint64_t i = 0; i < n; ++i) {
      ObjectSpec o;
      o.id = "o" + std::to_string(i);
      o.kind = *kind(shape.kinds);
      o.refs = static_cast<Int128>(*uniform(0, 4));
      if (shape.immortal_objects) {
        if (!facts.immortal(facts.initial(o.kind, o.refs)) || *rc::gen::arbitrary<bool>()) o.word = *immortal_word(rt);
      } else if (shape.explicit_words && *rc::gen::arbitrary<bool>()) {
        o.word = *word(rt);
      } else if (o.kind == Kind::Heap) {
        o.refs = std::min<Word>(*word(rt), std::min<Word>(rt.width.mask(), INT64_MAX));
      }
      b.nominal.push_back(o.word ? *o.word : facts.initial(o.kind, o.refs));
      s.objects.push_back(std::move(o));
    }
    U128 budget = shape.budget;
    s.ops = b.ops(0, budget, shape.iterations);
    s.refs = b.refs;
    if (const auto error = check(s)) RC_FAIL("generated an invalid scenario: " + error->path + ": " + error->message);
    return s;
  });
}

}  // namespace refsim::props::gen
