// Campaign results for CI pages: SARIF (io/sarif.h; one result per counterexample, for code
// scanning) and JUnit XML (io/junit_xml.h; one test case per claim, failed when a counterexample
// is new).
#pragma once

#include <filesystem>
#include <string>

#include "campaign/campaign_report.h"

namespace refsim::campaign {

/// One result per counterexample (a finding): rule = its claim's id, level error when it is new
/// (else note), the message = the claim's statement and the counterexample in one line with its
/// explanation and reproducer, the location = its own counterexample file (relative to `root` when
/// it lies under it, as code scanning wants paths in the checkout), its scenario attached as an
/// artifact located at that file, and its signature as the fingerprint.
std::string campaign_sarif(const CampaignRecord& record, const std::filesystem::path& root);

/// One case per claim (classname "campaign.claim"): passed when held or every counterexample is
/// known, failed with one failure per new counterexample.
std::string campaign_junit(const CampaignRecord& record);

}  // namespace refsim::campaign
