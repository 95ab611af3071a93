// Scenario checks: what the model needs of a scenario beyond well-formed input.
#include "model/scenario.h"

#include <set>
#include <string>

#include "model/op_support.h"
#include "model/runtime.h"

namespace refsim {

namespace {

using U128 = unsigned __int128;
constexpr U128 kTooMany = U128{1} << 64;  // one more than the largest step count a report holds
constexpr unsigned kMaxDepth = 64;

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

/// The stack references open at some point of the operation tree: ref -> its object.
using OpenRefs = std::vector<std::optional<std::size_t>>;

std::string ref_name(const Scenario& s, std::size_t ref) { return quoted(s.refs[ref]); }

/// The stack-reference and runtime-only rules of one operation; updates `open`.
std::optional<SpecError> check_runtime_op(const Scenario& s, const Op& op, const std::string& path,
                                          OpenRefs& open) {
  if (auto why = op_unavailable(op.code, s.runtime)) return SpecError{path + ".op", *why};
  if (op.by != Origin::Core) return SpecError{path + ".by", "the runtime's own operations run as core"};
  const bool named = opens_stack_ref(op.code) || op.code == OpCode::StackDup || op.code == OpCode::StackClose;
  if (named && op.count != 1) return SpecError{path + ".count", "a stack reference operation has no count"};
  if (op.code == OpCode::RefcntAdd && (op.value == 0 || op.value > refcnt_add_max(s.runtime.width)))
    return SpecError{path + ".n", "must be between 1 and 2^" + std::to_string(s.runtime.width.bits - 2)};
  if (!named) return std::nullopt;
  if (op.ref >= s.refs.size() || (op.code == OpCode::StackDup && op.ref_to >= s.refs.size()))
    return SpecError{path + ".ref", "no such stack reference"};
  switch (op.code) {
    case OpCode::StackNew:
    case OpCode::StackSteal:
    case OpCode::StackNewMortal:
    case OpCode::StackImmortal:
      if (open[op.ref]) return SpecError{path + ".ref", "stack reference " + ref_name(s, op.ref) + " is already open"};
      open[op.ref] = op.obj;
      break;
    case OpCode::StackDup:
      if (!open[op.ref]) return SpecError{path + ".ref", "stack reference " + ref_name(s, op.ref) + " is not open"};
      if (open[op.ref_to])
        return SpecError{path + ".as", "stack reference " + ref_name(s, op.ref_to) + " is already open"};
      open[op.ref_to] = open[op.ref];
      break;
    default:  // close
      if (!open[op.ref]) return SpecError{path + ".ref", "stack reference " + ref_name(s, op.ref) + " is not open"};
      open[op.ref].reset();
      break;
  }
  return std::nullopt;
}

std::optional<SpecError> check_ops(const Scenario& s, const std::vector<Op>& ops,
                                   const std::string& prefix, unsigned depth, OpenRefs& open) {
  if (depth > kMaxDepth)
    return SpecError{prefix, "repeat blocks nested deeper than " + std::to_string(kMaxDepth)};
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const Op& op = ops[i];
    const std::string path = prefix + "[" + std::to_string(i) + "]";
    const bool on_object = op.code != OpCode::Gc && op.code != OpCode::Repeat &&
                           op.code != OpCode::StackDup && op.code != OpCode::StackClose;
    if (on_object && op.obj >= s.objects.size()) return SpecError{path + ".obj", "no such object"};
    if (runtime_only(op.code)) {
      if (auto error = check_runtime_op(s, op, path, open)) return error;
      continue;
    }
    switch (op.code) {
      case OpCode::SetRefcnt:
        if (op.value > s.runtime.width.mask())
          return SpecError{path + ".value", "does not fit a " + std::to_string(s.runtime.width.bits) +
                                                "-bit word"};
        break;
      case OpCode::Repeat: {
        // Every iteration starts with the same references open: the body closes what it opens
        // and nothing else.
        OpenRefs inside = open;
        if (auto error = check_ops(s, op.body, path + ".ops", depth + 1, inside)) return error;
        for (std::size_t r = 0; r < open.size(); ++r)
          if (inside[r] != open[r])
            return SpecError{path + ".ops", "stack reference " + ref_name(s, r) +
                                                (open[r] ? " is closed" : " is left open") +
                                                " by the repeated body"};
        break;
      }
      default: break;
    }
  }
  return std::nullopt;
}

void repair_ops(const Scenario& s, std::vector<Op>& ops) {
  for (Op& op : ops) {
    if (op.code == OpCode::SetRefcnt) op.value &= s.runtime.width.mask();
    if (!s.objects.empty()) op.obj %= s.objects.size();
    repair_ops(s, op.body);
  }
}

}  // namespace

void repair(Scenario& s) {
  RuntimeSpec& rt = s.runtime;
  if (!Width::valid(rt.width.bits)) rt.width = Width{64};
  if (!strategy_applies(rt.strategy, rt.version)) rt.strategy = Strategy::AsShipped;
  if (rt.strategy == Strategy::PeriodicReset && rt.params.period == 0) rt.params.period = 1;
  for (ObjectSpec& o : s.objects) {
    if (o.word) *o.word &= rt.width.mask();
    if (o.refs < 0 || o.refs > Int128{INT64_MAX}) o.refs = 1;
    if (!o.word && o.kind == Kind::Heap && static_cast<Word>(o.refs) > rt.width.mask()) o.refs = 1;
  }
  repair_ops(s, s.ops);
}

unsigned __int128 expanded_steps(const std::vector<Op>& ops) {
  U128 total = 0;
  for (const Op& op : ops) {
    U128 n = 0;
    switch (op.code) {
      case OpCode::Gc: n = 0; break;
      default: n = op.count; break;  // one single operation per count
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
  OpenRefs open(s.refs.size());
  if (auto error = check_ops(s, s.ops, "ops", 0, open)) return error;
  if (expanded_steps(s.ops) >= kTooMany)
    return SpecError{"ops", "the scenario expands to more than 2^64-1 single operations"};
  return std::nullopt;
}

}  // namespace refsim
