// The ft_engine fuzz target (fuzz/ft_codec.h, fuzz/ft_check.h): its codec decodes a hand-encoded
// input as documented, every seed decodes (and reads back from the JSON `refsim decode` prints) and
// together they reach every version and operation, and
// thousands of random inputs give no finding while the ledger is checked on many of them.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <vector>
#include <random>
#include <set>

#include "fuzz/ft_check.h"
#include "fuzz/ft_codec.h"
#include "io/ft_scenario_json.h"
#include "io/ft_scenario_writer.h"
#include "io/read_file.h"
#include "model/freethreaded/ft_engine.h"

namespace refsim::fuzz {
namespace {

namespace fs = std::filesystem;

TEST(FtFuzzCodec, decodesAsDocumented) {
  // 0x1D: 3.14t (1), width 64 (3 << 2), debug (1 << 4); shape 1: 2 threads, 1 object;
  // object: heap (0), owner t1, refs 3, start 0x09 = local next to its edge (1) at distance 2 (2 << 2).
  const std::uint8_t bytes[] = {0x1D, 0x01, 0x00, 0x01, 0x03, 0x09,
                                0x06, 0x04, 0x01, 0x00,   // 6 % 5 = 1 decref, thread 0, obj 0, count 1 + 4 + 256
                                0x0C, 0x00, 0x00, 0x00,   // 12 % 5 = 2 set_refcnt, thread (12 >> 3) & 3 = 1, value 0
                                0x04, 0x01, 0x00, 0x00};  // 4 % 5 = 4 merge, thread 0, at gc
  const auto decoded = decode_ft(bytes);
  ASSERT_TRUE(std::holds_alternative<ft::FtScenario>(decoded));
  const ft::FtScenario* s = &std::get<ft::FtScenario>(decoded);
  EXPECT_EQ(s->build.version, ft::FtVersion::v314t);
  EXPECT_EQ(s->build.ssize_bits, 64u);
  EXPECT_TRUE(s->build.debug);
  EXPECT_EQ(s->threads.size(), 2u);
  ASSERT_EQ(s->objects.size(), 1u);
  EXPECT_EQ(s->objects[0].owner, 1u);
  EXPECT_EQ(s->objects[0].refs, 3);
  EXPECT_EQ(s->objects[0].local, std::optional<Word>(0xFFFFFFFFu - 1 - 2));
  ASSERT_EQ(s->ops.size(), 3u);
  EXPECT_EQ(s->ops[0].code, ft::FtOpCode::Decref);
  EXPECT_EQ(s->ops[0].count, 1u + 4 + 256);
  EXPECT_EQ(s->ops[1].code, ft::FtOpCode::SetRefcnt);
  EXPECT_EQ(s->ops[1].thread, 1u);
  EXPECT_EQ(s->ops[2].code, ft::FtOpCode::Merge);
  EXPECT_EQ(s->ops[2].at, ft::MergeAt::Gc);
}

TEST(FtFuzzCodec, theFourthByteOpensARepeatAndRepeatsNest) {
  // 0x05: 3.14t (1), width 16 (1 << 2), release; shape 1: 2 threads, 1 object: heap, owner t0, refs 2.
  const std::uint8_t bytes[] = {0x05, 0x01, 0x00, 0x00, 0x02, 0x00,
                                0x00, 0x02, 0x00, 0x0D,   // incref t0 x3; 0x0D: repeat 2 + 3 = 5 of it and 1 more op
                                0x0B, 0x00, 0x00, 0x04,   // 11 % 5 = 1 decref, thread 1; 0x04: repeat 3 of it alone
                                0x04, 0x00, 0x00, 0x00};  // merge t0 at the eval breaker, after the repeat
  const auto decoded = decode_ft(bytes);
  ASSERT_TRUE(std::holds_alternative<ft::FtScenario>(decoded));
  const ft::FtScenario* s = &std::get<ft::FtScenario>(decoded);
  ASSERT_EQ(s->ops.size(), 2u);
  const ft::FtOp& outer = s->ops[0];
  ASSERT_EQ(outer.code, ft::FtOpCode::Repeat);
  EXPECT_EQ(outer.count, 5u);
  ASSERT_EQ(outer.body.size(), 2u);
  EXPECT_EQ(outer.body[0].code, ft::FtOpCode::Incref);
  EXPECT_EQ(outer.body[0].count, 3u);
  const ft::FtOp& inner = outer.body[1];
  ASSERT_EQ(inner.code, ft::FtOpCode::Repeat);
  EXPECT_EQ(inner.count, 3u);
  ASSERT_EQ(inner.body.size(), 1u);
  EXPECT_EQ(inner.body[0].code, ft::FtOpCode::Decref);
  EXPECT_EQ(inner.body[0].thread, 1u);
  EXPECT_EQ(s->ops[1].code, ft::FtOpCode::Merge);
  // 5 x (3 increfs + 3 decrefs), all paired: the ledger holds and the engines agree.
  EXPECT_TRUE(check_ft(bytes).empty());
  EXPECT_EQ(ft::run(*s).steps, 5u * (3 + 3));

  // A repeat whose work passes kMaxFtFuzzSteps ends the list: 65 x 65536 increfs after one decref.
  const std::uint8_t too_much[] = {0x05, 0x01, 0x00, 0x00, 0x02, 0x00,
                                   0x01, 0x00, 0x00, 0x00,
                                   0x00, 0xFF, 0xFF, 0xFC,   // incref x65536, repeat 2 + 63 = 65
                                   0x04, 0x00, 0x00, 0x00};
  const auto bounded = decode_ft(too_much);
  ASSERT_TRUE(std::holds_alternative<ft::FtScenario>(bounded));
  ASSERT_EQ(std::get<ft::FtScenario>(bounded).ops.size(), 1u);
  EXPECT_EQ(std::get<ft::FtScenario>(bounded).ops[0].code, ft::FtOpCode::Decref);
  // The same repeat of 64 merges would be free of steps but not of work: 65^k merges nest no further
  // than the bound either.
  std::vector<std::uint8_t> merges = {0x05, 0x01, 0x00, 0x00, 0x02, 0x00};
  for (int i = 0; i < 8; ++i) merges.insert(merges.end(), {0x04, 0x00, 0x00, 0xFD});  // repeat 65 {merge, next}
  const auto nested = decode_ft(merges);
  ASSERT_TRUE(std::holds_alternative<ft::FtScenario>(nested));
  EXPECT_TRUE(std::get<ft::FtScenario>(nested).ops.empty()) << "65^8 merges pass the bound";
}

TEST(FtFuzzCodec, everySeedDecodesAndTheSeedsReachEveryVersionAndOperation) {
  std::set<ft::FtVersion> versions;
  std::set<ft::FtOpCode> codes;
  int seeds = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(REFSIM_SOURCE_DIR) / "corpus" / "ft_engine" / "seeds")) {
    const FileRead file = read_file(entry.path());
    ASSERT_TRUE(file.ok()) << entry.path();
    const auto decoded = decode_ft(file.octets());
    ASSERT_TRUE(std::holds_alternative<ft::FtScenario>(decoded)) << entry.path() << " does not decode into a valid scenario";
    const ft::FtScenario* s = &std::get<ft::FtScenario>(decoded);
    versions.insert(s->build.version);
    for (const ft::FtOp& op : s->ops) {
      codes.insert(op.code);
      for (const ft::FtOp& in_body : op.body) codes.insert(in_body.code);
    }
    EXPECT_TRUE(check_ft(file.octets()).empty()) << entry.path();
    // `refsim decode` prints it as refsim-scenario/2, which reads back into the same run.
    const auto parsed = ft::parse_ft_scenario(ft_scenario_json(*s).dump(), "seed");
    ASSERT_TRUE(std::holds_alternative<ft::FtScenarioFile>(parsed)) << entry.path() << ": "
        << std::get<SpecError>(parsed).path << ": " << std::get<SpecError>(parsed).message;
    EXPECT_TRUE(ft::run(std::get<ft::FtScenarioFile>(parsed).scenario) == ft::run(*s)) << entry.path();
    ++seeds;
  }
  EXPECT_GE(seeds, 8);
  EXPECT_EQ(versions.size(), std::size(ft::kFtVersions));
  EXPECT_EQ(codes.size(), count_of<ft::FtOpCode>()) << "incref, decref, set_refcnt, refcnt, merge, repeat";
}

