// Fuzz library tests: names, SHA-1, the codec's totality and round trips, and the mutator.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "fuzz/bytes.h"
#include "fuzz/codec.h"
#include "fuzz/finding.h"
#include "fuzz/mutator.h"
#include "fuzz/parts.h"
#include "fuzz/program.h"
#include "fuzz/regression.h"
#include "fuzz/replay.h"
#include "fuzz/seeds.h"
#include "io/scenario_writer.h"

namespace refsim::fuzz {
namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

Bytes bytes(std::string_view s) { return Bytes(s.begin(), s.end()); }

/// The scenario's JSON without its name and with object ids replaced by indices.
std::string shape(Scenario s) {
  s.name = "x";
  for (std::size_t i = 0; i < s.objects.size(); ++i) s.objects[i].id = "o" + std::to_string(i);
  return scenario_json(s).dump();
}

TEST(Sha1, matchesTheFipsExamples) {
  EXPECT_EQ(sha1_hex(bytes("")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(sha1_hex(bytes("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(sha1_hex(bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
}

TEST(Target, namesRoundTripAndPathsNameTheirTarget) {
  for (Target t : kTargets) EXPECT_EQ(parse_target(target_name(t)), t);
  EXPECT_EQ(target_from_path("corpus/immortal_safety/regression/ab12"), Target::ImmortalSafety);
  EXPECT_EQ(target_from_path("/x/mortal_accounting/seeds/1"), Target::MortalAccounting);
  EXPECT_EQ(target_from_path("corpus/scenarios/a.json"), std::nullopt);
  EXPECT_TRUE(findings_are_bugs(Target::EngineEquivalence));
  EXPECT_FALSE(findings_are_bugs(Target::ImmortalSafety));
}

TEST(Codec, rejectionsNameTheByteAtFault) {
  auto error = [](Target t, Bytes b) { return std::get<DecodeError>(decode(t, b)); };
  EXPECT_EQ(error(Target::ImmortalSafety, {}).offset, 0u);
  EXPECT_EQ(error(Target::ImmortalSafety, {4, 0, 0, 1, 0}).offset, 0u);              // format version 4
  EXPECT_EQ(error(Target::ImmortalSafety, {2, 7, 0xff, 0, 1, 0}).offset, 2u);        // version 7 + 255
  EXPECT_EQ(error(Target::ImmortalSafety, {2, 7}).offset, 2u);                       // no extension byte
  EXPECT_EQ(error(Target::ImmortalSafety, {1, 3, 5, 1, 0}).offset, 2u);              // reset-on-margin on 3.12
  EXPECT_EQ(error(Target::ImmortalSafety, {1, 3, 0, 0}).offset, 3u);                 // no objects
  EXPECT_EQ(error(Target::ImmortalSafety, {1, 3, 0, 1, 0, 0x09, 1}).offset, 6u);     // object index 1 of 1
  EXPECT_EQ(error(Target::ImmortalSafety, {1, 3, 0, 1, 0, 0x05}).offset, 5u);        // end outside repeat
  EXPECT_EQ(error(Target::MortalAccounting, {1, 3, 0, 0, 0x0e, 0xff}).offset, 5u);   // origin 7 + 255
  // Ledger loop steps (format 3 on; 3.14 64-bit, a heap object).
  EXPECT_EQ(error(Target::MortalAccounting, {2, 5, 0, 0x0c, 0x20}).offset, 4u);       // bit 5 reserved in format 2
  EXPECT_EQ(error(Target::MortalAccounting, {3, 5, 0, 0x0c, 0x40}).offset, 4u);       // bits 6-7 reserved
  EXPECT_EQ(error(Target::MortalAccounting, {3, 5, 0, 0x0c, 0x2a}).offset, 4u);       // loop take 5
  EXPECT_EQ(error(Target::MortalAccounting, {3, 5, 0, 0x0c, 0x25}).offset, 4u);       // loop release 2
  EXPECT_EQ(error(Target::MortalAccounting, {3, 5, 0, 0x0c, 0x30, 2}).offset, 4u);    // an opening with a count
  EXPECT_EQ(error(Target::MortalAccounting, {3, 5, 0, 0x0c, 0x20, 0x31, 0}).offset, 6u);  // close at depth 0
  EXPECT_EQ(error(Target::MortalAccounting, {3, 5, 0, 0x0c, 0x38, 0}).offset, 5u);    // refcnt_add n 0
  EXPECT_EQ(error(Target::MortalAccounting, {3, 5, 0, 0x0c, 0x38, 0x80, 63, 0}).offset, 5u);  // n 2^63 > 2^62
  EXPECT_EQ(error(Target::MortalAccounting, {3, 3, 0, 0x0c, 0x20}).offset, 5u);       // 3.12 has no stack references
  EXPECT_EQ(error(Target::ImmortalSafety, {2, 3, 0, 1, 0, 0x81 | 15 << 2, 0, 0}).offset, 5u);  // origin 15's cut
  EXPECT_EQ(error(Target::ImmortalSafety, {2, 3, 0, 1, 0x10, 0x80, 64, 0}).offset, 5u);  // 2^64
  EXPECT_NE(error(Target::ScenarioJson, bytes("{")).message.find("JSON"), std::string::npos);
}

TEST(Codec, everyByteStringDecodesToACheckedScenarioOrAnError) {
  std::mt19937_64 rng(20261126);
  std::printf("seed 20261126\n");
  for (Target t : {Target::ImmortalSafety, Target::MortalAccounting}) {
    std::size_t decoded = 0;
    for (int i = 0; i < 20000; ++i) {
      Bytes b(rng() % 24);
      for (auto& x : b) x = static_cast<std::uint8_t>(rng() % 4 == 0 ? rng() : rng() % 8);
      if (!b.empty()) b[0] = static_cast<std::uint8_t>(1 + i % 3);  // every format version
      if (b.size() > 3 && i % 2 == 0) b[2] = 0, b[3] = 1;  // half with a plain strategy and one object
      const auto result = decode(t, b);
      if (const auto* s = std::get_if<Scenario>(&result)) {
        ++decoded;
        ASSERT_FALSE(check(*s)) << "input " << i;
        const auto again = encode(t, *s);
        if (t == Target::ImmortalSafety || b[0] >= 3) {  // a format-3 ledger's scenario is its own ledger's
          ASSERT_TRUE(again) << "input " << i;
          EXPECT_EQ(shape(std::get<Scenario>(decode(t, *again))), shape(*s)) << "input " << i;
        }
      } else {
        ASSERT_LE(std::get<DecodeError>(result).offset, b.size());
      }
    }
    EXPECT_GT(decoded, 300u) << target_name(t);  // enough decode for the test to mean something
  }
}

TEST(Codec, countsNearBoundariesAreBoundaryReferences) {
  RuntimeSpec rt;
  rt.version = Version::V3_12;
  rt.width = Width{32};
  const Boundaries& table = current_boundaries(rt);
  for (Word v : {Word{0x3fffffff}, Word{0x40000001}, Word{1} << 31, Word{5}, ~Word{0}, Word{123456789}}) {
    Writer w;
    w.count(v, table);
    const Bytes b = w.take();
    Reader r(b);
    EXPECT_EQ(r.count(table, "count"), v);
    EXPECT_TRUE(r.done());
    if (v == 0x3fffffff) EXPECT_EQ(b.size(), 3u) << "a cut is a tag, its index and a delta";
  }
}

TEST(Codec, seedScenariosRoundTrip) {
  for (Target t : kTargets)
    for (const Scenario& s : seed_scenarios(t)) {
      const auto b = encode(t, s);
      ASSERT_TRUE(b);
      const auto back = decode(t, *b);
      ASSERT_TRUE(std::holds_alternative<Scenario>(back)) << std::get<DecodeError>(back).message;
      EXPECT_EQ(shape(std::get<Scenario>(back)), shape(s)) << target_name(t);
    }
}

TEST(Codec, aLedgerReleasesEveryReferenceExactlyOnce) {
  // Take 2 by ext-3.11, release 5 by the core (cut to the 3 held); nothing left to close.
  const Bytes b = {1, 3, 0, 0, 0x12, 2, 0x11, 5};
  const Scenario s = std::get<Scenario>(decode(Target::MortalAccounting, b));
  ASSERT_EQ(s.ops.size(), 2u);
  EXPECT_EQ(s.ops[1].count, 3u);
  // Take only: the taker releases them at the end.
  const Scenario t = std::get<Scenario>(decode(Target::MortalAccounting, Bytes{1, 3, 0, 0, 0x12, 2}));
  ASSERT_EQ(t.ops.size(), 2u);
  EXPECT_EQ(t.ops[1].code, OpCode::Decref);
  EXPECT_EQ(t.ops[1].by, Origin::Ext311);
  EXPECT_EQ(t.ops[1].count, 3u);
}

TEST(Codec, aFormat3LedgerTakesNothingOnceTheObjectIsGone) {
  // Release the one reference (the object is freed), then take one: format 3 drops the take.
  const Scenario v3 = std::get<Scenario>(decode(Target::MortalAccounting, Bytes{3, 3, 0, 0x0c, 0x01, 0x00}));
  ASSERT_EQ(v3.ops.size(), 1u);
  EXPECT_EQ(v3.ops[0].code, OpCode::Decref);
  // Format 2 keeps the meaning it always had: the take is an incref of the freed object.
  const Scenario v2 = std::get<Scenario>(decode(Target::MortalAccounting, Bytes{2, 3, 0, 0x0c, 0x01, 0x00}));
  ASSERT_EQ(v2.ops.size(), 3u);  // and the taker releases it at the end
  EXPECT_EQ(v2.ops[1].code, OpCode::Incref);
}

TEST(Codec, aLedgersLoopStepsOpenAndCloseStackReferencesInPairs) {
  // 3.14 64-bit heap (refs 1): LOAD_CONST (r0), its dup (r1), close the top (r1), a call result
  // released through the loop (the one held reference); r0, still open, is closed at the end.
  const Scenario s = std::get<Scenario>(decode(Target::MortalAccounting, Bytes{3, 5, 0, 0x0c, 0x20, 0x24, 0x21, 0x23}));
  const std::vector<std::pair<OpCode, std::size_t>> expected = {{OpCode::StackNew, 0},   {OpCode::StackDup, 0},
                                                                {OpCode::StackClose, 1}, {OpCode::StealRelease, 0},
                                                                {OpCode::StackClose, 0}};
  ASSERT_EQ(s.ops.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(s.ops[i].code, expected[i].first) << i;
    EXPECT_EQ(s.ops[i].ref, expected[i].second) << i;
  }
  EXPECT_EQ(s.ops[1].ref_to, 1u);
  EXPECT_EQ(s.refs, (std::vector<std::string>{"r0", "r1"}));
  // A close at depth 2 closes the older of two open references; a steal takes over a held one, so
  // nothing is left for the end but the stack references.
  const Scenario t = std::get<Scenario>(decode(Target::MortalAccounting, Bytes{3, 5, 0, 0x0c, 0x20, 0x26, 0x31, 2}));
  ASSERT_EQ(t.ops.size(), 4u);
  EXPECT_EQ(t.ops[1].code, OpCode::StackSteal);
  EXPECT_EQ(t.ops[2].code, OpCode::StackClose);
  EXPECT_EQ(t.ops[2].ref, 0u);
  EXPECT_EQ(t.ops[3].ref, 1u);
  // Each encodes to a ledger that decodes to it again (its closing operations now written out).
  for (const Scenario& x : {s, t}) {
    const auto bytes = encode(Target::MortalAccounting, x);
    ASSERT_TRUE(bytes);
    EXPECT_EQ(shape(std::get<Scenario>(decode(Target::MortalAccounting, *bytes))), shape(x));
  }
  EXPECT_EQ(*encode(Target::MortalAccounting, t), (Bytes{3, 5, 0, 0x0c, 0x20, 0x26, 0x31, 2, 0x21}));
  // A scenario no ledger stands for: a reference left open (a ledger closes it at the end).
  Scenario open = t;
  open.ops.pop_back();
  EXPECT_FALSE(encode(Target::MortalAccounting, open));
  // Stack references in other slots than the decoder's, one for one, stand for the same ledger.
  Scenario renamed = t;
  for (Op& op : renamed.ops)
    if (op.code == OpCode::StackNew || op.code == OpCode::StackSteal || op.code == OpCode::StackClose) op.ref += 5;
  renamed.refs = {"r0", "r1", "r2", "r3", "r4", "r5", "r6"};
  EXPECT_EQ(encode(Target::MortalAccounting, renamed), encode(Target::MortalAccounting, t));
}

TEST(Mutator, staysInsideTheFormatAndTheSizeLimit) {
  std::printf("seeds 1..3000\n");
  for (Target t : {Target::ImmortalSafety, Target::MortalAccounting}) {
    Bytes input = seed_inputs(t).front();
    std::size_t changed = 0;
    for (std::uint64_t seed = 1; seed <= 3000; ++seed) {
      const auto out = mutate(t, input, 64, seed);
      if (!out) continue;
      ASSERT_LE(out->size(), 64u);
      ASSERT_TRUE(std::holds_alternative<Program>(decode_program(t, *out))) << "seed " << seed;
      changed += *out != input;
      if (seed % 7 == 0) input = *out;  // walk, as a fuzzer does
    }
    EXPECT_GT(changed, 2000u);
  }
}

TEST(Mutator, reachesTheThreeTwelve32BitDeimmortalizationFromThe64BitSeed) {
  Bytes input = seed_inputs(Target::ImmortalSafety).front();
  std::uint64_t found = 0;
  for (std::uint64_t seed = 1; seed <= 20000 && !found; ++seed) {
    const auto out = mutate(Target::ImmortalSafety, input, 128, seed);
    if (!out) continue;
    for (const Finding& f : check(Target::ImmortalSafety, *out))
      if (f.signature == "3.12/32/release/as-shipped/none/deimmortalized") found = seed;
  }
  EXPECT_NE(found, 0u) << "one structure-aware edit (the width) suffices";
}

TEST(Mutator, namesTheMutationsItAppliedAsLibFuzzerDoes) {
  std::set<std::string> seen;
  const Bytes input = seed_inputs(Target::ImmortalSafety).front();
  for (std::uint64_t seed = 1; seed <= 2000; ++seed) {
    std::string sequence;
    if (!mutate(Target::ImmortalSafety, input, 128, seed, &sequence)) continue;
    ASSERT_FALSE(sequence.empty());
    ASSERT_EQ(sequence.back(), '-') << sequence;
    std::stringstream names(sequence);
    for (std::string name; std::getline(names, name, '-');) seen.insert(name);
  }
  for (const char* name : {"InsertOp", "OpCount", "RuntimeWidth", "WrapInRepeat", "ObjectKind"})
    EXPECT_TRUE(seen.count(name)) << name;
}

TEST(Repair, makesWhatOneEditBreaksPassCheck) {
  Scenario s{"s", {}, {{"a", Kind::Heap, Word{0x1ff}, 1}, {"b", Kind::None, std::nullopt, 1}}, {}, {}};
  s.runtime.version = Version::V3_12;
  s.runtime.width = Width{8};
  s.runtime.strategy = Strategy::ResetOnMargin;  // a bit-test draft's strategy
  const Op set = leaf(OpCode::SetRefcnt, 5, Origin::Core, 1, 0x3ff);
  s.ops = {repeat(2, {set})};
  ASSERT_TRUE(check(s));
  repair(s);
  EXPECT_FALSE(check(s)) << check(s)->path << ": " << check(s)->message;
  EXPECT_EQ(s.runtime.strategy, Strategy::AsShipped);
  EXPECT_EQ(*s.objects[0].word, 0xffu);
  EXPECT_EQ(s.ops[0].body[0].obj, 1u);
  EXPECT_EQ(s.ops[0].body[0].value, 0xffu);
}

}  // namespace
}  // namespace refsim::fuzz
