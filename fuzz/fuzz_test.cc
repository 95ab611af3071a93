// Fuzz library tests: the codec's totality and round trips, the checks' signatures, the mutator,
// the committed seeds, sidecars, and `refsim decode` end to end.
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
  EXPECT_EQ(error(Target::ImmortalSafety, {2, 0, 0, 1, 0}).offset, 0u);              // format version 2
  EXPECT_EQ(error(Target::ImmortalSafety, {1, 7, 0, 1, 0}).offset, 1u);              // version 7
  EXPECT_EQ(error(Target::ImmortalSafety, {1, 3, 5, 1, 0}).offset, 2u);              // reset-on-margin on 3.12
  EXPECT_EQ(error(Target::ImmortalSafety, {1, 3, 0, 0}).offset, 3u);                 // no objects
  EXPECT_EQ(error(Target::ImmortalSafety, {1, 3, 0, 1, 0, 0x09, 1}).offset, 6u);     // object index 1 of 1
  EXPECT_EQ(error(Target::ImmortalSafety, {1, 3, 0, 1, 0, 0x05}).offset, 5u);        // end outside repeat
  EXPECT_EQ(error(Target::MortalAccounting, {1, 3, 0, 0, 0x0e}).offset, 4u);         // origin 7
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
      if (!b.empty()) b[0] = 1;
      if (b.size() > 3 && i % 2 == 0) b[2] = 0, b[3] = 1;  // half with a plain strategy and one object
      const auto result = decode(t, b);
      if (const auto* s = std::get_if<Scenario>(&result)) {
        ++decoded;
        ASSERT_FALSE(check(*s)) << "input " << i;
        const auto again = encode(t, *s);
        if (t == Target::ImmortalSafety) {
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
  const auto& table = boundary_table(rt);
  for (Word v : {Word{0x3fffffff}, Word{0x40000001}, Word{1} << 31, Word{5}, ~Word{0}, Word{123456789}}) {
    Writer w;
    w.count(v, table);
    const Bytes b = w.take();
    Reader r(b);
    EXPECT_EQ(r.count(table, "count"), v);
    EXPECT_TRUE(r.done());
    if (v == 0x3fffffff) EXPECT_EQ(b.size(), 3u) << "a boundary is one index and a delta";
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

Scenario one(Version v, unsigned width, Kind kind, std::vector<Op> ops) {
  RuntimeSpec rt;
  rt.version = v;
  rt.width = Width{width};
  return Scenario{"t", rt, {{"o", kind, std::nullopt, 1}}, std::move(ops)};
}

Op op(OpCode code, Origin by, std::uint64_t count) { return Op{code, 0, by, count, 0, {}}; }

std::vector<std::string> signatures(Target t, const Scenario& s) {
  std::vector<std::string> out;
  for (const Finding& f : check(t, *encode(t, s))) out.push_back(f.signature);
  return out;
}

TEST(Checks, theDoneWhenFindingsHaveTheirSignatures) {
  EXPECT_EQ(signatures(Target::ImmortalSafety, one(Version::V3_12, 32, Kind::None, {op(OpCode::Decref, Origin::Ext311, 1)})),
            std::vector<std::string>{"3.12/32/release/as-shipped/none/deimmortalized"});
  EXPECT_EQ(signatures(Target::ImmortalSafety,
                       one(Version::PEP683_R3, 32, Kind::None,
                           {op(OpCode::Decref, Origin::Ext311, 536870913), op(OpCode::Decref, Origin::Core, 1073741823)})),
            (std::vector<std::string>{"pep683-r3/32/release/as-shipped/none/deimmortalized",
                                      "pep683-r3/32/release/as-shipped/none/dealloc/fatal"}));
  const Scenario gh125174 = one(Version::V3_12, 64, Kind::Heap,
                                {op(OpCode::Incref, Origin::Ext311, 4294967294), op(OpCode::Incref, Origin::Core, 3),
                                 op(OpCode::Decref, Origin::Ext311, 4294967294), op(OpCode::Decref, Origin::Core, 4)});
  EXPECT_EQ(signatures(Target::MortalAccounting, gh125174),
            (std::vector<std::string>{"3.12/64/release/as-shipped/heap/dealloc/freed/premature",
                                      "3.12/64/release/as-shipped/heap/use-after-free"}));
  // The same ledger on 3.11 counts right.
  Scenario v311 = gh125174;
  v311.runtime.version = Version::V3_11;
  EXPECT_TRUE(signatures(Target::MortalAccounting, v311).empty());
}

TEST(Checks, theEnginesAgreeOnTheSeedsAndTheJsonTargetRoundTrips) {
  for (const Scenario& s : seed_scenarios(Target::EngineEquivalence))
    EXPECT_TRUE(signatures(Target::EngineEquivalence, s).empty());
  for (const Scenario& s : seed_scenarios(Target::ScenarioJson)) EXPECT_TRUE(signatures(Target::ScenarioJson, s).empty());
}

TEST(Seeds, holdNoneOfTheFindingsTheFuzzerMustFindAlone) {
  for (Target t : {Target::ImmortalSafety, Target::MortalAccounting})
    for (const Bytes& b : seed_inputs(t)) EXPECT_TRUE(check(t, b).empty()) << target_name(t);
}

TEST(Seeds, theCommittedSeedsAreExactlyTheGeneratedOnes) {
  for (Target t : kTargets) {
    const fs::path dir = fs::path(REFSIM_SOURCE_DIR) / "corpus" / std::string(target_name(t)) / "seeds";
    std::set<std::string> committed, generated;
    for (const auto& e : fs::directory_iterator(dir)) committed.insert(e.path().filename().string());
    for (const Bytes& b : seed_inputs(t)) generated.insert(sha1_hex(b));
    EXPECT_EQ(committed, generated) << "regenerate with refsim_fuzz_seeds corpus/ (" << target_name(t) << ")";
  }
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

TEST(Regression, sidecarsRoundTripAndBadOnesAreNamed) {
  const fs::path p = fs::temp_directory_path() / "refsim-fuzz-test.expected";
  const Expected e{Target::MortalAccounting, {"a/b", "c"}, 7, "note"};
  std::ofstream(p) << expected_json(e);
  const auto back = std::get<Expected>(read_expected(p));
  EXPECT_EQ(back.signatures, e.signatures);
  EXPECT_EQ(back.step, e.step);
  EXPECT_EQ(back.target, e.target);
  std::ofstream(p) << R"({"format": "refsim-regression/1", "target": "x", "signatures": []})";
  EXPECT_NE(std::get<std::string>(read_expected(p)).find("unknown target"), std::string::npos);
  fs::remove(p);
  EXPECT_TRUE(is_sidecar("a/b.expected"));
  EXPECT_FALSE(is_sidecar("a/b"));
}

TEST(Checks, scenariosBeyondTheWorkBoundAreSkippedNotRun) {
  // repeat 2^58 {decref true by ext-3.11 x7} on 3.14 32-bit: minutes in the fast engine.
  Scenario s = one(Version::V3_14, 32, Kind::True, {});
  Op repeat{OpCode::Repeat, 0, Origin::Core, std::uint64_t{1} << 58, 0, {op(OpCode::Decref, Origin::Ext311, 7)}};
  s.ops = {repeat};
  EXPECT_GT(work_units(s), kMaxWork);
  EXPECT_TRUE(check_scenario(Target::ImmortalSafety, s).empty());
  // A single operation of any count on a full-word cut layout is cheap and is run.
  const Scenario drain = one(Version::PEP683_R3, 64, Kind::None, {op(OpCode::Decref, Origin::Ext311, ~std::uint64_t{0})});
  EXPECT_LE(work_units(drain), kMaxWork);
  EXPECT_FALSE(check_scenario(Target::ImmortalSafety, drain).empty());
}

TEST(Replay, holdsRegressionInputsToTheirSidecars) {
  const fs::path dir = fs::temp_directory_path() / "refsim-replay-test" / "immortal_safety" / "regression";
  fs::create_directories(dir);
  const Bytes input = *encode(Target::ImmortalSafety, one(Version::V3_12, 32, Kind::None, {op(OpCode::Decref, Origin::Ext311, 1)}));
  const fs::path file = dir / sha1_hex(input);
  std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(input.data()), input.size());
  std::ostringstream log;
  std::ofstream(file.string() + ".expected")
      << expected_json({Target::ImmortalSafety, {"3.12/32/release/as-shipped/none/deimmortalized"}, 1, "t"});
  EXPECT_EQ(replay(Target::ImmortalSafety, {dir}, log).failures, 0u) << log.str();
  std::ofstream(file.string() + ".expected") << expected_json({Target::ImmortalSafety, {}, std::nullopt, "clean"});
  EXPECT_EQ(replay(Target::ImmortalSafety, {dir}, log).failures, 1u);
  std::ofstream(file.string() + ".expected")
      << expected_json({Target::ImmortalSafety, {"3.12/32/release/as-shipped/none/deimmortalized"}, 2, "t"});
  EXPECT_EQ(replay(Target::ImmortalSafety, {dir}, log).failures, 1u) << "the step is held too";
  fs::remove(file.string() + ".expected");
  EXPECT_EQ(replay(Target::EngineEquivalence, {dir}, log).inputs, 1u);
  fs::remove_all(dir.parent_path().parent_path());
}

TEST(DecodeCommand, printsTheScenarioOrOneLineWithTheByte) {
  const fs::path dir = fs::temp_directory_path() / "refsim-decode-test" / "immortal_safety";
  fs::create_directories(dir);
  std::ofstream(dir / "good", std::ios::binary) << std::string("\x01\x0b\x00\x01\x00\x09\x00", 7);
  std::ofstream(dir / "bad", std::ios::binary) << std::string("\x01\x0b\x00\x01\x00\x0e", 6);
  const std::string bin = REFSIM_BINARY;
  const fs::path out = dir.parent_path() / "out";
  EXPECT_EQ(std::system((bin + " decode " + (dir / "good").string() + " > " + out.string()).c_str()), 0);
  std::ifstream in(out);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("\"by\": \"ext-3.11\""), std::string::npos);
  EXPECT_NE(text.find("\"width\": 32"), std::string::npos);
  const int status = std::system((bin + " decode " + (dir / "bad").string() + " 2> " + out.string()).c_str());
  EXPECT_EQ(WEXITSTATUS(status), 2);
  std::ifstream err(out);
  std::string line;
  std::getline(err, line);
  EXPECT_EQ(line, "refsim: " + (dir / "bad").string() + ": byte 5: unknown operation code 6");
  fs::remove_all(dir.parent_path());
}

}  // namespace
}  // namespace refsim::fuzz
