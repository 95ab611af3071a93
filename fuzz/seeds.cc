// Seeds: the seed scenarios per target (see seeds.h).
#include "fuzz/seeds.h"

#include <cassert>

#include "fuzz/codec.h"

namespace refsim::fuzz {

namespace {

RuntimeSpec rt(Version v, unsigned width, bool debug = false, Strategy s = Strategy::AsShipped) {
  RuntimeSpec r;
  r.version = v;
  r.width = Width{width};
  r.debug = debug;
  r.strategy = s;
  return r;
}

constexpr auto Inc = OpCode::Incref;
constexpr auto Dec = OpCode::Decref;
constexpr auto Core = Origin::Core;
constexpr auto E311 = Origin::Ext311;

Scenario scenario(RuntimeSpec r, std::vector<ObjectSpec> objects, std::vector<Op> ops) {
  return Scenario{"seed", r, std::move(objects), std::move(ops), {}};
}

ObjectSpec obj(Kind kind, std::string id) { return ObjectSpec{std::move(id), kind, std::nullopt, 1}; }

/// A stack-reference operation on reference `ref` (and `to`, for stackref_dup) of object `o`.
Op stack(OpCode code, std::size_t o, std::size_t ref, std::size_t to = 0) {
  Op op = leaf(code, o, Core);
  op.ref = ref;
  op.ref_to = to;
  return op;
}

/// The runtime's own operations (docs/SCENARIO-OPS.md), binary op code 6: the loop's references to
/// None and to a heap object, stolen references released, _Py_RefcntAdd; none of them a finding.
std::vector<Scenario> runtime_op_seeds() {
  std::vector<Scenario> out = {
      // 3.14 64-bit: LOAD_CONST of None and a call returning it (both uncounted), call results
      // released, [None] * 1000.
      scenario(rt(Version::V3_14, 64), {obj(Kind::None, "none")},
               {repeat(1000, {stack(OpCode::StackNew, 0, 0), stack(OpCode::StackSteal, 0, 1), stack(OpCode::StackClose, 0, 0),
                              stack(OpCode::StackClose, 0, 1)}),
                leaf(OpCode::StealRelease, 0, Core, 5), leaf(OpCode::RefcntAdd, 0, Core, 1, 1000)}),
      // 3.14 32-bit: a heap object gains 4 by _Py_RefcntAdd, loses them by decrefs; a counted
      // reference is taken, duplicated and both closed.
      scenario(rt(Version::V3_14, 32), {obj(Kind::Heap, "obj")},
               {leaf(OpCode::RefcntAdd, 0, Core, 1, 4), leaf(Dec, 0, Core, 4), stack(OpCode::StackNew, 0, 0),
                stack(OpCode::StackDup, 0, 0, 1), stack(OpCode::StackClose, 0, 1), stack(OpCode::StackClose, 0, 0)}),
      // 3.12 64-bit: _Py_RefcntAdd on an immortal small int is skipped.
      scenario(rt(Version::V3_12, 64), {obj(Kind::SmallInt, "int")}, {leaf(OpCode::RefcntAdd, 0, Core, 3, 7)}),
  };
  for (Scenario& s : out)
    for (std::size_t r = 0; r < 2; ++r) s.refs.push_back("r" + std::to_string(r));
  return out;
}

std::vector<Scenario> scenario_seeds() {
  return {
      // None on 3.12 64-bit: a few legacy decrefs leave the saturated low half far from its edge.
      scenario(rt(Version::V3_12, 64), {obj(Kind::None, "none")},
               {leaf(Dec, 0, E311, 3), leaf(Inc, 0, Core, 2), leaf(Dec, 0, Core, 2)}),
      // The round-3 draft at 64 bits: None is 2^62 away from trouble.
      scenario(rt(Version::PEP683_R3, 64), {obj(Kind::None, "none")}, {leaf(Dec, 0, E311, 5), leaf(Dec, 0, Core, 5)}),
      // 3.14 32-bit: True through ext-3.12 increfs and core decrefs.
      scenario(rt(Version::V3_14, 32), {obj(Kind::True, "true")},
               {leaf(Inc, 0, Origin::Ext312, 7), leaf(Dec, 0, Core, 7)}),
      // A heap object (by a legacy extension) and None (by ext-3.12 code) on 3.13 64-bit, in a loop.
      scenario(rt(Version::V3_13, 64), {obj(Kind::Heap, "obj"), obj(Kind::None, "none")},
               {repeat(1000, {leaf(Inc, 0, E311), leaf(Inc, 1, Origin::Ext312), leaf(Dec, 1, Core), leaf(Dec, 0, E311)})}),
      // Small ints on the round-2 draft, scaled to 16 bits, with a gc.
      scenario(rt(Version::PEP683_R2, 16), {obj(Kind::SmallInt, "int")},
               {leaf(Inc, 0, Origin::Ext313, 4), {OpCode::Gc, 0, Core, 1, 0, {}}, leaf(Dec, 0, Core, 4)}),
      // 3.11 at 8 bits, a heap object's whole life.
      scenario(rt(Version::V3_11, 8), {obj(Kind::Heap, "obj")}, {leaf(Inc, 0, Core, 3), leaf(Dec, 0, E311, 4)}),
  };
}

/// 3.14 64-bit, the interpreter loop's references in a ledger: a LOAD_CONST and its duplicate, a
/// held reference taken over by the loop, [x] * 3, the three closed out of order, call results
/// released through the loop.
Scenario loop_ledger_seed() {
  Scenario s = scenario(rt(Version::V3_14, 64), {obj(Kind::Heap, "heap")},
                        {leaf(Inc, 0, Core, 2), stack(OpCode::StackNew, 0, 0), stack(OpCode::StackDup, 0, 0, 1),
                         stack(OpCode::StackSteal, 0, 2), leaf(OpCode::RefcntAdd, 0, Core, 1, 3),
                         stack(OpCode::StackClose, 0, 1), stack(OpCode::StackClose, 0, 2), stack(OpCode::StackClose, 0, 0),
                         leaf(OpCode::StealRelease, 0, Core, 3), leaf(Dec, 0, Core, 2)});
  s.refs = {"r0", "r1", "r2"};
  return s;
}

std::vector<Scenario> ledger_seeds() {
  return {
      // 3.12 64-bit: a legacy extension and the core each take and release a few references.
      scenario(rt(Version::V3_12, 64), {obj(Kind::Heap, "heap")},
               {leaf(Inc, 0, E311, 3), leaf(Inc, 0, Core, 2), leaf(Dec, 0, Core, 2), leaf(Dec, 0, E311, 3), leaf(Dec, 0, Core)}),
      // 3.14 64-bit: references taken by ext-3.12 code, released by the core.
      scenario(rt(Version::V3_14, 64), {obj(Kind::Heap, "heap")},
               {leaf(Inc, 0, Origin::Ext312, 10), leaf(Dec, 0, Core, 11)}),
      // 3.11 32-bit: plain counting.
      scenario(rt(Version::V3_11, 32), {obj(Kind::Heap, "heap")}, {leaf(Inc, 0, Core, 5), leaf(Dec, 0, E311, 6)}),
      // 3.12 64-bit: [x] * 4 (_Py_RefcntAdd), the list's references released by a legacy extension.
      scenario(rt(Version::V3_12, 64), {obj(Kind::Heap, "heap")},
               {leaf(OpCode::RefcntAdd, 0, Core, 1, 4), leaf(Dec, 0, E311, 4), leaf(Dec, 0, Core)}),
      loop_ledger_seed(),
  };
}

}  // namespace

std::vector<Scenario> seed_scenarios(Target target) {
  switch (target) {
    case Target::MortalAccounting: return ledger_seeds();
    case Target::EngineEquivalence:
    case Target::ImmortalSafety:
    case Target::ScenarioJson: {
      std::vector<Scenario> seeds = scenario_seeds();
      for (Scenario& s : runtime_op_seeds()) seeds.push_back(std::move(s));
      return seeds;
    }
  }
  return {};
}

std::vector<std::vector<std::uint8_t>> seed_inputs(Target target) {
  std::vector<std::vector<std::uint8_t>> out;
  for (const Scenario& s : seed_scenarios(target)) {
    auto bytes = encode(target, s);
    assert(bytes && "every seed scenario is expressible in its target's format");
    out.push_back(std::move(*bytes));
  }
  if (target == Target::ScenarioJson) {
    // The parser's error paths get seeds too: a wrong type and an unknown origin.
    for (std::string_view text : {R"({"format": "refsim-scenario/1", "runtime": {"version": "3.12", "width": "32"}})",
                                  R"({"format": "refsim-scenario/1", "runtime": {"version": "3.14", "width": 64},
 "objects": [{"id": "o", "kind": "heap"}], "ops": [{"op": "incref", "obj": "o", "by": "ext-3.10"}]})"})
      out.emplace_back(text.begin(), text.end());
  }
  return out;
}

}  // namespace refsim::fuzz
