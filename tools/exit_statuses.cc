// Exit statuses per command: what 0 and 1 mean for each (2 is always bad input or usage).
#include "tools/exit_statuses.h"

#include "tools/exit_status.h"

namespace refsim::tools {
namespace {

struct Meanings {
  std::string_view command;
  std::string_view ok;      ///< ExitStatus::Ok
  std::string_view failed;  ///< ExitStatus::ExpectFailed; empty when the command never returns it
  std::string_view bad = "bad input or usage: one `refsim: ` line on stderr, nothing run, no file written";
};

constexpr Meanings kMeanings[] = {
    {"", "--help or --version", "", "an unknown or missing command, or bad usage: one `refsim: ` line on stderr"},
    {"run", "ran, and every expect block held", "ran, and some expect block failed (the report is still written)"},
    {"compare", "printed the comparison", ""},
    {"decode", "printed the scenario", "",
     "bad input (an unreadable file, an input that stands for no scenario) or usage: one `refsim: ` line"},
    {"replay", "every input passed",
     "an expect failed, a regression input changed behaviour, an input did not decode, or refsim has a bug "
     "(the report is still written)",
     "bad input or usage, or a PATH with nothing to replay: one `refsim: ` line, nothing run, no file written"},
    {"verify", "every scenario agrees with the interpreter",
     "some scenario disagrees (each disagreement on stderr; the report is still written)",
     "bad input or usage, an interpreter that cannot be used, or a scenario it cannot run faithfully: one "
     "`refsim: ` line"},
    {"campaign", "the campaign found nothing new", "the campaign found new findings (the report is still written)",
     "bad input or usage (a missing fuzzer binary: with the command that builds it), or libFuzzer failed"},
};

}  // namespace

std::string exit_status_help(std::string_view command) {
  for (const Meanings& m : kMeanings) {
    if (m.command != command) continue;
    std::string out = "Exit status:\n  " + std::to_string(static_cast<int>(ExitStatus::Ok)) + "  " + std::string(m.ok);
    if (!m.failed.empty())
      out += "\n  " + std::to_string(static_cast<int>(ExitStatus::ExpectFailed)) + "  " + std::string(m.failed);
    out += "\n  " + std::to_string(static_cast<int>(ExitStatus::BadInput)) + "  " + std::string(m.bad);
    return out + "\n";
  }
  return "";
}

}  // namespace refsim::tools
