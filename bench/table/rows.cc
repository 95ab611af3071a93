// Rows: number formats and the Markdown table.
#include "bench/table/rows.h"

#include <cmath>
#include <cstdio>

namespace refsim::bench {

namespace {

std::string printf_string(const char* format, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

/// Three significant digits.
std::string sig3(double value) {
  if (value >= 100) return printf_string("%.0f", value);
  if (value >= 10) return printf_string("%.1f", value);
  return printf_string("%.2f", value);
}

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Met: return "met";
    case Verdict::Missed: return "**missed**";
    case Verdict::Info: return "-";
    case Verdict::Missing: return "not measured";
  }
  return "?";
}

}  // namespace

std::string format_time(double ns) {
  if (ns < 1e3) return sig3(ns) + " ns";
  if (ns < 1e6) return sig3(ns / 1e3) + " us";
  if (ns < 1e9) return sig3(ns / 1e6) + " ms";
  return sig3(ns / 1e9) + " s";
}

std::string format_ratio(double ratio) {
  if (!std::isfinite(ratio)) return "-";
  if (ratio >= 1e5) return printf_string("%.2g", ratio) + "x";
  return sig3(ratio) + "x";
}

std::string format_rate(double per_second) {
  std::string digits = printf_string("%.0f", per_second);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(i, ",");
  return digits + "/s";
}

std::string format_kib(long kib) { return sig3(kib / 1024.0) + " MiB"; }

void print_table(std::ostream& out, const std::vector<Row>& rows) {
  out << "| Item | Figure | Measured | Baseline (same run) | Ratio | Target | Met | Note |\n"
      << "|---|---|---|---|---|---|---|---|\n";
  int met = 0, missed = 0, missing = 0;
  for (const Row& r : rows) {
    out << "| " << r.item << " | " << r.figure << " | " << r.measured << " | " << r.baseline << " | "
        << r.ratio << " | " << r.target << " | " << verdict_name(r.verdict) << " | " << r.note << " |\n";
    met += r.verdict == Verdict::Met;
    missed += r.verdict == Verdict::Missed;
    missing += r.verdict == Verdict::Missing;
  }
  out << "\nTargets: " << met << " met, " << missed << " missed, " << missing << " not measured.\n";
}

}  // namespace refsim::bench
