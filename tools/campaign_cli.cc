// `refsim campaign`: its options, parsed into CampaignOptions. The signal handlers, this
// executable's path and the source folder (for the corpus's known counterexamples and the claims
// target's dictionary) are found here, as only tools/ reads the process: the folder holding
// `corpus/claims/` above this executable, else the source folder refsim was configured from.
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "tools/campaign_command.h"
#include "tools/cli.h"

namespace refsim::tools {
namespace {

namespace fs = std::filesystem;

volatile std::sig_atomic_t signals_seen = 0;

extern "C" void count_signal(int) { signals_seen = signals_seen + 1; }

/// SIGINT and SIGTERM are counted, not fatal, while the campaign runs; no SA_RESTART, so that a
/// waiting poll() returns at once.
void install_handlers() {
  struct sigaction action {};
  action.sa_handler = count_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

fs::path self_path() {
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::path() : self;
}

/// The refsim source folder: the nearest folder above this executable holding
/// corpus/claims and campaign/catalog.json (a build folder lives inside the source tree), else
/// the one CMake configured (REFSIM_SOURCE_DIR), if it still holds them.
std::optional<fs::path> source_folder(const fs::path& self) {
  std::error_code error;
  auto holds = [&](const fs::path& dir) {
    return fs::is_directory(dir / "corpus" / "claims", error) && fs::is_regular_file(dir / "campaign" / "catalog.json", error);
  };
  for (fs::path dir = self.parent_path(); !dir.empty(); dir = dir.parent_path()) {
    if (holds(dir)) return dir;
    if (dir == dir.root_path()) break;
  }
#ifdef REFSIM_SOURCE_DIR
  if (holds(REFSIM_SOURCE_DIR)) return fs::path(REFSIM_SOURCE_DIR);
#endif
  return std::nullopt;
}

}  // namespace

Command add_campaign(CLI::App& parent) {
  CLI::App* app = add_subcommand(parent, "campaign",
                                 "Try to break claims about CPython's refcounting (the built-in catalog, or claims "
                                 "files) for a fixed time; report each claim held or violated, with minimal "
                                 "counterexamples (docs/CLAIMS.md). libFuzzer flags go after --");
  auto o = std::make_shared<CampaignOptions>();
  auto seconds = std::make_shared<std::uint64_t>(60), minimize = std::make_shared<std::uint64_t>(20);
  auto seed = std::make_shared<std::uint64_t>(0);
  auto claims = std::make_shared<std::vector<std::string>>(), only = std::make_shared<std::vector<std::string>>();
  auto out = std::make_shared<std::string>(), fuzzer = std::make_shared<std::string>();
  auto known = std::make_shared<std::string>(), report = std::make_shared<std::string>();
  auto flags = std::make_shared<std::vector<std::string>>();
  auto engine = std::make_shared<std::string>("in-process");
  app->add_option("--engine", *engine, "in-process (the default: refsim's own loop, no fuzzer binary) or libfuzzer "
                                       "(the claims target, coverage-guided; takes --jobs, --fuzzer and flags after --)")
      ->check(CLI::IsMember({"in-process", "libfuzzer"}))
      ->type_name("ENGINE");
  app->add_option("--claims", *claims, "A claims file (refsim-claims/2 or /1, docs/CLAIMS.md); repeatable. Default: the built-in catalog")
      ->type_name("FILE");
  app->add_option("--claim", *only, "Only the claim with this id; repeatable")->type_name("ID");
  app->add_option("--time", *seconds, "Seconds to fuzz (default 60)")->type_name("SECONDS")->check(CLI::Range(1, 604800));
  app->add_option("--jobs", o->jobs, "libFuzzer jobs (1, the default: in process; more: fork mode; --engine libfuzzer)")
      ->type_name("N")
      ->check(CLI::Range(1, 256));
  app->add_option("--seed", *seed, "Seed of the engine (libFuzzer's -seed), 1 to 4294967295 (default: random, printed first)")
      ->type_name("N")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{4294967295}));
  app->add_option("--out", *out, "Output folder: work corpus, artifacts, counterexamples, report "
                                 "(default: refsim-campaign-<uid> in the temporary folder)")
      ->type_name("DIR");
  app->add_option("--report", *report, "The JSON report (refsim-campaign/4; default <out>/report.json)")->type_name("OUT");
  auto sarif = std::make_shared<std::string>(), junit = std::make_shared<std::string>();
  app->add_option("--sarif", *sarif, "Also write a SARIF 2.1.0 log: a result per violated claim (code scanning)")
      ->type_name("OUT");
  app->add_option("--junit", *junit, "Also write JUnit XML: a test case per claim, failed by a new counterexample")
      ->type_name("OUT");
  app->add_option("--known", *known, "Recorded counterexamples, <DIR>/<claim-id>/*.json (default: corpus/claims "
                                     "of the refsim source folder, found from this executable)")
      ->type_name("DIR");
  app->add_flag("--file", o->file, "Record new counterexamples under the --known folder (else nothing is written there)");
  app->add_flag("--until-broken", o->until_broken, "Stop as soon as every claim is broken (in-process engine)");
  app->add_option("--fuzzer", *fuzzer, "The libFuzzer binary (default: fuzz/claims next to refsim)")->type_name("PATH");
  app->add_option("--minimize-time", *minimize, "Seconds of minimization shared by the new counterexamples (default 20)")
      ->type_name("SECONDS")
      ->check(CLI::Range(0, 86400));
  app->add_option("libfuzzer-flags", *flags, "libFuzzer flags, after -- (e.g. -- -max_len=256 -use_value_profile=1)")
      ->type_name("FLAG");
  return {app, [=] {
            o->engine = *engine == "libfuzzer" ? Engine::LibFuzzer : Engine::InProcess;
            o->claims_files.assign(claims->begin(), claims->end());
            o->only = *only;
            o->time = std::chrono::seconds(*seconds);
            if (*seed != 0) o->seed = static_cast<std::uint32_t>(*seed);
            o->self = self_path();
            o->out = out->empty() ? fs::temp_directory_path() / ("refsim-campaign-" + std::to_string(::getuid())) : fs::path(*out);
            if (!report->empty()) o->report = fs::path(*report);
            if (!sarif->empty()) o->sarif = fs::path(*sarif);
            if (!junit->empty()) o->junit = fs::path(*junit);
            const auto source = source_folder(o->self);
            if (!known->empty()) o->known = fs::path(*known);
            else if (source) o->known = *source / "corpus" / "claims";
            std::error_code no_dict;
            if (source && fs::is_regular_file(*source / "fuzz" / "dict" / "claims.dict", no_dict))
              o->dict = *source / "fuzz" / "dict" / "claims.dict";
            o->fuzzer = !fuzzer->empty() ? fs::path(*fuzzer) : o->self.parent_path() / "fuzz" / "claims";
            o->minimize_time = std::chrono::seconds(*minimize);
            o->libfuzzer_flags = *flags;
            o->terminal = ::isatty(STDERR_FILENO) == 1;
            o->signals = &signals_seen;
            install_handlers();
            return campaign_command(*o, std::cout, std::cerr);
          }};
}

}  // namespace refsim::tools