bool has_repeat(const ft::FtScenario& s) {
  return std::any_of(s.ops.begin(), s.ops.end(), [](const ft::FtOp& op) { return op.code == ft::FtOpCode::Repeat; });
}

TEST(FtFuzzCheck, randomInputsGiveNoFindingAndTheLedgerIsChecked) {
  std::mt19937_64 rng(20261130);
  std::size_t decoded = 0, ledger = 0, repeats = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    std::vector<std::uint8_t> bytes(2 + 4 * 2 + 4 * (rng() % 12));
    for (std::uint8_t& b : bytes) b = static_cast<std::uint8_t>(rng());
    // Mostly small counts (the stepwise reference runs every step): clear most ops' high count byte,
    // and let one op in four open a repeat.
    for (std::size_t at = 2 + 4 * 2 + 2; at < bytes.size(); at += 4) {
      if (rng() % 8) bytes[at] = 0;
      if (at + 1 < bytes.size() && rng() % 4) bytes[at + 1] = 0;
    }
    FtCheckStats stats;
    const auto findings = check_ft(bytes, &stats);
    ASSERT_TRUE(findings.empty()) << "trial " << trial << ": " << findings.front();
    decoded += stats.decoded;
    ledger += stats.ledger_objects;
    if (const auto s = decode_ft(bytes); std::holds_alternative<ft::FtScenario>(s))
      repeats += has_repeat(std::get<ft::FtScenario>(s));
  }
  EXPECT_GE(decoded, 10000u);
  EXPECT_GE(ledger, 1500u) << "the ledger check must not be vacuous";
  EXPECT_GE(repeats, 3000u) << "the fast engine's repeat jumps must meet the stepwise reference";
}

}  // namespace
}  // namespace refsim::fuzz
