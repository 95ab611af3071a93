// Test helpers: every runtime combination, and one-operation scenarios.
#include "tests/model/combos.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace refsim {
std::string hex_word(Word w) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(w));
  return buf;
}
}  // namespace refsim

namespace refsim::testing {

std::vector<RuntimeSpec> all_runtimes(unsigned width, std::uint64_t period) {
  std::vector<RuntimeSpec> out;
  for (const auto& v : Names<Version>::rows)
    for (bool debug : {false, true})
      for (const auto& s : Names<Strategy>::rows) {
        if (!strategy_applies(s.value, v.value)) continue;
        RuntimeSpec rt{v.value, Width{width}, debug, s.value, {}};
        rt.params.period = period;
        out.push_back(rt);
      }
  return out;
}

std::vector<RuntimeSpec> sweep(unsigned width) {
  std::vector<RuntimeSpec> out;
  const auto all = all_runtimes(width);
  for (std::size_t i = 0; i < all.size(); ++i) {
#ifdef REFSIM_EXTRA_FIRST_VERSION
    const bool appended = all[i].version >= Version::REFSIM_EXTRA_FIRST_VERSION;
#else
    const bool appended = false;
#endif
    if (i % kSample == 0 || appended) out.push_back(all[i]);
  }
  return out;
}

Scenario one_op(const RuntimeSpec& rt, Kind kind, Word word, OpCode code, Origin by,
                std::uint64_t count, Word value) {
  Scenario s;
  s.name = "one-op";
  s.runtime = rt;
  s.objects.push_back({"obj", kind, word, 1});
  s.ops.push_back(leaf(code, 0, by, count, value));
  return s;
}

void expect_same(const Scenario& s, const std::string& what, const RunLimits& limits) {
  ASSERT_FALSE(check(s).has_value()) << check(s)->path << ": " << check(s)->message << "\n" << what;
  const Outcome fast = run(s, EngineKind::Fast, limits);
  const Outcome slow = run(s, EngineKind::Stepwise, limits);
  ASSERT_EQ(fast.steps, slow.steps) << what;
  ASSERT_EQ(fast.events.size(), slow.events.size()) << what;
  for (std::size_t i = 0; i < fast.events.size(); ++i)
    ASSERT_EQ(fast.events[i], slow.events[i]) << what << " event " << i << " step " << slow.events[i].step;
  ASSERT_EQ(fast, slow) << what;
}

std::string describe(const RuntimeSpec& rt) {
  return std::string(name_of(rt.version)) + "/" + std::to_string(rt.width.bits) +
         (rt.debug ? "/debug/" : "/release/") + std::string(name_of(rt.strategy));
}

}  // namespace refsim::testing

namespace refsim {

void PrintTo(const Event& e, std::ostream* os) {
  *os << name_of(e.kind) << " obj " << e.obj << " step " << e.step << " " << hex_word(e.word_before)
      << "->" << hex_word(e.word_after);
  if (e.action) *os << " " << name_of(*e.action) << (e.premature ? " premature" : "");
}

void PrintTo(const Outcome& o, std::ostream* os) {
  *os << (o.crashed ? "crashed" : "survived") << " steps " << o.steps << " events " << o.events_total
      << " [";
  for (const Event& e : o.events) {
    PrintTo(e, os);
    *os << "; ";
  }
  *os << "] objects [";
  for (const ObjectState& s : o.objects)
    *os << hex_word(s.word) << " logical " << static_cast<long long>(s.logical) << (s.freed ? " freed" : "")
        << "; ";
  *os << "]";
}

}  // namespace refsim

namespace refsim::testing {

namespace {
void dump_ops(const std::vector<Op>& ops, std::ostream& os, int depth) {
  for (const Op& op : ops) {
    os << std::string(depth * 2, ' ');
    switch (op.code) {
      case OpCode::Incref: os << "incref"; break;
      case OpCode::Decref: os << "decref"; break;
      case OpCode::SetRefcnt: os << "set " << hex_word(op.value); break;
      case OpCode::Gc: os << "gc\n"; continue;
      case OpCode::Repeat:
        os << "repeat x" << op.count << "\n";
        dump_ops(op.body, os, depth + 1);
        continue;
      case OpCode::StackNew: os << "stackref_new r" << op.ref; break;
      case OpCode::StackSteal: os << "stackref_steal r" << op.ref; break;
      case OpCode::StackNewMortal: os << "stackref_new_mortal r" << op.ref; break;
      case OpCode::StackImmortal: os << "stackref_immortal r" << op.ref; break;
      case OpCode::StackDup: os << "stackref_dup r" << op.ref << " as r" << op.ref_to << "\n"; continue;
      case OpCode::StackClose: os << "stackref_close r" << op.ref << "\n"; continue;
      case OpCode::StealRelease: os << "steal_release"; break;
      case OpCode::RefcntAdd: os << "refcnt_add " << op.value; break;
    }
    os << " o" << op.obj << " by " << name_of(op.by) << " x" << op.count << "\n";
  }
}
}  // namespace

std::string dump(const Scenario& s) {
  std::ostringstream os;
  os << describe(s.runtime) << " period " << s.runtime.params.period
     << (s.runtime.params.only_if_legacy ? " only-if-legacy" : "") << "\n";
  for (const ObjectSpec& o : s.objects)
    os << "  " << o.id << " " << name_of(o.kind) << " word " << (o.word ? hex_word(*o.word) : "-")
       << " refs " << static_cast<long long>(o.refs) << "\n";
  dump_ops(s.ops, os, 1);
  return os.str();
}

}  // namespace refsim::testing
