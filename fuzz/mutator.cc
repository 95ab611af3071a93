// Mutator: tree edits on decoded programs, chosen from named, weighted tables (as libFuzzer's
// MutationDispatcher), counts drawn from boundaries; repair() (model/scenario.h) makes the result
// valid again.
#include "fuzz/mutator.h"

#include <algorithm>
#include <array>
#include <random>
#include <span>
#include <vector>

#include "fuzz/bytes.h"
#include "fuzz/parts.h"
#include "fuzz/program.h"
#include "model/op_support.h"
#include "model/runtime.h"
#include "model/semantics/rows.h"

namespace refsim::fuzz {

namespace {

using Rng = std::mt19937_64;

std::uint64_t below(Rng& rng, std::uint64_t n) { return n == 0 ? 0 : rng() % n; }

/// One named mutation of a program and how often it is chosen (relative to its table's total).
template <class P>
struct Mutation {
  std::string_view name;
  unsigned weight;
  void (*apply)(Rng&, P&);
};

template <class P>
const Mutation<P>& pick(Rng& rng, std::span<const Mutation<P>> table) {
  unsigned total = 0;
  for (const auto& m : table) total += m.weight;
  auto n = static_cast<unsigned>(below(rng, total));
  for (const auto& m : table) {
    if (n < m.weight) return m;
    n -= m.weight;
  }
  return table.front();
}

/// A count being drawn: the runtime whose boundaries it may aim at, and the count (the old one in,
/// the drawn one out).
struct CountDraw {
  const RuntimeSpec& runtime;
  std::uint64_t count;
};

void near_boundary(Rng& rng, CountDraw& c) {
  const auto& table = boundary_table(c.runtime);
  const Word base = table[below(rng, table.size())];
  const std::int64_t delta = static_cast<std::int64_t>(below(rng, 5)) - 2;
  c.count = delta < 0 && base < static_cast<Word>(-delta) ? base : base + static_cast<Word>(delta);
}
void small_count(Rng& rng, CountDraw& c) { c.count = 1 + below(rng, 8); }
void one_more(Rng&, CountDraw& c) { ++c.count; }
void one_less(Rng&, CountDraw& c) { c.count = c.count > 0 ? c.count - 1 : 0; }
void halve_or_double(Rng& rng, CountDraw& c) { c.count = below(rng, 2) ? c.count / 2 : c.count * 2; }

/// How a count is drawn: near something that matters (a boundary of the runtime and its
/// neighbours, a small number) or next to the old value; the weights keep the proportions the
/// mutator has always had (3, 2, 1, 1, 1 in 8).
constexpr Mutation<CountDraw> kCountDraws[] = {
    {"CountNearBoundary", 3, near_boundary}, {"CountSmall", 2, small_count},
    {"CountPlusOne", 1, one_more},           {"CountMinusOne", 1, one_less},
    {"CountHalfOrDouble", 1, halve_or_double},
};

/// A count drawn from kCountDraws.
std::uint64_t draw_count(Rng& rng, const RuntimeSpec& rt, std::uint64_t old) {
  CountDraw c{rt, old};
  pick<CountDraw>(rng, kCountDraws).apply(rng, c);
  return c.count;
}

/// A repeat count: small, so that the scenario stays within kMaxRepeatIterations.
std::uint64_t draw_repeat(Rng& rng) { return 2 + below(rng, std::uint64_t{1} << below(rng, 13)); }

template <class E>
E draw(Rng& rng) { return values_of<E>()[below(rng, count_of<E>())]; }

// The runtime's fields, for both layouts (P has a `runtime`).
template <class P> void set_version(Rng& rng, P& p) { p.runtime.version = draw<Version>(rng); }
template <class P> void set_width(Rng& rng, P& p) {
  p.runtime.width = Width{kWidths[below(rng, std::size(kWidths))]};
}
template <class P> void flip_debug(Rng&, P& p) { p.runtime.debug = !p.runtime.debug; }
template <class P> void set_strategy(Rng& rng, P& p) {
  RuntimeSpec& rt = p.runtime;
  rt.strategy = draw<Strategy>(rng);
  if (rt.strategy == Strategy::PeriodicReset) rt.params.period = std::max<std::uint64_t>(1, draw_count(rng, rt, 1000));
}

/// Every block (the top level and each repeat body) of an operation tree.
void blocks(std::vector<Op>& ops, std::vector<std::vector<Op>*>& out) {
  out.push_back(&ops);
  for (Op& op : ops)
    if (op.code == OpCode::Repeat) blocks(op.body, out);
}
std::vector<Op>& some_block(Rng& rng, Scenario& s) {
  std::vector<std::vector<Op>*> all;
  blocks(s.ops, all);
  return *all[below(rng, all.size())];
}

/// A stack reference's life as one insertable unit, balanced as a repeat body must be: a `repeat 1`
/// that opens a reference (one of kStackOpens), sometimes duplicates it, and closes what it opened.
Op stack_unit(Rng& rng, const Scenario& s) {
  Op open;
  open.code = kStackOpens[below(rng, std::size(kStackOpens))];
  open.obj = below(rng, s.objects.size());
  open.ref = below(rng, s.refs.size());
  std::vector<Op> body{open};
  Op close;
  close.code = OpCode::StackClose;
  close.ref = open.ref;
  if (s.refs.size() > 1 && below(rng, 2)) {
    Op dup;
    dup.code = OpCode::StackDup;
    dup.ref = open.ref;
    dup.ref_to = (open.ref + 1 + below(rng, s.refs.size() - 1)) % s.refs.size();
    Op close_dup = close;
    close_dup.ref = dup.ref_to;
    body.push_back(dup);
    body.push_back(below(rng, 2) ? close_dup : close);
    body.push_back(body.back().ref == close.ref ? close_dup : close);
  } else {
    body.push_back(close);
  }
  return repeat(1, std::move(body));
}

/// An operation InsertOp is making: its code, or a stack reference's whole life instead.
struct NewOp {
  OpCode code = OpCode::Decref;
  bool stack_life = false;
};
template <OpCode code>
void op_code(Rng&, NewOp& n) {
  n.code = code;
}
void stack_life(Rng&, NewOp& n) { n.stack_life = true; }

/// What an operation needs of the runtime.
enum class Needs { Nothing, StackRefs, RefcntAdd };

/// What InsertOp inserts, and how often: Py_DECREF / Py_INCREF by some origin (4 each), Py_SET_REFCNT
/// and gc (1 each); where the runtime has them, a stolen reference released, a stack reference's
/// life and _Py_RefcntAdd (2 each). An operation the runtime lacks is left out of the draw.
constexpr struct {
  Mutation<NewOp> draw;
  Needs needs;
} kOpDraws[] = {
    {{"OpDecref", 4, op_code<OpCode::Decref>}, Needs::Nothing},
    {{"OpIncref", 4, op_code<OpCode::Incref>}, Needs::Nothing},
    {{"OpSetRefcnt", 1, op_code<OpCode::SetRefcnt>}, Needs::Nothing},
    {{"OpGc", 1, op_code<OpCode::Gc>}, Needs::Nothing},
    {{"OpStealRelease", 2, op_code<OpCode::StealRelease>}, Needs::StackRefs},
    {{"OpStackReferenceLife", 2, stack_life}, Needs::StackRefs},
    {{"OpRefcntAdd", 2, op_code<OpCode::RefcntAdd>}, Needs::RefcntAdd},
};

/// An operation for InsertOp, drawn from kOpDraws.
Op random_op(Rng& rng, const Scenario& s) {
  const Family family = family_of(s.runtime.version);
  const bool stack = has_stack_refs(family) && !s.refs.empty(), add = has_refcnt_add(family);
  std::array<Mutation<NewOp>, std::size(kOpDraws)> available;
  std::size_t n = 0;
  for (const auto& d : kOpDraws)
    if (d.needs == Needs::Nothing || (d.needs == Needs::StackRefs && stack) || (d.needs == Needs::RefcntAdd && add))
      available[n++] = d.draw;
  NewOp made;
  pick<NewOp>(rng, std::span<const Mutation<NewOp>>(available.data(), n)).apply(rng, made);
  if (made.stack_life) return stack_unit(rng, s);
  Op op;
  op.code = made.code;
  op.obj = below(rng, s.objects.size());
  op.by = runtime_only(op.code) ? Origin::Core : draw<Origin>(rng);
  op.count = below(rng, 2) ? 1 : draw_count(rng, s.runtime, 1);
  if (op.code == OpCode::SetRefcnt) op.value = draw_count(rng, s.runtime, 1);
  if (op.code == OpCode::RefcntAdd)
    op.value = std::clamp<Word>(draw_count(rng, s.runtime, 1), 1, refcnt_add_max(s.runtime.width));
  return op;
}

void insert_op(Rng& rng, Scenario& s) {
  auto& block = some_block(rng, s);
  block.insert(block.begin() + below(rng, block.size() + 1), random_op(rng, s));
}
void erase_op(Rng& rng, Scenario& s) {
  auto& block = some_block(rng, s);
  if (!block.empty()) block.erase(block.begin() + below(rng, block.size()));
}
void swap_ops(Rng& rng, Scenario& s) {
  auto& block = some_block(rng, s);
  if (block.size() > 1) std::swap(block[below(rng, block.size())], block[below(rng, block.size())]);
}
void set_op_origin(Rng& rng, Scenario& s) {
  auto& block = some_block(rng, s);
  if (!block.empty()) block[below(rng, block.size())].by = draw<Origin>(rng);
}
void set_op_count(Rng& rng, Scenario& s) {
  auto& block = some_block(rng, s);
  if (block.empty()) return;
  Op& op = block[below(rng, block.size())];
  op.count = op.code == OpCode::Repeat ? draw_repeat(rng) : draw_count(rng, s.runtime, op.count);
}
void wrap_in_repeat(Rng& rng, Scenario& s) {
  auto& block = some_block(rng, s);
  const std::size_t n = block.size();
  if (!n) return;
  const std::size_t from = below(rng, n), to = from + 1 + below(rng, n - from);
  Op repeat;
  repeat.code = OpCode::Repeat;
  repeat.count = draw_repeat(rng);
  repeat.body.assign(block.begin() + from, block.begin() + to);
  block.erase(block.begin() + from, block.begin() + to);
  block.insert(block.begin() + from, std::move(repeat));
}
void set_object_kind(Rng& rng, Scenario& s) { s.objects[below(rng, s.objects.size())].kind = draw<Kind>(rng); }
void toggle_object_word(Rng& rng, Scenario& s) {
  ObjectSpec& o = s.objects[below(rng, s.objects.size())];
  o.word = o.word ? std::nullopt : std::optional<Word>(draw_count(rng, s.runtime, 1));
}
void add_object(Rng& rng, Scenario& s) {
  if (s.objects.size() < kMaxObjects) s.objects.push_back({"", draw<Kind>(rng), std::nullopt, 1});
}

/// The scenario mutations; the weights keep the proportions the mutator has always had.
constexpr Mutation<Scenario> kScenarioMutations[] = {
    {"RuntimeVersion", 3, set_version<Scenario>},     {"RuntimeWidth", 3, set_width<Scenario>},
    {"RuntimeDebug", 3, flip_debug<Scenario>},        {"RuntimeStrategy", 3, set_strategy<Scenario>},
    {"InsertOp", 24, insert_op},              {"EraseOp", 12, erase_op},
    {"SwapOps", 12, swap_ops},                {"OpOrigin", 12, set_op_origin},
    {"OpCount", 24, set_op_count},            {"WrapInRepeat", 12, wrap_in_repeat},
    {"ObjectKind", 4, set_object_kind},       {"ObjectWord", 4, toggle_object_word},
    {"AddObject", 4, add_object},
};

/// Whether the runtime has the loop's act (fuzz/FORMAT.md: the decoder's check() rejects the rest).
bool has_act(const RuntimeSpec& rt, LoopAct act) { return act == LoopAct::None || !op_unavailable(*loop_op(act), rt); }

/// A loop act of the runtime that takes (or releases); None when it has none.
LoopAct draw_act(Rng& rng, const RuntimeSpec& rt, bool take) {
  std::vector<LoopAct> acts;
  for (LoopAct a : take ? std::span<const LoopAct>(kLoopTakes) : std::span<const LoopAct>(kLoopReleases))
    if (has_act(rt, a)) acts.push_back(a);
  return acts.empty() ? LoopAct::None : acts[below(rng, acts.size())];
}

/// Keeps a loop step's number where the format allows it: 1 for an opening, a depth of at least 1,
/// an n of _Py_RefcntAdd from 1 to 2^(width-2).
void fit_count(LedgerStep& st, const RuntimeSpec& rt) {
  if (st.loop == LoopAct::None) return;
  if (!loop_has_number(st.loop)) st.count = 1;
  else if (st.loop == LoopAct::Dup || st.loop == LoopAct::Close) st.count = std::max<std::uint64_t>(st.count, 1);
  else if (st.loop == LoopAct::RefcntAdd) st.count = std::clamp<std::uint64_t>(st.count, 1, refcnt_add_max(rt.width));
}

/// A step: Py_INCREF / Py_DECREF by some origin, or (one in three, where the runtime has them) the
/// interpreter loop's.
LedgerStep draw_step(Rng& rng, const RuntimeSpec& rt) {
  LedgerStep st{below(rng, 2) == 0, draw<Origin>(rng), draw_count(rng, rt, 1)};
  if (below(rng, 3) == 0) {
    st.loop = draw_act(rng, rt, st.take);
    if (st.loop != LoopAct::None) {
      st.by = Origin::Core;
      if (st.loop == LoopAct::Dup || st.loop == LoopAct::Close) st.count = 1 + below(rng, 3);
    }
  }
  fit_count(st, rt);
  return st;
}

void insert_step(Rng& rng, LedgerProgram& l) {
  l.steps.insert(l.steps.begin() + below(rng, l.steps.size() + 1), draw_step(rng, l.runtime));
}
void erase_step(Rng& rng, LedgerProgram& l) {
  if (!l.steps.empty()) l.steps.erase(l.steps.begin() + below(rng, l.steps.size()));
}
void swap_steps(Rng& rng, LedgerProgram& l) {
  if (l.steps.size() > 1) std::swap(l.steps[below(rng, l.steps.size())], l.steps[below(rng, l.steps.size())]);
}
/// Another origin for a code step; another loop act of the same direction for a loop step.
void set_step_origin(Rng& rng, LedgerProgram& l) {
  if (l.steps.empty()) return;
  LedgerStep& st = l.steps[below(rng, l.steps.size())];
  if (st.loop == LoopAct::None) {
    st.by = draw<Origin>(rng);
  } else {
    st.loop = draw_act(rng, l.runtime, st.take);
    fit_count(st, l.runtime);
  }
}
void set_step_count(Rng& rng, LedgerProgram& l) {
  if (l.steps.empty()) return;
  LedgerStep& st = l.steps[below(rng, l.steps.size())];
  st.count = draw_count(rng, l.runtime, st.count);
  fit_count(st, l.runtime);
}
/// A take becomes a release and back (a loop step: a loop act of the other direction).
void flip_step(Rng& rng, LedgerProgram& l) {
  if (l.steps.empty()) return;
  LedgerStep& st = l.steps[below(rng, l.steps.size())];
  st.take ^= true;
  if (st.loop != LoopAct::None) {
    st.loop = draw_act(rng, l.runtime, st.take);
    fit_count(st, l.runtime);
  }
}

constexpr Mutation<LedgerProgram> kLedgerMutations[] = {
    {"RuntimeVersion", 1, set_version<LedgerProgram>}, {"RuntimeWidth", 1, set_width<LedgerProgram>},
    {"RuntimeDebug", 1, flip_debug<LedgerProgram>},    {"RuntimeStrategy", 1, set_strategy<LedgerProgram>},
    {"InsertStep", 8, insert_step},            {"EraseStep", 4, erase_step},
    {"SwapSteps", 4, swap_steps},              {"StepOrigin", 4, set_step_origin},
    {"StepCount", 8, set_step_count},          {"TakeOrRelease", 4, flip_step},
};

void repair(Program& p) {
  if (auto* s = std::get_if<Scenario>(&p)) return refsim::repair(*s);
  auto& l = std::get<LedgerProgram>(p);
  Scenario one{"", l.runtime, {l.object}, {}, {}};
  refsim::repair(one);
  l.runtime = one.runtime;
  l.object = one.objects.front();
  // A new runtime may lack a loop act (dropped) or narrow _Py_RefcntAdd's n.
  std::erase_if(l.steps, [&](const LedgerStep& st) { return !has_act(l.runtime, st.loop); });
  for (LedgerStep& st : l.steps) fit_count(st, l.runtime);
}

/// Applies one mutation of the program's table; its name.
std::string_view mutate_once(Rng& rng, Program& p) {
  if (auto* s = std::get_if<Scenario>(&p)) {
    const auto& m = pick<Scenario>(rng, kScenarioMutations);
    m.apply(rng, *s);
    return m.name;
  }
  const auto& m = pick<LedgerProgram>(rng, kLedgerMutations);
  m.apply(rng, std::get<LedgerProgram>(p));
  return m.name;
}

std::optional<std::vector<std::uint8_t>> fitting(const Program& p, std::size_t max_size) {
  // repair() cannot mend stack references an edit left unbalanced (or a runtime that lacks an
  // operation): such a program is dropped, and mutate() tries again.
  if (const auto* s = std::get_if<Scenario>(&p); s && refsim::check(*s)) return std::nullopt;
  auto bytes = encode_program(p);
  if (!bytes || bytes->size() > max_size) return std::nullopt;
  return bytes;
}

}  // namespace

std::optional<std::vector<std::uint8_t>> mutate(Target target, std::span<const std::uint8_t> input,
                                                std::size_t max_size, std::uint64_t seed, std::string* sequence) {
  if (takes_json(target)) return std::nullopt;
  auto decoded = decode_program(target, input);
  if (!std::holds_alternative<Program>(decoded)) return std::nullopt;
  Rng rng(seed);
  for (int attempt = 0; attempt < 8; ++attempt) {
    Program p = std::get<Program>(decoded);
    std::string names;
    const std::uint64_t edits = 1 + below(rng, 3);  // stack a few edits, as libFuzzer does
    for (std::uint64_t e = 0; e < edits; ++e) names += std::string(mutate_once(rng, p)) + "-";
    repair(p);
    if (auto bytes = fitting(p, max_size)) {
      if (sequence) *sequence = std::move(names);
      return bytes;
    }
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
  } else {
    auto& steps = std::get<LedgerProgram>(child).steps;
    const auto& theirs = std::get<LedgerProgram>(other).steps;
    steps.resize(below(rng, steps.size() + 1));
    for (std::size_t i = below(rng, theirs.size() + 1); i < theirs.size(); ++i) steps.push_back(theirs[i]);
  }
  repair(child);  // operations from the other input name objects by index: keep them in range
  return fitting(child, max_size);
}

}  // namespace refsim::fuzz
