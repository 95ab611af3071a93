// bench_table: reads what ci/bench measured and prints ONE table of figures, baselines, ratios and
// issue targets (Markdown). Exits 0 whatever the figures (benchmarks print, they do not fail on slow
// machines); 1 when a benchmark failed its self-check or the handwritten loop disagrees with refsim
// (then a figure measured something wrong); 2 on bad arguments or unreadable results.
//
// Usage: bench_table [--bench FILE.json]... [--measure FILE.jsonl] [--hand-answer FILE]
//                    [--refsim-report FILE.json] [--findings FILE] [--title TEXT] [--brief]
// --brief: the end-to-end section as a summary plus the scenarios slower than twice the floor.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "bench/table/sections.h"
#include "io/read_file.h"

namespace {

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

/// An event's step: a decimal string (refsim-report/2) or a number (/1).
std::uint64_t step_of(const nlohmann::json& event) {
  const nlohmann::json step = event.value("step", nlohmann::json());
  if (step.is_number_unsigned()) return step.get<std::uint64_t>();
  if (step.is_string()) return std::strtoull(step.get<std::string>().c_str(), nullptr, 10);
  return 0;
}

/// refsim's answer to the drain question, in the handwritten loop's words: from a `refsim run`
/// document's one report (refsim-report/2), or from a bare report (/1).
std::string drain_answer(const std::string& report_text) {
  nlohmann::json report = nlohmann::json::parse(report_text, nullptr, false);
  if (!report.is_discarded() && report.contains("reports") && report["reports"].is_array() &&
      !report["reports"].empty())
    report = report["reports"][0];
  if (report.is_discarded() || !report.contains("events")) return "";
  std::uint64_t deimmortalized = 0, dealloc = 0;
  for (const auto& e : report["events"]) {
    const std::string kind = e.value("kind", "");
    const std::uint64_t step = step_of(e);
    if (kind == "deimmortalized" && deimmortalized == 0) deimmortalized = step;
    if (kind == "dealloc" && dealloc == 0) dealloc = step;
  }
  return "deimmortalized " + std::to_string(deimmortalized) + " dealloc " + std::to_string(dealloc);
}

[[noreturn]] void fail(const std::string& message) {
  std::fprintf(stderr, "bench_table: %s\n", message.c_str());
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace refsim::bench;
  Figures figures;
  std::string hand_answer, refsim_answer, title;
  std::optional<std::string> findings;
  bool brief = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--brief") {
      brief = true;
      continue;
    }
    if (i + 1 >= argc) fail("option " + std::string(arg) + " needs a value");
    const std::string value = argv[++i];
    if (arg == "--bench") {
      if (auto error = load_benchmark_json(value, figures)) fail(*error);
    } else if (arg == "--measure") {
      if (auto error = load_measure_lines(value, figures)) fail(*error);
    } else if (arg == "--hand-answer") {
      hand_answer = first_line(refsim::read_file(value).bytes);
    } else if (arg == "--refsim-report") {
      refsim_answer = drain_answer(refsim::read_file(value).bytes);
    } else if (arg == "--findings") {
      if (const auto file = refsim::read_file(value); file.ok()) findings = file.bytes;
    } else if (arg == "--title") {
      title = value;
    } else {
      fail("unknown option " + std::string(arg));
    }
  }
  std::vector<Row> rows;
  engine_rows(figures, rows);
  ft_rows(figures, rows);
  strategy_rows(figures, rows);
  end_to_end_rows(figures, brief, rows);
  fuzz_rows(figures, findings, rows);
  handwritten_rows(figures, hand_answer, refsim_answer, rows);
  if (!title.empty()) std::cout << title << "\n\n";
  print_table(std::cout, rows);
  int failed = 0;
  for (const auto& [name, result] : figures.bench) {
    if (result.error.empty()) continue;
    std::fprintf(stderr, "bench_table: %s failed its self-check: %s\n", name.c_str(), result.error.c_str());
    ++failed;
  }
  if (figures.find_command("handwritten") && hand_answer != refsim_answer) {
    std::fprintf(stderr, "bench_table: the handwritten loop answered \"%s\", refsim \"%s\"\n",
                 hand_answer.c_str(), refsim_answer.c_str());
    ++failed;
  }
  return failed == 0 ? 0 : 1;
}
