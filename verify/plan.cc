// Plan: the checks that keep verify faithful, then the program text the probe reads with fscanf.
#include "verify/plan.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "model/runtime.h"

namespace refsim::verify {
namespace {

/// Kinds the interpreter has exactly one of: a second object of such a kind would be the same object.
bool singleton(Kind kind) {
  return kind == Kind::None || kind == Kind::True || kind == Kind::False || kind == Kind::Ellipsis ||
         kind == Kind::NotImplemented || kind == Kind::EmptyTuple;
}

/// How many distinct real objects the probe has of a kind (probe_main.c.inc, make()).
int available(Kind kind) {
  if (singleton(kind)) return 1;
  if (kind == Kind::StaticType || kind == Kind::ExtStatic) return 4;
  if (kind == Kind::BytesSingleton) return 27;
  return 64;
}

std::string hex(std::uint64_t value) {
  char text[24];
  std::snprintf(text, sizeof text, "%llx", static_cast<unsigned long long>(value));
  return text;
}

/// The probe's letter for an operation; 0 for one it cannot run (gc, and any the model adds later).
char op_letter(OpCode code) {
  switch (code) {
    case OpCode::Incref: return 'i';
    case OpCode::Decref: return 'd';
    case OpCode::SetRefcnt: return 's';
    case OpCode::Repeat: return 'r';
    default: return 0;
  }
}

void write_ops(const std::vector<Op>& ops, const std::vector<int>& slots, std::string& out) {
  for (const Op& op : ops) {
    out += op_letter(op.code);
    const int slot = op.code == OpCode::Repeat ? 0 : slots[static_cast<std::size_t>(op.by)];
    out += " " + std::to_string(op.obj) + " " + std::to_string(slot) + " " +
           std::to_string(op.count) + " " + hex(op.value) + " " + std::to_string(op.body.size()) + "\n";
    write_ops(op.body, slots, out);
  }
}

std::optional<std::string> find_unrunnable(const std::vector<Op>& ops) {
  for (const Op& op : ops) {
    if (op.code == OpCode::Gc)
      return "it has a gc: a real collection changes the words through the interpreter's own references";
    if (op_letter(op.code) == 0) return "it has an operation the probe cannot run from C";
    if (auto found = find_unrunnable(op.body)) return found;
  }
  return std::nullopt;
}

void used_origins(const std::vector<Op>& ops, std::vector<bool>& used) {
  for (const Op& op : ops) {
    if (op.code == OpCode::Incref || op.code == OpCode::Decref || op.code == OpCode::SetRefcnt)
      used[static_cast<std::size_t>(op.by)] = true;
    used_origins(op.body, used);
  }
}

}  // namespace

std::optional<std::string> runtime_mismatch(const Scenario& scenario, const Interpreter& interpreter) {
  const RuntimeSpec& rt = scenario.runtime;
  const std::string who = interpreter.path + " (" + interpreter.full_version + ", " +
                          std::to_string(interpreter.width) + "-bit, " + (interpreter.debug ? "debug" : "release") + ")";
  if (name_of(rt.version) != interpreter.version)
    return "version mismatch: the scenario's runtime is " + std::string(name_of(rt.version)) + ", " + who + " is " +
           interpreter.version;
  if (rt.width.bits != interpreter.width)
    return "width mismatch: the scenario's runtime is " + std::to_string(rt.width.bits) + "-bit, " + who + " is " +
           std::to_string(interpreter.width) + "-bit";
  if (rt.debug != interpreter.debug)
    return std::string("debug mismatch: the scenario's runtime is a ") + (rt.debug ? "debug" : "release") +
           " build, " + who + " is a " + (interpreter.debug ? "debug" : "release") + " build";
  if (rt.strategy != Strategy::AsShipped)
    return "strategy mismatch: the scenario's strategy is " + std::string(name_of(rt.strategy)) +
           ", a real interpreter runs as-shipped";
  return std::nullopt;
}

std::variant<int, std::string> origin_slot(Origin origin, const Interpreter& interpreter, const PlanOptions& options) {
  using Result = std::variant<int, std::string>;
  const std::string name(name_of(origin));
  if (origin == Origin::Core) return Result(std::in_place_index<0>, 0);
  if (origin == Origin::Ext311) return Result(std::in_place_index<0>, 1);
  if (name.rfind("ext-", 0) != 0)
    return Result(std::in_place_index<1>, "origin " + name + " is the interpreter's own code, which a C extension cannot drive");
  const std::string version = name.substr(4);
  const auto it = std::find(options.ext_versions.begin(), options.ext_versions.end(), version);
  if (it != options.ext_versions.end())
    return Result(std::in_place_index<0>, 2 + static_cast<int>(it - options.ext_versions.begin()));
  if (version == interpreter.version && interpreter.debug)
    return Result(std::in_place_index<1>, "origin " + name + " is a release build's inline code, and " + interpreter.path +
                                              "'s headers are a debug build's (pass --headers " + version + "=DIR of release headers)");
  return Result(std::in_place_index<1>, "origin " + name + " is " + version + "'s inline code and no " + version +
                                            " headers were given (pass --headers " + version + "=DIR)");
}

std::variant<Plan, std::string> plan_scenario(const Scenario& scenario, const Interpreter& interpreter,
                                              const PlanOptions& options) {
  using Result = std::variant<Plan, std::string>;
  if (auto mismatch = runtime_mismatch(scenario, interpreter)) return Result(std::in_place_index<1>, *mismatch);
  if (auto op = find_unrunnable(scenario.ops)) return Result(std::in_place_index<1>, *op);
  std::vector<bool> used(count_of<Origin>(), false);
  used_origins(scenario.ops, used);
  std::vector<int> slots(count_of<Origin>(), -1);
  for (std::size_t i = 0; i < used.size(); ++i) {
    if (!used[i]) continue;
    auto slot = origin_slot(static_cast<Origin>(i), interpreter, options);
    if (auto* reason = std::get_if<std::string>(&slot)) return Result(std::in_place_index<1>, *reason);
    slots[i] = std::get<int>(slot);
  }
  const unsigned __int128 steps = expanded_steps(scenario.ops);
  if (steps > kSlowSteps && !options.allow_slow)
    return Result(std::in_place_index<1>, "it has " + std::to_string(static_cast<double>(steps)) +
                                              " single operations, more than 2^34 (minutes of work); pass --allow-slow");
  if (scenario.objects.size() > kMaxObjects)
    return Result(std::in_place_index<1>, "it has " + std::to_string(scenario.objects.size()) + " objects; the probe takes " +
                                              std::to_string(kMaxObjects));
  const Runtime runtime(scenario.runtime);
  std::map<Kind, int> per_kind;
  Plan plan;
  plan.steps = steps > UINT64_MAX ? UINT64_MAX : static_cast<std::uint64_t>(steps);
  plan.program = "refsim-probe 1\nobjects " + std::to_string(scenario.objects.size()) + "\n";
  for (const ObjectSpec& object : scenario.objects) {
    if (++per_kind[object.kind] > available(object.kind))
      return Result(std::in_place_index<1>, "object " + object.id + ": the interpreter has only " +
                                                std::to_string(available(object.kind)) + " " +
                                                std::string(name_of(object.kind)) + " object(s) verify can use");
    std::optional<Word> word = object.word;
    if (object.kind == Kind::Heap && !word) word = runtime.initial_word(Kind::Heap, object.refs);
    plan.program += std::string(name_of(object.kind)) + " " + (word ? "1 " : "0 ") + hex(word.value_or(0)) + "\n";
  }
  plan.program += "ops " + std::to_string(scenario.ops.size()) + "\n";
  write_ops(scenario.ops, slots, plan.program);
  return Result(std::in_place_index<0>, std::move(plan));
}

}  // namespace refsim::verify
