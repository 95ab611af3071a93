// FtPlan: the checks that keep a free-threaded verify faithful, then the program text the probe
// reads with fscanf (ft_probe.c.inc).
#include "verify/ft_plan.h"

#include <nlohmann/json.hpp>

#include "model/names.h"
#include "verify/plan.h"

namespace refsim::verify {
namespace {

using Json = nlohmann::ordered_json;

char op_letter(ft::FtOpCode code) {
  switch (code) {
    case ft::FtOpCode::Incref: return 'i';
    case ft::FtOpCode::Decref: return 'd';
    case ft::FtOpCode::SetRefcnt: return 's';
    case ft::FtOpCode::Refcnt: return 'c';
    case ft::FtOpCode::Merge: return 'm';
    case ft::FtOpCode::Repeat: return 'r';
  }
  return 0;
}

void collect_origins(const Json& ops, std::vector<std::string>& out) {
  if (!ops.is_array()) return;
  for (const Json& op : ops) {
    const std::string code = op.value("op", std::string());
    if (code == "repeat") collect_origins(op.value("ops", Json::array()), out);
    else if (code != "merge") out.push_back(op.value("by", std::string("core")));
  }
}

/// The probe's code slot of an origin: 0 the interpreter's exported Py_IncRef / Py_DecRef, 1 the
/// inline Py_INCREF / Py_DECREF of PY's own headers; or why there is none.
std::variant<int, std::string> slot_of(const std::string& origin, const Interpreter& in) {
  using Result = std::variant<int, std::string>;
  if (origin == "core") return Result(std::in_place_index<0>, 0);
  if (origin == "ext-" + in.version + "t") return Result(std::in_place_index<0>, 1);
  return Result(std::in_place_index<1>, "origin " + origin + " has no code slot in the probe (" + in.path +
                                            " runs core and ext-" + in.version + "t, the inline code of its own headers)");
}

class Writer {
 public:
  Writer(const std::vector<std::string>& origins, const Interpreter& in) : origins_(origins), in_(in) {}

  std::optional<std::string> ops(const std::vector<ft::FtOp>& list) {
    for (const ft::FtOp& op : list) {
      int slot = 0;
      if (op.code != ft::FtOpCode::Merge && op.code != ft::FtOpCode::Repeat) {
        if (next_ >= origins_.size()) return "its operations and their origins do not match";
        auto found = slot_of(origins_[next_++], in_);
        if (auto* reason = std::get_if<std::string>(&found)) return *reason;
        slot = std::get<int>(found);
      }
      if (op.code == ft::FtOpCode::Merge && op.at == ft::MergeAt::ThreadExit && op.thread == 0)
        return "the first thread exits, and the probe's first thread is the interpreter's main thread, which runs it";
      text_ += std::string(1, op_letter(op.code)) + " " + std::to_string(op.obj) + " " + std::to_string(op.thread) + " " +
               std::to_string(slot) + " " + std::to_string(static_cast<int>(op.at)) + " " + std::to_string(op.count) +
               " " + hex(static_cast<std::uint64_t>(op.value)) + " " + std::to_string(op.body.size()) + "\n";
      if (auto reason = ops(op.body)) return reason;
    }
    return std::nullopt;
  }
  const std::string& text() const { return text_; }

