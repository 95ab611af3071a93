// Compare: starting words, words after each top-level operation, observable events, how the run
// ended and the final objects. Each line names the item and gives "real ..., model ...".
#include "verify/compare.h"

#include "io/report_json.h"

namespace refsim::verify {
namespace {

std::string state(Width w, const SeenObject& o) {
  if (o.freed) return "freed";
  return hex_word(w, o.word) + (o.immortal ? " (immortal)" : " (mortal)");
}

void compare_objects(const Scenario& s, const std::string& where, const std::vector<SeenObject>& real,
                     const std::vector<SeenObject>& model, DisagreementLines& lines) {
  for (std::size_t i = 0; i < real.size() && i < model.size(); ++i) {
    const bool same = real[i].freed == model[i].freed &&
                      (real[i].freed || (real[i].word == model[i].word && real[i].immortal == model[i].immortal));
    if (!same)
      lines.add(where + ", " + s.objects[i].id + ": real " + state(s.runtime.width, real[i]) + ", model " +
                state(s.runtime.width, model[i]));
  }
}

}  // namespace

std::string path_text(const OpPath& path) {
  std::string text = "[";
  for (std::size_t i = 0; i < path.size(); ++i) text += (i ? "," : "") + std::to_string(path[i]);
  return text + "]";
}

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
  DisagreementLines lines(result.disagreements);
  const Width w = s.runtime.width;
  for (std::size_t i = 0; i < real.start.size() && i < model_default.size(); ++i) {
    if (real.start[i].word == model_default[i].word || s.objects[i].word) continue;
    const std::string line = "starting word of " + s.objects[i].id + ": real " + hex_word(w, real.start[i].word) +
                             ", model " + hex_word(w, model_default[i].word);
    if (model_default[i].immortal) lines.add(line + " (the model starts it immortal)");
    else result.notes.push_back(line + " (the model ran from the real word)");
  }
  compare_runs(
      real, model,
      [&](const std::string& where, const std::vector<SeenObject>& r, const std::vector<SeenObject>& m) {
        compare_objects(s, where, r, m, lines);
      },
      [&](const SeenEvent& e) { return describe_event(s, e); },
      [](const SeenEvent& r, const SeenEvent& m) {
        return r.kind == m.kind && r.obj == m.obj && r.step == m.step && r.action == m.action;
      },
      lines);
  return result;
}

}  // namespace refsim::verify
