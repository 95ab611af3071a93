// Report: the matrix of a selection and the conclusions drawn from it, in plain words.
#include "analysis/report.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "analysis/format.h"
#include "analysis/matrix.h"
#include "analysis/threat.h"

namespace refsim::analysis {

namespace {

std::string count(std::uint64_t n) { return with_commas(n); }

const Row* find(const std::vector<Row>& rows, const RowKey& key) {
  for (const Row& row : rows) {
    const RowKey& k = row.key;
    if (k.version == key.version && k.width == key.width && k.debug == key.debug && k.strategy == key.strategy &&
        k.kind == key.kind && k.threat == key.threat)
      return &row;
  }
  return nullptr;
}

std::string at(const Threshold& t) { return count(t.n) + " (" + duration(t.steps * 1e-9L) + " at 1 ns per operation)"; }

/// One sentence on what unpaired ext-3.11 decrefs do to an object on one design.
std::string drain(const Row& row) {
  const std::string kind(refsim::name_of(row.key.kind));
  std::string s = design(row.key) + ": " + kind;
  if (row.created_immortal)
    s += row.mortal ? " loses immortality after " + at(*row.mortal) + " unpaired ext-3.11 decrefs"
                    : " never loses immortality to ext-3.11 decrefs";
  else
    s += " is mortal from the start";
  if (row.dealloc)
    s += "; tp_dealloc runs after " + count(row.dealloc->n) + " (" + duration(row.dealloc->steps * 1e-9L) + ") and " +
         (row.dealloc_action == Action::Reset ? std::string("resets it")
                                              : "does " + std::string(refsim::name_of(*row.dealloc_action)));
  else
    s += "; tp_dealloc never runs (n up to " + count(row.max_n) + (row.gave_up ? ", where the engine gave up" : "") + ")";
  if (row.crash) s += row.crash->at.n == (row.dealloc ? row.dealloc->n : 0) ? ": the process crashes" : "; it crashes after " + count(row.crash->at.n);
  return s + ".";
}

}  // namespace

std::string cell(const std::optional<Threshold>& t) {
  if (!t) return "never";
  return with_commas(t->n) + " (" + duration(t->steps * 1e-9L) + "; " + duration(t->steps * 1e-6L) + ")";
}

std::string design(const RowKey& key) {
  return std::string(refsim::name_of(key.version)) + " " + std::to_string(key.width) + "-bit" +
         (key.debug ? " debug" : "") + (key.strategy == Strategy::AsShipped ? "" : " " + std::string(refsim::name_of(key.strategy)));
}

std::vector<std::string> conclusions(const std::vector<Row>& rows) {
  std::vector<std::string> out;
  // 1. The plain drain on every design as shipped.
  for (const Row& row : rows)
    if (row.key.threat == Threat::Ext311Decref && row.key.strategy == Strategy::AsShipped) out.push_back(drain(row));

  // 2. Per design: which strategies can crash, and the fewest operations that do it.
  std::map<std::tuple<Version, unsigned, bool, Kind>, std::map<Strategy, const Row*>> worst;
  for (const Row& row : rows) {
    auto& slot = worst[{row.key.version, row.key.width, row.key.debug, row.key.kind}][row.key.strategy];
    if (row.crash && (!slot || !slot->crash || row.crash->at.n < slot->crash->at.n)) slot = &row;
    if (!slot) slot = &row;
  }
  for (const auto& [design_key, strategies] : worst) {
    std::vector<std::string> safe, unsafe;
    for (const auto& [strategy, row] : strategies) {
      if (row->crash)
        unsafe.push_back(std::string(refsim::name_of(strategy)) + " after " + count(row->crash->at.n) + " (" +
                         std::string(name_of(row->key.threat)) + ", " + std::string(refsim::name_of(row->crash->event)) +
                         (row->crash->action ? " " + std::string(refsim::name_of(*row->crash->action)) : "") + ")");
      else
        safe.push_back(std::string(refsim::name_of(strategy)));
    }
    const auto& [v, w, d, k] = design_key;
    std::string s = std::string(refsim::name_of(v)) + " " + std::to_string(w) + "-bit" + (d ? " debug" : "") + ", " +
                    std::string(refsim::name_of(k)) + ": ";
    const auto join = [](const std::vector<std::string>& items) {
      std::string text;
      for (std::size_t i = 0; i < items.size(); ++i) text += (i ? ", " : "") + items[i];
      return text;
    };
    s += unsafe.empty() ? "no strategy crashes under any threat of the table" : "crashes under " + join(unsafe);
    if (!unsafe.empty()) s += safe.empty() ? "; every strategy can crash" : "; never under " + join(safe);
    out.push_back(s + ".");
  }

  // 3. The runtime's background traffic (docs/TRAFFIC.md): where it rescues a de-immortalized
  // object, where it speeds the drain. It releases references it never counted: on 3.14+ the
  // interpreter loop's releases of the call results it takes over, elsewhere Py_DECREF.
  for (const Row& row : rows) {
    if (row.key.strategy != Strategy::AsShipped) continue;
    const bool loop = release_of(runtime_of(row.key)).code == OpCode::StealRelease;
    const std::string traffic = loop ? "the interpreter loop's releases" : "core traffic";
    const std::string release = loop ? "the loop's next release of a call result" : "the next core release";
    const auto verb = [&](const char* plural, const char* singular) { return std::string(loop ? plural : singular); };
    RowKey plain = row.key;
    if (row.key.threat == Threat::TrafficIncref) {
      plain.threat = Threat::Ext311Incref;
      const Row* alone = find(rows, plain);
      const bool rescued = row.mortal && row.immortal && row.immortal->n == row.mortal->n;
      if (alone && alone->mortal && rescued)
        out.push_back(design(row.key) + ": " + traffic + verb(" rescue ", " rescues ") + std::string(refsim::name_of(row.key.kind)) +
                      " from ext-3.11 increfs: the increment that makes it mortal (n = " + count(row.mortal->n) +
                      ") is undone by " + release + ", which makes it immortal again; without traffic it stays "
                      "mortal until n = " + (alone->immortal ? count(alone->immortal->n) : std::string("never")) + ".");
      else if (alone && row.mortal && !row.immortal_at_end)
        out.push_back(design(row.key) + ": " + traffic + verb(" do not rescue ", " does not rescue ") + std::string(refsim::name_of(row.key.kind)) +
                      " from ext-3.11 increfs: mortal after " + count(row.mortal->n) + " and mortal at the end.");
    }
    if (row.key.threat == Threat::TrafficDecref) {
      plain.threat = Threat::Ext311Decref;
      const Row* alone = find(rows, plain);
      if (alone && row.dealloc && (!alone->dealloc || row.dealloc->n < alone->dealloc->n))
        out.push_back(design(row.key) + ": " + traffic + verb(" speed", " speeds") + " the drain: tp_dealloc after " + count(row.dealloc->n) +
                      " ext-3.11 decrefs instead of " + (alone->dealloc ? count(alone->dealloc->n) : std::string("never")) + ".");
    }
    if (row.key.threat == Threat::LoopDrain && loop) {
      plain.threat = Threat::Ext311Decref;
      const Row* alone = find(rows, plain);
      const std::uint64_t legacy = releases_count_after(runtime_of(row.key), row.key.kind);
      if (alone && row.dealloc && legacy > 0 && (!alone->dealloc || row.dealloc->n < alone->dealloc->n))
        out.push_back(design(row.key) + ": once " + count(legacy) + " ext-3.11 decrefs have made the loop count its " +
                      "references to " + std::string(refsim::name_of(row.key.kind)) + ", its own releases drain it: " +
                      "tp_dealloc after " + count(row.dealloc->n) + " operations in all, instead of " +
                      (alone->dealloc ? count(alone->dealloc->n) : std::string("never")) + " ext-3.11 decrefs.");
    }
    if (row.key.threat == Threat::NoneExchange) {
      plain.threat = Threat::Ext311Decref;
      const Row* alone = find(rows, plain);
      if (alone && alone->dealloc && !row.dealloc && row.created_immortal)
        out.push_back(design(row.key) + ": the exchange never reaches tp_dealloc once the core's incref counts again "
                      "(the object oscillates at its band's edge); releases with no incref at all reach it after " +
                      count(alone->dealloc->n) + ".");
    }
  }

  // 4. The fewest operations that crash anything in the selection.
  const Row* fastest = nullptr;
  for (const Row& row : rows)
    if (row.crash && (!fastest || row.crash->at.n < fastest->crash->at.n)) fastest = &row;
  if (fastest)
    out.push_back("The fewest unpaired operations that crash the process: " + count(fastest->crash->at.n) + " (" +
                  std::string(name_of(fastest->key.threat)) + " on " + design(fastest->key) + ", " +
                  std::string(refsim::name_of(fastest->key.kind)) + ").");
  return out;
}

namespace {

/// The filters the claims honour: those given; a dimension left at its default admits every value
/// (the default selection's kinds are None only, but PEP 683's first claims are about heap objects).
Selection claim_filter(const Selection& s) {
  const Selection all = Selection::headline();
  Selection f = s;
  if (s.widths == all.widths) f.widths = {64, 32, 16, 8};
  if (s.debug == all.debug) f.debug = {false, true};
  if (s.kinds == all.kinds) {
    f.kinds.clear();
    for (const auto& row : Names<Kind>::rows) f.kinds.push_back(row.value);
  }
  return f;
}

}  // namespace

std::string filter_flags(const Selection& s, const FtSelection& ft) {
  const Selection all = Selection::headline();
  const FtSelection ft_all = FtSelection::all();
  std::string flags;
  const auto names = [](const auto& list, const auto& text) {
    std::vector<std::string> out;
    for (const auto& value : list) out.push_back(text(value));
    return out;
  };
  // A flag is shown when either table's values differ from its default; the free-threaded names
  // follow the default build's in one list.
  const auto flag = [&](const std::string& name, std::vector<std::string> values, const std::vector<std::string>& ft_values,
                        bool differs) {
    if (!differs) return;
    std::string text;
    values.insert(values.end(), ft_values.begin(), ft_values.end());
    for (const std::string& value : values) text += (text.empty() ? "" : ",") + value;
    flags += (flags.empty() ? "" : " ") + name + " " + text;
  };
  const auto named = [](const auto& value) { return std::string(refsim::name_of(value)); };
  const auto boolean = [](bool d) { return std::string(d ? "true" : "false"); };
  flag("--runtime", names(s.versions, named), names(ft.versions, named), s.versions != all.versions || ft.versions != ft_all.versions);
  flag("--width", names(s.widths, [](unsigned w) { return std::to_string(w); }), {}, s.widths != all.widths);
  flag("--debug", names(s.debug, boolean), {}, s.debug != all.debug || ft.debug != ft_all.debug);
  flag("--strategy", names(s.strategies, named), {}, s.strategies != all.strategies);
  flag("--kind", names(s.kinds, named), {}, s.kinds != all.kinds);
  flag("--threat", names(s.threats, [](Threat t) { return std::string(name_of(t)); }),
       names(ft.threats, [](FtThreat t) { return std::string(name_of(t)); }), s.threats != all.threats || ft.threats != ft_all.threats);
  if (s.family.rate != all.family.rate) flags += (flags.empty() ? "" : " ") + std::string("--rate ") + std::to_string(s.family.rate);
  return flags;
}

Report make_report(const Selection& selection, const FtSelection& ft_selection) {
  Report report;
  report.selection = selection;
  report.rows = compute(selection);
  report.findings = conclusions(report.rows);
  for (ClaimCheck& check : check_claims())
    if (selected(check.claim, claim_filter(selection))) report.claims.push_back(std::move(check));
  report.filters = filter_flags(selection, ft_selection);
  report.ft_selection = ft_selection;
  report.free_threaded = ft_rows(ft_selection);
  return report;
}

}  // namespace refsim::analysis