 private:
  const std::vector<std::string>& origins_;
  const Interpreter& in_;
  std::size_t next_ = 0;
  std::string text_;
};

}  // namespace

std::optional<std::string> ft_runtime_mismatch(const ft::FtScenario& scenario, const Interpreter& in) {
  const ft::FtBuild& b = scenario.build;
  const std::string runtime = b.info().name;
  const std::string who = in.path + " (" + in.full_version + ", " + std::to_string(in.width) + "-bit, " +
                          (in.debug ? "debug" : "release") + (in.free_threaded ? ", free-threaded" : "") + ")";
  if (b.narrow()) return "the scenario's runtime is " + runtime + ", a draft design that no interpreter runs";
  if (!in.free_threaded)
    return "free-threading mismatch: the scenario's runtime is " + runtime + ", " + who + " is not a free-threaded build";
  if (runtime != in.version + "t")
    return "version mismatch: the scenario's runtime is " + runtime + ", " + who + " is " + in.version + "t";
  if (b.scaled()) return "the scenario's width " + std::to_string(b.ssize_bits) + " is a scaled copy that exists only in the model";
  if (b.ssize_bits != in.width)
    return "width mismatch: the scenario's runtime is " + std::to_string(b.ssize_bits) + "-bit, " + who + " is " +
           std::to_string(in.width) + "-bit";
  if (b.debug != in.debug)
    return std::string("debug mismatch: the scenario's runtime is a ") + (b.debug ? "debug" : "release") + " build, " + who +
           " is a " + (in.debug ? "debug" : "release") + " build";
  return std::nullopt;
}

std::vector<std::string> ft_origins(std::string_view document) {
  std::vector<std::string> out;
  const Json root = Json::parse(document, nullptr, false);
  if (root.is_object()) collect_origins(root.value("ops", Json::array()), out);
  return out;
}

std::variant<FtPlan, std::string> plan_ft_scenario(const ft::FtScenario& scenario, const std::vector<std::string>& origins,
                                                   const Interpreter& in, bool allow_slow) {
  using Result = std::variant<FtPlan, std::string>;
  if (auto mismatch = ft_runtime_mismatch(scenario, in)) return Result(std::in_place_index<1>, *mismatch);
  if (scenario.threads.size() > kMaxFtThreads)
    return Result(std::in_place_index<1>, "it has " + std::to_string(scenario.threads.size()) + " threads; the probe runs " +
                                              std::to_string(kMaxFtThreads));
  if (scenario.objects.size() > kMaxObjects)
    return Result(std::in_place_index<1>, "it has " + std::to_string(scenario.objects.size()) + " objects; the probe takes " +
                                              std::to_string(kMaxObjects));
  const unsigned __int128 steps = ft::expanded_steps(scenario.ops);
  if (auto slow = slow_refusal(steps, allow_slow)) return Result(std::in_place_index<1>, *slow);
  FtPlan plan;
  plan.steps = steps > UINT64_MAX ? UINT64_MAX : static_cast<std::uint64_t>(steps);
  plan.program = "refsim-probe-ft 1\nthreads " + std::to_string(scenario.threads.size()) + "\nobjects " +
                 std::to_string(scenario.objects.size()) + "\n";
  std::size_t immortals = 0;
  for (const ft::FtObjectSpec& o : scenario.objects) {
    const int owner = o.owner == ft::kUnowned ? -1 : static_cast<int>(o.owner);
    std::string line;
    if (o.kind == ft::FtKind::Immortal) {
      if (++immortals > kMaxFtImmortals)
        return Result(std::in_place_index<1>, "object " + o.id + ": the probe has " + std::to_string(kMaxFtImmortals) +
                                                  " immortal objects (None, True, False, Ellipsis, NotImplemented)");
      line = "immortal -1 0 0 0 0";  // the interpreter's own: nothing written into them
    } else if (o.kind == ft::FtKind::Heap) {
      // A fresh object of the probe's type made by its owner; the scenario's fields written.
      line = "heap " + std::to_string(owner) + " 1 " + hex(o.local.value_or(static_cast<Word>(o.refs))) + " 1 " +
             hex(o.shared.value_or(0));
    } else {
      // A top-level function made by its owner: its real fields unless the scenario gives them.
      line = "deferred " + std::to_string(owner) + (o.local ? " 1 " + hex(*o.local) : std::string(" 0 0")) +
             (o.shared ? " 1 " + hex(*o.shared) : std::string(" 0 0"));
    }
    plan.program += line + "\n";
  }
  Writer writer(origins, in);
  if (auto reason = writer.ops(scenario.ops)) return Result(std::in_place_index<1>, *reason);
  plan.program += "ops " + std::to_string(scenario.ops.size()) + "\n" + writer.text();
  return Result(std::in_place_index<0>, std::move(plan));
}

}  // namespace refsim::verify
