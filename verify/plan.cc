// Plan: the checks that keep verify faithful, then the program text the probe reads with fscanf.
#include "verify/plan.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "io/scenario_json.h"
#include "model/op_support.h"
#include "model/runtime.h"

namespace refsim::verify {
namespace {

/// Kinds the interpreter has exactly one of: a second object of such a kind would be the same object.
bool singleton(Kind kind) {
  return kind == Kind::None || kind == Kind::True || kind == Kind::False || kind == Kind::Ellipsis ||
         kind == Kind::NotImplemented || kind == Kind::EmptyTuple;
}

/// How many distinct real objects the probe has of a kind (probe_main.c.inc, make()); 0 for a kind
/// it has none of.
int available(Kind kind) {
  if (singleton(kind)) return 1;
  switch (kind) {
    case Kind::StaticType:
    case Kind::ExtStatic: return 4;
    case Kind::StaticStr: return 23;  // U+00E9..U+00FF: latin-1 singletons (U+0100 on is a fresh str)
    case Kind::StaticIdStr: return 8;  // the _Py_ID names of probe_main.c.inc's static_id_names
    case Kind::BytesSingleton: return 27;  // b'' and b'a'..b'z'
    case Kind::SmallInt:  // 7..70
    case Kind::InternedStr:
    case Kind::Heap: return 64;
    default: return 0;
  }
}

/// List items a scenario's refcnt_add may create in all: each is a list repetition whose result the
/// probe keeps (freeing it would release its n references), 8 bytes an item.
constexpr unsigned __int128 kMaxRepeatItems = static_cast<unsigned __int128>(1) << 25;

/// The probe's letter for an operation; 0 for one it cannot run (gc, the interpreter loop's stack
/// references, and any the model adds later).
char op_letter(OpCode code) {
  switch (code) {
    case OpCode::Incref: return 'i';
    case OpCode::Decref: return 'd';
    case OpCode::SetRefcnt: return 's';
    case OpCode::Repeat: return 'r';
    case OpCode::RefcntAdd: return 'a';
    default: return 0;
  }
}

/// Whether the operation runs as an origin's code (its `by` picks the probe's code slot).
bool takes_origin(OpCode code) {
  return code == OpCode::Incref || code == OpCode::Decref || code == OpCode::SetRefcnt;
}

std::string op_description(OpCode code) {
  for (const auto& row : Names<OpCode>::rows)
    if (row.value == code) return std::string(row.name) + " (" + std::string(row.description) + ")";
  return "an operation";
}

void write_ops(const std::vector<Op>& ops, const std::vector<int>& slots, std::string& out) {
  for (const Op& op : ops) {
    out += op_letter(op.code);
    const int slot = takes_origin(op.code) ? slots[static_cast<std::size_t>(op.by)] : 0;
    out += " " + std::to_string(op.obj) + " " + std::to_string(slot) + " " +
           std::to_string(op.count) + " " + hex(op.value) + " " + std::to_string(op.body.size()) + "\n";
    write_ops(op.body, slots, out);
  }
}

std::optional<std::string> find_unrunnable(const std::vector<Op>& ops) {
  for (const Op& op : ops) {
    if (op.code == OpCode::Gc)
      return "it has a gc: a real collection changes the words through the interpreter's own references";
    if (runtime_only(op.code) && op_letter(op.code) == 0)
      return op_description(op.code) + " cannot be run from C: it is the 3.14 interpreter loop's own stack reference, "
             "which no C API takes or releases";
    if (op_letter(op.code) == 0) return op_description(op.code) + " cannot be run from C: the probe has no code for it";
    if (auto found = find_unrunnable(op.body)) return found;
  }
  return std::nullopt;
}

/// The list items the scenario's refcnt_adds create (each runs as a one-item list repeated n
/// times), or kMaxRepeatItems + 1 once they exceed it.
unsigned __int128 repeat_items(const std::vector<Op>& ops) {
  constexpr unsigned __int128 kOver = kMaxRepeatItems + 1;
  const auto times = [&](unsigned __int128 a, unsigned __int128 b) {
    if (a == 0 || b == 0) return static_cast<unsigned __int128>(0);
    return a > kMaxRepeatItems || b > kMaxRepeatItems ? kOver : a * b;
  };
  unsigned __int128 items = 0;
  for (const Op& op : ops) {
    if (op.code == OpCode::RefcntAdd) items += times(op.count, op.value);
    if (op.code == OpCode::Repeat) {
      const unsigned __int128 body = repeat_items(op.body);
      if (body > 0) items += times(op.count, body);
    }
    if (items > kMaxRepeatItems) return kOver;
  }
  return items;
}

void used_origins(const std::vector<Op>& ops, std::vector<bool>& used) {
  for (const Op& op : ops) {
    if (takes_origin(op.code)) used[static_cast<std::size_t>(op.by)] = true;
    used_origins(op.body, used);
  }
}

}  // namespace

std::string hex(std::uint64_t value) {
  char text[24];
  std::snprintf(text, sizeof text, "%llx", static_cast<unsigned long long>(value));
  return text;
}

std::optional<std::string> slow_refusal(unsigned __int128 steps, bool allow_slow) {
  if (steps <= kSlowSteps || allow_slow) return std::nullopt;
  const unsigned __int128 most = (static_cast<unsigned __int128>(1) << 127) - 1;  // Int128's largest
  return "it has " + decimal(static_cast<Int128>(steps > most ? most : steps)) +
         " single operations, more than 2^34 (minutes of work); pass --allow-slow";
}

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
  if (auto slow = slow_refusal(steps, options.allow_slow)) return Result(std::in_place_index<1>, *slow);
  if (repeat_items(scenario.ops) > kMaxRepeatItems)
    return Result(std::in_place_index<1>,
                  "refcnt_add (_Py_RefcntAdd) runs as list repetition ([x] * n), whose lists the probe keeps: its "
                  "refcnt_adds would make lists of more than 2^25 items (256 MiB) in all");
  if (scenario.objects.size() > kMaxObjects)
    return Result(std::in_place_index<1>, "it has " + std::to_string(scenario.objects.size()) + " objects; the probe takes " +
                                              std::to_string(kMaxObjects));
  const Runtime runtime(scenario.runtime);
  std::map<Kind, int> per_kind;
  Plan plan;
  plan.steps = steps > UINT64_MAX ? UINT64_MAX : static_cast<std::uint64_t>(steps);
  plan.program = "refsim-probe 1\nobjects " + std::to_string(scenario.objects.size()) + "\n";
  for (const ObjectSpec& object : scenario.objects) {
    if (available(object.kind) == 0)
      return Result(std::in_place_index<1>, "object " + object.id + ": kind " + std::string(name_of(object.kind)) +
                                                " has no real object in the probe");
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
