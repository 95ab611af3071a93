// Observe: the child run and the reading of its "@" records. A tp_dealloc entered and never
// returned from is the crash's cause: fatal when the interpreter printed "Fatal Python error",
// free-static when it had handed the object to tp_free. A static object given to tp_free is
// free-static even when the allocator returns (the probe ends the run there, as the model does).
#include "verify/observe.h"

#include <sstream>

#include "campaign/child_process.h"

namespace refsim::verify {
namespace {

constexpr const char* kDriver =
    "import sys; sys.path.insert(0, sys.argv[1]); import refsim_probe; refsim_probe.run(sys.argv[2])";

}  // namespace

OpPath parse_path(const std::string& text) {
  OpPath path;
  std::istringstream in(text);
  std::string part;
  while (std::getline(in, part, '.'))
    if (!part.empty()) path.push_back(static_cast<std::uint32_t>(std::stoul(part)));
  return path;
}

Word parse_hex(const std::string& text) { return std::stoull(text, nullptr, 16); }

bool split_record(const std::string& line, std::string& tag, std::vector<std::string>& fields) {
  if (line.empty() || line[0] != '@') return false;
  std::istringstream in(line);
  in >> tag;
  fields.clear();
  for (std::string field; in >> field;) fields.push_back(field);
  return true;
}

std::variant<Observation, std::string> read_records(const std::vector<std::string>& lines, const std::vector<Kind>& kinds,
                                                    const std::string& ended) {
  using Result = std::variant<Observation, std::string>;
  Observation seen;
  std::string text;  // everything that is not a record: the interpreter's own messages
  bool finished = false;
  std::optional<std::size_t> pending;  // a dealloc entered, not yet returned
  bool freed_in_dealloc = false;       // ... which handed the object to tp_free
  const auto add = [&](const SeenEvent& e) {
    ++seen.events_total;
    if (seen.events.size() < kMaxSeenEvents) seen.events.push_back(e);
    else seen.events_truncated = true;
  };
  try {
    auto reason = each_record(lines, text, [&](const std::string& tag, const std::vector<std::string>& f) -> std::optional<std::string> {
      if (tag == "@error") {
        std::string what;
        for (const std::string& field : f) what += (what.empty() ? "" : " ") + field;
        return "the probe could not set up: " + what;
      }
      if (tag == "@start" && f.size() == 3) {
        seen.start.push_back({parse_hex(f[1]), f[2] == "1", false});
      } else if (tag == "@op") {
        std::vector<SeenObject> words;
        for (std::size_t i = 1; i < f.size(); ++i) {
          const std::size_t colon = f[i].find(':');
          const std::string flag = f[i].substr(colon + 1);  // 1 immortal, 0 mortal, 2 freed
          words.push_back({parse_hex(f[i].substr(0, colon)), flag == "1", flag == "2"});
        }
        seen.after_op.push_back(words);
      } else if ((tag == "@imm" || tag == "@uaf") && f.size() == 6) {
        const std::size_t obj = std::stoul(f[0]);
        SeenEvent e{EventKind::UseAfterFree, obj, std::stoull(f[1]), parse_path(f[2]), parse_hex(f[3]), parse_hex(f[4]), {}};
        if (tag == "@imm")
          e.kind = f[5] == "0" ? EventKind::Deimmortalized
                   : obj < seen.start.size() && seen.start[obj].immortal ? EventKind::Reimmortalized
                                                                          : EventKind::AccidentalImmortal;
        add(e);
        if (tag == "@uaf") {
          seen.crashed = true;
          seen.stopped = e;
          seen.steps = e.step;
        }
      } else if (tag == "@dealloc" && f.size() == 5) {
        add({EventKind::Dealloc, std::stoul(f[0]), std::stoull(f[1]), parse_path(f[2]), parse_hex(f[3]), parse_hex(f[4]), {}});
        pending = seen.events.size() - 1;
      } else if (tag == "@free" && f.size() == 1 && pending) {
        freed_in_dealloc = true;
      } else if (tag == "@returned" && f.size() == 3 && pending) {
        SeenEvent& e = seen.events[*pending];
        const Kind kind = e.obj < kinds.size() ? kinds[e.obj] : Kind::Heap;
        const bool heap_memory = kind == Kind::Heap || kind == Kind::InternedStr;
        if (kind == Kind::Heap || freed_in_dealloc) {
          e.action = heap_memory ? Action::Freed : Action::FreeStatic;
        } else {
          e.action = f[2] == "1" ? Action::Reset : Action::Left;
          e.word_after = parse_hex(f[1]);
        }
        if (e.action == Action::FreeStatic) {  // the allocator took static memory: the run ends
          seen.crashed = true;
          seen.stopped = e;
          seen.detail = "static memory given to tp_free, which returned";
        }
        pending.reset();
        freed_in_dealloc = false;
      } else if (tag == "@crash" && (f.size() == 5 || f.size() == 6)) {  // step [path] obj before now signal
        seen.crashed = true;
        seen.steps = parse_hex(f[0]);
        const bool has_path = f.size() == 6;
        const std::size_t obj = parse_hex(f[has_path ? 2 : 1]);
        const Word before = parse_hex(f[has_path ? 3 : 2]);
        const Word now = parse_hex(f[has_path ? 4 : 3]);
        seen.detail = "signal " + std::to_string(parse_hex(f.back())) + " at step " + std::to_string(seen.steps);
        if (pending) {
          // The crash came inside tp_dealloc: a fatal error, or freeing static memory.
          seen.detail += std::string(" in tp_dealloc") + (freed_in_dealloc ? ", in tp_free" : "");
          SeenEvent& e = seen.events[*pending];
          const Kind kind = e.obj < kinds.size() ? kinds[e.obj] : Kind::Heap;
          // A debug build's allocator hooks stop with a fatal error when tp_free hands them memory
          // they never gave out ("_PyMem_DebugRawFree: bad ID", Objects/obmalloc.c): that is the
          // freeing of static memory itself, caught, so free-static; any other is the code's own.
          const bool allocator_caught = freed_in_dealloc && text.find("_PyMem_Debug") != std::string::npos;
          if (text.find("Fatal Python error") != std::string::npos && !allocator_caught) {
            e.action = Action::Fatal;
          } else if (allocator_caught) {
            e.action = Action::FreeStatic;
            seen.detail += ", caught by the debug allocator";
          } else if (freed_in_dealloc || (kind != Kind::Heap && kind != Kind::InternedStr)) {
            // A static object's tp_dealloc crashed: freeing it, or on the way there (type_dealloc
            // of a static type dies before its tp_free on 3.11, 3.12 and 3.13).
            e.action = Action::FreeStatic;
            if (!freed_in_dealloc) seen.detail += ", before tp_free";
          }
          seen.stopped = e;
        } else if (text.find("negative ref") != std::string::npos) {
          SeenEvent e{EventKind::NegativeRefcount, obj, seen.steps, has_path ? parse_path(f[1]) : OpPath{}, before, now, {}};
          add(e);
          seen.stopped = e;
        }
      } else if (tag == "@end" && f.size() == 2) {
        finished = true;
        seen.steps = std::stoull(f[0]);
        if (std::stoull(f[1]) > kMaxSeenEvents) seen.events_truncated = true;  // the probe printed only the first
      }
      return std::nullopt;
    });
    if (reason) return Result(std::in_place_index<1>, *reason);
  } catch (const std::exception&) {
    return Result(std::in_place_index<1>, "the probe's output could not be read");
  }
  if (auto reason = finish_records(seen, text, ended, kinds.size(), finished)) return Result(std::in_place_index<1>, *reason);
  return Result(std::in_place_index<0>, std::move(seen));
}

std::variant<ProbeRun, std::string> run_probe(const std::string& python, const std::string& module_dir,
                                              const std::string& program_file, const Progress& progress,
                                              std::chrono::seconds silence_limit) {
  auto child = campaign::ChildProcess::start({python, "-I", "-S", "-c", kDriver, module_dir, program_file},
                                             {{"LIBC_FATAL_STDERR_", "1"}});
  if (auto* reason = std::get_if<std::string>(&child)) return std::variant<ProbeRun, std::string>(std::in_place_index<1>, *reason);
  auto& process = std::get<campaign::ChildProcess>(child);
  ProbeRun run;
  const bool ended = process.read_until_exit(silence_limit, [&](std::string&& line) {
    if (line.rfind("@progress ", 0) == 0) {
      if (progress) progress(std::stoull(line.substr(10)));
      return;
    }
    run.lines.push_back(std::move(line));
  });
  if (!ended) return std::variant<ProbeRun, std::string>(std::in_place_index<1>, stopped_for_silence("it", silence_limit));
  const auto& status = process.exit_status();
  run.ended = status && status->exited && status->code == 0 ? "" : status ? status->describe() : "no status";
  return run;
}

std::variant<Observation, std::string> observe_real(const std::string& python, const std::string& module_dir,
                                                    const std::string& program_file, const std::vector<Kind>& kinds,
                                                    const Progress& progress, std::chrono::seconds silence_limit) {
  using Result = std::variant<Observation, std::string>;
  auto run = run_probe(python, module_dir, program_file, progress, silence_limit);
  if (auto* reason = std::get_if<std::string>(&run)) return Result(std::in_place_index<1>, kProbeNotRun + *reason);
  const ProbeRun& done = std::get<ProbeRun>(run);
  auto seen = read_records(done.lines, kinds, done.ended);
  if (auto* reason = std::get_if<std::string>(&seen)) return Result(std::in_place_index<1>, kProbeOutputUnread + *reason);
  return seen;
}

}  // namespace refsim::verify
