// Rows: the one table ci/bench prints (Markdown, so that the README can carry it as measured), and
// the number formats its cells use.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace refsim::bench {

/// Whether a figure meets its issue target; Info when the issue sets none for it.
enum class Verdict { Met, Missed, Info, Missing };

struct Row {
  std::string item;      ///< "1 single step", "2 growth", ...
  std::string figure;    ///< what was measured
  std::string measured;  ///< the figure
  std::string baseline;  ///< what it is measured against, in the same run
  std::string ratio;     ///< measured / baseline, or the speed-up
  std::string target;    ///< the issue's target for this figure, or "-"
  Verdict verdict = Verdict::Info;
  std::string note;
};

/// A duration given in nanoseconds, in the unit that reads best ("0.54 ns", "5.7 us", "146 s").
std::string format_time(double ns);
/// A ratio: "2.3x", "231x", "2.6e+07x".
std::string format_ratio(double ratio);
/// A rate: "123,456/s".
std::string format_rate(double per_second);
/// Kibibytes as "4.1 MiB".
std::string format_kib(long kib);

/// Prints the rows as one Markdown table, then a line counting targets met and missed.
void print_table(std::ostream& out, const std::vector<Row>& rows);

}  // namespace refsim::bench
