// Free-threaded rows: reads ft/* results of ft_bench (bench/ft_bench.cc) and measures the free-threaded
// engine against the same targets as the default one: its owner pair within 3x of the free-threaded
// inline C (10x where out of reach, with the profile in docs/PERFORMANCE.md), one counted owner incref
// flat from 2^8 to 2^63 within 2x; a repeat's cost from 2^8 to 2^63 iterations, as information.
#include <string>

#include "bench/table/sections.h"

namespace refsim::bench {
namespace {

constexpr const char* kVersions[] = {"3.13t", "3.14t", "3.15t"};
constexpr int kExponents[] = {8, 16, 24, 32, 48, 63};

void pairs(const Figures& f, std::vector<Row>& rows) {
  for (const char* version : kVersions) {
    const std::string suffix = std::string(version) + "/64";
    rows.push_back(engine_pair_row("1 single step (free-threaded)", "owner incref+decref pair, " + suffix + ", fast engine",
                                   f.find("ft/pair/engine/" + suffix), f.find("ft/pair/inline/" + suffix)));
  }
}

/// RUN (count or repeat) of OP at 2^8 ... 2^63, each against 2^8.
void growth(const Figures& f, std::vector<Row>& rows, const std::string& run, const std::string& op) {
  const std::string prefix = "ft/" + run + "/fast/" + op + "/";
  const BenchResult* first = f.find(prefix + "8");
  const bool repeat = run == "repeat";
  for (const int k : kExponents) {
    const BenchResult* r = f.find(prefix + std::to_string(k));
    const std::string figure = op + (repeat ? ", repeated 2^" : ", one op, count 2^") + std::to_string(k) + ", fast";
    const std::string item = repeat ? "3 repeat (free-threaded)" : "2 growth (free-threaded)";
    if (!usable(r) || !usable(first)) {
      rows.push_back(missing_row(item, figure, r));
      continue;
    }
    const double ratio = r->ns / first->ns;
    if (repeat)
      rows.push_back({item, figure, format_time(r->ns), format_time(first->ns) + " at 2^8", format_ratio(ratio), "-",
                      Verdict::Info, k >= 32 ? "the cost follows the edges crossed (queue, below zero, immortal) and a bisection per jump (log2 of the count)" : ""});
    else
      rows.push_back({item, figure, format_time(r->ns), format_time(first->ns) + " at 2^8", format_ratio(ratio), "<= 2x",
                      ratio <= 2 ? Verdict::Met : Verdict::Missed, ""});
  }
}

}  // namespace

void ft_rows(const Figures& f, std::vector<Row>& rows) {
  pairs(f, rows);
  growth(f, rows, "count", "owner-incref-3.14t-64");
  growth(f, rows, "repeat", "owner-other-3.14t-64");
}

}  // namespace refsim::bench
