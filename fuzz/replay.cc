// Replay: corpus inputs through check(), compared with their sidecars (see replay.h).
#include "fuzz/replay.h"

#include <algorithm>
#include <span>
#include <ostream>

#include "fuzz/codec.h"
#include "fuzz/finding.h"
#include "fuzz/regression.h"
#include "io/read_file.h"

namespace refsim::fuzz {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> inputs_under(const std::vector<fs::path>& paths) {
  std::vector<fs::path> out;
  for (const fs::path& p : paths) {
    if (fs::is_directory(p)) {
      for (const auto& entry : fs::recursive_directory_iterator(p))
        if (entry.is_regular_file() && !is_sidecar(entry.path())) out.push_back(entry.path());
    } else if (!is_sidecar(p)) {
      out.push_back(p);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i];
  return s + "]";
}

}  // namespace

ReplaySummary replay(Target target, const std::vector<fs::path>& paths, std::ostream& log) {
  ReplaySummary sum;
  for (const fs::path& path : inputs_under(paths)) {
    const FileRead read = read_file(path);
    const std::span<const std::uint8_t> bytes = read.octets();
    ++sum.inputs;
    const auto decoded = decode(target, bytes);
    const std::vector<Finding> findings = check(target, bytes);
    sum.findings += findings.size();
    std::vector<std::string> signatures;
    for (const Finding& f : findings) signatures.push_back(f.signature);
    log << path.string() << ": " << (std::holds_alternative<DecodeError>(decoded) ? "rejected" : "decoded")
        << ", findings " << joined(signatures) << "\n";

    const fs::path sidecar = path.string() + std::string(kExpectedSuffix);
    if (fs::exists(sidecar)) {
      const auto expected = read_expected(sidecar);
      if (const auto* error = std::get_if<std::string>(&expected)) {
        log << "FAIL " << sidecar.string() << ": " << *error << "\n";
        ++sum.failures;
        continue;
      }
      const Expected& e = std::get<Expected>(expected);
      if (e.signatures != signatures) {
        log << "FAIL " << path.string() << ": expected findings " << joined(e.signatures) << ", got "
            << joined(signatures) << "\n";
        ++sum.failures;
      } else if (e.step && (findings.empty() || findings.front().step != *e.step)) {
        log << "FAIL " << path.string() << ": expected the first finding at step " << *e.step << ", got "
            << (findings.empty() ? std::string("none") : std::to_string(findings.front().step)) << "\n";
        ++sum.failures;
      }
      continue;
    }
    if (const auto* error = std::get_if<DecodeError>(&decoded); error && !takes_json(target)) {
      log << "FAIL " << path.string() << ": byte " << error->offset << ": " << error->message << "\n";
      ++sum.failures;
    } else if (!findings.empty() && findings_are_bugs(target)) {
      log << "FAIL " << path.string() << ": " << findings.front().signature << ": " << findings.front().message
          << "\n";
      ++sum.failures;
    }
  }
  return sum;
}

}  // namespace refsim::fuzz
