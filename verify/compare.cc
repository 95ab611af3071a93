// Compare: starting words, words after each top-level operation, observable events, how the run
// ended and the final objects. Each line names the item and gives "real ..., model ...".
#include "verify/compare.h"

#include "io/report_json.h"

namespace refsim::verify {
namespace {

constexpr std::size_t kMaxLines = 20;

std::string path_text(const OpPath& path) {
  std::string text = "[";
  for (std::size_t i = 0; i < path.size(); ++i) text += (i ? "," : "") + std::to_string(path[i]);
  return text + "]";
}

std::string state(Width w, const SeenObject& o) {
  if (o.freed) return "freed";
  return hex_word(w, o.word) + (o.immortal ? " (immortal)" : " (mortal)");
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

void compare_objects(const Scenario& s, const std::string& where, const std::vector<SeenObject>& real,
                     const std::vector<SeenObject>& model, Lines& lines) {
  for (std::size_t i = 0; i < real.size() && i < model.size(); ++i) {
    const bool same = real[i].freed == model[i].freed &&
                      (real[i].freed || (real[i].word == model[i].word && real[i].immortal == model[i].immortal));
    if (!same)
      lines.add(where + ", " + s.objects[i].id + ": real " + state(s.runtime.width, real[i]) + ", model " +
                state(s.runtime.width, model[i]));
  }
}

}  // namespace

std::string describe_event(const Scenario& s, const SeenEvent& e) {
  std::string text = std::string(name_of(e.kind)) + " of " + s.objects.at(e.obj).id + " at step " + std::to_string(e.step) +
                     " " + path_text(e.op) + " " + hex_word(s.runtime.width, e.word_before) + " -> " +
                     hex_word(s.runtime.width, e.word_after);
  if (e.action) text += " (" + std::string(name_of(*e.action)) + ")";
  return text;
}

Comparison compare(const Scenario& s, const Observation& real, const Observation& model,
                   const std::vector<SeenObject>& model_default) {
  Comparison result;
  Lines lines(result.disagreements);
  const Width w = s.runtime.width;
  for (std::size_t i = 0; i < real.start.size() && i < model_default.size(); ++i) {
    if (real.start[i].word == model_default[i].word || s.objects[i].word) continue;
    const std::string line = "starting word of " + s.objects[i].id + ": real " + hex_word(w, real.start[i].word) +
                             ", model " + hex_word(w, model_default[i].word);
    if (model_default[i].immortal) lines.add(line + " (the model starts it immortal)");
    else result.notes.push_back(line + " (the model ran from the real word)");
  }
  const std::size_t ops = std::min(real.after_op.size(), model.after_op.size());
  for (std::size_t k = 0; k < ops; ++k)
    compare_objects(s, "after op [" + std::to_string(k) + "]", real.after_op[k], model.after_op[k], lines);
  if (real.after_op.size() != model.after_op.size())
    lines.add("top-level operations completed: real " + std::to_string(real.after_op.size()) + ", model " +
              std::to_string(model.after_op.size()));
  const std::size_t events = std::min(real.events.size(), model.events.size());
  for (std::size_t k = 0; k < events; ++k)
    if (!(real.events[k] == model.events[k]))
      lines.add("event " + std::to_string(k) + ": real " + describe_event(s, real.events[k]) + "; model " +
                describe_event(s, model.events[k]));
  if (!real.events_truncated && !model.events_truncated && real.events_total != model.events_total) {
    lines.add("events: real " + std::to_string(real.events_total) + ", model " + std::to_string(model.events_total));
    const auto& longer = real.events.size() > model.events.size() ? real.events : model.events;
    if (events < longer.size())
      lines.add(std::string("first extra event (") + (&longer == &real.events ? "real" : "model") +
                "): " + describe_event(s, longer[events]));
  }
  if (real.crashed != model.crashed)
    lines.add(std::string("outcome: real ") + (real.crashed ? "crashed" : "survived") +
              (real.detail.empty() ? "" : " (" + real.detail + ")") + ", model " + (model.crashed ? "crashed" : "survived"));
  if (real.crashed && model.crashed) {
    if (!real.stopped || !model.stopped) {
      lines.add("stopped by: real " + (real.stopped ? describe_event(s, *real.stopped) : "an unexplained crash (" + real.detail + ")") +
                "; model " + (model.stopped ? describe_event(s, *model.stopped) : "nothing"));
    } else if (real.stopped->kind != model.stopped->kind || real.stopped->obj != model.stopped->obj ||
               real.stopped->step != model.stopped->step || real.stopped->action != model.stopped->action) {
      lines.add("stopped by: real " + describe_event(s, *real.stopped) + "; model " + describe_event(s, *model.stopped));
    }
  }
  if (real.steps != model.steps)
    lines.add("steps: real " + std::to_string(real.steps) + ", model " + std::to_string(model.steps));
  if (!real.crashed && !model.crashed) compare_objects(s, "at the end", real.objects, model.objects, lines);
  return result;
}

}  // namespace refsim::verify
