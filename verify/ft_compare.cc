// FtCompare: starting fields, fields after each top-level operation, observable events, how the
// run ended and the final objects. Each line names the item and gives "real ..., model ...".
#include "verify/ft_compare.h"

#include "io/report_json.h"

namespace refsim::verify {
namespace {

constexpr std::size_t kMaxLines = 20;

std::string path_text(const OpPath& path) {
  std::string text = "[";
  for (std::size_t i = 0; i < path.size(); ++i) text += (i ? "," : "") + std::to_string(path[i]);
  return text + "]";
}

std::string owner_text(const ft::FtScenario& s, int owner) {
  if (owner == kNoOwner) return "none";
  if (owner < 0 || static_cast<std::size_t>(owner) >= s.threads.size()) return "a tid of no thread";
  return s.threads[static_cast<std::size_t>(owner)];
}

class Lines {
 public:
  explicit Lines(std::vector<std::string>& out) : out_(out) {}
  void add(const std::string& line) {
    if (out_.size() < kMaxLines) out_.push_back(line);
  }

 private:
  std::vector<std::string>& out_;
};

void compare_objects(const ft::FtScenario& s, const std::string& where, const std::vector<FtSeenObject>& real,
                     const std::vector<FtSeenObject>& model, Lines& lines) {
  for (std::size_t i = 0; i < real.size() && i < model.size(); ++i)
    if (!(real[i] == model[i]))
      lines.add(where + ", " + s.objects[i].id + ": real " + describe_fields(s, real[i]) + "; model " +
                describe_fields(s, model[i]));
  if (real.size() != model.size())
    lines.add(where + ": real " + std::to_string(real.size()) + " objects, model " + std::to_string(model.size()));
}

}  // namespace

std::string describe_fields(const ft::FtScenario& s, const FtSeenObject& o) {
  static const char* const kStates[] = {"initial", "maybe-weakref", "queued", "merged"};
  const std::string fields = "owner " + owner_text(s, o.owner) + ", local " + std::to_string(o.local) + ", shared " +
                             hex_word(Width{s.build.ssize_bits}, o.shared) + " (" + kStates[o.shared & ft::kFlagMask] + ")";
  if (o.freed) return "freed (" + fields + ")";
  return fields + (o.immortal ? ", immortal" : ", mortal");
}

std::string describe_ft_event(const ft::FtScenario& s, const FtSeenEvent& e) {
  std::string text = std::string(name_of(e.kind)) + " of " + s.objects.at(e.obj).id + " at step " + std::to_string(e.step) +
                     " " + path_text(e.op) + ": " + describe_fields(s, e.after);
  if (e.kind == ft::FtEventKind::Refcnt) text += ", Py_REFCNT " + std::to_string(e.refcnt);
  return text;
}

Comparison compare_ft(const ft::FtScenario& s, const FtObservation& real, const FtObservation& model,
                      const std::vector<FtSeenObject>& model_default) {
  Comparison result;
  Lines lines(result.disagreements);
  for (std::size_t i = 0; i < real.start.size() && i < model_default.size(); ++i)
    if (!(real.start[i] == model_default[i]) && real.start[i] == model.start[i])
      result.notes.push_back("start " + s.objects[i].id + ": real " + describe_fields(s, real.start[i]) +
                             ", the model's own " + describe_fields(s, model_default[i]) + " (the model ran from the real fields)");
  compare_objects(s, "start", real.start, model.start, lines);
  const std::size_t ops = std::min(real.after_op.size(), model.after_op.size());
  for (std::size_t k = 0; k < ops; ++k) compare_objects(s, "after op [" + std::to_string(k) + "]", real.after_op[k], model.after_op[k], lines);
  if (real.after_op.size() != model.after_op.size())
    lines.add("top-level operations completed: real " + std::to_string(real.after_op.size()) + ", model " +
              std::to_string(model.after_op.size()));
  const std::size_t events = std::min(real.events.size(), model.events.size());
  for (std::size_t k = 0; k < events; ++k)
    if (!(real.events[k] == model.events[k]))
      lines.add("event " + std::to_string(k) + ": real " + describe_ft_event(s, real.events[k]) + "; model " +
                describe_ft_event(s, model.events[k]));
  if (!real.events_truncated && !model.events_truncated && real.events_total != model.events_total) {
    lines.add("events: real " + std::to_string(real.events_total) + ", model " + std::to_string(model.events_total));
    const auto& longer = real.events.size() > model.events.size() ? real.events : model.events;
    if (events < longer.size())
      lines.add(std::string("first extra event (") + (&longer == &real.events ? "real" : "model") +
                "): " + describe_ft_event(s, longer[events]));
  }
  if (real.crashed != model.crashed)
    lines.add(std::string("outcome: real ") + (real.crashed ? "crashed" : "survived") +
              (real.detail.empty() ? "" : " (" + real.detail + ")") + ", model " + (model.crashed ? "crashed" : "survived"));
  if (real.crashed && model.crashed) {
    if (!real.stopped || !model.stopped)
      lines.add("stopped by: real " + (real.stopped ? describe_ft_event(s, *real.stopped) : "an unexplained crash (" + real.detail + ")") +
                "; model " + (model.stopped ? describe_ft_event(s, *model.stopped) : "nothing"));
    else if (real.stopped->kind != model.stopped->kind || real.stopped->obj != model.stopped->obj ||
             real.stopped->step != model.stopped->step)
      lines.add("stopped by: real " + describe_ft_event(s, *real.stopped) + "; model " + describe_ft_event(s, *model.stopped));
  }
  if (real.steps != model.steps)
    lines.add("steps: real " + std::to_string(real.steps) + ", model " + std::to_string(model.steps));
  if (!real.crashed && !model.crashed) compare_objects(s, "at the end", real.objects, model.objects, lines);
  return result;
}

}  // namespace refsim::verify
