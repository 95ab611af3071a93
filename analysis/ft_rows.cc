// Free-threaded compare rows: the families' scenarios, the bisection for each outcome, the tables.
#include "analysis/ft_rows.h"

#include <algorithm>
#include <functional>
#include <stdexcept>

#include "model/freethreaded/ft_engine.h"

namespace refsim::analysis {
namespace {

using ft::FtOp;
using ft::FtOpCode;
using Json = nlohmann::ordered_json;

FtOp op(FtOpCode code, std::size_t thread, std::uint64_t count) { return FtOp{.code = code, .obj = 0, .thread = thread, .count = count}; }

/// What a run of the family at n shows.
struct Shown {
  bool immortal = false, premature = false, leak = false, crash = false;
};

Shown shown(FtThreat threat, const ft::FtBuild& b, std::uint64_t n) {
  const ft::FtOutcome out = ft::run(ft_threat_scenario(threat, b, n), EngineKind::Fast, 0);
  Shown s;
  s.crash = out.crashed;
  s.immortal = !out.objects[0].o.freed && ft::is_immortal(b, out.objects[0].o);
  s.leak = !out.crashed && !out.objects[0].o.freed && out.objects[0].logical <= 0;
  // Events were not kept (max_events 0): a premature free leaves paired references on a freed object.
  s.premature = out.objects[0].o.freed && out.objects[0].logical > 0;
  return s;
}

/// The smallest n in 1..max with HAS(n), checked against n - 1.
std::optional<std::uint64_t> smallest(std::uint64_t max, const std::function<bool(std::uint64_t)>& has) {
  if (!has(max)) return std::nullopt;
  std::uint64_t lo = 1, hi = max;
  while (lo < hi) {
    const std::uint64_t mid = lo + (hi - lo) / 2;
    if (has(mid)) hi = mid;
    else lo = mid + 1;
  }
  if (!has(lo) || (lo > 1 && has(lo - 1))) throw std::logic_error("a free-threaded family is not monotone");
  return lo;
}

std::string runtime_label(const ft::FtBuild& b) {
  return std::string(b.info().name) + " " + std::to_string(b.ssize_bits) + "-bit " + (b.debug ? "debug" : "release");
}
std::string cell(const std::optional<std::uint64_t>& n) { return n ? std::to_string(*n) : "never"; }
Json cell_json(const std::optional<std::uint64_t>& n) { return n ? Json(std::to_string(*n)) : Json(); }

}  // namespace

std::uint64_t ft_max_n(FtThreat threat, const ft::FtBuild& b) {
  // The owner's references must fit ob_ref_local below all ones at the start (OtherReleases), and
  // every family runs past the local count's edge otherwise; on the draft, past the shared count's
  // immortal minimum (the spill puts the owner's references there) and below its wrap to negative.
  if (threat == FtThreat::OtherReleases) return b.local_max() - 2;
  if (b.narrow()) return static_cast<std::uint64_t>(b.immortal_min_shared()) + 2 * b.local_max();
  return b.local_max() + 1;
}

ft::FtScenario ft_threat_scenario(FtThreat threat, const ft::FtBuild& b, std::uint64_t n) {
  ft::FtScenario s;
  s.name = "ft-threat";
  s.build = b;
  s.threads = {"owner", "other"};
  ft::FtObjectSpec o{"o", ft::FtKind::Heap, 0, 1, std::nullopt, std::nullopt};
  switch (threat) {
    case FtThreat::OwnerIncrefs:
      s.ops = {op(FtOpCode::Incref, 0, n), op(FtOpCode::Decref, 0, n + 1)};
      break;
    case FtThreat::OtherReleases:
      o.refs = static_cast<std::int64_t>(n + 1);
      s.ops = {op(FtOpCode::Decref, 1, n), FtOp{FtOpCode::Merge, 0, 0, 1, 0, ft::MergeAt::EvalBreaker, {}},
               op(FtOpCode::Decref, 0, 1)};
      break;
    case FtThreat::QueuedThenOwnerIncrefs:
      o.refs = 2;
      s.ops = {op(FtOpCode::Decref, 1, 1), op(FtOpCode::Incref, 0, n),
               FtOp{FtOpCode::Merge, 0, 0, 1, 0, ft::MergeAt::EvalBreaker, {}}, op(FtOpCode::Decref, 0, n + 1)};
      break;
    case FtThreat::OtherIncrefs:
      s.ops = {op(FtOpCode::Incref, 1, n), op(FtOpCode::Decref, 1, n), op(FtOpCode::Decref, 0, 1)};
      break;
  }
  s.objects = {o};
  return s;
}

FtSelection FtSelection::all() {
  FtSelection s;
  for (const ft::FtVersionRow& version : ft::kFtVersions) s.versions.push_back(version.version);
  s.widths = {64, 32};
  s.debug = {false, true};
  for (const FtThreat threat : values_of<FtThreat>()) s.threats.push_back(threat);
  return s;
}

std::vector<FtRow> ft_rows(const FtSelection& selection) {
  const auto selected = [](const auto& list, const auto& value) { return std::find(list.begin(), list.end(), value) != list.end(); };
  std::vector<FtRow> rows;
  for (const ft::FtVersionRow& version : ft::kFtVersions)
    for (unsigned bits : {64u, 32u})
      for (bool debug : {false, true})
        for (const FtThreat threat : values_of<FtThreat>()) {
          if (!selected(selection.versions, version.version) || !selected(selection.widths, bits) ||
              !selected(selection.debug, debug) || !selected(selection.threats, threat))
            continue;
          FtRow row;
          row.build = ft::FtBuild{version.version, bits, debug};
          row.threat = threat;
          row.max_n = ft_max_n(threat, row.build);
          const auto at = [&](bool Shown::*field) {
            return smallest(row.max_n, [&](std::uint64_t n) { return shown(threat, row.build, n).*field; });
          };
          row.immortal = at(&Shown::immortal);
          row.premature = at(&Shown::premature);
          row.leak = at(&Shown::leak);
          row.crash = at(&Shown::crash);
          rows.push_back(row);
        }
  return rows;
}

std::string ft_rows_text(const std::vector<FtRow>& rows) {
  std::string out = "\nFree-threaded runtimes (biased reference counting; docs/SCENARIO-THREADS.md): smallest n\n";
  for (const NameRow<FtThreat>& t : Names<FtThreat>::rows) out += "  " + std::string(t.name) + ": " + std::string(t.description) + "\n";
  char line[256];
  std::snprintf(line, sizeof line, "  %-30s %-29s %-11s %-11s %-11s %-11s\n", "runtime", "threat", "immortal",
                "premature", "leak", "crash");
  out += line;
  for (const FtRow& r : rows) {
    std::snprintf(line, sizeof line, "  %-30s %-29s %-11s %-11s %-11s %-11s\n", runtime_label(r.build).c_str(),
                  std::string(name_of(r.threat)).c_str(), cell(r.immortal).c_str(),
                  cell(r.premature).c_str(), cell(r.leak).c_str(), cell(r.crash).c_str());
    out += line;
  }
  return out;
}

std::string ft_rows_markdown(const std::vector<FtRow>& rows) {
  std::string out = "\n## Free-threaded runtimes\n\nBiased reference counting (docs/SCENARIO-THREADS.md): the smallest n "
                    "of each family at which the object ends immortal, is freed early, leaks or the process stops "
                    "(\"never\": not up to the family's largest n).\n\n";
  for (const NameRow<FtThreat>& t : Names<FtThreat>::rows) out += "- `" + std::string(t.name) + "`: " + std::string(t.description) + "\n";
  out += "\n| runtime | threat | immortal | premature free | leak | crash |\n| --- | --- | --- | --- | --- | --- |\n";
  for (const FtRow& r : rows)
    out += "| " + runtime_label(r.build) + " | " + std::string(name_of(r.threat)) + " | " +
           cell(r.immortal) + " | " + cell(r.premature) + " | " + cell(r.leak) + " | " + cell(r.crash) + " |\n";
  return out;
}

nlohmann::ordered_json ft_rows_json(const std::vector<FtRow>& rows) {
  Json out = Json::array();
  for (const FtRow& r : rows)
    out.push_back({{"version", r.build.info().name}, {"width", r.build.ssize_bits}, {"debug", r.build.debug},
                   {"threat", name_of(r.threat)}, {"max_n", std::to_string(r.max_n)},
                   {"immortal", cell_json(r.immortal)}, {"premature", cell_json(r.premature)},
                   {"leak", cell_json(r.leak)}, {"crash", cell_json(r.crash)}});
  return out;
}

}  // namespace refsim::analysis
