// Command rows: strategies (issue 5 item 2), end to end (item 4), fuzzing (item 5) and the
// handwritten loop (item 6).
#include <algorithm>
#include <string>

#include "bench/table/sections.h"

namespace refsim::bench {

namespace {

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

Row command_row(const std::string& item, const std::string& figure, const CommandResult& r,
                const CommandResult& floor) {
  std::string note = "peak RSS " + format_kib(r.max_rss_kib) + " (floor " + format_kib(floor.max_rss_kib) + ")";
  if (r.status != 0) note += "; exit status " + std::to_string(r.status);
  return {item, figure, format_time(r.median_s * 1e9), format_time(floor.median_s * 1e9) + " refsim --version",
          format_ratio(r.median_s / floor.median_s), "-", Verdict::Info, note};
}

}  // namespace

void strategy_rows(const Figures& f, std::vector<Row>& rows) {
  for (const char* object : {"immortal", "mortal"}) {
    const BenchResult* shipped = f.find(std::string("strategy/as-shipped-3.14/") + object);
    if (!shipped || !shipped->error.empty()) {
      rows.push_back(missing_row("strategy cost", std::string("as-shipped-3.14 on the ") + object + " object", shipped));
      continue;
    }
    const double reference = shipped->ns / shipped->counter("pairs");
    for (const auto& [name, r] : f.bench) {
      const std::string suffix = std::string("/") + object;
      if (!starts_with(name, "strategy/") || name.size() < suffix.size() ||
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
        continue;
      const std::string design = name.substr(9, name.size() - 9 - suffix.size());
      const std::string figure = design + ", incref+decref pair on " + (std::string(object) == "immortal" ? "an " : "a ") + object + " object";
      if (!r.error.empty()) {
        rows.push_back(missing_row("strategy cost", figure, &r));
        continue;
      }
      const double ns = r.ns / r.counter("pairs");
      rows.push_back({"strategy cost", figure, format_time(ns), format_time(reference) + " as-shipped 3.14",
                      format_ratio(ns / reference), "-", Verdict::Info,
                      "+" + std::to_string(static_cast<int>(r.counter("extra_tests"))) + " tests/pair over 3.11; " +
                          std::to_string(static_cast<int>(r.counter("bytes_written"))) +
                          " bytes written/pair on an immortal object"});
    }
  }
}

void end_to_end_rows(const Figures& f, bool brief, std::vector<Row>& rows) {
  const CommandResult* floor = f.find_command("version");
  if (!floor) {
    rows.push_back({"4 end to end", "refsim --version (process floor)", "-", "-", "-", "-", Verdict::Missing, "not in this run"});
    return;
  }
  std::vector<double> medians;
  long rss = 0;
  for (const auto& [name, r] : f.command) {
    if (!starts_with(name, "run/")) continue;
    medians.push_back(r.median_s);
    rss = std::max(rss, r.max_rss_kib);
    // Brief: only the scenarios that cost more than twice the process floor get a row of their own.
    if (!brief || r.median_s > 2 * floor->median_s)
      rows.push_back(command_row("4 end to end", "refsim run " + name.substr(4), r, *floor));
  }
  if (!medians.empty()) {
    std::sort(medians.begin(), medians.end());
    const double median = medians[medians.size() / 2];
    rows.push_back({"4 end to end", "refsim run, each of the " + std::to_string(medians.size()) + " bundled scenarios: median",
                    format_time(median * 1e9), format_time(floor->median_s * 1e9) + " refsim --version",
                    format_ratio(median / floor->median_s), "-", Verdict::Info,
                    "slowest " + format_time(medians.back() * 1e9) + "; largest peak RSS " + format_kib(rss)});
  }
  if (const CommandResult* compare = f.find_command("compare"))
    rows.push_back(command_row("4 end to end", "refsim compare (no arguments)", *compare, *floor));
  else
    rows.push_back({"4 end to end", "refsim compare (no arguments)", "-", "-", "-", "-", Verdict::Missing,
                    "this refsim has no compare command"});
}

void fuzz_rows(const Figures& f, const std::optional<std::string>& findings_text, std::vector<Row>& rows) {
  bool any = false;
  for (const auto& [name, r] : f.bench) {
    if (!starts_with(name, "fuzz/")) continue;
    any = true;
    const std::string target = name.substr(5);
    const std::string figure = target + ": executions per second, fixed 64-operation inputs";
    if (!r.error.empty()) {
      rows.push_back(missing_row("5 fuzzing", figure, &r));
      continue;
    }
    const double rate = 1e9 / r.ns;  // wall time per execution, as every other figure
    const bool targeted = target == "immortal_safety";
    rows.push_back({"5 fuzzing", figure, format_rate(rate), targeted ? "100,000/s target" : "-",
                    targeted ? format_ratio(rate / 1e5) : "-", targeted ? ">= 100,000/s" : "-",
                    targeted ? (rate >= 1e5 ? Verdict::Met : Verdict::Missed) : Verdict::Info,
                    std::to_string(static_cast<int>(r.counter("inputs"))) + " inputs, " +
                        format_time(r.ns) + " per execution"});
  }
  if (!any)
    rows.push_back({"5 fuzzing", "executions per second of each target", "-", "-", "-", ">= 100,000/s",
                    Verdict::Missing, "fuzz_bench not built (no refsim_fuzz library in this tree)"});
  add_finding_rows(findings_text, rows);
}

void handwritten_rows(const Figures& f, const std::string& hand_answer, const std::string& refsim_answer,
                      std::vector<Row>& rows) {
  const CommandResult* hand = f.find_command("handwritten");
  const CommandResult* refsim = f.find_command("refsim-drain");
  const std::string figure = "None drain on 3.14/32 (2^30.8 legacy decrefs): handwritten C loop -O2";
  if (!hand || !refsim) {
    rows.push_back({"6 by hand", figure, "-", "-", "-", "-", Verdict::Missing, "not in this run"});
    return;
  }
  const bool agree = !hand_answer.empty() && hand_answer == refsim_answer;
  rows.push_back({"6 by hand", figure, format_time(hand->median_s * 1e9),
                  format_time(refsim->median_s * 1e9) + " refsim run",
                  format_ratio(hand->median_s / refsim->median_s) + " slower", "-", Verdict::Info,
                  std::string(agree ? "same answer: " : "ANSWERS DIFFER: hand ") + hand_answer +
                      (agree ? "" : ", refsim " + refsim_answer)});
}

}  // namespace refsim::bench
