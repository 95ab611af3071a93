// `refsim campaign`: its options, parsed into CampaignOptions; the signal handlers and the
// default fuzzer path (next to this executable) are read here, as only tools/ reads the process.
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "tools/campaign_command.h"
#include "tools/cli.h"

namespace refsim::tools {
namespace {

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

/// `<folder of this executable>/fuzz/<target>`: where the fuzz preset builds the targets.
std::filesystem::path default_fuzzer(const std::string& target) {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  return (error ? std::filesystem::path(".") : self.parent_path()) / "fuzz" / target;
}

}  // namespace

Command add_campaign(CLI::App& parent) {
  CLI::App* app = add_subcommand(parent, "campaign",
                                 "Run a time-bounded libFuzzer campaign on one target; minimize and file new "
                                 "findings into the regression corpus; write a JSON report");
  auto o = std::make_shared<CampaignOptions>();
  auto target = std::make_shared<std::string>();
  auto seconds = std::make_shared<std::uint64_t>(60), minimize = std::make_shared<std::uint64_t>(30);
  auto seed = std::make_shared<std::uint64_t>(0);
  auto out = std::make_shared<std::string>(), fuzzer = std::make_shared<std::string>();
  auto corpus = std::make_shared<std::string>("corpus"), report = std::make_shared<std::string>();
  auto no_file = std::make_shared<bool>(false);
  app->add_option("--target", *target, "engine_equivalence, immortal_safety, mortal_accounting or scenario_json")
      ->check(CLI::IsMember({"engine_equivalence", "immortal_safety", "mortal_accounting", "scenario_json"}))
      ->type_name("TARGET")
      ->required();
  app->add_option("--time", *seconds, "Seconds to fuzz (default 60)")->type_name("SECONDS")->check(CLI::Range(1, 604800));
  app->add_option("--jobs", o->jobs, "Parallel libFuzzer jobs (fork mode; default 1)")->type_name("N")->check(CLI::Range(1, 256));
  app->add_option("--seed", *seed, "libFuzzer seed, 1 to 4294967295 (default: random, printed first)")
      ->type_name("N")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{4294967295}));
  app->add_option("--corpus", *corpus, "Corpus root: <DIR>/<target>/seeds is read, <DIR>/<target>/regression "
                                       "gets new findings (default corpus)")
      ->type_name("DIR");
  app->add_flag("--no-file", *no_file, "Do not write new findings into the corpus");
  app->add_option("--out", *out, "Work corpus, artifacts and report (default fuzz-out/<target>)")->type_name("DIR");
  app->add_option("--report", *report, "Write the JSON report (refsim-campaign/1) to OUT (default <out>/report.json)")
      ->type_name("OUT");
  app->add_option("--fuzzer", *fuzzer, "The libFuzzer binary (default: fuzz/<target> next to refsim)")->type_name("PATH");
  app->add_option("--minimize-time", *minimize, "Seconds of minimization shared by the new findings (default 30)")
      ->type_name("SECONDS")
      ->check(CLI::Range(0, 86400));
  return {app, [=] {
            o->target = *fuzz::parse_target(*target);
            o->time = std::chrono::seconds(*seconds);
            if (*seed != 0) o->seed = static_cast<std::uint32_t>(*seed);
            o->corpus = *corpus;
            o->file_findings = !*no_file;
            o->out = out->empty() ? std::filesystem::path("fuzz-out") / *target : std::filesystem::path(*out);
            if (!report->empty()) o->report = *report;
            o->fuzzer = fuzzer->empty() ? default_fuzzer(*target) : std::filesystem::path(*fuzzer);
            o->minimize_time = std::chrono::seconds(*minimize);
            o->terminal = ::isatty(STDERR_FILENO) == 1;
            o->signals = &signals_seen;
            install_handlers();
            return campaign_command(*o, std::cout, std::cerr);
          }};
}

}  // namespace refsim::tools
