// FtObserve: the free-threaded probe's "@" records read into events. Between two records of an
// object its fields changed only in ways no event is made of, so the previous record is the state
// before the step. A change becomes, in the model's order of one step (ft_engine.cc, report):
// immortal by the operation that made it so (an increment: immortal-by-overflow; a decrement:
// local-wrapped; Py_SET_REFCNT: immortal-by-set-refcnt), the shared state turned queued (queued) or
// merged (merged), immortal no more (deimmortalized), the shared count below zero (shared-negative),
// tp_dealloc (dealloc).
#include "verify/ft_observe.h"

#include <map>
#include <sstream>

#include "model/width.h"
#include "verify/observe.h"

namespace refsim::verify {
namespace {

using ft::FtEventKind;

class Reader {
 public:
  Reader(std::size_t objects, Width ssize) : objects_(objects), ssize_(ssize) {}

  /// One record's fields: owner tid, local, shared, immortal flag, from F[at]. The probe prints
  /// ob_ref_shared as (uint64_t)(Py_ssize_t), sign-extended on a 32-bit build; the word is kept at
  /// the build's width, as the model keeps it.
  FtSeenObject fields(const std::vector<std::string>& f, std::size_t at, bool freed) const {
    const Word tid = parse_hex(f[at]);
    int owner = tid == 0 ? kNoOwner : kStrangeOwner;
    if (auto it = threads_.find(tid); tid != 0 && it != threads_.end()) owner = it->second;
    return {owner, parse_hex(f[at + 1]), ssize_.wrap(parse_hex(f[at + 2])), f[at + 3] == "1", freed};
  }

  void add(FtSeenEvent e) {
    ++seen_.events_total;
    if (seen_.events.size() < kMaxSeenEvents) seen_.events.push_back(std::move(e));
    else seen_.events_truncated = true;
  }

  /// The events of one step's change of object I from its previous record to NOW; CODE the
  /// operation's letter.
  void changed(std::size_t i, std::uint64_t step, const OpPath& op, char code, const FtSeenObject& now) {
    const FtSeenObject before = last_.at(i);
    const auto state = [](const FtSeenObject& o) { return o.shared & ft::kFlagMask; };
    const auto negative = [&](const FtSeenObject& o) { return ssize_.sN(o.shared) < 0; };
    const auto event = [&](FtEventKind kind) { add({kind, i, step, op, now, 0}); };
    if (!before.immortal && now.immortal)
      event(code == 'd' ? FtEventKind::LocalWrapped : code == 's' ? FtEventKind::ImmortalBySetRefcnt
                                                                  : FtEventKind::ImmortalByOverflow);
    if (state(now) != state(before) && state(now) == ft::kRefQueued) event(FtEventKind::Queued);
    if (state(now) != state(before) && state(now) == ft::kRefMerged) event(FtEventKind::Merged);
    if (before.immortal && !now.immortal && !now.freed) event(FtEventKind::Deimmortalized);
    if (!now.freed && negative(now) && !negative(before)) event(FtEventKind::SharedNegative);
    if (now.freed && !before.freed) event(FtEventKind::Dealloc);
    last_[i] = now;
  }

