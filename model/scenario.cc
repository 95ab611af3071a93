// Scenario checks: what the model needs of a scenario beyond well-formed input.
#include "model/scenario.h"

#include <set>
#include <string>

#include "model/runtime.h"

namespace refsim {

namespace {

using U128 = unsigned __int128;
constexpr U128 kTooMany = U128{1} << 64;  // one more than the largest step count a report holds
constexpr unsigned kMaxDepth = 64;

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::optional<SpecError> check_ops(const Scenario& s, const std::vector<Op>& ops,
                                   const std::string& prefix, unsigned depth) {
  if (depth > kMaxDepth)
    return SpecError{prefix, "repeat blocks nested deeper than " + std::to_string(kMaxDepth)};
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const Op& op = ops[i];
    const std::string path = prefix + "[" + std::to_string(i) + "]";
    switch (op.code) {
      case OpCode::Incref:
      case OpCode::Decref:
      case OpCode::SetRefcnt:
        if (op.obj >= s.objects.size()) return SpecError{path + ".obj", "no such object"};
        if (op.code == OpCode::SetRefcnt && op.value > s.runtime.width.mask())
          return SpecError{path + ".value", "does not fit a " + std::to_string(s.runtime.width.bits) +
                                                "-bit word"};
        break;
      case OpCode::Gc: break;
      case OpCode::Repeat:
        if (auto error = check_ops(s, op.body, path + ".ops", depth + 1)) return error;
        break;
    }
  }
  return std::nullopt;
}

}  // namespace

unsigned __int128 expanded_steps(const std::vector<Op>& ops) {
  U128 total = 0;
  for (const Op& op : ops) {
    U128 n = 0;
    switch (op.code) {
      case OpCode::Incref:
      case OpCode::Decref:
      case OpCode::SetRefcnt: n = op.count; break;
      case OpCode::Gc: n = 0; break;
      case OpCode::Repeat: {
        const U128 body = expanded_steps(op.body);
        n = (body == 0 || op.count == 0) ? 0 : (body >= kTooMany ? kTooMany : body * op.count);
        break;
      }
    }
    total += n;
    if (total >= kTooMany) return kTooMany;
  }
  return total;
}

std::optional<SpecError> check(const Scenario& s) {
  const RuntimeSpec& rt = s.runtime;
  if (!Width::valid(rt.width.bits))
    return SpecError{"runtime.width", "must be 64, 32, 16 or 8, not " + std::to_string(rt.width.bits)};
  if (!strategy_applies(rt.strategy, rt.version))
    return SpecError{"runtime.strategy", "strategy " + quoted(name_of(rt.strategy)) +
                                             " does not apply to version " + quoted(name_of(rt.version))};
  if (rt.strategy == Strategy::PeriodicReset && rt.params.period == 0)
    return SpecError{"runtime.strategy_params.period", "must be at least 1"};

  std::set<std::string> ids;
  for (std::size_t i = 0; i < s.objects.size(); ++i) {
    const ObjectSpec& o = s.objects[i];
    const std::string path = "objects[" + std::to_string(i) + "]";
    if (o.id.empty()) return SpecError{path + ".id", "must not be empty"};
    if (!ids.insert(o.id).second) return SpecError{path + ".id", "duplicate object id " + quoted(o.id)};
    if (o.word && *o.word > rt.width.mask())
      return SpecError{path + ".word", "does not fit a " + std::to_string(rt.width.bits) + "-bit word"};
    if (o.refs < 0 || o.refs > Int128{INT64_MAX})
      return SpecError{path + ".refs", "must be between 0 and 2^63-1"};
    if (!o.word && o.kind == Kind::Heap && static_cast<Word>(o.refs) > rt.width.mask())
      return SpecError{path + ".refs", "a heap object's word is its refs, which does not fit a " +
                                           std::to_string(rt.width.bits) + "-bit word"};
  }
  if (auto error = check_ops(s, s.ops, "ops", 0)) return error;
  if (expanded_steps(s.ops) >= kTooMany)
    return SpecError{"ops", "the scenario expands to more than 2^64-1 single operations"};
  return std::nullopt;
}

}  // namespace refsim
