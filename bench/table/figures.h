// Figures: the measurements ci/bench collected (Google Benchmark JSON, bench_measure lines), loaded
// into maps by name, with the conversions the table needs.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace refsim::bench {

/// One Google Benchmark result: time per iteration in nanoseconds, and its counters.
struct BenchResult {
  double ns = 0;  ///< CPU time per iteration (wall time where the results have no CPU time)
  std::map<std::string, double> counters;
  std::string error;  ///< set when the benchmark skipped with an error (a failed self-check)
  double counter(const std::string& name) const {
    const auto it = counters.find(name);
    return it == counters.end() ? 0 : it->second;
  }
};

/// One bench_measure line: a command's wall time and peak memory.
struct CommandResult {
  double median_s = 0;
  double min_s = 0;
  long max_rss_kib = 0;
  int status = 0;
};

struct Figures {
  std::map<std::string, BenchResult> bench;      ///< by benchmark name, all programs together
  std::map<std::string, CommandResult> command;  ///< by bench_measure --name
  std::string context;                            ///< machine line from the benchmark context

  const BenchResult* find(const std::string& name) const {
    const auto it = bench.find(name);
    return it == bench.end() ? nullptr : &it->second;
  }
  const CommandResult* find_command(const std::string& name) const {
    const auto it = command.find(name);
    return it == command.end() ? nullptr : &it->second;
  }
};

/// Adds the results of one `--benchmark_format=json` file. Returns an error message on failure.
std::optional<std::string> load_benchmark_json(const std::filesystem::path& path, Figures& figures);
/// Adds every line of a bench_measure output file.
std::optional<std::string> load_measure_lines(const std::filesystem::path& path, Figures& figures);

}  // namespace refsim::bench
