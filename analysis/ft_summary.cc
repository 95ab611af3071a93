// Free-threaded summary: the families' sentences for the one screen (see the header).
#include "analysis/ft_summary.h"

#include <algorithm>
#include <utility>

#include "analysis/format.h"
#include "analysis/table.h"

namespace refsim::analysis {

namespace {

/// Whether the summary is about debug builds: only when the rows have no release build.
bool debug_only(const std::vector<FtRow>& rows) {
  return std::none_of(rows.begin(), rows.end(), [](const FtRow& r) { return !r.build.debug; });
}

/// "3.13t, 3.14t, 3.15t (64, 32-bit); gh153202-proto (64-bit)": versions with the same widths share a group.
std::string runtimes(const std::vector<const FtRow*>& rows) {
  std::vector<std::pair<std::string, std::vector<std::string>>> widths;  // version, its widths
  for (const FtRow* r : rows) {
    const std::string version = r->build.info().name;
    if (widths.empty() || widths.back().first != version) widths.push_back({version, {}});
    widths.back().second.push_back(std::to_string(r->build.ssize_bits));
  }
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;  // widths text, versions
  for (const auto& [version, bits] : widths) {
    const std::string text = join(bits, ", ") + "-bit";
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == text; });
    if (it == groups.end()) groups.push_back({text, {version}});
    else it->second.push_back(version);
  }
  std::vector<std::string> parts;
  for (const auto& [text, versions] : groups) parts.push_back(join(versions, ", ") + " (" + text + ")");
  return join(parts, "; ");
}

}  // namespace

std::string ft_outcome(const FtRow& row) {
  const std::pair<const std::optional<std::uint64_t>*, const char*> outcomes[] = {
      {&row.immortal, "immortal"}, {&row.premature, "freed early"}, {&row.leak, "leaked"}, {&row.crash, "the process stops"}};
  std::optional<std::uint64_t> first;
  for (const auto& [n, word] : outcomes)
    if (*n && (!first || **n < *first)) first = **n;
  if (!first) return "never";
  std::vector<std::string> words;
  for (const auto& [n, word] : outcomes)
    if (*n == first) words.push_back(word);
  return join(words, ", ") + " at " + with_commas(*first);
}

std::vector<std::string> ft_family_sentences(const std::vector<FtRow>& rows) {
  const bool debug = debug_only(rows);
  std::vector<std::string> out;
  for (const FtThreat threat : values_of<FtThreat>()) {
    std::vector<std::pair<std::string, std::vector<const FtRow*>>> groups;  // outcome, its rows in table order
    for (const FtRow& r : rows) {
      if (r.threat != threat || r.build.debug != debug) continue;
      const std::string outcome = ft_outcome(r);
      auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == outcome; });
      if (it == groups.end()) groups.push_back({outcome, {&r}});
      else it->second.push_back(&r);
    }
    if (groups.empty()) continue;
    std::vector<std::string> parts;
    for (const auto& [outcome, members] : groups) parts.push_back(outcome + " on " + runtimes(members));
    out.push_back(std::string(name_of(threat)) + ": " + join(parts, "; ") + ".");
  }
  return out;
}

std::string ft_summary(const std::vector<FtRow>& rows) {
  if (rows.empty())
    return wrap_words("Free-threaded rows: none in this selection (they are 3.13t, 3.14t, 3.15t and gh153202-proto, "
                      "64- and 32-bit, under the ft-* threats).", "", "  ");
  std::string out = wrap_words(std::string("Free-threaded runtimes, ") + (debug_only(rows) ? "debug" : "release") +
                                   " builds: the smallest n at which a family's fresh heap object ends immortal, is freed "
                                   "early, leaks or the process stops (--detail: every row and build):",
                               "", "  ");
  for (const std::string& sentence : ft_family_sentences(rows)) out += wrap_words(sentence, "  ", "      ");
  return out;
}

}  // namespace refsim::analysis