  std::optional<std::string> record(const std::string& tag, const std::vector<std::string>& f, const std::string& text) {
    if (tag == "@error") {
      std::string what;
      for (const std::string& field : f) what += " " + field;
      return "the probe could not set up:" + what;
    }
    if (tag == "@tid" && f.size() == 2) {
      threads_[parse_hex(f[1])] = std::stoi(f[0]);
    } else if (tag == "@start" && f.size() == 5) {
      seen_.start.push_back(fields(f, 1, false));
      last_.push_back(seen_.start.back());
    } else if (tag == "@ev" && f.size() == 9 && std::stoul(f[2]) < last_.size()) {
      changed(std::stoul(f[2]), std::stoull(f[0]), parse_path(f[1]), f[3][0], fields(f, 4, f[8] == "1"));
    } else if (tag == "@refcnt" && f.size() == 8 && std::stoul(f[2]) < last_.size()) {
      add({FtEventKind::Refcnt, std::stoul(f[2]), std::stoull(f[0]), parse_path(f[1]), fields(f, 4, false), std::stoll(f[3])});
    } else if (tag == "@uaf" && f.size() == 3 && std::stoul(f[0]) < last_.size()) {
      const std::size_t obj = std::stoul(f[0]);
      FtSeenEvent e{FtEventKind::UseAfterFree, obj, std::stoull(f[1]), parse_path(f[2]), last_[obj], 0};
      add(e);
      stop(e);
    } else if (tag == "@op") {
      std::vector<FtSeenObject> after;
      for (std::size_t k = 1; k < f.size(); ++k) {
        std::vector<std::string> parts;
        std::istringstream in(f[k]);
        for (std::string part; std::getline(in, part, ':');) parts.push_back(part);
        if (parts.size() != 4) continue;
        parts[3] = parts[3] == "1" ? "1" : parts[3] == "2" ? "freed" : "0";
        after.push_back(fields(parts, 0, parts[3] == "freed"));
      }
      seen_.after_op.push_back(after);
    } else if (tag == "@crash" && (f.size() == 7 || f.size() == 8)) {  // step [path] obj tid local shared imm signal
      const bool has_path = f.size() == 8;
      const std::uint64_t step = parse_hex(f[0]);
      const std::size_t at = has_path ? 2 : 1;
      const std::size_t obj = parse_hex(f[at]);
      seen_.crashed = true;
      seen_.steps = step;
      seen_.detail = "signal " + std::to_string(parse_hex(f.back())) + " at step " + std::to_string(step);
      // Debug builds' fatal checks (docs/FREE-THREADED.md): _Py_NegativeRefcount, an assert().
      const bool negative = text.find("negative ref") != std::string::npos;
      if ((negative || text.find("Assertion") != std::string::npos) && obj < last_.size()) {
        // The fields the probe read in its signal handler: as the check left them (the model's
        // "no change"), where the last record may be older (a set or a count leaves none).
        const FtSeenObject now = fields(f, at + 1, last_[obj].freed);
        FtSeenEvent e{negative ? FtEventKind::NegativeRefcount : FtEventKind::AssertFailed, obj, step,
                      has_path ? parse_path(f[1]) : OpPath{}, now, 0};
        add(e);
        seen_.stopped = e;
      }
    } else if (tag == "@end" && f.size() == 2) {
      finished_ = true;
      seen_.steps = std::stoull(f[0]);
      if (std::stoull(f[1]) > kMaxEvents) seen_.events_truncated = true;
    }
    return std::nullopt;
  }

  std::variant<FtObservation, std::string> finish(const std::string& text, const std::string& ended) {
    using Result = std::variant<FtObservation, std::string>;
    if (auto reason = finish_records(seen_, text, ended, objects_, finished_)) return Result(std::in_place_index<1>, *reason);
    return Result(std::in_place_index<0>, std::move(seen_));
  }

 private:
  /// The probe's cap on its change records (MAX_EVENTS).
  static constexpr std::uint64_t kMaxEvents = 10000;

  void stop(const FtSeenEvent& e) {
    seen_.crashed = true;
    seen_.stopped = e;
    seen_.steps = e.step;
  }

  std::size_t objects_;
  Width ssize_;                     ///< Py_ssize_t of the build: ob_ref_shared's width
  FtObservation seen_;
  std::map<Word, int> threads_;     ///< ob_tid value -> thread index
  std::vector<FtSeenObject> last_;  ///< each object's last record
  bool finished_ = false;
};

}  // namespace

std::variant<FtObservation, std::string> read_ft_records(const std::vector<std::string>& lines, std::size_t objects,
                                                         const std::string& ended, unsigned ssize_bits) {
  using Result = std::variant<FtObservation, std::string>;
  Reader reader(objects, Width{ssize_bits});
  std::string text;  // everything that is not a record: the interpreter's own messages
  try {
    auto reason = each_record(lines, text, [&](const std::string& tag, const std::vector<std::string>& f) {
      return tag == "@op" && f.empty() ? std::nullopt : reader.record(tag, f, text);
    });
    if (reason) return Result(std::in_place_index<1>, *reason);
  } catch (const std::exception&) {
    return Result(std::in_place_index<1>, "the probe's output could not be read");
  }
  return reader.finish(text, ended);
}

}  // namespace refsim::verify
