// FtCompare: starting fields, fields after each top-level operation, observable events, how the
// run ended and the final objects. Each line names the item and gives "real ..., model ...".
#include "verify/ft_compare.h"

#include "io/report_json.h"

namespace refsim::verify {
namespace {

std::string owner_text(const ft::FtScenario& s, int owner) {
  if (owner == kNoOwner) return "none";
  if (owner < 0 || static_cast<std::size_t>(owner) >= s.threads.size()) return "a tid of no thread";
  return s.threads[static_cast<std::size_t>(owner)];
}

void compare_objects(const ft::FtScenario& s, const std::string& where, const std::vector<FtSeenObject>& real,
                     const std::vector<FtSeenObject>& model, DisagreementLines& lines) {
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
  DisagreementLines lines(result.disagreements);
  for (std::size_t i = 0; i < real.start.size() && i < model_default.size(); ++i)
    if (!(real.start[i] == model_default[i]) && real.start[i] == model.start[i])
      result.notes.push_back("start " + s.objects[i].id + ": real " + describe_fields(s, real.start[i]) +
                             ", the model's own " + describe_fields(s, model_default[i]) + " (the model ran from the real fields)");
  compare_objects(s, "start", real.start, model.start, lines);
  compare_runs(
      real, model,
      [&](const std::string& where, const std::vector<FtSeenObject>& r, const std::vector<FtSeenObject>& m) {
        compare_objects(s, where, r, m, lines);
      },
      [&](const FtSeenEvent& e) { return describe_ft_event(s, e); },
      [](const FtSeenEvent& r, const FtSeenEvent& m) { return r.kind == m.kind && r.obj == m.obj && r.step == m.step; },
      lines);
  return result;
}

}  // namespace refsim::verify
