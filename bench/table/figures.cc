// Figures: reading Google Benchmark's JSON and bench_measure's JSON lines.
#include "bench/table/figures.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "io/read_file.h"

namespace refsim::bench {

namespace {

/// Nanoseconds in one unit of Google Benchmark's `time_unit`.
double unit_ns(const std::string& unit) {
  if (unit == "us") return 1e3;
  if (unit == "ms") return 1e6;
  if (unit == "s") return 1e9;
  return 1;
}

/// The fields of a benchmark entry that are not counters.
bool is_standard_field(const std::string& key) {
  static const char* const kFields[] = {
      "name", "family_index", "per_family_instance_index", "run_name", "run_type", "repetitions",
      "repetition_index", "threads", "iterations", "real_time", "cpu_time", "time_unit",
      "error_occurred", "error_message", "aggregate_name", "aggregate_unit", "label"};
  for (const char* field : kFields)
    if (key == field) return true;
  return false;
}

/// Google Benchmark writes NaN (e.g. the coefficient of variation of a constant counter), which
/// is not JSON: such values become null.
std::string without_non_finite(std::string text) {
  for (const std::string bad : {": NaN", ": -NaN", ": nan", ": -nan", ": inf", ": -inf", ": Infinity", ": -Infinity"}) {
    for (std::size_t at = text.find(bad); at != std::string::npos; at = text.find(bad, at))
      text.replace(at, bad.size(), ": null");
  }
  return text;
}

}  // namespace

std::optional<std::string> load_benchmark_json(const std::filesystem::path& path, Figures& figures) {
  const FileRead read = read_file(path);
  if (!read.ok()) return "cannot read " + path.string() + ": " + read.error;
  const nlohmann::json doc = nlohmann::json::parse(without_non_finite(read.bytes), nullptr, false);
  if (doc.is_discarded() || !doc.contains("benchmarks")) return path.string() + ": not Google Benchmark JSON";
  if (figures.context.empty() && doc.contains("context")) {
    const auto& c = doc["context"];
    figures.context = std::to_string(c.value("num_cpus", 0)) + " x " +
                      std::to_string(c.value("mhz_per_cpu", 0)) + " MHz";
  }
  for (const auto& b : doc["benchmarks"]) {
    // With --benchmark_repetitions, the median of the repetitions stands for the benchmark.
    std::string name = b.value("name", "");
    if (b.value("run_type", "iteration") == "aggregate") {
      if (b.value("aggregate_name", "") != "median") continue;
      name = b.value("run_name", name);
    } else if (b.value("repetitions", 1) > 1 && b.value("error_occurred", false) == false) {
      continue;
    }
    BenchResult r;
    if (b.value("error_occurred", false)) r.error = b.value("error_message", "error");
    // CPU time where the results have it: on a shared machine, wall time also counts the time a
    // benchmark waited for a core (the benchmarks are single-threaded).
    const double time = b.contains("cpu_time") ? b.value("cpu_time", 0.0) : b.value("real_time", 0.0);
    r.ns = time * unit_ns(b.value("time_unit", "ns"));
    for (const auto& [key, value] : b.items())
      if (!is_standard_field(key) && value.is_number()) r.counters[key] = value.get<double>();
    figures.bench[name] = r;
  }
  return std::nullopt;
}

std::optional<std::string> load_measure_lines(const std::filesystem::path& path, Figures& figures) {
  std::ifstream in(path);
  if (!in) return "cannot read " + path.string();
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.contains("name")) return path.string() + ": bad line: " + line;
    figures.command[j["name"].get<std::string>()] = {j.value("median_s", 0.0), j.value("min_s", 0.0),
                                                     j.value("max_rss_kib", 0L), j.value("status", 0)};
  }
  return std::nullopt;
}

}  // namespace refsim::bench
