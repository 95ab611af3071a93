// Mutator: tree edits on decoded programs, counts drawn from boundaries (see mutator.h).
#include "fuzz/mutator.h"

#include <algorithm>
#include <random>

#include "fuzz/bytes.h"
#include "fuzz/parts.h"
#include "fuzz/program.h"
#include "model/runtime.h"

namespace refsim::fuzz {

namespace {

using Rng = std::mt19937_64;

std::uint64_t below(Rng& rng, std::uint64_t n) { return n == 0 ? 0 : rng() % n; }

/// A count near something that matters: a boundary of this runtime and its neighbours, a small
/// number, or a neighbour of the old value.
std::uint64_t draw_count(Rng& rng, const RuntimeSpec& rt, std::uint64_t old) {
  const auto& table = boundary_table(rt);
  switch (below(rng, 8)) {
    case 0: case 1: case 2: {
      const Word base = table[below(rng, table.size())];
      const std::int64_t delta = static_cast<std::int64_t>(below(rng, 5)) - 2;
      return delta < 0 && base < static_cast<Word>(-delta) ? base : base + static_cast<Word>(delta);
    }
    case 3: case 4: return 1 + below(rng, 8);
    case 5: return old + 1;
    case 6: return old > 0 ? old - 1 : 0;
    default: return below(rng, 2) ? old / 2 : old * 2;
  }
}

/// A repeat count: small, so that the scenario stays within kMaxRepeatIterations.
std::uint64_t draw_repeat(Rng& rng) { return 2 + below(rng, std::uint64_t{1} << below(rng, 13)); }

Origin draw_origin(Rng& rng) { return static_cast<Origin>(below(rng, count_of<Origin>())); }

void mutate_runtime(Rng& rng, RuntimeSpec& rt) {
  constexpr unsigned kWidths[] = {64, 32, 16, 8};
  switch (below(rng, 4)) {
    case 0: rt.version = static_cast<Version>(below(rng, count_of<Version>())); break;
    case 1: rt.width = Width{kWidths[below(rng, 4)]}; break;
    case 2: rt.debug = !rt.debug; break;
    default:
      rt.strategy = static_cast<Strategy>(below(rng, count_of<Strategy>()));
      if (rt.strategy == Strategy::PeriodicReset) rt.params.period = std::max<std::uint64_t>(1, draw_count(rng, rt, 1000));
      break;
  }
  if (!strategy_applies(rt.strategy, rt.version)) rt.strategy = Strategy::AsShipped;
}

/// Every block (the top level and each repeat body) of an operation tree.
void blocks(std::vector<Op>& ops, std::vector<std::vector<Op>*>& out) {
  out.push_back(&ops);
  for (Op& op : ops)
    if (op.code == OpCode::Repeat) blocks(op.body, out);
}

Op random_op(Rng& rng, const Scenario& s) {
  Op op;
  const std::uint64_t pick = below(rng, 10);
  op.code = pick < 4 ? OpCode::Decref : pick < 8 ? OpCode::Incref : pick < 9 ? OpCode::SetRefcnt : OpCode::Gc;
  op.obj = below(rng, s.objects.size());
  op.by = draw_origin(rng);
  op.count = below(rng, 2) ? 1 : draw_count(rng, s.runtime, 1);
  if (op.code == OpCode::SetRefcnt) op.value = draw_count(rng, s.runtime, 1) & s.runtime.width.mask();
  return op;
}

/// Makes words and values fit the (possibly new) width again.
void fit(Scenario& s, std::vector<Op>& ops) {
  for (Op& op : ops) {
    op.value &= s.runtime.width.mask();
    fit(s, op.body);
  }
}

void mutate_scenario(Rng& rng, Scenario& s) {
  std::vector<std::vector<Op>*> all;
  blocks(s.ops, all);
  std::vector<Op>& block = *all[below(rng, all.size())];
  const std::size_t n = block.size();
  switch (below(rng, 10)) {
    case 0: mutate_runtime(rng, s.runtime); break;
    case 1: case 2: block.insert(block.begin() + below(rng, n + 1), random_op(rng, s)); break;
    case 3: if (n) block.erase(block.begin() + below(rng, n)); break;
    case 4: if (n > 1) std::swap(block[below(rng, n)], block[below(rng, n)]); break;
    case 5: if (n) block[below(rng, n)].by = draw_origin(rng); break;
    case 6: case 7:
      if (n) {
        Op& op = block[below(rng, n)];
        op.count = op.code == OpCode::Repeat ? draw_repeat(rng) : draw_count(rng, s.runtime, op.count);
      }
      break;
    case 8: {  // wrap a range in a repeat
      if (!n) break;
      const std::size_t from = below(rng, n), to = from + 1 + below(rng, n - from);
      Op repeat;
      repeat.code = OpCode::Repeat;
      repeat.count = draw_repeat(rng);
      repeat.body.assign(block.begin() + from, block.begin() + to);
      block.erase(block.begin() + from, block.begin() + to);
      block.insert(block.begin() + from, std::move(repeat));
      break;
    }
    default: {  // an object: its kind, its word, or a new one
      const std::size_t i = below(rng, s.objects.size());
      ObjectSpec& o = s.objects[i];
      const std::uint64_t what = below(rng, 3);
      if (what == 0) o.kind = static_cast<Kind>(below(rng, count_of<Kind>()));
      else if (what == 1) o.word = o.word ? std::nullopt : std::optional<Word>(draw_count(rng, s.runtime, 1));
      else if (s.objects.size() < kMaxObjects) s.objects.push_back({"", static_cast<Kind>(below(rng, count_of<Kind>())), std::nullopt, 1});
      break;
    }
  }
  for (ObjectSpec& o : s.objects) {
    if (o.word) *o.word &= s.runtime.width.mask();
    if (!o.word && o.kind == Kind::Heap && static_cast<Word>(o.refs) > s.runtime.width.mask()) o.refs = 1;
  }
  fit(s, s.ops);
}

void mutate_ledger(Rng& rng, LedgerProgram& l) {
  auto& steps = l.steps;
  const std::size_t n = steps.size();
  switch (below(rng, 9)) {
    case 0: mutate_runtime(rng, l.runtime); break;
    case 1: case 2: steps.insert(steps.begin() + below(rng, n + 1),
                                 LedgerStep{below(rng, 2) == 0, draw_origin(rng), draw_count(rng, l.runtime, 1)}); break;
    case 3: if (n) steps.erase(steps.begin() + below(rng, n)); break;
    case 4: if (n > 1) std::swap(steps[below(rng, n)], steps[below(rng, n)]); break;
    case 5: if (n) steps[below(rng, n)].by = draw_origin(rng); break;
    case 6: case 7: if (n) { LedgerStep& st = steps[below(rng, n)]; st.count = draw_count(rng, l.runtime, st.count); } break;
    default: if (n) { LedgerStep& st = steps[below(rng, n)]; st.take = !st.take; } break;
  }
  if (l.object.word) *l.object.word &= l.runtime.width.mask();
}

std::optional<std::vector<std::uint8_t>> fitting(const Program& p, std::size_t max_size) {
  auto bytes = encode_program(p);
  if (!bytes || bytes->size() > max_size) return std::nullopt;
  return bytes;
}

}  // namespace

std::optional<std::vector<std::uint8_t>> mutate(Target target, std::span<const std::uint8_t> input,
                                                std::size_t max_size, std::uint64_t seed) {
  if (takes_json(target)) return std::nullopt;
  auto decoded = decode_program(target, input);
  if (!std::holds_alternative<Program>(decoded)) return std::nullopt;
  Rng rng(seed);
  for (int attempt = 0; attempt < 8; ++attempt) {
    Program p = std::get<Program>(decoded);
    const std::uint64_t edits = 1 + below(rng, 3);  // stack a few edits, as libFuzzer does
    for (std::uint64_t e = 0; e < edits; ++e) {
      if (auto* s = std::get_if<Scenario>(&p)) mutate_scenario(rng, *s);
      else mutate_ledger(rng, std::get<LedgerProgram>(p));
    }
    if (auto bytes = fitting(p, max_size)) return bytes;
  }
  return std::nullopt;
}

std::optional<std::vector<std::uint8_t>> cross_over(Target target, std::span<const std::uint8_t> a,
                                                    std::span<const std::uint8_t> b, std::size_t max_size,
                                                    std::uint64_t seed) {
  if (takes_json(target)) return std::nullopt;
  auto da = decode_program(target, a), db = decode_program(target, b);
  if (!std::holds_alternative<Program>(da) || !std::holds_alternative<Program>(db)) return std::nullopt;
  Rng rng(seed);
  Program child = std::get<Program>(da);
  const Program& other = std::get<Program>(db);
  if (auto* s = std::get_if<Scenario>(&child)) {
    const Scenario& t = std::get<Scenario>(other);
    s->ops.resize(below(rng, s->ops.size() + 1));
    for (std::size_t i = below(rng, t.ops.size() + 1); i < t.ops.size(); ++i) s->ops.push_back(t.ops[i]);
    // Operations from the other input name objects by index: keep them in range.
    std::vector<std::vector<Op>*> all;
    blocks(s->ops, all);
    for (auto* block : all)
      for (Op& op : *block) op.obj %= s->objects.size();
    fit(*s, s->ops);
  } else {
    auto& steps = std::get<LedgerProgram>(child).steps;
    const auto& theirs = std::get<LedgerProgram>(other).steps;
    steps.resize(below(rng, steps.size() + 1));
    for (std::size_t i = below(rng, theirs.size() + 1); i < theirs.size(); ++i) steps.push_back(theirs[i]);
  }
  return fitting(child, max_size);
}

}  // namespace refsim::fuzz
