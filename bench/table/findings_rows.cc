// Finding rows (item 5): time to the first finding of each known finding class, from the table
// ci/fuzz-findings prints: "# ..." comments, a "class mutator seed1 .. median" header, then one
// line per class and mutator ("custom" or "plain") with a time per seed ("-": not found within the
// cap) and the median (">cap" when most seeds found nothing).
#include <map>
#include <sstream>
#include <vector>

#include "bench/table/sections.h"

namespace refsim::bench {

namespace {

struct Line {
  std::vector<std::string> seeds;
  std::string median;
};

std::optional<double> seconds(const std::string& cell) {
  try {
    std::size_t used = 0;
    const double value = std::stod(cell, &used);
    if (used == cell.size()) return value;
  } catch (...) {
  }
  return std::nullopt;
}

std::string join(const std::vector<std::string>& cells) {
  std::string out;
  for (const std::string& c : cells) out += (out.empty() ? "" : " ") + c;
  return out;
}

}  // namespace

void add_finding_rows(const std::optional<std::string>& text, std::vector<Row>& rows) {
  const std::string figure = "time to first finding, per known class (median of >= 5 seeds)";
  if (!text) {
    rows.push_back({"5 fuzzing", figure, "-", "-", "-", "< 10 s median", Verdict::Missing,
                    "not run here (BENCH_FINDINGS=0, or no ci/fuzz-findings): docs/FUZZING.md has the table"});
    return;
  }
  // class -> mutator -> line, in the order the classes appear.
  std::vector<std::string> order;
  std::map<std::string, std::map<std::string, Line>> classes;
  std::istringstream in(*text);
  std::string raw;
  while (std::getline(in, raw)) {
    std::istringstream words(raw);
    std::vector<std::string> cells;
    for (std::string w; words >> w;) cells.push_back(w);
    if (cells.size() < 4 || cells[0][0] == '#' || cells[0] == "class") continue;
    if (!classes.count(cells[0])) order.push_back(cells[0]);
    classes[cells[0]][cells[1]] = {{cells.begin() + 2, cells.end() - 1}, cells.back()};
  }
  if (order.empty()) {
    rows.push_back({"5 fuzzing", figure, "-", "-", "-", "< 10 s median", Verdict::Missing,
                    "ci/fuzz-findings printed no class lines"});
    return;
  }
  for (const std::string& name : order) {
    const auto& by_mutator = classes[name];
    const auto custom = by_mutator.find("custom");
    const auto plain = by_mutator.find("plain");
    if (custom != by_mutator.end()) {
      const std::optional<double> c = seconds(custom->second.median);
      const std::optional<double> p = plain == by_mutator.end() ? std::nullopt : seconds(plain->second.median);
      rows.push_back({"5 fuzzing", name + ": time to first finding, custom mutator",
                      c ? format_time(*c * 1e9) : custom->second.median,
                      plain == by_mutator.end() ? "-" : (p ? format_time(*p * 1e9) : plain->second.median) + " without it",
                      c && p && *p > 0 ? format_ratio(*c / *p) : "-", "< 10 s median",
                      c && *c < 10 ? Verdict::Met : Verdict::Missed,
                      "per seed (s): " + join(custom->second.seeds)});
    }
    if (plain != by_mutator.end()) {
      const std::optional<double> p = seconds(plain->second.median);
      rows.push_back({"5 fuzzing", name + ": time to first finding, libFuzzer's own mutator",
                      p ? format_time(*p * 1e9) : plain->second.median, "-", "-", "-", Verdict::Info,
                      "per seed (s): " + join(plain->second.seeds)});
    }
  }
}

}  // namespace refsim::bench
