// The binary scenario layout carries the runtime's own operations (code 6): a scenario with every
// one of them encodes, decodes to the same scenario, and runs the same; malformed ones are rejected
// at the byte at fault; the mutator inserts them where the runtime has them.
#include <gtest/gtest.h>

#include <set>

#include "fuzz/codec.h"
#include "fuzz/mutator.h"
#include "fuzz/program.h"
#include "fuzz/seeds.h"
#include "io/scenario_json.h"
#include "io/scenario_writer.h"
#include "model/engine.h"
#include "model/op_support.h"

namespace refsim::fuzz {
namespace {

using Bytes = std::vector<std::uint8_t>;

Scenario with_every_runtime_op() {
  const std::string doc = R"({"format": "refsim-scenario/2", "runtime": {"version": "3.14", "width": 64},
    "objects": [{"id": "none", "kind": "none"}, {"id": "h", "kind": "heap", "refs": 3}],
    "ops": [{"op": "decref", "obj": "none", "by": "ext-3.11", "count": 3221225473},
            {"op": "stackref_new", "obj": "h", "ref": "a"},
            {"op": "stackref_dup", "ref": "a", "as": "b"},
            {"op": "repeat", "count": 5, "ops": [{"op": "stackref_steal", "obj": "none", "ref": "c"},
                                                 {"op": "stackref_close", "ref": "c"}]},
            {"op": "stackref_close", "ref": "b"},
            {"op": "steal_release", "obj": "none", "count": 1000},
            {"op": "refcnt_add", "obj": "h", "n": 7, "count": 2},
            {"op": "stackref_new_mortal", "obj": "none", "ref": "d"},
            {"op": "stackref_immortal", "obj": "none", "ref": "e"}]})";
  return std::get<ScenarioFile>(parse_scenario(doc, "ops")).scenario;
}

TEST(CodecRuntimeOps, everyRuntimeOperationRoundTrips) {
  for (Target t : {Target::EngineEquivalence, Target::ImmortalSafety}) {
    const Scenario s = with_every_runtime_op();
    const auto bytes = encode(t, s);
    ASSERT_TRUE(bytes.has_value());
    const auto back = decode(t, *bytes);
    ASSERT_TRUE(std::holds_alternative<Scenario>(back)) << std::get<DecodeError>(back).message;
    const Scenario& d = std::get<Scenario>(back);
    // Stack references come back named r0..r7 in order of first use: same meaning.
    ASSERT_EQ(d.ops.size(), s.ops.size());
    for (std::size_t i = 0; i < s.ops.size(); ++i) {
      EXPECT_EQ(d.ops[i].code, s.ops[i].code) << i;
      EXPECT_EQ(d.ops[i].ref, s.ops[i].ref) << i;
      EXPECT_EQ(d.ops[i].count, s.ops[i].count) << i;
      EXPECT_EQ(d.ops[i].value, s.ops[i].value) << i;
    }
    EXPECT_EQ(run(d), run(s));
    EXPECT_EQ(encode(t, d), bytes);
  }
}

TEST(CodecRuntimeOps, malformedRuntimeOperationsAreRejectedAtTheirByte) {
  const Bytes scenario = *encode(Target::EngineEquivalence, with_every_runtime_op());
  // The header and objects, then one operation of our own: find where the operations start.
  const Scenario empty_ops = [] {
    Scenario s = with_every_runtime_op();
    s.ops.clear();
    return s;
  }();
  const Bytes prefix = *encode(Target::EngineEquivalence, empty_ops);
  const auto reject = [&](Bytes ops) {
    Bytes b = prefix;
    b.insert(b.end(), ops.begin(), ops.end());
    const auto r = decode(Target::EngineEquivalence, b);
    return std::holds_alternative<DecodeError>(r) ? std::get<DecodeError>(r).message : std::string("(accepted)");
  };
  // Sub-codes 6 and 7 (every one of the three bits is used): the specialized LOAD_CONSTs.
  for (unsigned sub : {6u, 7u}) {
    Bytes b = prefix;
    for (std::uint8_t x : {static_cast<std::uint8_t>(0x06 | (sub << 3)), std::uint8_t{0}, std::uint8_t{0}}) b.push_back(x);
    const auto r = decode(Target::EngineEquivalence, b);
    ASSERT_TRUE(std::holds_alternative<Scenario>(r)) << sub;
    EXPECT_EQ(std::get<Scenario>(r).ops.at(0).code, sub == 6 ? OpCode::StackNewMortal : OpCode::StackImmortal);
  }
  EXPECT_NE(reject({0x06 | (6 << 3) | 0x40, 0, 0}).find("carries no count"), std::string::npos);
  EXPECT_NE(reject({0x06 | 0x40, 0, 0}).find("carries no count"), std::string::npos);
  EXPECT_NE(reject({0x06, 0, 9}).find("stack reference index 9"), std::string::npos);
  EXPECT_NE(reject({0x06 | (3 << 3), 0}).find("is not open"), std::string::npos);
  EXPECT_EQ(reject({0x06, 0, 0}), "(accepted)");  // a reference left open at the end
  EXPECT_GT(scenario.size(), prefix.size());
}

/// Every operation code in a block and the repeat bodies under it.
void codes_of(const std::vector<Op>& ops, std::set<OpCode>& out) {
  for (const Op& op : ops) {
    out.insert(op.code);
    codes_of(op.body, out);
  }
}

TEST(MutatorRuntimeOps, insertsEveryRuntimeOperationOnA314SeedAndStaysValid) {
  Bytes input;
  for (const Bytes& b : seed_inputs(Target::ImmortalSafety)) {
    const auto s = decode(Target::ImmortalSafety, b);
    if (std::holds_alternative<Scenario>(s) && std::get<Scenario>(s).runtime.version == Version::V3_14 &&
        std::get<Scenario>(s).ops.size() == 2)
      input = b;  // 3.14 32-bit, True: two Py_INCREF / Py_DECREF ops, no runtime operation
  }
  ASSERT_FALSE(input.empty());
  std::set<OpCode> seen;
  for (std::uint64_t seed = 1; seed <= 3000; ++seed) {
    const auto out = mutate(Target::ImmortalSafety, input, 128, seed);
    if (!out) continue;
    const auto decoded = decode(Target::ImmortalSafety, *out);
    ASSERT_TRUE(std::holds_alternative<Scenario>(decoded)) << "seed " << seed;
    codes_of(std::get<Scenario>(decoded).ops, seen);
  }
  for (OpCode code : values_of<OpCode>())
    if (runtime_only(code)) EXPECT_TRUE(seen.count(code)) << name_of(code);
}

}  // namespace
}  // namespace refsim::fuzz
