// FtScenario checks: what decoding cannot see (thread lifetimes, field ranges, steps that fit a report).
#include "model/freethreaded/ft_scenario.h"

namespace refsim::ft {
namespace {

using U128 = unsigned __int128;
constexpr U128 kSaturated = static_cast<U128>(1) << 64;

std::string at(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

class Checker {
 public:
  explicit Checker(const FtScenario& s) : s_(s), exited_(s.threads.size(), false) {}

  std::optional<SpecError> objects() {
    for (std::size_t i = 0; i < s_.objects.size(); ++i) {
      const FtObjectSpec& o = s_.objects[i];
      const std::string path = at("objects", i);
      if (o.kind == FtKind::Deferred && !s_.build.info().deferred_modelled())
        return SpecError{path + ".kind", std::string("deferred reference counting is not modelled on ") +
                                             s_.build.info().name + " (docs/FREE-THREADED.md)"};
      if (o.local && *o.local > s_.build.local_max())
        return SpecError{path + ".local", std::to_string(*o.local) + " does not fit ob_ref_local (0.." +
                                              std::to_string(s_.build.local_max()) + ")"};
      if (o.shared && *o.shared > s_.build.shared_mask())
        return SpecError{path + ".shared", "does not fit a " + std::to_string(s_.build.shared_bits()) + "-bit word"};
      // All ones is immortal, except in the draft, whose immortality is in the shared count.
      const Word refs_max = s_.build.narrow() ? s_.build.local_max() : s_.build.local_max() - 1;
      if (o.kind != FtKind::Immortal && !o.local && static_cast<Word>(o.refs) > refs_max)
        return SpecError{path + ".refs", std::to_string(o.refs) + " does not fit ob_ref_local below " +
                                             std::to_string(refs_max + 1) + (s_.build.narrow() ? "" : " (all ones is immortal)")};
    }
    return std::nullopt;
  }

  std::optional<SpecError> walk(const std::vector<FtOp>& ops, const std::string& path, bool in_repeat) {
    for (std::size_t i = 0; i < ops.size(); ++i) {
      const FtOp& op = ops[i];
      const std::string here = at(path, i);
      if (op.code == FtOpCode::Repeat) {
        if (auto e = walk(op.body, here + ".ops", true)) return e;
        continue;
      }
      if (!(op.code == FtOpCode::Merge && op.at == MergeAt::Gc) && exited_[op.thread])
        return SpecError{here + ".thread", "thread \"" + s_.threads[op.thread] + "\" has exited"};
      if (op.code == FtOpCode::Merge && op.at == MergeAt::ThreadExit) {
        if (in_repeat) return SpecError{here + ".at", "a thread exits once: not inside a repeat"};
        exited_[op.thread] = true;
      }
    }
    return std::nullopt;
  }

 private:
  const FtScenario& s_;
  std::vector<bool> exited_;
};

}  // namespace

std::optional<SpecError> check(const FtScenario& scenario) {
  Checker checker(scenario);
  if (auto e = checker.objects()) return e;
  if (auto e = checker.walk(scenario.ops, "ops", false)) return e;
  if (expanded_steps(scenario.ops) >= kSaturated)
    return SpecError{"ops", "the scenario expands to more than 2^64-1 single operations"};
  return std::nullopt;
}

unsigned __int128 expanded_steps(const std::vector<FtOp>& ops) {
  U128 total = 0;
  for (const FtOp& op : ops) {
    if (op.code == FtOpCode::Merge) continue;
    const U128 each = op.code == FtOpCode::Repeat ? expanded_steps(op.body) : 1;
    total += each == 0 ? 0 : (op.count > kSaturated / each ? kSaturated : op.count * each);
    if (total > kSaturated) total = kSaturated;
  }
  return total;
}

}  // namespace refsim::ft
