// Report text tests: thousands separators, plurals, the tables and the expect result of one
// report, and the run's summary line (the CLI's text output: cli_output_test.cc).
#include "io/report_text.h"

#include "tests/cli_support.h"

namespace refsim {
namespace {

using namespace cli_test;

Json golden_first_report() { return Json::parse(slurp(kGolden + "/none-drain-3.14-32.report.json"))["reports"][0]; }

TEST(ReportText, separatesThousands) {
  EXPECT_EQ(with_separators("1879048192"), "1,879,048,192");
  EXPECT_EQ(with_separators("-1879048191"), "-1,879,048,191");
  EXPECT_EQ(with_separators("100"), "100");
  EXPECT_EQ(with_separators("1000"), "1,000");
  EXPECT_EQ(with_separators("0"), "0");
}

TEST(ReportText, rendersEventsObjectsAndTheExpectResult) {
  Json report = golden_first_report();
  report["expect"] = expect_json(std::vector<std::string>{"outcome: expected x"});
  const std::string text = report_text(report);
  EXPECT_NE(text.find("scenario  none-drain-3.14-32"), std::string::npos) << text;
  EXPECT_NE(text.find("runtime   3.14, 32-bit, release build, strategy as-shipped"), std::string::npos) << text;
  EXPECT_NE(text.find("outcome   survived after 1,879,048,192 steps"), std::string::npos) << text;
  EXPECT_NE(text.find("  805,306,369    [0]  none    deimmortalized  0x40000000   0x3fffffff\n"), std::string::npos) << text;
  EXPECT_NE(text.find("dealloc         0x00000001   0x50000000  reset\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  none  none  0x50000000  1,342,177,280  yes       alive  -1,879,048,191\n"), std::string::npos) << text;
  EXPECT_NE(text.find("expect    FAILED\n  outcome: expected x\n"), std::string::npos) << text;
  report["expect"] = expect_json(std::nullopt);
  EXPECT_NE(report_text(report).find("expect    (none)"), std::string::npos);
  report["expect"] = expect_json(std::vector<std::string>{});
  EXPECT_NE(report_text(report).find("expect    held"), std::string::npos);
}

TEST(ReportText, countsWithTheirNoun) {
  EXPECT_EQ(counted("1", "step"), "1 step");
  EXPECT_EQ(counted("0", "step"), "0 steps");
  EXPECT_EQ(counted("1000", "event"), "1,000 events");
  EXPECT_EQ(summary_text(RunSummary{1, 1, 0, 0, 0, 1}),
            "summary   1 scenario run: 0 crashed, 1 survived; expect held in 1, failed in 0, absent in 0\n");
}

}  // namespace
}  // namespace refsim
