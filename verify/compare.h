// Compare: the real run against the model's, item by item, each disagreement one line that gives
// both sides (words as "0x..." at the scenario's width).
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "verify/observation.h"

namespace refsim::verify {

struct Comparison {
  std::vector<std::string> disagreements;  ///< empty when the two runs agree
  std::vector<std::string> notes;          ///< starting words that differ where the model expects traffic
};

/// Collects disagreement lines, the first kMaxLines of them.
class DisagreementLines {
 public:
  static constexpr std::size_t kMaxLines = 20;
  explicit DisagreementLines(std::vector<std::string>& out) : out_(out) {}
  void add(const std::string& line) {
    if (out_.size() < kMaxLines) out_.push_back(line);
  }

 private:
  std::vector<std::string>& out_;
};

/// The part of a comparison both builds share, from the first operation on: the objects after
/// each top-level operation (OBJECTS(where, real, model) adds their lines), the events
/// (DESCRIBE(e) as text), the outcome, the stopping event (SAME_STOP(real, model)), the steps and
/// the objects at the end.
template <class Run, class Objects, class Describe, class SameStop>
void compare_runs(const Run& real, const Run& model, Objects objects, Describe describe, SameStop same_stop,
                  DisagreementLines& lines) {
  const std::size_t ops = std::min(real.after_op.size(), model.after_op.size());
  for (std::size_t k = 0; k < ops; ++k) objects("after op [" + std::to_string(k) + "]", real.after_op[k], model.after_op[k]);
  if (real.after_op.size() != model.after_op.size())
    lines.add("top-level operations completed: real " + std::to_string(real.after_op.size()) + ", model " +
              std::to_string(model.after_op.size()));
  const std::size_t events = std::min(real.events.size(), model.events.size());
  for (std::size_t k = 0; k < events; ++k)
    if (!(real.events[k] == model.events[k]))
      lines.add("event " + std::to_string(k) + ": real " + describe(real.events[k]) + "; model " + describe(model.events[k]));
  if (!real.events_truncated && !model.events_truncated && real.events_total != model.events_total) {
    lines.add("events: real " + std::to_string(real.events_total) + ", model " + std::to_string(model.events_total));
    const auto& longer = real.events.size() > model.events.size() ? real.events : model.events;
    if (events < longer.size())
      lines.add(std::string("first extra event (") + (&longer == &real.events ? "real" : "model") +
                "): " + describe(longer[events]));
  }
  if (real.crashed != model.crashed)
    lines.add(std::string("outcome: real ") + (real.crashed ? "crashed" : "survived") +
              (real.detail.empty() ? "" : " (" + real.detail + ")") + ", model " + (model.crashed ? "crashed" : "survived"));
  if (real.crashed && model.crashed) {
    if (!real.stopped || !model.stopped)
      lines.add("stopped by: real " + (real.stopped ? describe(*real.stopped) : "an unexplained crash (" + real.detail + ")") +
                "; model " + (model.stopped ? describe(*model.stopped) : "nothing"));
    else if (!same_stop(*real.stopped, *model.stopped))
      lines.add("stopped by: real " + describe(*real.stopped) + "; model " + describe(*model.stopped));
  }
  if (real.steps != model.steps)
    lines.add("steps: real " + std::to_string(real.steps) + ", model " + std::to_string(model.steps));
  if (!real.crashed && !model.crashed) objects("at the end", real.objects, model.objects);
}

/// Compares `real` with `model` (the model run from the real starting words; `model_default` is
/// the model's own starting words). A starting word differs as a disagreement only where the model
/// says the object starts immortal (no traffic can move it); elsewhere (3.11's None, a mortal
/// object the interpreter holds) it is a note.
Comparison compare(const Scenario& scenario, const Observation& real, const Observation& model,
                   const std::vector<SeenObject>& model_default);

/// An operation path as text: "[1,0]".
std::string path_text(const OpPath& path);

/// "dealloc of obj at step 3 [0] 0x...1 -> 0x...0 (freed)", for reports and disagreements.
std::string describe_event(const Scenario& scenario, const SeenEvent& event);

}  // namespace refsim::verify
