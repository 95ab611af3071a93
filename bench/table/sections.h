// Sections: the rows of each benchmark area, built from the loaded figures. A figure that was not
// measured gives a row that says so, never a guess.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bench/table/figures.h"
#include "bench/table/rows.h"

namespace refsim::bench {

/// Items 1-3: single step against the inline floor, growth with counts, repeat acceleration.
void engine_rows(const Figures& f, std::vector<Row>& rows);
/// The free-threaded engine (bench/ft_bench.cc): pair, growth, repeat.
void ft_rows(const Figures& f, std::vector<Row>& rows);
/// Issue 5 item 2: each strategy's pair against as-shipped 3.14.
void strategy_rows(const Figures& f, std::vector<Row>& rows);
/// Item 4: every bundled scenario end to end, and `refsim compare`, against `refsim --version`;
/// `brief`: one summary row plus the scenarios that take more than twice the process floor.
void end_to_end_rows(const Figures& f, bool brief, std::vector<Row>& rows);
/// Item 5: executions per second of each fuzz target; time to first finding per class, from
/// ci/fuzz-findings' output when given.
void fuzz_rows(const Figures& f, const std::optional<std::string>& findings_text, std::vector<Row>& rows);
/// Item 6: the handwritten C loop against `refsim run` on the same question; `hand_answer` and
/// `refsim_answer` are the two programs' answers ("deimmortalized N dealloc M").
void handwritten_rows(const Figures& f, const std::string& hand_answer, const std::string& refsim_answer,
                      std::vector<Row>& rows);

/// Rows from ci/fuzz-findings' output (nullopt: not run, BENCH_FINDINGS=0, or the script is absent).
void add_finding_rows(const std::optional<std::string>& text, std::vector<Row>& rows);

/// A row for a figure that is absent or failed its self-check.
Row missing_row(std::string item, std::string figure, const BenchResult* result);

/// Whether a result was measured and passed its self-check.
inline bool usable(const BenchResult* r) { return r && r->error.empty(); }

/// An engine's pair (`pairs` pairs per iteration) against its inline C floor, target 3x (the issue's
/// 10x fallback noted), or the missing row when either is absent or failed its self-check.
Row engine_pair_row(std::string item, std::string figure, const BenchResult* engine, const BenchResult* floor);

}  // namespace refsim::bench
