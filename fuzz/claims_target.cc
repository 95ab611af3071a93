// libFuzzer target `claims`: decode an input as a claim and a scenario in its scope, run it, and
// look for a violation. Like tools/, it reads the environment:
//   REFSIM_CLAIMS_FILE=F        the claims to test (refsim-claims/2 or /1); default: the built-in catalog
//   REFSIM_FUZZ_FINDINGS_DIR=D  campaign mode: the first input of each violation signature goes to
//                               D/crash-<sha1> (libFuzzer's artifact name) and a line
//                               "refsim-fuzz: violated SIGNATURE" to stderr; never aborts
//   REFSIM_FUZZ_STATS_DIR=D     executions per claim and how many of them gave up at the claim's
//                               work limit, written to D/stats-<pid> ("id executions gave-up"
//                               lines) about every half second and at exit
//   REFSIM_FUZZ_SKIP_FILE=F     signatures (one per line) that are known: outside campaign mode,
//                               a violation aborts (so libFuzzer records it) unless listed here;
//                               default: <this binary>.known when it exists (OSS-Fuzz and
//                               ClusterFuzzLite builds put the corpus's known signatures there)
//   REFSIM_FUZZ_REPORT_ONLY=1   outside campaign mode: print each new signature once, never abort
#include <unistd.h>

#include <chrono>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "campaign/claim_input.h"
#include "campaign/claims_json.h"
#include "campaign/violation.h"
#include "fuzz/finding.h"
#include "fuzz/regression.h"
#include "io/atomic_write.h"
#include "io/read_file.h"
#include "io/scenario_json.h"

namespace {

using refsim::campaign::ClaimSet;

std::unique_ptr<ClaimSet> g_claims;
std::set<std::string> g_known, g_seen;
std::string g_findings_dir, g_stats_file;
bool g_report_only = false;
std::vector<unsigned long long> g_execs, g_gave_up;
unsigned long long g_total = 0;

void write_stats() {
  if (g_stats_file.empty() || !g_claims) return;
  std::string text;
  for (std::size_t i = 0; i < g_execs.size(); ++i)
    text += g_claims->claims()[i].id + " " + std::to_string(g_execs[i]) + " " + std::to_string(g_gave_up[i]) + "\n";
  (void)refsim::write_atomically(g_stats_file, text);  // a missed update is made good by the next one
}

[[noreturn]] void give_up(const std::string& message) {
  std::fprintf(stderr, "refsim: %s\n", message.c_str());
  std::exit(2);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  std::vector<refsim::campaign::Claim> claims = refsim::campaign::builtin_catalog();
  if (const char* file = std::getenv("REFSIM_CLAIMS_FILE"); file && *file) {
    const refsim::FileRead text = refsim::read_file(file);
    if (!text.ok()) give_up(std::string(file) + ": " + text.error);
    auto parsed = refsim::campaign::parse_claims(text.bytes);
    if (auto* bad = std::get_if<refsim::SpecError>(&parsed)) give_up(std::string(file) + ": " + refsim::describe(*bad));
    claims = std::get<std::vector<refsim::campaign::Claim>>(parsed);
  }
  g_claims = std::make_unique<ClaimSet>(std::move(claims));
  g_execs.assign(g_claims->claims().size(), 0);
  g_gave_up.assign(g_claims->claims().size(), 0);
  if (const char* dir = std::getenv("REFSIM_FUZZ_FINDINGS_DIR"); dir && *dir) g_findings_dir = dir;
  if (const char* dir = std::getenv("REFSIM_FUZZ_STATS_DIR"); dir && *dir) {
    g_stats_file = std::string(dir) + "/stats-" + std::to_string(::getpid());
    std::atexit(write_stats);
  }
  if (const char* only = std::getenv("REFSIM_FUZZ_REPORT_ONLY")) g_report_only = std::strcmp(only, "0") != 0;
  std::string skip = *argc > 0 ? std::string((*argv)[0]) + ".known" : "";
  if (const char* given = std::getenv("REFSIM_FUZZ_SKIP_FILE"); given && *given) skip = given;
  if (!skip.empty()) {
    std::istringstream in(refsim::read_file(skip).bytes);  // no such file: nothing is known
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) g_known.insert(line);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto checked = refsim::campaign::check_claim_input(*g_claims, {data, size});
  if (!checked) return 0;
  ++g_execs[checked->claim];
  g_gave_up[checked->claim] += checked->gave_up;
  if ((++g_total & 0xfff) == 0) {  // every 4096 executions, the stats when half a second has passed
    static auto last = std::chrono::steady_clock::now();
    if (const auto now = std::chrono::steady_clock::now(); now - last > std::chrono::milliseconds(500)) {
      last = now;
      write_stats();
    }
  }
  for (const auto& v : checked->violations) {
    const bool first = g_seen.insert(v.signature).second;
    if (!g_findings_dir.empty()) {
      if (!first) continue;
      (void)refsim::write_atomically(g_findings_dir + "/crash-" + refsim::fuzz::sha1_hex({data, size}),
                                     std::string_view(reinterpret_cast<const char*>(data), size));
      std::fprintf(stderr, "refsim-fuzz: violated %s\n", v.signature.c_str());
      continue;
    }
    if (g_known.count(v.signature)) continue;
    if (first) std::fprintf(stderr, "refsim-fuzz: violated %s\n", v.signature.c_str());
    if (!g_report_only) std::abort();
  }
  return 0;
}
