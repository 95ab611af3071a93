// Campaign setup: loading claims, checking output paths, and the repeat command.
#include "tools/campaign_setup.h"

#include <unistd.h>

#include <algorithm>
#include <set>
#include <system_error>

#include "campaign/claims_json.h"
#include "io/read_file.h"
#include "io/scenario_json.h"

namespace refsim::tools {

namespace fs = std::filesystem;
using campaign::Claim;

namespace {

std::string shell_word(const std::string& word) {
  if (!word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=+:,") ==
                           std::string::npos)
    return word;
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::vector<Claim> load_claims(const CampaignOptions& o) {
  std::vector<Claim> all;
  if (o.claims_files.empty()) all = campaign::builtin_catalog();
  std::set<std::string> ids;
  for (const fs::path& file : o.claims_files) {
    const FileRead bytes = read_file(file);
    if (!bytes.ok()) throw SetupError{file.string() + ": " + bytes.error};
    auto parsed = campaign::parse_claims(bytes.bytes);
    if (auto* bad = std::get_if<SpecError>(&parsed)) throw SetupError{file.string() + ": " + describe(*bad)};
    for (Claim& c : std::get<std::vector<Claim>>(parsed)) {
      if (!ids.insert(c.id).second) throw SetupError{file.string() + ": claim \"" + c.id + "\" is also in an earlier claims file"};
      all.push_back(std::move(c));
    }
  }
  if (o.only.empty()) return all;
  std::vector<Claim> chosen;
  for (const std::string& id : o.only) {
    auto it = std::find_if(all.begin(), all.end(), [&](const Claim& c) { return c.id == id; });
    if (it == all.end()) throw SetupError{"--claim: no claim \"" + id + "\" in " + (o.claims_files.empty() ? "the catalog" : "the claims files")};
    chosen.push_back(*it);
  }
  return chosen;
}

void writable_folder(const fs::path& dir, const std::string& what) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) throw SetupError{dir.string() + ": cannot create " + what + ": " + error.message()};
  if (!fs::is_directory(dir, error)) throw SetupError{dir.string() + ": " + what + " is not a folder"};
  if (::access(dir.c_str(), W_OK) != 0) throw SetupError{dir.string() + ": cannot write to " + what};
}

void writable_file(const fs::path& file, const std::string& what) {
  std::error_code error;
  if (fs::is_directory(file, error)) throw SetupError{file.string() + ": " + what + " is a folder"};
  const fs::path parent = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  if (!fs::is_directory(parent, error)) throw SetupError{file.string() + ": no folder " + parent.string() + " for " + what};
  if (::access(parent.c_str(), W_OK) != 0) throw SetupError{file.string() + ": cannot write " + what + " into " + parent.string()};
}

std::string repeat_command(const CampaignOptions& o, std::uint32_t seed, const fs::path& out,
                           const std::optional<fs::path>& known) {
  std::vector<std::string> words = {o.self.empty() ? "refsim" : o.self.string(), "campaign"};
  for (const fs::path& f : o.claims_files) words.insert(words.end(), {"--claims", fs::absolute(f).string()});
  for (const std::string& id : o.only) words.insert(words.end(), {"--claim", id});
  words.insert(words.end(), {"--engine", o.engine == Engine::InProcess ? "in-process" : "libfuzzer", "--time",
                             std::to_string(o.time.count()), "--jobs", std::to_string(o.jobs), "--seed",
                             std::to_string(seed), "--out", out.string()});
  if (known) words.insert(words.end(), {"--known", fs::absolute(*known).string()});
  if (o.file) words.push_back("--file");
  if (o.until_broken) words.push_back("--until-broken");
  if (o.report) words.insert(words.end(), {"--report", fs::absolute(*o.report).string()});
  if (o.sarif) words.insert(words.end(), {"--sarif", fs::absolute(*o.sarif).string()});
  if (o.junit) words.insert(words.end(), {"--junit", fs::absolute(*o.junit).string()});
  if (o.engine == Engine::LibFuzzer) words.insert(words.end(), {"--fuzzer", fs::absolute(o.fuzzer).string()});
  words.insert(words.end(), {"--minimize-time", std::to_string(o.minimize_time.count())});
  if (!o.libfuzzer_flags.empty()) {
    words.push_back("--");
    words.insert(words.end(), o.libfuzzer_flags.begin(), o.libfuzzer_flags.end());
  }
  std::string line;
  for (const std::string& w : words) line += (line.empty() ? "" : " ") + shell_word(w);
  return line;
}

}  // namespace refsim::tools
