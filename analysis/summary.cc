// Summary: the one screen `refsim compare` prints by default (at most 60 lines of at most 120
// columns): the headline, the shipped strategy's figures per runtime and width, the strategies that
// change them, and how to get the detail.
#include "analysis/summary.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "analysis/format.h"
#include "analysis/ft_summary.h"
#include "analysis/start.h"
#include "analysis/table.h"
#include "model/runtime.h"

namespace refsim::analysis {

namespace {

template <class T>
bool has(const std::vector<T>& list, const T& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::string with_time(const Threshold& t) { return with_commas(t.n) + " (" + duration(t.steps * 1e-9L) + ")"; }

/// What one row comes to, in a few words: `what`, then the operations `n` (if any), then `after`.
struct Outcome {
  std::string what, n, after;
  std::string text() const { return what + (n.empty() ? "" : " " + n) + after; }
};
Outcome outcome(const Row& row) {
  if (!row.created_immortal && row.immortal && !row.crash && !row.dealloc)
    return {"mortal at start, immortal after", with_commas(row.immortal->n), ""};
  if (!row.created_immortal && row.crash) return {"never immortal, crashes after", with_commas(row.crash->at.n), ""};
  if (row.crash) return {"crashes after", with_commas(row.crash->at.n), ""};
  if (row.dealloc)
    return {"tp_dealloc after", with_commas(row.dealloc->n), " (" + std::string(refsim::name_of(*row.dealloc_action)) + ")"};
  if (row.mortal) return {"mortal after", with_commas(row.mortal->n), ", no tp_dealloc"};
  return {row.created_immortal ? "stays immortal" : "no tp_dealloc", "", ""};
}

/// The widths' outcomes in one phrase: "stays immortal (64, 32-bit)" when they are the same, "never
/// immortal, crashes after 5 (64-bit), 3 (32-bit)" when only their counts differ, else each in full.
std::string per_width(const std::vector<std::pair<Outcome, unsigned>>& widths) {
  const bool same = std::all_of(widths.begin(), widths.end(), [&](const auto& w) { return w.first.text() == widths[0].first.text(); });
  if (same && !widths.empty()) {  // "stays immortal (64, 32-bit)"
    std::string bits;
    for (const auto& w : widths) bits += (bits.empty() ? "" : ", ") + std::to_string(w.second);
    return widths[0].first.text() + " (" + bits + "-bit)";
  }
  const bool same_words = std::all_of(widths.begin(), widths.end(), [&](const auto& w) {
    return w.first.what == widths[0].first.what && w.first.after == widths[0].first.after && !w.first.n.empty();
  });
  std::string text;
  for (const auto& [o, bits] : widths) {
    const std::string label = " (" + std::to_string(bits) + "-bit)";
    if (same_words) text += (text.empty() ? o.what + " " : ", ") + o.n + label;
    else text += (text.empty() ? "" : "; ") + o.text() + label;
  }
  return same_words ? text + widths[0].first.after : text;
}

bool same_outcome(const Row& a, const Row& b) {
  const auto n = [](const std::optional<Threshold>& t) { return t ? t->n : 0; };
  return n(a.mortal) == n(b.mortal) && n(a.dealloc) == n(b.dealloc) && a.dealloc_action == b.dealloc_action &&
         bool(a.crash) == bool(b.crash) && (!a.crash || a.crash->at.n == b.crash->at.n);
}

/// The fewest operations that crash the slice's object per version under any threat of the selection.
std::string other_threats(const Report& report, const Slice& slice) {
  std::map<Version, const Row*> fastest;
  for (const Row& row : report.rows)
    if (row.key.kind == slice.kind && row.key.debug == slice.debug && row.key.strategy == slice.strategy) {
      const Row*& best = fastest[row.key.version];
      if (row.crash && (!best || !best->crash || row.crash->at.n < best->crash->at.n)) best = &row;
    }
  std::vector<std::string> crash, safe;
  for (const Version version : report.selection.versions) {
    const auto it = fastest.find(version);
    if (it == fastest.end()) continue;
    if (!it->second) safe.push_back(std::string(refsim::name_of(version)));
    else
      crash.push_back(std::string(refsim::name_of(version)) + " after " + with_commas(it->second->crash->at.n) + " (" +
                      std::string(name_of(it->second->key.threat)) + ", " + std::to_string(it->second->key.width) + "-bit)");
  }
  const std::size_t threats = report.selection.threats.size();
  if (crash.empty() && safe.empty()) return "No row to compare under other threats.";
  std::string s = (threats == 1 ? std::string("Under the one threat selected, ") : "Under the " + std::to_string(threats) + " threats selected, ") +
                  std::string(refsim::name_of(slice.strategy)) + ":";
  if (!crash.empty())
    s += " the fewest operations that crash " + std::string(refsim::name_of(slice.kind)) + ": " + join(crash, "; ") + ".";
  if (!safe.empty()) s += " No crash on " + join(safe, ", ") + ".";
  return s;
}

}  // namespace

Slice summary_slice(const Selection& s) {
  Slice slice;
  // A selection of free-threaded threats only has no default-build threat.
  slice.threat = has(s.threats, Threat::Ext311Decref) || s.threats.empty() ? Threat::Ext311Decref : s.threats.front();
  slice.kind = has(s.kinds, Kind::None) ? Kind::None : s.kinds.front();
  slice.strategy = has(s.strategies, Strategy::AsShipped) ? Strategy::AsShipped : s.strategies.front();
  slice.debug = has(s.debug, false) ? false : s.debug.front();
  return slice;
}

std::vector<const Row*> slice_rows(const Report& report, const Slice& slice, bool any_strategy) {
  std::vector<const Row*> rows;
  for (const Row& row : report.rows)
    if (row.key.threat == slice.threat && row.key.kind == slice.kind && row.key.debug == slice.debug &&
        (any_strategy || row.key.strategy == slice.strategy))
      rows.push_back(&row);
  return rows;
}

std::string headline(const Report& report) {
  if (report.rows.empty() && !report.free_threaded.empty())
    return "Headline (free-threaded rows only): " + ft_family_sentences(report.free_threaded).front();
  if (report.rows.empty()) return "Headline: no row: none of the selected strategies applies to the selected runtimes.";
  const Slice slice = summary_slice(report.selection);
  std::vector<std::string> crash, safe;
  std::map<Version, std::vector<const Row*>> by_version;
  for (const Row* row : slice_rows(report, slice, false)) by_version[row->key.version].push_back(row);
  for (const auto& [version, rows] : by_version) {
    std::vector<std::pair<std::uint64_t, std::string>> at;  // count, widths
    for (const Row* row : rows) {
      if (!row->crash) continue;
      const std::string bits = std::to_string(row->key.width);
      if (!at.empty() && at.back().first == row->crash->at.n) at.back().second += " and " + bits;
      else at.push_back({row->crash->at.n, bits});
    }
    std::vector<std::string> parts;
    for (const auto& [n, bits] : at) parts.push_back(with_commas(n) + " (" + bits + "-bit)");
    if (parts.empty()) safe.push_back(std::string(refsim::name_of(version)));
    else crash.push_back(std::string(refsim::name_of(version)) + " after " + join(parts, " or "));
  }
  const std::string what = std::string(description_of(slice.threat)) + " on " + std::string(refsim::name_of(slice.kind));
  const std::string strategy = slice.strategy == Strategy::AsShipped ? "as shipped" : "under " + std::string(refsim::name_of(slice.strategy));
  std::string s = "Headline: " + strategy + ", " + what;
  if (crash.empty()) return s + " never crash the process on " + join(safe, ", ") + ".";
  s += " crash the process on " + join(crash, "; ");
  return s + (safe.empty() ? "." : "; never on " + join(safe, ", ") + ".");
}

namespace {

/// The default build's part of the one screen: the slice's figures, the strategies that change them
/// and the other threats.
std::string default_build_summary(const Report& report, const Slice& slice) {
  std::string out = "\n" + wrap_words(std::string(refsim::name_of(slice.strategy)) + ", " + std::string(description_of(slice.threat)) +
                         " on " + std::string(refsim::name_of(slice.kind)) + (slice.debug ? " (debug builds)" : "") +
                         ": n, with the time at 1 ns per operation",
                     "", "  ");
  std::vector<std::vector<std::string>> table = {{"runtime", "width", "mortal after", "tp_dealloc after", "crash after"}};
  const std::vector<const Row*> shown = slice_rows(report, slice, false);
  for (const Row* row : shown) {
    const bool immortality = has_immortals(row->key.version, row->key.strategy);
    const std::string mortal = !immortality            ? "never immortal"
                               : !row->created_immortal ? "mortal at start"
                               : row->mortal            ? with_time(*row->mortal)
                                                        : "never";
    const std::string dealloc =
        row->dealloc ? with_time(*row->dealloc) + " " + std::string(refsim::name_of(*row->dealloc_action)) : "never";
    const std::string crash = !row->crash ? "never"
                              : row->dealloc && row->crash->at.n == row->dealloc->n ? "at tp_dealloc"
                                                                                      : with_commas(row->crash->at.n);
    table.push_back({std::string(refsim::name_of(row->key.version)), std::to_string(row->key.width), mortal, dealloc, crash});
  }
  out += text_table(table);
  if (std::any_of(shown.begin(), shown.end(), [](const Row* row) {
        return row->key.version == Version::V3_11 && row->key.kind == Kind::None;
      }))
    out += wrap_words("3.11's None starts at " + with_commas(kNone311Refcnt) +
                          ", None's refcount when a real 3.11.7 script starts (docs/COMPARE.md); a scenario's "
                          "\"word\" and \"refs\" start it anywhere.",
                      "  ", "  ");

  // The strategies that change a version's outcome, versions with the same change on one line.
  std::map<std::string, std::vector<std::string>> changes;  // change -> versions
  std::vector<std::string> order;
  const std::vector<const Row*> all = slice_rows(report, slice, true);
  for (const Version version : report.selection.versions)
    for (const Strategy strategy : report.selection.strategies) {
      if (strategy == slice.strategy) continue;
      std::vector<std::pair<Outcome, unsigned>> widths;
      bool differs = false;
      for (const Row* row : all) {
        if (row->key.version != version || row->key.strategy != strategy) continue;
        const auto base = std::find_if(all.begin(), all.end(), [&](const Row* r) {
          return r->key.version == version && r->key.width == row->key.width && r->key.strategy == slice.strategy;
        });
        differs |= base == all.end() || !same_outcome(**base, *row);
        widths.push_back({outcome(*row), row->key.width});
      }
      if (!differs) continue;
      const std::string change = std::string(refsim::name_of(strategy)) + ": " + per_width(widths);
      if (changes[change].empty()) order.push_back(change);
      changes[change].push_back(std::string(refsim::name_of(version)));
    }
  out += "\nStrategies that change it (the rest give the same figures):\n";
  if (order.empty()) out += "  none in the selection\n";
  for (const std::string& change : order) out += wrap_words(join(changes[change], ", ") + "  " + change, "  ", "      ");

  out += "\n" + wrap_words(other_threats(report, slice), "", "  ");
  return out;
}

}  // namespace

std::string render_summary(const Report& report) {
  std::string out = wrap_words(headline(report), "", "  ");
  if (!report.rows.empty()) out += default_build_summary(report, summary_slice(report.selection));
  out += "\n" + ft_summary(report.free_threaded);
  out += "\n" + wrap_words(claims_tally(report), "", "  ");
  out += "\nMore: refsim compare --detail  (every threat, strategy and event, the conclusions, each claim, the costs)\n"
         "      filters: --runtime --width --debug --strategy --kind --threat --rate (see refsim compare --help)\n"
         "      --format json | markdown | html; docs/COMPARE.md explains the figures and the verdict rule\n";
  return out;
}

std::string claims_tally(const Report& report) {
  std::map<Verdict, std::size_t> tally;
  for (const ClaimCheck& c : report.claims) ++tally[c.verdict];
  std::vector<std::string> parts;
  for (const Verdict v : {Verdict::Exact, Verdict::OffByOne, Verdict::WithinPrecision, Verdict::Disagrees, Verdict::True,
                          Verdict::False})
    if (tally[v]) parts.push_back(std::to_string(tally[v]) + " " + std::string(name_of(v)));
  if (report.claims.empty()) return "PEP 683 and refcount.h claims: none measured by rows of this selection.";
  return "PEP 683 and refcount.h claims measured by rows of this selection: " + join(parts, ", ") +
         " (--detail lists them with refsim's figures).";
}

}  // namespace refsim::analysis
