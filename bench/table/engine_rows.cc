// Engine rows (items 1-3): reads pair/*, count/* and repeat/* results of engine_bench.
#include <string>

#include "bench/table/sections.h"
#include "model/names.h"

namespace refsim::bench {

namespace {

constexpr int kFast[] = {8, 16, 24, 32, 48, 63};
constexpr int kStepwise[] = {8, 16, 20, 24};
constexpr int kRepeatStepwise[] = {12, 16, 20};

Verdict at_most(double ratio, double limit) { return ratio <= limit ? Verdict::Met : Verdict::Missed; }

void single_step(const Figures& f, std::vector<Row>& rows) {
  for (const auto& version : Names<Version>::rows) {
    for (const char* bits : {"64", "32"}) {
      const std::string suffix = std::string(version.name) + "/" + bits;
      const BenchResult* engine = f.find("pair/engine/" + suffix);
      const BenchResult* step = f.find("pair/step/" + suffix);
      const BenchResult* floor = f.find("pair/inline/" + suffix);
      rows.push_back(engine_pair_row("1 single step", "core incref+decref pair, " + suffix + ", fast engine", engine, floor));
      if (!usable(engine) || !usable(floor)) continue;
      const double i = floor->ns / floor->counter("pairs");
      const std::string step_figure = "core incref+decref pair, " + suffix + ", semantics functions alone";
      if (!usable(step)) {
        rows.push_back(missing_row("1 single step", step_figure, step));
        continue;
      }
      const double s = step->ns / step->counter("pairs");
      rows.push_back({"1 single step", step_figure, format_time(s), format_time(i) + " inline C",
                      format_ratio(s / i), "<= 2x", at_most(s / i, 2), ""});
    }
  }
}

/// One operation with counts 2^8 to 2^63 on the fast engine, keeping 10,000 events (`run` "fast")
/// or 10 ("fast-few-events"): each against the same run at 2^8.
void growth_rows(const Figures& f, std::vector<Row>& rows, const std::string& run) {
  for (const char* op : {"incref-heap-3.14-64", "drain-none-3.14-32"}) {
    const std::string prefix = "count/" + run + "/" + op + "/";
    const BenchResult* first = f.find(prefix + "8");
    const bool few = run == "fast-few-events";
    if (few && !f.find(prefix + "8")) continue;  // results from before the few-events runs
    for (const int k : kFast) {
      const BenchResult* r = f.find(prefix + std::to_string(k));
      const std::string figure = std::string(op) + ", one op, count 2^" + std::to_string(k) + ", fast" +
                                 (few ? ", 10 events kept" : "");
      if (!usable(r) || !usable(first)) {
        rows.push_back(missing_row("2 growth", figure, r));
        continue;
      }
      std::string note;
      if (std::string(op) == "drain-none-3.14-32" && k >= 48)
        note = few ? "the same cycles, with 10 events kept: the cost follows the kept events, not the count"
                   : "3 events per 0x50000000-step cycle; the first 10000 are kept, then cycles are counted at once";
      rows.push_back({"2 growth", figure, format_time(r->ns), format_time(first->ns) + " at 2^8",
                      format_ratio(r->ns / first->ns), "<= 2x", at_most(r->ns / first->ns, 2), note});
    }
  }
}

void growth(const Figures& f, std::vector<Row>& rows) {
  growth_rows(f, rows, "fast");
  growth_rows(f, rows, "fast-few-events");
  const std::string op = "incref-heap-3.14-64";
  const BenchResult* largest = nullptr;
  int largest_k = 0;
  for (const int k : kStepwise) {
    const BenchResult* r = f.find("count/stepwise/" + op + "/" + std::to_string(k));
    const std::string figure = op + ", count 2^" + std::to_string(k) + ", stepwise";
    if (!usable(r)) {
      rows.push_back(missing_row("2 growth", figure, r));
      continue;
    }
    const BenchResult* fast = f.find("count/fast/" + op + "/" + std::to_string(k));
    rows.push_back({"2 growth", figure, format_time(r->ns),
                    usable(fast) ? format_time(fast->ns) + " fast" : "-",
                    usable(fast) ? format_ratio(r->ns / fast->ns) : "-", "linear", Verdict::Info,
                    format_time(r->ns / r->counter("count")) + " per step"});
    largest = r;
    largest_k = k;
  }
  const BenchResult* fast32 = f.find("count/fast/" + op + "/32");
  const std::string figure = op + ", count 2^32: fast vs stepwise";
  if (!largest || !usable(fast32)) {
    rows.push_back(missing_row("2 growth", figure, fast32));
    return;
  }
  const double stepwise32 = largest->ns / largest->counter("count") * 4294967296.0;
  const double speedup = stepwise32 / fast32->ns;
  rows.push_back({"2 growth", figure, format_time(fast32->ns),
                  format_time(stepwise32) + " stepwise, extrapolated from 2^" + std::to_string(largest_k),
                  format_ratio(speedup) + " faster", ">= 1e6x faster",
                  speedup >= 1e6 ? Verdict::Met : Verdict::Missed, "linear extrapolation, not run"});
}

void repeat(const Figures& f, std::vector<Row>& rows) {
  const BenchResult* largest = nullptr;
  int largest_k = 0;
  for (const int k : kRepeatStepwise) {
    const BenchResult* r = f.find("repeat/stepwise/" + std::to_string(k));
    const std::string figure = "{core incref, ext-3.11 decref} x 2^" + std::to_string(k) + ", stepwise";
    if (!usable(r)) {
      rows.push_back(missing_row("3 repeat", figure, r));
      continue;
    }
    rows.push_back({"3 repeat", figure, format_time(r->ns), "-", "-", "linear", Verdict::Info,
                    format_time(r->ns / r->counter("count")) + " per iteration"});
    largest = r;
    largest_k = k;
  }
  const BenchResult* fast = f.find("repeat/fast/32");
  const std::string figure = "{core incref, ext-3.11 decref} x 2^32 on 3.14/32: fast vs stepwise";
  if (!largest || !usable(fast)) {
    rows.push_back(missing_row("3 repeat", figure, fast));
    return;
  }
  const double stepwise32 = largest->ns / largest->counter("count") * 4294967296.0;
  rows.push_back({"3 repeat", figure, format_time(fast->ns),
                  format_time(stepwise32) + " stepwise, extrapolated from 2^" + std::to_string(largest_k),
                  format_ratio(stepwise32 / fast->ns) + " faster", "-", Verdict::Info,
                  "linear extrapolation, not run"});
}

}  // namespace

Row engine_pair_row(std::string item, std::string figure, const BenchResult* engine, const BenchResult* floor) {
  if (!usable(engine) || !usable(floor)) return missing_row(std::move(item), std::move(figure), usable(engine) ? floor : engine);
  const double e = engine->ns / engine->counter("pairs"), i = floor->ns / floor->counter("pairs");
  // The fallback where 3x is out of reach: at most 10x, with a profile of the rest.
  const std::string note = e / i > 3 && e / i <= 10 ? "within the 10x fallback; profile in docs/PERFORMANCE.md" : "";
  return {std::move(item), std::move(figure), format_time(e), format_time(i) + " inline C", format_ratio(e / i), "<= 3x",
          at_most(e / i, 3), note};
}

Row missing_row(std::string item, std::string figure, const BenchResult* result) {
  return {std::move(item), std::move(figure), "-", "-", "-", "-", Verdict::Missing,
          result ? "self-check failed: " + result->error : "not in this run"};
}

void engine_rows(const Figures& f, std::vector<Row>& rows) {
  single_step(f, rows);
  growth(f, rows);
  repeat(f, rows);
}

}  // namespace refsim::bench
