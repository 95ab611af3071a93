// Campaign summary: what a person sees at the end of a campaign, one screen: the totals, one line
// per claim (held, violated with known counterexamples, or VIOLATED with a new one in one line),
// where the new counterexamples and the report are. Every line fits kSummaryColumns.
#include "campaign/campaign_report.h"

#include "campaign/progress.h"

namespace refsim::campaign {

namespace {

/// The line, cut to kSummaryColumns with "..." when longer.
std::string fit(std::string line) {
  if (line.size() > kSummaryColumns) line = line.substr(0, kSummaryColumns - 3) + "...";
  return line;
}

std::string checked_text(const ClaimResult& c) {
  return grouped(c.executions - c.gave_up) + " executions checked, " + grouped(c.gave_up) + " gave up (work limit " +
         grouped(c.work_limit) + ")";
}

/// One line for a claim: its verdict, id and what backs the verdict.
std::string claim_line(const ClaimResult& c) {
  if (c.held()) return "  held      " + c.claim->id + ": " + checked_text(c);
  std::size_t fresh = 0;
  const Counterexample* first_new = nullptr;
  for (const Counterexample& x : c.counterexamples)
    if (x.is_new && ++fresh == 1) first_new = &x;
  const std::size_t known = c.counterexamples.size() - fresh;
  std::string tail = c.stale.empty() ? "" : "; " + counted(c.stale.size(), "stale recorded file");
  if (!first_new)
    return "  violated  " + c.claim->id + ": " + counted(known, "known counterexample") + " (" +
           grouped(c.executions) + " executions)" + tail;
  return "  VIOLATED  " + c.claim->id + " (" + grouped(fresh) + " new" + (known ? ", " + grouped(known) + " known" : "") +
         "): " + one_line(first_new->scenario) + tail;
}

}  // namespace

std::string campaign_summary(const CampaignRecord& r, std::size_t max_lines) {
  std::uint64_t held = 0, recorded = 0, unrecorded = 0;
  for (const ClaimResult& c : r.claims) {
    held += c.held();
    for (const Counterexample& x : c.counterexamples) {
      recorded += x.recorded.has_value();
      unrecorded += x.record_error.has_value();
    }
  }
  const std::uint64_t fresh = new_counterexamples(r);
  const std::uint64_t execs = r.run.status.final_execs ? *r.run.status.final_execs : r.run.status.execs;
  std::vector<std::string> head = {"campaign: " + counted(r.claims.size(), "claim") + ": " + grouped(held) + " held, " +
                                   grouped(r.claims.size() - held) + " violated, " +
                                   counted(fresh, "new counterexample") + "; " + counted(execs, "execution") + " in " +
                                   std::to_string(r.run.elapsed.count() / 1000) + " s (" +
                                   grouped(exec_per_sec(r.run)) + " exec/s)"};
  std::vector<std::string> tail;
  if (fresh > 0)
    tail.push_back("campaign: new counterexamples in " + (r.out / "counterexamples").string() +
                   "; `refsim run FILE` reproduces each");
  if (recorded > 0) tail.push_back("campaign: " + counted(recorded, "new counterexample") + " recorded as known");
  if (unrecorded > 0) tail.push_back("campaign: " + counted(unrecorded, "counterexample") + " not recorded: see the report");
  tail.push_back("campaign: report written to " + r.report.string());

  std::vector<std::string> body;
  for (const ClaimResult& c : r.claims) body.push_back(claim_line(c));
  if (head.size() + body.size() + tail.size() > max_lines && held > 1) {
    // The held claims in one line: the violated ones are what a person must see.
    body.clear();
    for (const ClaimResult& c : r.claims)
      if (!c.held()) body.push_back(claim_line(c));
    body.push_back("  held      " + counted(held, "claim") + ": see the report");
  }
  if (head.size() + body.size() + tail.size() > max_lines) {
    const std::size_t room = max_lines > head.size() + tail.size() + 1 ? max_lines - head.size() - tail.size() - 1 : 0;
    const std::size_t cut = body.size() - room;
    body.resize(room);
    body.push_back("  ... " + counted(cut, "more claim") + ": see the report");
  }
  std::string out;
  for (const auto* part : {&head, &body, &tail})
    for (const std::string& line : *part) out += fit(line) + "\n";
  return out;
}

}  // namespace refsim::campaign
